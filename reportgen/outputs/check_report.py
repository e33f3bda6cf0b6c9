"""The check report: kiem-tra-<year>.xlsx and .html, one row per problem and a completeness table.

Provincial staff send it back to the districts, so every column a clerk needs to find the cell
is there: unit, file, sheet, cell, value seen, rule (its label; its code in the last column)
and what to do. Building the content is pure; write_check_report is the only function that
touches the disk (through write.write_set).
"""

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reportgen import messages as msg
from reportgen.blank_workbook import header_row, xlsx_bytes
from reportgen.checks.rule_table import MISSING_UNIT, Kind, spec_of
from reportgen.declared.periods import ANNUAL, folder_name
from reportgen.names import fold
from reportgen.outputs.runlog import LOG_FILE, record_run
from reportgen.outputs.write import write_set
from reportgen.problems import ERROR, WARNING, Problem
from reportgen.problems import summary as count_line
from reportgen.vietnamese import number
from reportgen.visible import shown_name, visible

REPORT_STEM = "kiem-tra-{year}"
FEEDBACK_DIR = "gui-don-vi"  # out/<year>/gui-don-vi/: one file per unit to send back
MISSING_LIST = "chua-nop.txt"  # in FEEDBACK_DIR: the units that have sent nothing


@dataclass(frozen=True)
class CompletenessRow:
    """One expected unit (or one file whose unit is unknown) and what it sent."""

    code: str
    unit: str
    status: str
    files: tuple[str, ...]
    preparer: str
    prepared_on: str
    errors: int
    warnings: int
    note: str


def completeness_rows(result) -> list[CompletenessRow]:
    """Return one row per expected unit, then one per file that names no known unit."""
    by_file = {}
    for problem in result.problems:
        counts = by_file.setdefault(problem.file, [0, 0])
        counts[0 if problem.is_error else 1] += 1
    completeness = result.completeness  # who sent what: computed once, by the check
    rows = []
    for unit in result.expected:
        checks = completeness.checks.get(unit.code, ())
        blanks = [c.file for c in result.checks if c.blank and c.unit and c.unit.code == unit.code]
        files = tuple(c.file for c in checks) + tuple(blanks)
        errors = sum(by_file.get(f, [0, 0])[0] for f in files)
        warnings = sum(by_file.get(f, [0, 0])[1] for f in files)
        if unit in completeness.missing:
            status = msg.STATUS_MISSING
            note = msg.NOTE_BLANK.format(files=", ".join(blanks)) if blanks else ""
        elif unit.code in completeness.duplicated:
            names = ", ".join(c.file for c in checks)
            status, note = msg.STATUS_DUPLICATE, msg.NOTE_DUPLICATE.format(files=names)
        else:
            status = msg.STATUS_ERRORS if errors else msg.STATUS_CLEAN
            note = msg.NOTE_BLANK.format(files=", ".join(blanks)) if blanks else ""
        first = checks[0] if checks else None
        rows.append(
            CompletenessRow(
                unit.code,
                unit.official_name,
                status,
                files,
                first.preparer if first else "",
                first.prepared_on if first else "",
                errors,
                warnings,
                note,
            )
        )
    read = {c.file for c in result.checks}
    for check in result.checks:
        if check.unit is None:
            why = next((p for p in check.problems if spec_of(p).kind is Kind.UNIT), None)
            rows.append(_stray_row(check.file, msg.STATUS_UNKNOWN, why, by_file, check))
    for path in result.files:
        name = shown_name(path.name)
        if name not in read:
            why = next((p for p in result.problems if p.file == name), None)
            rows.append(_stray_row(name, msg.STATUS_UNREADABLE, why, by_file, None))
    return rows


@dataclass(frozen=True)
class States:
    """How many expected units are in each state of the collection."""

    clean: int  # sent one workbook, which has no error (warnings allowed)
    with_errors: int  # sent, with errors to fix (two files for one unit included)
    missing: int  # sent nothing (a blank left unfilled is nothing)

    def lines(self) -> list[str]:
        """Return one Vietnamese line per state, as `check` ends and the report begins."""
        return [
            msg.STATE_CLEAN.format(count=number(self.clean)),
            msg.STATE_ERRORS.format(count=number(self.with_errors)),
            msg.STATE_MISSING.format(count=number(self.missing)),
        ]


def collection_states(rows: list[CompletenessRow]) -> States:
    """Count the expected units (rows with a code) by state; stray files are not units."""
    units = [r for r in rows if r.code]
    missing = sum(r.status == msg.STATUS_MISSING for r in units)
    clean = sum(r.status == msg.STATUS_CLEAN for r in units)
    return States(clean, len(units) - missing - clean, missing)


def _stray_row(file, status, why: Problem | None, by_file, check) -> CompletenessRow:
    errors, warnings = by_file.get(file, [0, 0])
    return CompletenessRow(
        "",
        "",
        status,
        (file,),
        check.preparer if check else "",
        check.prepared_on if check else "",
        errors,
        warnings,
        why.text() if why else "",
    )


