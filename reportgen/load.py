"""Find and read the inputs of one year: workbooks and the year's settings."""

import datetime as dt
import io
import logging
import os
import stat
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import python_calamine

from reportgen import messages as msg
from reportgen.cellinfo import CellInfo, read_cell_info
from reportgen.problems import ERROR, WARNING, Problem
from reportgen.toml_errors import explain

log = logging.getLogger(__name__)

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SETTINGS_FILE = "bao-cao.toml"
OFFICIAL_RULE = "official"  # the rule of every mistake in the [official] table
MAX_SETTINGS_BYTES = 64 * 1024  # bao-cao.toml is a dozen lines


class LoadError(Exception):
    """A workbook cannot be read at all, or is refused by a limit (rule, sheet, cell tell which)."""

    def __init__(self, message: str, rule: str = "unreadable", sheet: str = "", cell: str = ""):
        super().__init__(message)
        self.rule, self.sheet, self.cell = rule, sheet, cell


@dataclass(frozen=True)
class RawWorkbook:
    """The cells of every sheet of one workbook, as read (no header row)."""

    path: Path
    sheets: dict[str, list[list]]  # rows of cell values from A1; None for a blank cell
    cell_info: CellInfo = field(default_factory=CellInfo)

    @property
    def file(self) -> str:
        """Return the file name shown in messages."""
        return self.path.name


@dataclass(frozen=True)
class OfficialSettings:
    """What the official form (Nghị định 30/2020/NĐ-CP) states that no workbook holds.

    Read from the [official] table of data/<year>/bao-cao.toml, needed for --style official.
    """

    issuer: tuple[str, ...]  # the issuing body, top left, one line each
    number: str  # số và ký hiệu, "25/BC-BCĐ"
    place: str  # địa danh, "Thái Bình"
    signer_authority: str  # "KT. TRƯỞNG BAN", or "" when the head signs
    signer_title: str  # "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
    signer_name: str
    recipients: tuple[str, ...]  # "Nơi nhận", one line each


@dataclass(frozen=True)
class ReportSettings:
    """What a year's report states that no workbook holds: date, byline, photo caption."""

    date: dt.date | None
    author: str
    caption: str = ""
    official: OfficialSettings | None = None  # the [official] table, when written correctly


def year_folder(data_dir: Path, year: int) -> Path:
    """Return the folder that holds a year's workbooks."""
    return data_dir / str(year)


def find_workbooks(data_dir: Path, year: int) -> tuple[list[Path], list[Path]]:
    """Return (workbooks, ignored files) of a year's folder, sorted by name."""
    folder = year_folder(data_dir, year)
    if not folder.is_dir():
        return [], []
    found, ignored = [], []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name == SETTINGS_FILE:
            continue
        lock_or_hidden = path.name.startswith(("~$", "."))
        if path.suffix.lower() in SPREADSHEET_SUFFIXES and not lock_or_hidden:
            found.append(path)
        else:
            ignored.append(path)
    return found, ignored


def read_workbook(path: Path) -> RawWorkbook:
    """Read every sheet of a workbook with calamine, within the input limits."""
    # Imported here: a rebuild served from the cache never reads a workbook.
    from reportgen.isolate import call_isolated
    from reportgen.limits import scan

    refused, scanned = scan(path)
    if refused:
        raise LoadError(refused.message, refused.rule, refused.sheet, refused.cell)
    if path.suffix.lower() in (".xlsx", ".xlsm") and scanned is None:  # not a zip
        raise LoadError(msg.PASSWORD_PROTECTED if _is_encrypted(path) else msg.NOT_A_WORKBOOK)
    # The zip formats were scanned in full above, and are read from the bytes scanned; a legacy
    # .xls is read in a child process, since calamine's BIFF reader trusts sizes in the file (a
    # damaged one aborts the process).
    try:
        if scanned is None:
            sheets, info = call_isolated(_read_all, path)
        else:
            sheets = read_sheets(open_book(scanned.data))
            info = read_cell_info(path, scanned)
    except Exception as exc:  # calamine raises many kinds, or crashes; each means "unreadable"
        log.debug("cannot read %s: %r", path, exc)
        if "password" in str(exc).lower() or _is_encrypted(path):
            raise LoadError(msg.PASSWORD_PROTECTED) from exc
        raise LoadError(msg.UNREADABLE_WORKBOOK) from exc
    return RawWorkbook(path, sheets, info)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")


def _is_encrypted(path: Path) -> bool:
    """Return True for an Office file saved with a password (an OLE file with EncryptionInfo)."""
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    return head.startswith(_OLE_MAGIC) and _ENCRYPTED_STREAM in head


def _read_all(path: Path) -> tuple[dict[str, list[list]], CellInfo]:
    # One function, so that the whole read of an .xls happens in the isolated child; the file
    # is parsed once, for both the values and the merged ranges.
    book = open_book(path)
    return read_sheets(book), read_cell_info(path, book=book)


