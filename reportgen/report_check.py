"""The check report: kiem-tra-<year>.xlsx and .html, one row per problem and a completeness table.

Provincial staff send it back to the districts, so every column a clerk needs to find the cell
is there: unit, file, sheet, cell, value seen, rule and what to do. Building the content is pure;
write_check_report is the only function that touches the disk (through write.write_set).
"""

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter

from reportgen import messages as msg
from reportgen.periods import ANNUAL, folder_name
from reportgen.problems import ERROR, Problem
from reportgen.runlog import LOG_FILE, record_run
from reportgen.visible import shown_name, visible
from reportgen.workbook import header_row, xlsx_bytes
from reportgen.write import write_set

REPORT_STEM = "kiem-tra-{year}"
_UNIT_RULES = ("unit_unknown", "unit_mismatch", "unit_blank")


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
    by_unit: dict[str, list] = {}  # one pass: 10,000 units x 10,000 files was quadratic
    for check in result.checks:
        if check.unit is not None:
            by_unit.setdefault(check.unit.code, []).append(check)
    rows = []
    for unit in result.expected:
        checks = by_unit.get(unit.code, [])
        files = tuple(c.file for c in checks)
        errors = sum(by_file.get(f, [0, 0])[0] for f in files)
        warnings = sum(by_file.get(f, [0, 0])[1] for f in files)
        if not checks:
            status, note = msg.STATUS_MISSING, ""
        elif len(checks) > 1:
            status, note = msg.STATUS_DUPLICATE, msg.NOTE_DUPLICATE.format(files=", ".join(files))
        else:
            status, note = msg.STATUS_SUBMITTED, ""
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
            why = next((p for p in check.problems if p.rule in _UNIT_RULES), None)
            rows.append(_stray_row(check.file, msg.STATUS_UNKNOWN, why, by_file, check))
    for path in result.files:
        name = shown_name(path.name)
        if name not in read:
            why = next((p for p in result.problems if p.file == name), None)
            rows.append(_stray_row(name, msg.STATUS_UNREADABLE, why, by_file, None))
    return rows


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


def _problem_cells(problem: Problem, unit_names: dict[str, str]) -> list:
    unit = unit_names.get(problem.unit, problem.unit) if problem.unit else msg.GENERAL_UNIT
    return [
        problem.severity,
        unit,
        problem.file,
        problem.sheet,
        problem.cell,
        problem.value,
        problem.rule,
        problem.message,
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
    _sheet(sheet, msg.PROBLEM_HEADERS, problems, (10, 24, 28, 14, 7, 22, 22, 80), error_column=0)
    sheet = wb.create_sheet(msg.SHEET_COMPLETENESS)
    _sheet(sheet, msg.COMPLETENESS_HEADERS, status, (7, 24, 20, 30, 20, 12, 7, 9, 60))
    # Same inputs, same bytes: pin what openpyxl would take from the clock.
    day = result.settings.date or dt.date(2000, 1, 1)
    wb.properties.created = wb.properties.modified = dt.datetime.combine(day, dt.time())
    return xlsx_bytes(wb, day)  # text from the inputs stays text, never a live formula


def check_html(result, tables: tuple[list[list], list[list]]) -> str:
    """Return the same report as one self-contained HTML page."""
    # "năm 2019", "6 tháng đầu năm 2019"
    period = result.period.name if result.period is not None else f"năm {result.year}"
    title = msg.CHECK_TITLE.format(period=period)
    summary = msg.SUMMARY.format(
        errors=result.errors, warnings=result.warnings, files=len(result.files)
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
        f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(summary)}</p>\n"
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
    }
    return write_set(
        out_dir, files, copied=(LOG_FILE,), before_switch=log_run, protected=(data_dir,)
    )
