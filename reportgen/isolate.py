"""Run a reader in a child process with ceilings on memory and time: a crash cannot stop us.

calamine is Rust: a damaged file can make it panic (pyo3 raises PanicException, which is a
BaseException, after printing a Rust backtrace on stderr) or ask for terabytes because of a
count read from the file, which aborts the whole process — no Python handler runs. A forked
child with a ceiling on its address space and on its CPU time turns these, and a reader that
loops, into an ordinary error here, and keeps the Rust messages off the user's screen; a
wall-clock guard in the parent ends a child that blocks without using CPU.

The result comes back pickled, and is unpickled with a loader that builds only plain data and
this package's dataclasses: a child fooled into writing something else cannot make the parent
run code.
"""

import dataclasses
import faulthandler
import gc
import io
import os
import pickle
import resource
import select
import signal
import sys
import time
import traceback

MAX_CHILD_MEMORY = 512 * 1024 * 1024  # address space a reader may add to what it inherits

_in_child = False  # set in a child: a nested call runs in place, under the same ceilings


class ChildFailed(Exception):
    """The child raised, crashed, or ran out of memory or time; the text says which.

    `crashed` is True when the child died, was stopped by a ceiling, ran out of memory or
    panicked (what a hostile or damaged input can cause), False when it raised an ordinary
    exception (a bug, whose traceback is in `detail`).
    """

    def __init__(self, message: str, crashed: bool = True, detail: str = ""):
        super().__init__(message)
        self.crashed, self.detail = crashed, detail


def call_isolated(
    func,
    *args,
    memory: int = MAX_CHILD_MEMORY,
    cpu_seconds: int | None = None,
    wall_seconds: float | None = None,
):
    """Return func(*args) computed in a forked child; raise ChildFailed if it fails.

    The child may add `memory` bytes of address space to what it inherits, use `cpu_seconds`
    of CPU time, and is killed after `wall_seconds` (None: no such limit). Inside such a child
    (and where there is no fork, on Windows) func runs in place and its exceptions pass as
    they are.
    """
    if _in_child or not hasattr(os, "fork"):
        return func(*args)
    read_end, write_end = os.pipe()
    # The objects there are now stay out of the child's garbage collections: a collection
    # writes to every object it visits, which would copy the whole heap page by page.
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        _run_child(write_end, func, args, memory, cpu_seconds)
    gc.unfreeze()
    os.close(write_end)
    try:
        data = _receive(read_end, pid, wall_seconds)
    finally:
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if not data:
        raise ChildFailed(f"reader died ({_describe(status)})")
    try:
        kind, payload = _DataUnpickler(io.BytesIO(data)).load()
    except Exception as exc:  # not what _run_child writes
        raise ChildFailed(f"reader sent something that is not data: {exc}"[:2000]) from None
    if kind == "ok":
        return payload
    crashed, message, detail = payload
    raise ChildFailed(message, crashed, detail)


def _receive(fd: int, pid: int, wall_seconds: float | None) -> bytes:
    """Read the child's answer until it closes the pipe; kill it when time is up."""
    deadline = None if wall_seconds is None else time.monotonic() + wall_seconds
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    chunks = []
    while True:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not poller.poll(left * 1000):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise ChildFailed(f"reader stopped after {wall_seconds:g} s")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _run_child(write_end: int, func, args, memory: int, cpu_seconds: int | None) -> None:
    global _in_child
    try:
        _in_child = True
        faulthandler.disable()  # a crash here is reported by the parent, not dumped
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # Rust panics and allocation failures print here
        _limit(resource.RLIMIT_CORE, 0)  # an abort leaves no core file behind
        _limit_memory(memory)
        if cpu_seconds is not None:  # past it the kernel sends SIGXCPU, which ends the child
            _limit(resource.RLIMIT_CPU, cpu_seconds)
        try:
            data = pickle.dumps(("ok", func(*args)), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # includes pyo3's PanicException
            # MemoryError, a Rust panic and a too-deep input are what a hostile file can cause;
            # any other exception is a bug in our code, passed on with its traceback.
            crashed = isinstance(exc, MemoryError | RecursionError) or _is_panic(exc)
            message = f"{type(exc).__name__}: {exc}"[:2000]
            detail = "" if crashed else "".join(traceback.format_exception(exc))[-20_000:]
            data = pickle.dumps(("error", (crashed, message, detail)))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)  # never return into the parent's code (tests, atexit handlers)


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _limit(kind: int, soft: int) -> None:
    """Lower a resource's soft limit (never above its hard limit)."""
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(kind, (soft, hard))


def _limit_memory(memory: int) -> None:
    try:
        with open("/proc/self/statm") as fh:
            inherited = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # no /proc (macOS): the child runs without a ceiling
        return
    _limit(resource.RLIMIT_AS, inherited + memory)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit {os.waitstatus_to_exitcode(status)}"


# What an answer may be made of besides containers, numbers and text: this package's
# dataclasses, and a few value types of the standard library (the copyreg helper rebuilds
# objects of these).
_SAFE_GLOBALS = {
    ("builtins", "bytearray"),
    ("builtins", "frozenset"),
    ("builtins", "object"),
    ("builtins", "set"),
    ("collections", "OrderedDict"),
    ("copyreg", "_reconstructor"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("decimal", "Decimal"),
    ("pathlib", "PosixPath"),
    ("pathlib", "PurePosixPath"),
    ("pathlib", "PureWindowsPath"),
    ("pathlib", "WindowsPath"),
}


class _DataUnpickler(pickle.Unpickler):
    """Unpickle plain data and this package's dataclasses; refuse any other global."""

    def find_class(self, module: str, name: str):
        if (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        if module.partition(".")[0] == "reportgen" and "." not in name and module in sys.modules:
            found = getattr(sys.modules[module], name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")
