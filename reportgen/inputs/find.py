"""Find the workbooks of one year (and period): the folder, and what in it is a workbook."""

from pathlib import Path

from reportgen.declared.periods import ANNUAL, year_folder
from reportgen.declared.settings import SETTINGS_FILE
from reportgen.inputs.assessment import ASSESSMENT_FILE

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def find_workbooks(
    data_dir: Path, year: int, period: str = ANNUAL
) -> tuple[list[Path], list[Path]]:
    """Return (workbooks, ignored files) of a year's (and period's) folder, sorted by name."""
    folder = year_folder(data_dir, year, period)
    if not folder.is_dir():
        return [], []
    found, ignored = [], []
    for path in sorted(folder.iterdir()):
        lock_or_hidden = path.name.startswith(("~$", "."))
        if path.suffix.lower() in SPREADSHEET_SUFFIXES and not lock_or_hidden:
            # Even a folder, a FIFO or a broken link: named as a workbook, it is reported as
            # one problem when it is inspected (never opened), not silently skipped.
            found.append(path)
        elif path.is_file() and path.name not in (SETTINGS_FILE, ASSESSMENT_FILE):
            ignored.append(path)
    return found, ignored