def rule_label(found: Problem) -> str:
    """Return a problem's Vietnamese label (checks/rule_table.toml; [[rules]] share one)."""
    return spec_of(found).label


def _problem_cells(problem: Problem, unit_names: dict[str, str]) -> list:
    unit = unit_names.get(problem.unit, problem.unit) if problem.unit else msg.GENERAL_UNIT
    return [
        problem.severity,
        unit,
        problem.file,
        problem.sheet,
        problem.cell,
        problem.value,
        spec_of(problem).label,
        problem.message,
        problem.rule,  # the code last: for whoever filters or asks about a rule
    ]


def _completeness_cells(row: CompletenessRow) -> list:
    return [
        row.code,
        row.unit,
        row.status,
        ", ".join(row.files),
        row.preparer,
        row.prepared_on,
        row.errors,
        row.warnings,
        row.note,
    ]


_ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(ws, headers, rows, widths, error_column=None):
    header_row(ws, headers, widths)
    # Rows are counted here: openpyxl's ws.max_row and ws[row] walk every cell (quadratic).
    for row, values in enumerate(rows, 2):
        ws.append(values)
        for column in range(1, len(values) + 1):
            ws.cell(row=row, column=column).alignment = _WRAP
        if error_column is not None and values[error_column] == ERROR:
            ws.cell(row=row, column=error_column + 1).fill = _ERROR_FILL
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"


def _tables(result) -> tuple[list[list], list[list]]:
    """Return the cells of both tables: one row per problem, one per unit or stray file."""
    problems = [_problem_cells(p, result.unit_names) for p in result.problems]
    status = [_completeness_cells(r) for r in completeness_rows(result)]
    # Cell text is cleaned when read; this keeps anything else (a sheet name, a part of a
    # hostile file named in a message) from breaking the .xlsx or acting on a viewer.
    return _visible(problems), _visible(status)


def _visible(rows: list[list]) -> list[list]:
    return [[visible(v) if isinstance(v, str) else v for v in row] for row in rows]


def check_workbook_bytes(result, tables: tuple[list[list], list[list]]) -> bytes:
    """Return kiem-tra-<year>.xlsx: the problems, then the completeness table."""
    problems, status = tables
    wb = Workbook()
    sheet = wb.active
    sheet.title = msg.SHEET_PROBLEMS
    widths = (10, 24, 28, 14, 7, 22, 26, 80, 18)
    _sheet(sheet, msg.PROBLEM_HEADERS, problems, widths, error_column=0)
    sheet = wb.create_sheet(msg.SHEET_COMPLETENESS)
    _sheet(sheet, msg.COMPLETENESS_HEADERS, status, (7, 24, 20, 30, 20, 12, 7, 9, 60))
    # Same inputs, same bytes: pin what openpyxl would take from the clock.
    day = result.settings.date or dt.date(2000, 1, 1)
    wb.properties.created = wb.properties.modified = dt.datetime.combine(day, dt.time())
    return xlsx_bytes(wb, day)  # text from the inputs stays text, never a live formula


def period_name(result) -> str:
    """Return what the check covers: "năm 2019", "6 tháng đầu năm 2019"."""
    return result.period.name if result.period is not None else f"năm {result.year}"


def check_html(result, tables: tuple[list[list], list[list]]) -> str:
    """Return the same report as one self-contained HTML page."""
    title = msg.CHECK_TITLE.format(period=period_name(result))
    summary = count_line(result.errors, result.warnings, len(result.files))
    states = "<br>".join(
        html.escape(line) for line in collection_states(completeness_rows(result)).lines()
    )

    def table(headers, rows, severity_column=None):
        head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
        body = []
        for values in rows:
            cls = ""
            if severity_column is not None and values[severity_column] == ERROR:
                cls = ' class="loi"'
            cells = "".join(f"<td>{html.escape(str(v))}</td>" for v in values)
            body.append(f"<tr{cls}>{cells}</tr>")
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

    problems, status = tables
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{font-family:'Liberation Serif','DejaVu Serif',serif;margin:2em}"
        "table{border-collapse:collapse;margin-bottom:2em}"
        "th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}"
        "th{background:#ddebf7}tr.loi td:first-child{background:#f8cbad}</style>\n"
        "</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n<p>{states}</p>\n<p>{html.escape(summary)}</p>\n"
        f"<h2>{html.escape(msg.SHEET_PROBLEMS)}</h2>\n"
        + (table(msg.PROBLEM_HEADERS, problems, 0) if problems else f"<p>{msg.CLEAN}</p>")
        + f"\n<h2>{html.escape(msg.SHEET_COMPLETENESS)}</h2>\n"
        + table(msg.COMPLETENESS_HEADERS, status)
        + "\n</body>\n</html>\n"
    )


