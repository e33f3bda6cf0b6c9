"""Run a reader in a child process with a memory ceiling, so that a crash cannot take us down.

calamine is Rust: a damaged file can make it panic (pyo3 raises PanicException, which is a
BaseException, after printing a Rust backtrace on stderr) or ask for terabytes because of a
count read from the file, which aborts the whole process — no Python handler runs. A forked
child with a ceiling on its address space turns both into an ordinary error here, and keeps
the Rust messages off the user's screen.
"""

import faulthandler
import os
import pickle
import resource

MAX_CHILD_MEMORY = 512 * 1024 * 1024  # address space a reader may add to what it inherits
CPU_GRACE = 2  # seconds between SIGXCPU and SIGKILL, for a child that handles SIGXCPU


class ChildFailed(Exception):
    """The child raised, crashed or ran out of memory; the text says which."""


def call_isolated(func, *args, cpu_seconds: int | None = None):
    """Return func(*args) computed in a forked child; raise ChildFailed if it fails.

    With cpu_seconds, the child also gets that much CPU time: then SIGXCPU, which ends it
    unless func handles the signal, and SIGKILL CPU_GRACE seconds later in any case.
    """
    if not hasattr(os, "fork"):  # no fork (Windows): read in this process
        return func(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        _run_child(write_end, func, args, cpu_seconds)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise ChildFailed(f"reader died ({_describe(status)})")
    kind, payload = pickle.loads(data)
    if kind == "error":
        raise ChildFailed(payload)
    return payload


def _run_child(write_end: int, func, args, cpu_seconds: int | None = None) -> None:
    try:
        faulthandler.disable()  # a crash here is reported by the parent, not dumped
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # Rust panics and allocation failures print here
        _limit_memory()
        if cpu_seconds:
            _limit_cpu(cpu_seconds)
        try:
            data = pickle.dumps(("ok", func(*args)))
        except BaseException as exc:  # includes pyo3's PanicException
            data = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"[:2000]))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)  # never return into the parent's code (tests, atexit handlers)


def _limit_memory() -> None:
    try:
        with open("/proc/self/statm") as fh:
            inherited = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # no /proc (macOS): the child runs without a ceiling
        return
    ceiling = inherited + MAX_CHILD_MEMORY
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))


def _limit_cpu(seconds: int) -> None:
    soft = max(1, int(seconds))
    hard = soft + CPU_GRACE
    _, old_hard = resource.getrlimit(resource.RLIMIT_CPU)
    if old_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, old_hard), min(hard, old_hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit {os.waitstatus_to_exitcode(status)}"
