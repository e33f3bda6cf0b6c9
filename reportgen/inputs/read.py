"""Read one workbook: its bytes once, bounded, then every sheet's cells in a child process."""

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from reportgen import messages as msg
from reportgen.checks import rule_table as pr
from reportgen.checks.rule_table import RuleSpec, problem
from reportgen.inputs import limits
from reportgen.inputs.cellinfo import CellInfo, read_cell_info
from reportgen.inputs.limits import Refusal
from reportgen.inputs.regular import read_error
from reportgen.problems import Problem
from reportgen.visible import shown_name

log = logging.getLogger(__name__)


class LoadError(Exception):
    """A workbook cannot be read at all, or is refused by a limit (spec, sheet, cell tell which)."""

    def __init__(
        self, message: str, spec: RuleSpec = pr.UNREADABLE, sheet: str = "", cell: str = ""
    ):
        super().__init__(message)
        self.spec, self.sheet, self.cell = spec, sheet, cell

    @classmethod
    def of(cls, refusal: Refusal) -> "LoadError":
        """Return the error of a refused workbook."""
        return cls(refusal.message, refusal.spec, refusal.sheet, refusal.cell)

    def refusal(self) -> Refusal:
        """Return this error as data, as a child process sends it back."""
        return Refusal(self.spec, str(self), self.sheet, self.cell)


@dataclass(frozen=True)
class RawWorkbook:
    """The cells of every sheet of one workbook, as read (no header row)."""

    path: Path
    sheets: dict[str, list[list]]  # rows of cell values from A1; None for a blank cell
    cell_info: CellInfo = field(default_factory=CellInfo)

    @property
    def file(self) -> str:
        """Return the file name shown in messages (controls and undecodable bytes escaped)."""
        return shown_name(self.path.name)


def read_input(path: Path) -> bytes:
    """Return a workbook's bytes, read once and bounded by the file-size limit.

    The caller hashes them and hands them to read_workbook: the digest that keys the cache and
    names the file in the run log is that of the very bytes checked, even if the file changes.
    """
    # An OSError (not allowed, gone) goes up: the caller makes it the file's one problem.
    with path.open("rb") as fh:
        data = fh.read(limits.MAX_FILE_BYTES + 1)  # no more, even if the file grows meanwhile
    if len(data) > limits.MAX_FILE_BYTES:
        raise LoadError.of(limits.too_large(path.stat().st_size))
    return data


def read_workbook(path: Path, data: bytes | None = None) -> RawWorkbook:
    """Read every sheet of a workbook with calamine, within the input limits.

    data, when given, is the file's bytes (read_input): they are what is checked and parsed.
    The reading happens in a child process with ceilings on memory and time (when not already
    in one): calamine trusts sizes and positions written in the file, and a damaged one can
    abort the process or ask for terabytes.
    """
    # Imported here: a rebuild served from the cache never reads a workbook.
    from reportgen.inputs.isolate import ChildFailed, call_isolated

    try:
        read = call_isolated(
            _read_here,
            path,
            data,
            memory=limits.READ_MEMORY,
            cpu_seconds=limits.READ_CPU_SECONDS,
            wall_seconds=limits.READ_WALL_SECONDS,
        )
    except ChildFailed as exc:
        if not exc.crashed:  # a bug of ours, not the file's doing
            log.debug("reading %s failed: %s", path, exc.detail)
            raise
        log.debug("reading %s stopped: %s", path, exc)
        raise LoadError.of(limits.reader_failed()) from exc
    if isinstance(read, Refusal):
        raise LoadError.of(read)
    if not isinstance(read, RawWorkbook):  # only a child that went wrong sends anything else
        raise LoadError.of(limits.reader_failed())
    return read


def _read_here(path: Path, data: bytes | None = None) -> RawWorkbook | Refusal:
    """Read a workbook in this process; return why not when it cannot be read."""
    try:
        return _read(path, data)
    except LoadError as exc:
        return exc.refusal()


def _read(path: Path, data: bytes | None = None) -> RawWorkbook:
    from reportgen.inputs.prescan import scan  # imported here: the XML, zip and OLE parsers

    refused, scanned = scan(path, data)
    if refused:
        raise LoadError.of(refused)
    if path.suffix.lower() in (".xlsx", ".xlsm") and scanned is None:  # not a zip
        encrypted = _is_encrypted(path, data)
        raise LoadError(msg.PASSWORD_PROTECTED if encrypted else msg.NOT_A_WORKBOOK)
    # The zip formats were scanned in full above, and are read from the bytes scanned.
    try:
        if scanned is None:
            book = open_book(path if data is None else data)
            sheets, info = read_sheets(book), read_cell_info(path, book=book)
        else:
            sheets = read_sheets(open_book(scanned.data))
            info = read_cell_info(path, scanned)
    except MemoryError:
        raise  # the file asks for more than the reader's ceiling: not merely "unreadable"
    except Exception as exc:  # calamine raises many kinds; each means "unreadable"
        log.debug("cannot read %s: %r", path, exc)
        if "password" in str(exc).lower() or _is_encrypted(path, data):
            raise LoadError(msg.PASSWORD_PROTECTED) from exc
        raise LoadError(msg.UNREADABLE_WORKBOOK) from exc
    return RawWorkbook(path, sheets, info)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")


def _is_encrypted(path: Path, data: bytes | None = None) -> bool:
    """Return True for an Office file saved with a password (an OLE file with EncryptionInfo)."""
    if data is None:
        with path.open("rb") as fh:
            data = fh.read(1 << 20)
    head = data[: 1 << 20]
    return head.startswith(_OLE_MAGIC) and _ENCRYPTED_STREAM in head


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


def unreadable_problem(path: Path, exc: OSError) -> Problem:
    """Return the one problem of a workbook the operating system would not let be read."""
    message = msg.CANNOT_READ.format(error=read_error(exc))
    return problem(pr.UNREADABLE, file=shown_name(path.name), message=message)


def not_a_file_problem(path: Path) -> Problem:
    """Return the one problem of a folder, FIFO or device named like a workbook."""
    return problem(pr.NOT_A_FILE, file=shown_name(path.name))
