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
CPU_GRACE = 2  # seconds between SIGXCPU and SIGKILL, for a child that handles SIGXCPU

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
        status = os.waitpid(pid, 0)[1]
    if not data:
        raise ChildFailed(f"reader died ({_describe(status)})")
    return _unpack(data)


def _receive(fd: int, pid: int, wall_seconds: float | None, size: int | None = None) -> bytes:
    """Read `size` bytes of the child's answer, or all until it closes the pipe.

    Kill the child when time is up. Fewer bytes than `size` mean the child died.
    """
    deadline = None if wall_seconds is None else time.monotonic() + wall_seconds
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    chunks, got = [], 0
    while size is None or got < size:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not poller.poll(left * 1000):
                os.kill(pid, signal.SIGKILL)  # waited for by the caller
                raise ChildFailed(f"reader stopped after {wall_seconds:g} s")
        chunk = os.read(fd, 1 << 20 if size is None else min(1 << 20, size - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


class Reader:
    """A child process that runs func on one input after another, each under the ceilings.

    Forking for every input doubles the cost of a small one: the child copies each page it
    touches and fills every cache again. A Reader is forked once and serves many inputs; the
    CPU ceiling is renewed for each. An input that crashes it or stops it at a ceiling is tried
    again in a child of its own (call_isolated), so that nothing left behind by an earlier
    input decides its outcome; the Reader then starts afresh. It also starts afresh after
    RENEW_AFTER inputs, so that memory left fragmented by earlier inputs does not build up.

    Only the arguments of each call cross to the child (pickled): give func the rest bound,
    e.g. with functools.partial, before the first call.
    """

    RENEW_AFTER = 250

    def __init__(self, func, *, memory=MAX_CHILD_MEMORY, cpu_seconds=None, wall_seconds=None):
        self.func = func
        self.limits = {"memory": memory, "cpu_seconds": cpu_seconds, "wall_seconds": wall_seconds}
        self.pid = 0
        self.served = 0
        self.to_child = self.from_child = -1

    def __call__(self, *args):
        """Return func(*args) computed in the reader; raise ChildFailed like call_isolated."""
        if _in_child or not hasattr(os, "fork"):
            return self.func(*args)
        if not self.pid or self.served >= self.RENEW_AFTER:
            self._start()
        self.served += 1
        try:
            return self._ask(args)
        except ChildFailed as exc:
            if not exc.crashed:
                raise
            self.close()
            return call_isolated(self.func, *args, **self.limits)

    def close(self) -> None:
        """End the child (it ends by itself when its pipe closes); wait for it."""
        if not self.pid:
            return
        os.close(self.to_child)
        os.close(self.from_child)
        # Not waited for until now, so the pid is still the child's even if it has ended.
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.pid = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _start(self) -> None:
        self.close()
        to_child, commands = os.pipe()[::-1]
        answers, from_child = os.pipe()[::-1]
        gc.freeze()  # see call_isolated
        pid = os.fork()
        if pid == 0:
            os.close(to_child)
            os.close(from_child)
            self._serve(commands, answers)
        gc.unfreeze()
        os.close(commands)
        os.close(answers)
        self.pid, self.to_child, self.from_child = pid, to_child, from_child
        self.served = 0

    def _serve(self, commands: int, answers: int) -> None:
        try:
            _enter_child(self.limits["memory"])
            cpu = self.limits["cpu_seconds"]
            with os.fdopen(commands, "rb") as source, os.fdopen(answers, "wb") as sink:
                while True:
                    try:
                        args = pickle.load(source)  # from the parent, trusted
                    except EOFError:  # the parent closed the pipe, or ended
                        break
                    if cpu is not None:  # this input's CPU time, on top of what is used
                        used = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
                        _limit(resource.RLIMIT_CPU, int(used) + 1 + cpu)
                    data = _answer(self.func, args)
                    sink.write(len(data).to_bytes(8, "little") + data)
                    sink.flush()
        finally:
            os._exit(0)

    def _ask(self, args):
        try:
            with open(self.to_child, "wb", buffering=0, closefd=False) as pipe:
                pipe.write(pickle.dumps(args, pickle.HIGHEST_PROTOCOL))
        except BrokenPipeError:
            raise ChildFailed("reader died") from None
        wall = self.limits["wall_seconds"]
        head = _receive(self.from_child, self.pid, wall, 8)
        size = int.from_bytes(head, "little") if len(head) == 8 else 0
        data = _receive(self.from_child, self.pid, wall, size) if size else b""
        if not size or len(data) < size:
            raise ChildFailed("reader died")
        return _unpack(data)


def _run_child(write_end: int, func, args, memory: int, cpu_seconds: int | None) -> None:
    try:
        _enter_child(memory)
        if cpu_seconds is not None:  # past it the kernel sends SIGXCPU, which ends the child
            _limit_cpu(cpu_seconds)
        data = _answer(func, args)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)  # never return into the parent's code (tests, atexit handlers)


def _enter_child(memory: int) -> None:
    global _in_child
    _in_child = True
    faulthandler.disable()  # a crash here is reported by the parent, not dumped
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # Rust panics and allocation failures print here
    _limit(resource.RLIMIT_CORE, 0)  # an abort leaves no core file behind
    _limit_memory(memory)


def _answer(func, args) -> bytes:
    """Return func(*args), or what it raised, pickled for the parent."""
    try:
        return pickle.dumps(("ok", func(*args)), pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # includes pyo3's PanicException
        # MemoryError, a Rust panic and a too-deep input are what a hostile file can cause;
        # any other exception is a bug in our code, passed on with its traceback.
        crashed = isinstance(exc, MemoryError | RecursionError) or _is_panic(exc)
        message = f"{type(exc).__name__}: {exc}"[:2000]
        detail = "" if crashed else "".join(traceback.format_exception(exc))[-20_000:]
        return pickle.dumps(("error", (crashed, message, detail)))


def _unpack(data: bytes):
    """Return the result the child sent, or raise ChildFailed with what it reported."""
    try:
        kind, payload = _DataUnpickler(io.BytesIO(data)).load()
    except Exception as exc:  # not what _answer writes
        raise ChildFailed(f"reader sent something that is not data: {exc}"[:2000]) from None
    if kind == "ok":
        return payload
    crashed, message, detail = payload
    raise ChildFailed(message, crashed, detail)


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _limit(kind: int, soft: int) -> None:
    """Lower a resource's soft limit (never above its hard limit)."""
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(kind, (soft, hard))


def _limit_cpu(seconds: int) -> None:
    """Give the child `seconds` of CPU time: then SIGXCPU, which ends it unless handled (the
    template render handles it to say where it was), and SIGKILL CPU_GRACE seconds later."""
    soft = max(1, int(seconds))
    hard = soft + CPU_GRACE
    _, old_hard = resource.getrlimit(resource.RLIMIT_CPU)
    if old_hard != resource.RLIM_INFINITY:
        soft, hard = min(soft, old_hard), min(hard, old_hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


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
