"""Write outputs safely: a run's files replace the whole out folder in one step, or nothing.

A run (build or check) makes a new version of its out folder beside it, in a hidden sibling
`.<name>.new-…`: the files it writes, plus hard links to everything else the folder held
(the other command's outputs, the user's own files) and a copy of the files it appends to
(the run log). The new version then takes the folder's place in one atomic step
(renameat2 RENAME_EXCHANGE on Linux), so that after `kill -9` at any moment the folder holds
either the whole previous set or the whole new one. The folder stays a real folder: file
managers, `cp -r` and `zip` see ordinary files. Where the exchange is not supported (macOS,
NFS), two renames are used, and a run killed between them is rolled back by the next run.

A lock file `.<name>.lock` beside the folder lets one run at a time write it; the next run,
under that lock, removes whatever a killed run left (staging folders, old versions, and the
hidden .tmp/.bak files of versions before this one).
"""

import contextlib
import ctypes
import datetime as dt
import errno
import io
import logging
import os
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reportgen import messages as msg
from reportgen.errors import OutputBusy, OutputFolderUnsafe

log = logging.getLogger(__name__)

LOCK_WAIT_SECONDS = 60.0  # a second run waits this long for the first to finish writing
_LOCK_POLL_SECONDS = 0.1
# Test hook (tests/test_output_set.py): with this variable set to a step's name, a run stops
# at that step, says so on stderr and waits for a line on stdin, so that a test can kill it
# exactly there. Unset (always, in real use) it does nothing.
PAUSE_ENV = "REPORTGEN_TEST_PAUSE_AT"
# Hidden files of the per-file writes before this version (mkstemp's 8 random characters).
_LEGACY_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.(tmp|bak)$")
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_set(
    out_dir: Path,
    files: dict[str, bytes],
    copied: Iterable[str] = (),
    before_switch: Callable[[Path, list[Path]], object] | None = None,
    protected: Iterable[Path] = (),
    owned: Iterable[str] = (),
) -> list[Path]:
    """Replace out_dir by a new version holding `files` and everything else it held.

    `copied` names files that `before_switch(folder, staged_paths)` will append to: they are
    copied into the new version rather than linked, so that the previous version is never
    changed. `protected` are folders (the inputs, the templates) that must not be inside
    out_dir, since the whole folder is replaced. A file's name may hold one subfolder
    ("gui-don-vi/340-dong-hung.xlsx"); `owned` names subfolders that this run writes whole:
    they are not carried over, so that no file of an earlier run stays in them. Return the
    paths of the written files under out_dir.
    """
    target = Path(os.path.realpath(out_dir))  # a symlinked out folder: replace what it points to
    for folder in protected:
        real = Path(os.path.realpath(folder))
        if real == target or target in real.parents:
            raise OutputFolderUnsafe(msg.OUTPUT_HOLDS.format(folder=out_dir, inner=folder))
    parent, name = target.parent, target.name
    if os.path.lexists(target) and not target.is_dir():  # a file is never swapped for a folder
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(out_dir))
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where a folder of the path should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(out_dir)) from exc
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(out_dir)) from exc
    with _locked(parent / f".{name}.lock", out_dir):
        _remove_leftovers(parent, name, target)
        stage = Path(tempfile.mkdtemp(dir=parent, prefix=f".{name}.new-"))
        switched, old = False, None
        try:
            mode = 0o777 & ~_umask()
            if target.is_dir():
                mode = target.stat().st_mode & 0o7777
                _carry_over(target, stage, set(copied), set(owned))
            os.chmod(stage, mode)  # mkdtemp makes 0700; the folder is for sharing
            staged = _write_into(stage, files, out_dir)
            if before_switch is not None:
                before_switch(stage, staged)
            _fsync_dir(stage)
            _pause("staged")
            try:
                old = _switch(stage, target)
                switched = True
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(out_dir)) from exc
            _fsync_dir(parent)
        finally:
            if not switched:  # the staging folder is a leftover; the previous version stays
                shutil.rmtree(stage, ignore_errors=True)
        _pause("switched")
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)  # the next run retries what this one cannot
    return [out_dir / path.relative_to(stage) for path in staged]


def write_files(files: dict[Path, bytes]) -> list[Path]:
    """Write every file or none of them; all must be in one folder (see write_set)."""
    folders = {target.parent for target in files}
    if len(folders) != 1:
        raise ValueError("write_files writes into one folder at a time")
    return write_set(folders.pop(), {target.name: content for target, content in files.items()})


