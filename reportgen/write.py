"""Write outputs safely: all to temporary files first, then rename each into place."""

import datetime as dt
import io
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_files(files: dict[Path, bytes]) -> list[Path]:
    """Write every file or none of them.

    Each file goes to a temporary file beside its target, then all are renamed into place.
    If a rename fails (a PDF held open by a viewer on Windows, say), the files already
    replaced are put back as they were, so a report's HTML and PDF always match.
    """
    staged: list[tuple[str, Path]] = []
    backups: dict[Path, str | None] = {}
    replaced: list[Path] = []
    try:
        for target, content in files.items():
            staged.append((_stage(target, content), target))
        for _, target in staged:
            backups[target] = _back_up(target)
        for tmp, target in staged:
            os.replace(tmp, target)
            replaced.append(target)
    except BaseException:
        for target in reversed(replaced):
            backup = backups.get(target)
            if backup is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(backup, target)
        raise
    finally:
        for leftover in [tmp for tmp, _ in staged] + [b for b in backups.values() if b]:
            if os.path.exists(leftover):
                os.unlink(leftover)
    return [target for _, target in staged]


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


def _back_up(target: Path) -> str | None:
    """Copy an existing target aside so that it can be put back; None when there is none."""
    if not target.exists():
        return None
    fd, backup = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".bak")
    os.close(fd)
    shutil.copy2(target, backup)
    return backup


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
