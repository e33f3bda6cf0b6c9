"""Read and check many workbooks: through a cache of earlier results, on every core.

Reading and checking one workbook depends only on its bytes and name, the year, the
declarative files and this package's code; the cache key covers all of them, so any change
to one of them is a miss. Results are kept as sealed JSON entries (cache_entry.py) under the
cache folder (default `.reportgen-cache/` in the current folder; REPORTGEN_CACHE to move it,
or "off"): data only, never code.

Each workbook is read once: its bytes are hashed and parsed from the same buffer, so the
digest that keys its entry and names it in the run log is that of the bytes actually checked,
even when the file changes during the run.
"""

import functools
import hashlib
import logging
import multiprocessing
import multiprocessing.util
import os
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from reportgen.checks.cache import cache_dir, code_digest, prune
from reportgen.checks.cache_entry import MAX_ENTRY_BYTES, BadEntry, entry_bytes, read_entry
from reportgen.checks.one_workbook import inspect_workbook
from reportgen.checks.records import WorkbookCheck
from reportgen.checks.rule_table import READER_FAILED, problem, spec_of
from reportgen.declared.catalog import Catalog
from reportgen.declared.periods import Period
from reportgen.declared.units import Registry
from reportgen.inputs.isolate import ChildFailed, Reader, call_isolated
from reportgen.inputs.read import (
    LoadError,
    not_a_file_problem,
    read_input,
    read_workbook,
    unreadable_problem,
)
from reportgen.inputs.regular import is_regular
from reportgen.problems import Problem
from reportgen.visible import shown_name, visible

log = logging.getLogger(__name__)

PARALLEL_FROM = 40  # fewer files are checked in this process: a pool costs ~0.1 s to start
ENTRY_SUFFIX = ".json"

Outcome = WorkbookCheck | Problem  # a checked workbook, or the one problem of an unreadable one


@dataclass(frozen=True)
class Inspected:
    """One workbook's outcome and the SHA-256 of the bytes it came from ("" if none read)."""

    outcome: Outcome
    sha256: str


def inspect_path(
    path: Path,
    catalog: Catalog,
    registry: Registry,
    year: int,
    reader: Reader | None = None,
    period: Period | None = None,
) -> Inspected:
    """Read and check one workbook; an unreadable one is one located problem.

    Both happen in a child process with ceilings on memory and time (limits.READ_*), so that a
    workbook that crashes or stalls its reader costs one problem, not the run; only the outcome
    (a few kB) comes back. The child is `reader` (from _new_reader) when given, else one forked
    for this workbook alone.
    """
    from reportgen.inputs import limits  # imported here: a run served from the cache reads nothing

    _prepare(registry, year)  # before the child is forked: it inherits what is computed
    try:
        if reader is not None:
            inspected = reader(path)
        else:
            inspected = call_isolated(
                _inspect_here, path, catalog, registry, year, period, **_ceilings()
            )
    except ChildFailed as exc:
        if not exc.crashed:  # a bug of ours, not the file's doing
            log.debug("checking %s failed: %s", path, exc.detail)
            raise
        log.debug("reading %s stopped: %s", path, exc)
        inspected = None
    shown = shown_name(path.name)
    if not isinstance(inspected, Inspected) or inspected.outcome.file != shown:
        refusal = limits.reader_failed()
        return Inspected(problem(refusal.spec, file=shown, message=refusal.message), "")
    return inspected


def _ceilings() -> dict:
    from reportgen.inputs import limits

    return {
        "memory": limits.READ_MEMORY,
        "cpu_seconds": limits.READ_CPU_SECONDS,
        "wall_seconds": limits.READ_WALL_SECONDS,
    }


def _new_reader(
    catalog: Catalog, registry: Registry, year: int, period: Period | None = None
) -> Reader:
    """Return a child process that reads and checks one workbook after another."""
    inspect = functools.partial(
        _inspect_here, catalog=catalog, registry=registry, year=year, period=period
    )
    return Reader(inspect, **_ceilings())


def _prepare(registry: Registry, year: int) -> None:
    """Compute here, once, what each workbook's child would otherwise compute and throw away.

    The registry's indexes take tens of ms at 1,000 units, the reader's imports (XML, zip and
    OLE parsers) about as much: per child, that tripled the cost of a check. Errors in the
    declarative files are raised here too, as they always were, not inside a child.
    """
    import encodings.cp437  # noqa: F401 - zipfile decodes member names with it
    import zipfile  # noqa: F401

    from reportgen.inputs import prescan  # noqa: F401

    registry.unit_index(year)
    registry.commune_index(year)


def _inspect_here(
    path: Path, catalog: Catalog, registry: Registry, year: int, period: Period | None = None
) -> Inspected:
    """Read and check one workbook in this process (the reader's child).

    The bytes are read once, hashed and parsed from the same buffer.
    """
    digest = ""
    try:
        data = read_input(path)
        digest = hashlib.sha256(data).hexdigest()
        raw = read_workbook(path, data)
    except LoadError as exc:
        sheet = visible(exc.sheet)  # a sheet name is typed too
        found = problem(exc.spec, file=shown_name(path.name), sheet=sheet, cell=exc.cell,
                        message=str(exc))  # fmt: skip
        return Inspected(found, digest)
    except OSError as exc:  # gone, or not allowed, since it was looked at
        return Inspected(unreadable_problem(path, exc), digest)
    return Inspected(inspect_workbook(raw, catalog, registry, year, period), digest)


def _special(path: Path) -> Problem | None:
    """Return the one problem of a path that is no readable regular file, before any open.

    A FIFO would block the first read forever; a folder or a device is no workbook either.
    """
    try:
        if not is_regular(path):
            return not_a_file_problem(path)
    except OSError as exc:  # a broken link, or a folder we may not look into
        return unreadable_problem(path, exc)
    return None


