"""Where reportgen keeps what it can reuse between runs, and the digests that key it.

`.reportgen-cache/` in the current folder by default; REPORTGEN_CACHE moves it, or turns it
"off". Everything in it is rebuilt when missing: deleting it is always safe.
"""

import functools
import hashlib
import os
from pathlib import Path

CACHE_ENV = "REPORTGEN_CACHE"
DEFAULT_CACHE = Path(".reportgen-cache")


def cache_dir() -> Path | None:
    """Return the cache folder, or None when caching is off."""
    setting = os.environ.get(CACHE_ENV, "")
    if setting.lower() == "off":
        return None
    return Path(setting) if setting else DEFAULT_CACHE


@functools.cache
def code_digest() -> str:
    """Return a digest of this package's code: a new version never reuses old results."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


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
