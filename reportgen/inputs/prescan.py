"""Refuse a workbook that would cost unbounded memory or time, before any reader opens it.

Each format is scanned against the ceilings of limits.py in constant memory, stopping at the
first one passed: a zip workbook (.xlsx, .xlsm, .ods) part by part (zip_scan.py), a legacy
.xls record by record (xls_scan.py).
"""

import io
import zipfile
from pathlib import Path

import olefile

from reportgen import messages as msg
from reportgen.checks import rule_table as pr
from reportgen.inputs.limits import MAX_FILE_BYTES, Refusal, Refused, too_large
from reportgen.inputs.xls_scan import check_xls
from reportgen.inputs.zip_scan import Scanned, check_zip

_ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")


def check_limits(path: Path) -> Refusal | None:
    """Return why a workbook must not be read, or None when it is within every limit."""
    return scan(path)[0]


def scan(path: Path, data: bytes | None = None) -> tuple[Refusal | None, Scanned | None]:
    """Check a workbook against every limit; return why it is refused, or what was read of it.

    data, when given, is the file's bytes as the caller read them: those are checked, and the
    file is not opened. What was read is None unless the workbook is a zip (.xlsx, .xlsm,
    .ods) within the limits.
    """
    size = path.stat().st_size if data is None else len(data)
    if size > MAX_FILE_BYTES:
        return too_large(size), None
    suffix = path.suffix.lower()
    try:
        if suffix in _ZIP_SUFFIXES:
            data = path.read_bytes() if data is None else data
            if zipfile.is_zipfile(io.BytesIO(data)):
                return None, check_zip(data, keep_content=suffix == ".ods")
        elif suffix == ".xls" and (
            olefile.isOleFile(str(path)) if data is None else olefile.isOleFile(data=data)
        ):
            check_xls(str(path) if data is None else data)
    except Refused as exc:
        return exc.refusal, None
    except Exception:  # a damaged zip or XML part; the reader would fail on it too
        return Refusal(pr.UNREADABLE, msg.UNREADABLE_WORKBOOK), None
    return None, None  # otherwise the reader refuses it, or it is bounded by its size
