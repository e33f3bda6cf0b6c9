"""SHA-256 of input files, read once per run however many parts of the run ask."""

import functools
import hashlib
from pathlib import Path


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
