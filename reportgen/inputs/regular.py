"""Read a small input file without ever waiting on a FIFO or reading a folder or a device."""

import errno
import os
import stat
from pathlib import Path

from reportgen import messages as msg


class NotRegularFile(Exception):
    """The path names a folder, a FIFO, a device or a socket, not a file."""


def read_regular(path: Path) -> bytes:
    """Return a regular file's bytes; raise NotRegularFile for anything else, OSError as usual.

    Opened with O_NONBLOCK, so that a FIFO with no writer cannot stall the run, then checked
    on the open descriptor (no window between the check and the read).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(path)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path: Path) -> bool:
    """Return True when the path (its symlinks followed) is a regular file; raise OSError."""
    return stat.S_ISREG(path.stat().st_mode)


def read_error(exc: OSError) -> str:
    """Say in Vietnamese why the operating system would not let a file be read."""
    return msg.OS_READ_ERRORS.get(errno.errorcode.get(exc.errno or 0, ""), exc.strerror or str(exc))
