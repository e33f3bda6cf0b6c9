"""Read what a year's report states that no workbook holds: bao-cao.toml and nhan-dinh.md.

The province writes them beside the year's workbooks: the report's date and byline, the
[official] table the official form needs, and the staff's assessment text.
"""

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen import messages as msg
from reportgen.checks import rule_table as pr
from reportgen.checks.rule_table import RuleSpec, problem
from reportgen.declared.periods import ANNUAL, year_folder
from reportgen.declared.toml_errors import explain
from reportgen.inputs.assessment import (
    ASSESSMENT_FILE,
    MAX_ASSESSMENT_BYTES,
    Assessment,
    decode_assessment,
    missing_notes,
    too_big,
)
from reportgen.inputs.regular import NotRegularFile, read_error, read_regular
from reportgen.problems import ERROR, NOTE, WARNING, Problem
from reportgen.visible import strip_controls, visible

SETTINGS_FILE = "bao-cao.toml"
MAX_SETTINGS_BYTES = 64 * 1024  # bao-cao.toml is a dozen lines


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
    # The reporting period ("Số liệu tính từ ngày … đến ngày …"); by default the national
    # regime's year, 15/12 of the year before to 14/12 of the report's year.
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@dataclass(frozen=True)
class ReportSettings:
    """What a year's report states that no workbook holds: date, byline, photo caption."""

    date: dt.date | None
    author: str
    caption: str = ""
    official: OfficialSettings | None = None  # the [official] table, when written correctly
    photo: str = ""  # an image in the templates' assets/ folder, shown with the caption
    # a folder of templates/wording/ whose section files the article uses instead of the
    # built-in ones ("2018": the published article's own phrasing); "" for none
    wording: str = ""
    assessment: Assessment | None = None  # the staff's text, nhan-dinh.md, when written
    # The report period's span when it differs from periods.toml's (period_start/period_end).
    period_start: dt.date | None = None
    period_end: dt.date | None = None


