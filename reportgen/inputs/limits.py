"""The ceilings on what one workbook may cost to read, and the refusal of one that passes them.

A workbook is a zip of XML parts (.xlsx, .xlsm, .ods), or BIFF records in an OLE file (.xls).
A few hundred bytes of it can ask a reader for gigabytes: a zip member that inflates without
end (a zip bomb), XML entities that expand into each other (billion laughs), or a single value
far from A1, which spreadsheet readers turn into a dense grid of empty cells (calamine fills
every cell from A1 to the last one). The scan before any reader opens it (inputs/prescan.py,
then zip_scan, xml_scan, fast_xml_scan, xls_scan) holds it to the ceilings below; the reader
itself runs in a child process with the READ_* ceilings (inputs/isolate.py).
"""

from dataclasses import dataclass

from reportgen import messages as msg
from reportgen.checks import rule_table as pr
from reportgen.checks.rule_table import RuleSpec
from reportgen.vietnamese import number

# A district's workbook is about 12 kB and 1,000 cells; these limits leave a wide margin.
MAX_FILE_BYTES = 20 * 1024 * 1024  # the file on disk
MAX_MEMBERS = 2_000  # parts inside the zip
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # all parts once inflated
MAX_CELLS = 200_000  # cells of all sheets, each counted from A1 to its last cell with a value
# Text of the cells that use shared strings (.xlsx), each string counted once per cell using it:
# a string is stored once but a reader makes a copy of it for every cell.
MAX_SHARED_TEXT_BYTES = 64 * 1024 * 1024
# Each workbook is read and checked in a child process with these ceilings (inputs/isolate.py):
# what passes the scan can still crash a reader, or make it loop.
READ_MEMORY = 512 * 1024 * 1024  # memory it may add to what the process already holds
READ_CPU_SECONDS = 20  # CPU time
READ_WALL_SECONDS = 60  # time on the clock (a reader that waits instead of working)

_MB = 1024 * 1024


@dataclass(frozen=True)
class Refusal:
    """Why a workbook is not read: the problem's rule, its message, and where when known.

    Also what a reading child process sends back instead of raising (inputs/read.py).
    """

    spec: RuleSpec
    message: str
    sheet: str = ""
    cell: str = ""

    @property
    def rule(self) -> str:
        """Return the rule's code, as a problem carries it."""
        return self.spec.code


class Refused(Exception):
    """Raised by the scan at the first ceiling passed; prescan.scan returns its refusal."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


def reader_failed() -> Refusal:
    """Return the refusal of a workbook whose reader crashed, or passed a READ_* ceiling."""
    message = msg.READER_FAILED.format(
        memory=megabytes(READ_MEMORY), seconds=number(READ_CPU_SECONDS)
    )
    return Refusal(pr.READER_FAILED, message)


def too_large(size: int) -> Refusal:
    """Return the refusal of a file of `size` bytes, over MAX_FILE_BYTES."""
    return Refusal(
        pr.FILE_TOO_LARGE,
        msg.FILE_TOO_LARGE.format(size=megabytes(size), limit=megabytes(MAX_FILE_BYTES)),
    )


def megabytes(size: int) -> str:
    """Return a size as the messages show it: "64 MB", "1,5 MB"."""
    return f"{number(round(size / _MB, 1))} MB"