def write_check_report(result, out_dir: Path, data_dir: Path) -> list[Path]:
    """Write kiem-tra-<year>.xlsx and .html and the run log's line into out_dir as one set.

    The build's outputs already there are carried over unchanged (see write.write_set).
    """
    code = result.period.code if result.period is not None else ANNUAL
    stem = REPORT_STEM.format(year=folder_name(result.year, code))  # kiem-tra-2019-6-thang
    tables = _tables(result)

    def log_run(folder: Path, staged: list[Path]) -> None:
        record_run(folder, "check", result, data_dir, staged, shown=out_dir)

    files = {
        f"{stem}.xlsx": check_workbook_bytes(result, tables),
        f"{stem}.html": check_html(result, tables).encode("utf-8"),
        **feedback_files(result),
    }
    return write_set(
        out_dir,
        files,
        copied=(LOG_FILE,),
        before_switch=log_run,
        protected=(data_dir,),
        owned=(FEEDBACK_DIR,),
    )


# --- feedback to each unit: out/<year>/gui-don-vi/ ---


def feedback_files(result) -> dict[str, bytes]:
    """Return {"gui-don-vi/<code>-<name>.xlsx": bytes} per unit with problems, and the list.

    A unit's file holds its own problems (errors and warnings of the files it sent), in
    Vietnamese, located to the cell: what the office emails back. chua-nop.txt lists the
    units that have sent nothing, a blank left unfilled counting as nothing.
    """
    rows = {r.code: r for r in completeness_rows(result) if r.code}
    by_unit: dict[str, list[Problem]] = {}
    for problem in result.problems:
        if (
            problem.unit
            and spec_of(problem) is not MISSING_UNIT
            and problem.severity
            in (
                ERROR,
                WARNING,
            )
        ):
            by_unit.setdefault(problem.unit, []).append(problem)
    files = {}
    for unit in result.expected:
        problems = by_unit.get(unit.code)
        row = rows.get(unit.code)
        if not problems or row is None or row.status == msg.STATUS_MISSING:
            continue
        name = f"{FEEDBACK_DIR}/{_ascii_name(unit.code, unit.name)}.xlsx"
        files[name] = _feedback_bytes(result, unit, problems)
    missing = [rows[u.code] for u in result.expected if rows[u.code].status == msg.STATUS_MISSING]
    files[f"{FEEDBACK_DIR}/{MISSING_LIST}"] = _missing_text(period_name(result), missing)
    return files


def _ascii_name(code: str, name: str) -> str:
    """Return "340-dong-hung": the code and name folded to ASCII, nothing but a-z, 0-9, "-"."""
    text = fold(f"{code} {name}").replace(".", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "don-vi"


def _feedback_bytes(result, unit, problems: list[Problem]) -> bytes:
    """Return one unit's feedback workbook: a title, what to do, one row per problem."""
    wb = Workbook()
    ws = wb.active
    ws.title = msg.FEEDBACK_SHEET
    committee = result.registry.province_for(result.year).committee if result.registry else ""
    ws.append([msg.FEEDBACK_TITLE.format(period=period_name(result), unit=unit.official_name)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([msg.FEEDBACK_INTRO.format(committee=committee)])
    ws.append([])
    headers = msg.FEEDBACK_HEADERS
    ws.append(list(headers))
    for column, width in enumerate((10, 28, 14, 7, 22, 80, 26, 18), 1):
        cell = ws.cell(row=4, column=column)
        cell.font, cell.fill, cell.alignment = Font(bold=True), _HEAD_FILL, _WRAP
        ws.column_dimensions[get_column_letter(column)].width = width
    cells = [
        [p.severity, p.file, p.sheet, p.cell, p.value, p.message, rule_label(p), p.rule]
        for p in problems
    ]
    for row, values in enumerate(_visible(cells), 5):
        ws.append(values)
        for column in range(1, len(values) + 1):
            ws.cell(row=row, column=column).alignment = _WRAP
        if values[0] == ERROR:
            ws.cell(row=row, column=1).fill = _ERROR_FILL
    ws.freeze_panes = "A5"
    ws.print_title_rows = "4:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    day = result.settings.date or dt.date(2000, 1, 1)
    wb.properties.created = wb.properties.modified = dt.datetime.combine(day, dt.time())
    return xlsx_bytes(wb, day)  # text stays text: a value such as =HYPERLINK(…) never runs


def _missing_text(period: str, missing: list[CompletenessRow]) -> bytes:
    """Return chua-nop.txt: a head line, then one line per unit: code, tab, name (UTF-8)."""
    lines = [msg.MISSING_LIST_HEAD.format(period=period, count=number(len(missing)))]
    for row in missing:
        blank = msg.MISSING_LIST_BLANK.format(files=", ".join(row.files)) if row.files else ""
        lines.append(f"{visible(row.code)}\t{visible(row.unit)}{visible(blank)}")
    return ("\n".join(lines) + "\n").encode("utf-8")