def read_settings(
    data_dir: Path,
    year: int,
    official_required: bool = False,
    date_required: bool = True,
    period: str = ANNUAL,
) -> tuple[ReportSettings, list[Problem]]:
    """Read the year's bao-cao.toml: the report's date and author, and its [official] table.

    Mistakes in a written [official] table are warnings, unless it is required (for
    --style official), when they are errors and a missing table is one too. Without
    date_required (a check, which writes no report), a missing file or date is a note.
    """
    path = year_folder(data_dir, year, period) / SETTINGS_FILE
    empty = ReportSettings(None, "")
    try:
        content = read_regular(path)
    except FileNotFoundError:
        text = msg.SETTINGS_MISSING.format(year=year)
        return empty, [_report_only(_settings_problem(path, text), date_required)]
    except NotRegularFile:
        return empty, [_settings_problem(path, msg.SETTINGS_NOT_A_FILE.format(year=year))]
    except OSError as exc:
        text = msg.CANNOT_READ.format(error=read_error(exc))
        return empty, [_settings_problem(path, text, pr.UNREADABLE)]
    if len(content) > MAX_SETTINGS_BYTES:
        size, limit = -(-len(content) // 1024), MAX_SETTINGS_BYTES // 1024
        return empty, [_settings_problem(path, msg.SETTINGS_TOO_BIG.format(size=size, limit=limit))]
    try:
        raw = tomllib.loads(content.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        return empty, [_settings_problem(path, msg.SETTINGS_SYNTAX.format(error=explain(exc)))]
    except UnicodeDecodeError:
        return empty, [_settings_problem(path, msg.SETTINGS_ENCODING)]
    problems: list[Problem] = []
    raw = _without_controls(raw, "", path, problems)
    date = raw.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        problems.append(_report_only(_settings_problem(path, msg.SETTINGS_DATE), date_required))
        date = None
    author = raw.get("author", "")
    if not isinstance(author, str):
        problems.append(_settings_problem(path, msg.SETTINGS_AUTHOR))
        author = ""
    caption = raw.get("caption", "")
    if not isinstance(caption, str):
        problems.append(_settings_problem(path, msg.SETTINGS_CAPTION))
        caption = ""
    photo = _plain_name(raw, "photo", path, problems, msg.SETTINGS_PHOTO)
    wording = _plain_name(raw, "wording", path, problems, msg.SETTINGS_WORDING)
    span = [_span_date(raw, key, path, problems) for key in ("period_start", "period_end")]
    official, found = _read_official(raw.get("official"), path, official_required, year)
    if not official_required:
        found = [replace(p, severity=WARNING) for p in found]
    settings = ReportSettings(
        date, author.strip(), caption.strip(), official, photo=photo, wording=wording,
        period_start=span[0], period_end=span[1],
    )  # fmt: skip
    return settings, problems + found


def _plain_name(raw: dict, key: str, path: Path, problems: list[Problem], text: str) -> str:
    """Return a file or folder name given in the settings, "" (and an error) unless plain.

    A plain name (letters, digits, ".", "-", "_"; not starting with ".") cannot leave the
    folder it is looked up in.
    """
    value = raw.get(key, "")
    if isinstance(value, str):
        value = value.strip()
        if not value or (value[0] != "." and all(c.isalnum() or c in ".-_" for c in value)):
            return value
    problems.append(_settings_problem(path, text.format(value=visible(str(value))[:80])))
    return ""


def _span_date(raw: dict, key: str, path: Path, problems: list[Problem]) -> dt.date | None:
    """Return period_start or period_end, a date when written; a mistake is a problem."""
    value = raw.get(key)
    if isinstance(value, dt.datetime):
        value = value.date()
    if value is None or isinstance(value, dt.date):
        return value
    problems.append(_settings_problem(path, msg.SETTINGS_PERIOD_DATE.format(key=key)))
    return None


def _without_controls(value, key: str, path: Path, problems: list[Problem]):
    """Return the settings with control characters removed from every text, one warning each.

    They would reach the report (author, caption, the official form) and break its XML.
    """
    if isinstance(value, dict):
        return {
            k: _without_controls(v, f"{key}.{k}" if key else k, path, problems)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_without_controls(v, key, path, problems) for v in value]
    if not isinstance(value, str):
        return value
    clean, removed = strip_controls(value)
    if removed:
        text = msg.SETTINGS_CONTROL_CHARS.format(key=visible(key), count=removed)
        problems.append(_settings_problem(path, text, pr.CONTROL_CHARS))  # a warning
    return clean


_OFFICIAL_TEXT = ("number", "place", "signer_title", "signer_name")
_OFFICIAL_LISTS = ("issuer", "recipients")


def _read_official(
    table, path: Path, required: bool, year: int
) -> tuple[OfficialSettings | None, list[Problem]]:
    """Read the [official] table; list every mistake in it (a missing one only if required)."""
    if table is None and not required:
        return None, []
    if not isinstance(table, dict):
        return None, [_settings_problem(path, msg.OFFICIAL_MISSING, pr.OFFICIAL)]
    problems = []
    for key in _OFFICIAL_TEXT:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(_settings_problem(path, msg.OFFICIAL_TEXT.format(key=key), pr.OFFICIAL))
    for key in _OFFICIAL_LISTS:
        value = table.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            problems.append(_settings_problem(path, msg.OFFICIAL_LIST.format(key=key), pr.OFFICIAL))
    authority = table.get("signer_authority", "")
    if not isinstance(authority, str):
        problems.append(
            _settings_problem(path, msg.OFFICIAL_TEXT.format(key="signer_authority"), pr.OFFICIAL)
        )
    start = table.get("period_start", dt.date(year - 1, 12, 15))
    end = table.get("period_end", dt.date(year, 12, 14))
    start, end = (d.date() if isinstance(d, dt.datetime) else d for d in (start, end))
    if not (isinstance(start, dt.date) and isinstance(end, dt.date) and start < end):
        problems.append(_settings_problem(path, msg.OFFICIAL_PERIOD, pr.OFFICIAL))
    if problems:
        return None, problems
    official = OfficialSettings(
        issuer=tuple(v.strip() for v in table["issuer"]),
        number=table["number"].strip(),
        place=table["place"].strip(),
        signer_authority=authority.strip(),
        signer_title=table["signer_title"].strip(),
        signer_name=table["signer_name"].strip(),
        recipients=tuple(v.strip() for v in table["recipients"]),
        period_start=start,
        period_end=end,
    )
    form = [_settings_problem(path, text, pr.OFFICIAL) for text in form_mistakes(official)]
    return (None, form) if form else (official, [])


# Left in a value from the commented skeleton `template` writes (SETTINGS_SKELETON):
# "UBND TỈNH ...", "../BC-BCĐ", "...". A real value never holds three dots or starts with "../".
_PLACEHOLDER = re.compile(r"\.\.\.|…|^\.\./|^\.\.$")
# Số và ký hiệu: the number has at least two digits (Nghị định 30/2020, Phụ lục I: "05").
_NUMBER = re.compile(r"^\d{2,}/\S+$")
# The ways a document may be signed (Nghị định 30/2020, Điều 13): on behalf of a collective
# (TM.), for the head (KT.), acting (Q.), by the head's leave (TL., TUQ.).
_AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


def form_mistakes(official: OfficialSettings) -> list[str]:
    """Return what breaks the form of the decree in the [official] table, as messages."""
    found = []
    values = [
        *(("issuer", v) for v in official.issuer),
        ("number", official.number),
        ("place", official.place),
        ("signer_authority", official.signer_authority),
        ("signer_title", official.signer_title),
        ("signer_name", official.signer_name),
        *(("recipients", v) for v in official.recipients),
    ]
    for key, value in values:
        if _PLACEHOLDER.search(value):
            found.append(msg.OFFICIAL_PLACEHOLDER.format(key=key, value=visible(value)))
    if not _PLACEHOLDER.search(official.number) and not _NUMBER.match(official.number):
        found.append(msg.OFFICIAL_NUMBER.format(value=visible(official.number)))
    authority, title = official.signer_authority.upper(), official.signer_title.upper()
    prefix = authority.split(" ", 1)[0]
    deputy = "PHÓ" in title.split()
    if authority and prefix not in _AUTHORITIES:
        found.append(msg.OFFICIAL_SIGNER_AUTHORITY.format(value=visible(authority)))
    elif deputy and prefix == "TM.":
        found.append(msg.OFFICIAL_SIGNER_TM.format(title=title, authority=authority))
    elif deputy and prefix != "KT.":
        found.append(msg.OFFICIAL_SIGNER_KT_MISSING.format(title=title))
    elif not deputy and prefix == "KT.":
        found.append(msg.OFFICIAL_SIGNER_KT_HEAD.format(title=title, authority=authority))
    return found


def read_assessment(
    data_dir: Path, year: int, official: bool = False, period: str = ANNUAL
) -> tuple[Assessment | None, list[Problem]]:
    """Read the year's nhan-dinh.md (the staff's text); None when there is none.

    With official (--style official), each section the form needs and the file lacks is a
    note: the section is left out, never invented.
    """
    path = year_folder(data_dir, year, period) / ASSESSMENT_FILE
    shown = f"{path.parent.name}/{ASSESSMENT_FILE}"
    try:
        # Never read more than the limit into memory: the size first (a FIFO has none).
        size = path.stat().st_size if path.is_file() else 0
        if size > MAX_ASSESSMENT_BYTES:
            return None, [too_big(size, shown)]
        content = read_regular(path)
    except FileNotFoundError:
        return None, missing_notes(None, shown) if official else []
    except NotRegularFile:
        text = msg.SETTINGS_NOT_A_FILE.format(year=year)
        return None, [replace(_settings_problem(path, text, pr.ASSESSMENT), severity=ERROR)]
    except OSError as exc:
        text = msg.CANNOT_READ.format(error=read_error(exc))
        return None, [replace(_settings_problem(path, text, pr.ASSESSMENT), severity=ERROR)]
    assessment, problems = decode_assessment(content, shown)
    if official and assessment is not None:
        problems += missing_notes(assessment, shown)
    return assessment, problems


def _report_only(found: Problem, required: bool) -> Problem:
    """Return a problem of what only the report needs: an error, or a note when not required."""
    if required:
        return found
    return replace(found, severity=NOTE, message=found.message + msg.SETTINGS_BUILD_ONLY)


def _settings_problem(path: Path, message: str, spec: RuleSpec = pr.SETTINGS) -> Problem:
    return problem(spec, file=f"{path.parent.name}/{path.name}", message=message)
