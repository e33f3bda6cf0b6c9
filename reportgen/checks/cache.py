"""Where reportgen keeps what it can reuse between runs, and the digests that key it.

`.reportgen-cache/` in the current folder by default; REPORTGEN_CACHE moves it, or turns it
"off". It holds checked workbooks as sealed JSON data (cache_entry.py), never code. Everything
in it is rebuilt when missing: deleting it is always safe, and what no run has used for
MAX_AGE_DAYS is deleted by the next run.
"""

import functools
import hashlib
import logging
import os
import re
import shutil
import time
from pathlib import Path

log = logging.getLogger(__name__)

CACHE_ENV = "REPORTGEN_CACHE"
DEFAULT_CACHE = Path(".reportgen-cache")
MAX_AGE_DAYS = 60  # an entry unused this long (its file's modification time) is deleted
# What runs write there: entries named by their key, and their temporary files. Nothing
# else in the folder is touched, even when REPORTGEN_CACHE points somewhere shared.
_ENTRY = re.compile(r"[0-9a-f]{64}\.json|\.[0-9a-f]{64}\..*\.tmp")
# Left by earlier versions, never read now (they held pickles and marshalled code): deleted.
_OLD = re.compile(r"[0-9a-f]{64}\.pickle|templates-[0-9a-f]{16}")


def cache_dir() -> Path | None:
    """Return the cache folder, or None when caching is off."""
    setting = os.environ.get(CACHE_ENV, "")
    if setting.lower() == "off":
        return None
    return Path(setting) if setting else DEFAULT_CACHE


@functools.cache
def code_digest() -> str:
    """Return a digest of this package's code: a new version never reuses old results.

    The declared data shipped in the package counts as code (checks/rule_table.toml: a
    problem's severity and message come from it).
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(p for suffix in ("py", "toml") for p in package.rglob(f"*.{suffix}")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def prune(root: Path, now: float | None = None) -> None:
    """Delete entries unused for MAX_AGE_DAYS, and what earlier versions left.

    Readers touch an entry when they use it. Best effort: what cannot be deleted stays.
    """
    oldest = (now or time.time()) - MAX_AGE_DAYS * 86_400
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        try:
            if _OLD.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            elif entry.is_file(follow_symlinks=False) and (
                _OLD.fullmatch(entry.name)
                or (_ENTRY.fullmatch(entry.name) and entry.stat().st_mtime < oldest)
            ):
                os.unlink(entry.path)
        except OSError as exc:
            log.debug("cannot prune %s: %r", entry.path, exc)


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes.

    Remembered per path, size and modification time: the cache of checked workbooks and the
    run log both need the digest of every input, and at 10,000 files reading them twice shows.
    """
    stat = path.stat()
    return _sha256(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=65_536)
def _sha256(path: Path, size: int, mtime_ns: int) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()