def inspect_all(
    paths: list[Path],
    catalog: Catalog,
    registry: Registry,
    year: int,
    config_digest: str,
    progress: Callable[[Path, int, int], None] | None = None,
    period: Period | None = None,
) -> list[Inspected]:
    """Return the outcome of each workbook, in the order given, whatever ran in parallel.

    period: the report period the folder holds (None: the whole year).
    """
    scope = _scope(year, period)
    cache = cache_dir()
    found: list[Inspected | None] = []
    for path in paths:
        special = _special(path)  # before any open: a FIFO would block the first read
        if special is not None:
            found.append(Inspected(special, ""))
        else:
            found.append(_lookup(cache, path, scope, config_digest) if cache else None)
    todo = [i for i, known in enumerate(found) if known is None]
    done = 0

    def advance(path: Path) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(path, done, len(paths))

    for i in range(len(paths)):
        if found[i] is not None:
            advance(paths[i])
    fresh = _run([paths[i] for i in todo], catalog, registry, year, advance, period)
    for i, inspected in zip(todo, fresh, strict=True):
        found[i] = inspected
        # A reader stopped by a ceiling may pass on a quieter or larger machine: not kept.
        outcome = inspected.outcome
        failed = isinstance(outcome, Problem) and spec_of(outcome) is READER_FAILED
        if cache is not None and inspected.sha256 and not failed:
            # Keyed by the bytes it was made from, which may not be those looked up.
            _store(cache, _key(paths[i], scope, config_digest, inspected.sha256), inspected)
    if cache is not None:
        prune(cache)
    return found


def _run(paths, catalog, registry, year, progress, period=None) -> Iterable[Inspected]:
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        with _new_reader(catalog, registry, year, period) as reader:
            for path in paths:
                inspected = inspect_path(path, catalog, registry, year, reader, period)
                progress(path)
                yield inspected
        return
    workers = min(os.cpu_count() or 2, 8)
    _prepare(registry, year)  # before the workers are forked: each inherits it
    # fork is cheap, but unsafe beside other threads (the preview server); spawn then.
    method = "fork" if threading.active_count() == 1 else "spawn"
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(catalog, registry, year, period),
    ) as pool:
        chunk = max(1, min(64, len(paths) // (workers * 4)))
        for path, inspected in zip(paths, pool.map(_work, paths, chunksize=chunk), strict=True):
            progress(path)
            yield inspected


_WORKER: dict = {}


def _init_worker(catalog, registry, year, period=None) -> None:
    _WORKER.update(catalog=catalog, registry=registry, year=year, period=period)


def _work(path: Path) -> Inspected:
    catalog, registry, year = _WORKER["catalog"], _WORKER["registry"], _WORKER["year"]
    period = _WORKER.get("period")
    if "reader" not in _WORKER:
        reader = _WORKER["reader"] = _new_reader(catalog, registry, year, period)
        # Waited for when the worker ends, so that its time and memory count in the run's.
        multiprocessing.util.Finalize(reader, reader.close, exitpriority=10)
    return inspect_path(path, catalog, registry, year, _WORKER["reader"], period)


def _scope(year: int, period: Period | None) -> str:
    """Return what a check depends on besides the bytes: the year, and a period's code and
    name (the workbook's "Kỳ báo cáo" is checked against them); a year's stays "2019"."""
    if period is None or period.annual:
        return str(year)
    return f"{year}\0{period.code}\0{period.name}"


def _key(path: Path, scope: str, config: str, input_sha256: str) -> str:
    digest = hashlib.sha256()
    for part in (shown_name(path.name), scope, config, code_digest(), input_sha256):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _lookup(cache: Path, path: Path, scope: str, config: str) -> Inspected | None:
    """Return the cached outcome of a workbook as it is now on disk, or None (a miss)."""
    from reportgen.inputs.limits import (
        MAX_FILE_BYTES,
    )  # here: a check served from the cache skips it

    try:
        with path.open("rb") as fh:
            if os.fstat(fh.fileno()).st_size > MAX_FILE_BYTES:
                return None  # refused by inspect_path, without hashing gigabytes first
            input_sha256 = hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None  # read for real, and reported, by inspect_path
    key = _key(path, scope, config, input_sha256)
    entry = cache / f"{key}{ENTRY_SUFFIX}"
    try:
        outcome = read_entry(_read_regular(entry, MAX_ENTRY_BYTES + 1), key, input_sha256)
    except FileNotFoundError:
        return None
    except (OSError, BadEntry) as exc:  # damaged or edited: a miss, and written again
        log.debug("cache entry %s unusable: %r", key, exc)
        return None
    try:
        os.utime(entry)  # used now: kept by prune for another MAX_AGE_DAYS
    except OSError:
        pass
    return Inspected(outcome, input_sha256)


def _read_regular(path: Path, limit: int) -> bytes:
    """Return at most `limit` bytes of a regular file; raise OSError for anything else.

    Not a symbolic link (to /dev/zero, say), not a FIFO (opening one would wait forever).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        return fh.read(limit)


def _store(cache: Path, key: str, inspected: Inspected) -> None:
    try:
        data = entry_bytes(key, inspected.sha256, inspected.outcome)
    except BadEntry as exc:  # a value the format has no place for: not cached
        log.debug("not cached %s: %r", key, exc)
        return
    # Renamed into place so that a reader never sees half an entry; no fsync: a lost entry
    # is only a miss.
    tmp = None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, prefix=f".{key}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, cache / f"{key}{ENTRY_SUFFIX}")
    except OSError as exc:  # a read-only or full disk only costs speed
        log.debug("cannot cache %s: %r", key, exc)
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