@contextlib.contextmanager
def _locked(lock_path: Path, shown: Path) -> Iterator[None]:
    """Hold the out folder's lock; wait up to LOCK_WAIT_SECONDS, then raise OutputBusy."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): one run at a time is up to the user
        yield
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(shown)) from exc
    try:

        def take() -> bool:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        if not take():
            log.warning(msg.OUTPUT_WAITING.format(folder=shown))
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            while not take():
                if time.monotonic() >= deadline:
                    raise OutputBusy(msg.OUTPUT_BUSY.format(folder=shown))
                time.sleep(_LOCK_POLL_SECONDS)
        _pause("locked")
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays, as removing it would race


def _remove_leftovers(parent: Path, name: str, target: Path) -> None:
    """Remove what a killed run left beside the folder; put back a version moved aside."""
    staging, old = [], []
    for entry in sorted(os.scandir(parent), key=lambda e: e.name):
        if entry.name.startswith(f".{name}.new-"):
            staging.append(entry.path)
        elif entry.name.startswith(f".{name}.old-"):
            old.append(entry.path)
    if old and not os.path.lexists(target):  # killed between the two renames of _switch
        os.rename(old.pop(), target)
    for path in staging + old:
        shutil.rmtree(path, ignore_errors=True)


def _carry_over(current: Path, stage: Path, copied: set[str], owned: set[str]) -> None:
    """Fill the new version with what the current one holds: hard links, copies for `copied`.

    The `owned` subfolders are left out: the run writes them anew.
    """
    for entry in os.scandir(current):
        if _LEGACY_TEMP.match(entry.name) or entry.name in owned:
            continue
        destination = stage / entry.name
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, destination, symlinks=True, copy_function=_link)
        elif entry.name in copied and entry.is_file(follow_symlinks=False):
            shutil.copy2(entry.path, destination)
        else:
            _link(entry.path, destination)


def _link(source: str, destination: str) -> None:
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError:  # no hard links on this file system
        shutil.copy2(source, destination, follow_symlinks=False)


def _write_into(stage: Path, files: dict[str, bytes], shown: Path) -> list[Path]:
    """Write each file into the staging folder; name the out folder's path in any error."""
    written = []
    for name, content in files.items():
        path = stage / name
        try:
            path.parent.mkdir(exist_ok=True)  # one subfolder at most (see write_set)
            # A link to the previous version's file: never write through it.
            path.unlink(missing_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(shown / name)) from exc
        written.append(path)
        _pause("staging")
    return written


def _switch(stage: Path, target: Path) -> Path | None:
    """Put the staging folder in the target's place; return where the old version now is."""
    if not os.path.lexists(target):
        os.rename(stage, target)
        return None
    if _exchange(stage, target):
        return stage
    old = stage.with_name(stage.name.replace(".new-", ".old-", 1))
    os.rename(target, old)
    _pause("moved-aside")
    try:
        os.rename(stage, target)
    except BaseException:
        os.rename(old, target)
        raise
    return old


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step; return False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE):
        error = ctypes.get_errno()
        if error in _NO_EXCHANGE:
            return False
        raise OSError(error, os.strerror(error), str(second))
    return True


def _renameat2():
    """Return libc's renameat2 (Linux, glibc ≥ 2.28), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        func = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pause(step: str) -> None:
    """Test hook: stop at `step` when PAUSE_ENV names it (see PAUSE_ENV)."""
    if os.environ.get(PAUSE_ENV) == step:
        sys.stderr.write(f"{PAUSE_ENV}={step}\n")
        sys.stderr.flush()
        sys.stdin.readline()


def write_new_file(target: Path, content: bytes) -> bool:
    """Write a file only if it does not exist yet; return False when it was already there.

    The content is staged first and then linked into place, which fails if the target
    appeared meanwhile: an existing file is never overwritten, and never left half-written.
    """
    if target.exists():
        return False
    tmp = _stage(target, content)
    try:
        os.link(tmp, target)
    except FileExistsError:
        return False
    except OSError:  # no hard links on this file system: create exclusively, then fill
        return _write_exclusively(target, content)
    finally:
        os.unlink(tmp)
    return True


def _stage(target: Path, content: bytes) -> str:
    """Write content to a new temporary file in the target's folder; return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
    except BaseException as exc:
        os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        raise
    return tmp


def _write_exclusively(target: Path, content: bytes) -> bool:
    try:
        fh = open(target, "xb")
    except FileExistsError:
        return False
    try:
        with fh:
            fh.write(content)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return True


_CORE_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def pin_zip(data: bytes, date: dt.date | None) -> bytes:
    """Rewrite an Office zip with fixed timestamps, so that the same inputs give the same bytes."""
    day = date or dt.date(2000, 1, 1)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            pinned = zipfile.ZipInfo(info.filename, date_time=stamp)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" at save time
                content = _CORE_MODIFIED.sub(
                    rb"\g<1>" + f"{day.isoformat()}T00:00:00Z".encode() + rb"\g<2>", content
                )
            target.writestr(pinned, content)
    return out.getvalue()
