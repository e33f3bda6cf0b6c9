"""Read and check many workbooks: through a cache of earlier results, on every core.

Reading and checking one workbook depends only on its bytes and name, the year, the
declarative files and this package's code; the cache key covers all of them, so any change
to one of them is a miss. Results are kept as pickles under the cache folder (default
`.reportgen-cache/` in the current folder; REPORTGEN_CACHE to move it, or "off").
"""

import functools
import hashlib
import logging
import multiprocessing
import multiprocessing.util
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from reportgen.cache import cache_dir, code_digest, file_sha256, prune
from reportgen.catalog import Catalog, Registry
from reportgen.check import WorkbookCheck, inspect_workbook
from reportgen.isolate import ChildFailed, Reader, call_isolated
from reportgen.load import LoadError, read_workbook
from reportgen.problems import ERROR, Problem

log = logging.getLogger(__name__)

PARALLEL_FROM = 40  # fewer files are checked in this process: a pool costs ~0.1 s to start

Outcome = WorkbookCheck | Problem  # a checked workbook, or the one problem of an unreadable one
READER_FAILED = "reader_failed"  # the rule of limits.reader_failed()


def inspect_path(
    path: Path, catalog: Catalog, registry: Registry, year: int, reader: Reader | None = None
) -> Outcome:
    """Read and check one workbook; an unreadable one is one located problem.

    Both happen in a child process with ceilings on memory and time (limits.READ_*), so that a
    workbook that crashes or stalls its reader costs one problem, not the run; only the outcome
    (a few kB) comes back. The child is `reader` (from _new_reader) when given, else one forked
    for this workbook alone.
    """
    from reportgen import limits  # imported here: a run served from the cache reads nothing

    _prepare(registry, year)  # before the child is forked: it inherits what is computed
    try:
        if reader is not None:
            outcome = reader(path)
        else:
            outcome = call_isolated(_inspect_here, path, catalog, registry, year, **_ceilings())
    except ChildFailed as exc:
        if not exc.crashed:  # a bug of ours, not the file's doing
            log.debug("checking %s failed: %s", path, exc.detail)
            raise
        log.debug("reading %s stopped: %s", path, exc)
        outcome = None
    if not isinstance(outcome, WorkbookCheck | Problem) or outcome.file != path.name:
        refusal = limits.reader_failed()
        return Problem(ERROR, path.name, "", "", "", refusal.rule, refusal.message)
    return outcome


def _ceilings() -> dict:
    from reportgen import limits

    return {
        "memory": limits.READ_MEMORY,
        "cpu_seconds": limits.READ_CPU_SECONDS,
        "wall_seconds": limits.READ_WALL_SECONDS,
    }


def _new_reader(catalog: Catalog, registry: Registry, year: int) -> Reader:
    """Return a child process that reads and checks one workbook after another."""
    inspect = functools.partial(_inspect_here, catalog=catalog, registry=registry, year=year)
    return Reader(inspect, **_ceilings())


def _prepare(registry: Registry, year: int) -> None:
    """Compute here, once, what each workbook's child would otherwise compute and throw away.

    The registry's indexes take tens of ms at 1,000 units, the reader's imports (XML, zip and
    OLE parsers) about as much: per child, that tripled the cost of a check. Errors in the
    declarative files are raised here too, as they always were, not inside a child.
    """
    import encodings.cp437  # noqa: F401 - zipfile decodes member names with it
    import zipfile  # noqa: F401

    from reportgen import limits  # noqa: F401

    registry.unit_index(year)
    registry.commune_index(year)


def _inspect_here(path: Path, catalog: Catalog, registry: Registry, year: int) -> Outcome:
    try:
        raw = read_workbook(path)
    except LoadError as exc:
        return Problem(ERROR, path.name, exc.sheet, exc.cell, "", exc.rule, str(exc))
    return inspect_workbook(raw, catalog, registry, year)


def inspect_all(
    paths: list[Path],
    catalog: Catalog,
    registry: Registry,
    year: int,
    config_digest: str,
    progress: Callable[[Path, int, int], None] | None = None,
) -> list[Outcome]:
    """Return the outcome of each workbook, in the order given, whatever ran in parallel."""
    cache = cache_dir()
    keys = [_key(path, year, config_digest) if cache else "" for path in paths]
    outcomes: list[Outcome | None] = [_load(cache, key) for key in keys]
    todo = [i for i, outcome in enumerate(outcomes) if outcome is None]
    done = 0

    def advance(path: Path) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(path, done, len(paths))

    for i in range(len(paths)):
        if outcomes[i] is not None:
            advance(paths[i])
    fresh = _run([paths[i] for i in todo], catalog, registry, year, advance)
    for i, outcome in zip(todo, fresh, strict=True):
        outcomes[i] = outcome
        # A reader stopped by a ceiling may pass on a quieter or larger machine: not kept.
        if not (isinstance(outcome, Problem) and outcome.rule == READER_FAILED):
            _store(cache, keys[i], outcome)
    if cache is not None:
        prune(cache)
    return outcomes


def _run(paths, catalog, registry, year, progress) -> Iterable[Outcome]:
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        with _new_reader(catalog, registry, year) as reader:
            for path in paths:
                outcome = inspect_path(path, catalog, registry, year, reader)
                progress(path)
                yield outcome
        return
    workers = min(os.cpu_count() or 2, 8)
    _prepare(registry, year)  # before the workers are forked: each inherits it
    # fork is cheap, but unsafe beside other threads (the preview server); spawn then.
    method = "fork" if threading.active_count() == 1 else "spawn"
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(catalog, registry, year),
    ) as pool:
        chunk = max(1, min(64, len(paths) // (workers * 4)))
        for path, outcome in zip(paths, pool.map(_work, paths, chunksize=chunk), strict=True):
            progress(path)
            yield outcome


_WORKER: dict = {}


def _init_worker(catalog, registry, year) -> None:
    _WORKER.update(catalog=catalog, registry=registry, year=year)


def _work(path: Path) -> Outcome:
    catalog, registry, year = _WORKER["catalog"], _WORKER["registry"], _WORKER["year"]
    if "reader" not in _WORKER:
        reader = _WORKER["reader"] = _new_reader(catalog, registry, year)
        # Waited for when the worker ends, so that its time and memory count in the run's.
        multiprocessing.util.Finalize(reader, reader.close, exitpriority=10)
    return inspect_path(path, catalog, registry, year, _WORKER["reader"])


def config_digest(files: Iterable[Path]) -> str:
    """Return a digest of the declarative files a check depends on."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def _key(path: Path, year: int, config: str) -> str:
    digest = hashlib.sha256()
    for part in (path.name, str(year), config, code_digest(), file_sha256(path)):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def _load(cache: Path | None, key: str) -> Outcome | None:
    if cache is None:
        return None
    path = cache / f"{key}.pickle"
    try:
        with path.open("rb") as fh:
            outcome = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged entry is a miss, and is written again
        log.debug("cache entry %s unusable: %r", key, exc)
        return None
    try:
        os.utime(path)  # used now: kept by prune for another MAX_AGE_DAYS
    except OSError:
        pass
    return outcome


def _store(cache: Path | None, key: str, outcome: Outcome) -> None:
    if cache is None:
        return
    # Renamed into place so that a reader never sees half an entry; no fsync: a lost entry
    # is only a miss.
    tmp = None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, prefix=f".{key}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(outcome, fh, pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache / f"{key}.pickle")
    except OSError as exc:  # a read-only or full disk only costs speed
        log.debug("cannot cache %s: %r", key, exc)
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