def open_book(source: Path | bytes) -> python_calamine.CalamineWorkbook:
    """Open a workbook with calamine, from its path or from its bytes."""
    if isinstance(source, bytes):
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(source))
    return python_calamine.CalamineWorkbook.from_path(str(source))


def read_sheets(book: python_calamine.CalamineWorkbook) -> dict[str, list[list]]:
    """Return every sheet's cells from A1, as rows of values; a blank cell is None.

    python-calamine directly, the engine pandas' read_excel(engine="calamine") wraps: the
    same values at a quarter of the time, without importing pandas (docs/performance.md).
    """
    return {
        name: [
            [None if value == "" else value for value in row]
            for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        ]
        for name in book.sheet_names
    }


def read_settings(
    data_dir: Path, year: int, official_required: bool = False
) -> tuple[ReportSettings, list[Problem]]:
    """Read the year's bao-cao.toml: the report's date and author, and its [official] table.

    Mistakes in a written [official] table are warnings, unless it is required (for
    --style official), when they are errors and a missing table is one too.
    """
    path = year_folder(data_dir, year) / SETTINGS_FILE
    empty = ReportSettings(None, "")
    content = _read_settings_file(path, year)
    if isinstance(content, Problem):
        return empty, [content]
    try:
        raw = tomllib.loads(content.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        return empty, [_settings_problem(path, msg.SETTINGS_SYNTAX.format(error=explain(exc)))]
    except UnicodeDecodeError:
        return empty, [_settings_problem(path, msg.SETTINGS_ENCODING)]
    problems = []
    date = raw.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        problems.append(_settings_problem(path, msg.SETTINGS_DATE))
        date = None
    author = raw.get("author", "")
    if not isinstance(author, str):
        problems.append(_settings_problem(path, msg.SETTINGS_AUTHOR))
        author = ""
    caption = raw.get("caption", "")
    if not isinstance(caption, str):
        problems.append(_settings_problem(path, msg.SETTINGS_CAPTION))
        caption = ""
    official, found = _read_official(raw.get("official"), path, official_required)
    if not official_required:
        found = [replace(p, severity=WARNING) for p in found]
    return ReportSettings(date, author.strip(), caption.strip(), official), problems + found


def _read_settings_file(path: Path, year: int) -> bytes | Problem:
    """Return the bytes of bao-cao.toml, or the problem that keeps it from being read.

    Opened without waiting (a FIFO named bao-cao.toml would wait for a writer for ever), and
    read only when it is a regular file of a settings file's size.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (FileNotFoundError, NotADirectoryError):
        return _settings_problem(path, msg.SETTINGS_MISSING.format(year=year))
    except OSError:
        return _settings_problem(path, msg.SETTINGS_UNREADABLE)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return _settings_problem(path, msg.SETTINGS_NOT_FILE.format(year=year))
        if info.st_size > MAX_SETTINGS_BYTES:
            size, limit = -(-info.st_size // 1024), MAX_SETTINGS_BYTES // 1024
            return _settings_problem(path, msg.SETTINGS_TOO_BIG.format(size=size, limit=limit))
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(MAX_SETTINGS_BYTES + 1)
    except OSError:
        return _settings_problem(path, msg.SETTINGS_UNREADABLE)
    finally:
        os.close(fd)


_OFFICIAL_TEXT = ("number", "place", "signer_title", "signer_name")
_OFFICIAL_LISTS = ("issuer", "recipients")


def _read_official(
    table, path: Path, required: bool
) -> tuple[OfficialSettings | None, list[Problem]]:
    """Read the [official] table; list every mistake in it (a missing one only if required)."""
    if table is None and not required:
        return None, []
    if not isinstance(table, dict):
        return None, [_settings_problem(path, msg.OFFICIAL_MISSING, OFFICIAL_RULE)]
    problems = []
    for key in _OFFICIAL_TEXT:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                _settings_problem(path, msg.OFFICIAL_TEXT.format(key=key), OFFICIAL_RULE)
            )
    for key in _OFFICIAL_LISTS:
        value = table.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            problems.append(
                _settings_problem(path, msg.OFFICIAL_LIST.format(key=key), OFFICIAL_RULE)
            )
    authority = table.get("signer_authority", "")
    if not isinstance(authority, str):
        problems.append(
            _settings_problem(path, msg.OFFICIAL_TEXT.format(key="signer_authority"), OFFICIAL_RULE)
        )
    if problems:
        return None, problems
    return (
        OfficialSettings(
            issuer=tuple(v.strip() for v in table["issuer"]),
            number=table["number"].strip(),
            place=table["place"].strip(),
            signer_authority=authority.strip(),
            signer_title=table["signer_title"].strip(),
            signer_name=table["signer_name"].strip(),
            recipients=tuple(v.strip() for v in table["recipients"]),
        ),
        [],
    )


def _settings_problem(path: Path, message: str, rule: str = "settings") -> Problem:
    return Problem(ERROR, f"{path.parent.name}/{path.name}", "", "", "", rule, message)
