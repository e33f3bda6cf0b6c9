"""Find and read the inputs of one year: workbooks and the year's settings."""

import datetime as dt
import logging
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from reportgen import messages as msg
from reportgen.isolate import call_isolated
from reportgen.limits import check_limits
from reportgen.problems import ERROR, Problem

log = logging.getLogger(__name__)

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
SETTINGS_FILE = "bao-cao.toml"


class LoadError(Exception):
    """A workbook cannot be read at all, or is refused by a limit (rule, sheet, cell tell which)."""

    def __init__(self, message: str, rule: str = "unreadable", sheet: str = "", cell: str = ""):
        super().__init__(message)
        self.rule, self.sheet, self.cell = rule, sheet, cell


@dataclass(frozen=True)
class RawWorkbook:
    """The cells of every sheet of one workbook, as read (no header row)."""

    path: Path
    sheets: dict[str, pd.DataFrame]

    @property
    def file(self) -> str:
        """Return the file name shown in messages."""
        return self.path.name


@dataclass(frozen=True)
class ReportSettings:
    """What a year's report states that no workbook holds: date and byline."""

    date: dt.date | None
    author: str


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
    for path in ignored:
        log.info(msg.IGNORED_FILE.format(file=path.name))
    return found, ignored


def read_workbook(path: Path) -> RawWorkbook:
    """Read every sheet of a workbook with pandas' calamine engine, within the input limits."""
    if refused := check_limits(path):
        raise LoadError(refused.message, refused.rule, refused.sheet, refused.cell)
    if path.suffix.lower() in (".xlsx", ".xlsm") and not zipfile.is_zipfile(path):
        raise LoadError(msg.NOT_A_WORKBOOK)
    # The zip formats were scanned in full above; a legacy .xls is read in a child process,
    # since calamine's BIFF reader trusts sizes in the file (a damaged one aborts the process).
    isolated = path.suffix.lower() not in (".xlsx", ".xlsm", ".ods")
    try:
        sheets = call_isolated(_read_sheets, path) if isolated else _read_sheets(path)
    except Exception as exc:  # calamine raises many kinds, or crashes; each means "unreadable"
        log.debug("cannot read %s: %r", path, exc)
        raise LoadError(msg.UNREADABLE_WORKBOOK) from exc
    return RawWorkbook(path, sheets)


def _read_sheets(path: Path) -> dict[str, pd.DataFrame]:
    return pd.read_excel(path, sheet_name=None, header=None, engine="calamine", dtype=object)


def read_settings(data_dir: Path, year: int) -> tuple[ReportSettings, list[Problem]]:
    """Read the year's bao-cao.toml: the report's date and author."""
    path = year_folder(data_dir, year) / SETTINGS_FILE
    empty = ReportSettings(None, "")
    if not path.is_file():
        return empty, [_settings_problem(path, msg.SETTINGS_MISSING.format(year=year))]
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        return empty, [_settings_problem(path, msg.SETTINGS_SYNTAX.format(error=exc))]
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
    return ReportSettings(date, author.strip()), problems


def _settings_problem(path: Path, message: str) -> Problem:
    return Problem(ERROR, f"{path.parent.name}/{path.name}", "", "", "", "settings", message)
