"""The check report: kiem-tra-<year>.xlsx and .html, one row per problem and a completeness table.

Provincial staff send it back to the districts, so every column a clerk needs to find the cell
is there: unit, file, sheet, cell, value seen, rule (its label; its code in the last column)
and what to do. The page is worded by templates/kiem-tra.html.j2, the workbooks are made in
check_report_xlsx.py; write_check_report is the only function that touches the disk (through
write.write_set).
"""

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

from reportgen import messages as msg
from reportgen.checks.rule_table import MISSING_UNIT, Kind, spec_of
from reportgen.declared.periods import ANNUAL, folder_name
from reportgen.names import fold
from reportgen.outputs.check_report_xlsx import check_workbook_bytes, feedback_workbook_bytes
from reportgen.outputs.runlog import LOG_FILE, record_run
from reportgen.outputs.write import write_set
from reportgen.problems import ERROR, WARNING, Problem
from reportgen.report.render import render_html, template_dirs
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


@dataclass(frozen=True)
class ProblemRow:
    """One problem as the check report lists it: a row of the table, a clerk's way to the cell."""

    severity: str
    unit: str  # the unit's name; msg.GENERAL_UNIT for a problem of no unit
    file: str
    sheet: str
    cell: str
    value: str
    rule: str  # the rule's Vietnamese label
    message: str
    code: str  # the rule's code, last: for whoever filters or asks about a rule

    @property
    def is_error(self) -> bool:
        """Return True when the problem blocks the report (its row is marked)."""
        return self.severity == ERROR


def problem_rows(result) -> list[ProblemRow]:
    """Return the check report's problem rows, in the order of result.problems."""
    return [_problem_row(p, result.unit_names) for p in result.problems]


def _problem_row(problem: Problem, unit_names: dict[str, str]) -> ProblemRow:
    unit = unit_names.get(problem.unit, problem.unit) if problem.unit else msg.GENERAL_UNIT
    return _shown(
        ProblemRow(
            problem.severity,
            unit,
            problem.file,
            problem.sheet,
            problem.cell,
            problem.value,
            rule_label(problem),
            problem.message,
            problem.rule,
        )
    )


def _shown(row):
    """Return the row with its text made visible.

    Cell text is cleaned when read; this keeps anything else (a sheet name, a part of a
    hostile file named in a message) from breaking the .xlsx or acting on a viewer.
    """
    changes = {}
    for f in fields(row):
        value = getattr(row, f.name)
        if isinstance(value, str):
            changes[f.name] = visible(value)
        elif isinstance(value, tuple):
            changes[f.name] = tuple(visible(v) if isinstance(v, str) else v for v in value)
    return replace(row, **changes)


def _problem_cells(row: ProblemRow) -> list:
    return [getattr(row, f.name) for f in fields(row)]


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


def period_name(result) -> str:
    """Return what the check covers: "năm 2019", "6 tháng đầu năm 2019"."""
    return result.period.name if result.period is not None else f"năm {result.year}"


CHECK_TEMPLATE = "kiem-tra.html.j2"


@dataclass(frozen=True)
class CheckPage:
    """The names templates/kiem-tra.html.j2 reads (its opening comment says what each holds)."""

    period_name: str
    year: int
    states: States
    errors: int
    warnings: int
    files: int
    problems: tuple[ProblemRow, ...]
    units: tuple[CompletenessRow, ...]


def check_html(
    result, problems: list[ProblemRow], units: list[CompletenessRow], dirs: list[Path]
) -> str:
    """Return the check report as one self-contained HTML page, worded by its template.

    It renders as the report does (report/render.py: in a child, sandboxed, escaped); a
    mistake in the template raises the same located TemplateProblem.
    """
    page = CheckPage(
        period_name(result),
        result.year,
        collection_states(units),
        result.errors,
        result.warnings,
        len(result.files),
        tuple(problems),
        tuple(units),
    )
    # Jinja drops the template's last newline (keep_trailing_newline=False); a file keeps it.
    return render_html(page, dirs, CHECK_TEMPLATE) + "\n"


def write_check_report(
    result, out_dir: Path, data_dir: Path, templates_dir: Path | None = None
) -> list[Path]:
    """Write kiem-tra-<year>.xlsx and .html and the run log's line into out_dir as one set.

    The page's wording comes from kiem-tra.html.j2, templates_dir's first. Everything is
    made before anything is written: a mistake in the template writes nothing. The build's
    outputs already there are carried over unchanged (see write.write_set).
    """
    code = result.period.code if result.period is not None else ANNUAL
    stem = REPORT_STEM.format(year=folder_name(result.year, code))  # kiem-tra-2019-6-thang
    problems = problem_rows(result)
    units = [_shown(row) for row in completeness_rows(result)]
    page = check_html(result, problems, units, template_dirs(templates_dir))
    cells = [_problem_cells(r) for r in problems], [_completeness_cells(r) for r in units]
    workbook = check_workbook_bytes(*cells, result.settings.date)

    def log_run(folder: Path, staged: list[Path]) -> None:
        record_run(folder, "check", result, data_dir, staged, shown=out_dir)

    files = {
        f"{stem}.xlsx": workbook,
        f"{stem}.html": page.encode("utf-8"),
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
    """Return one unit's feedback workbook: its problems, what to do first."""
    committee = result.registry.province_for(result.year).committee if result.registry else ""
    title = msg.FEEDBACK_TITLE.format(period=period_name(result), unit=unit.official_name)
    rows = [_problem_row(p, result.unit_names) for p in problems]
    cells = [
        [r.severity, r.file, r.sheet, r.cell, r.value, r.message, r.rule, r.code] for r in rows
    ]
    intro = msg.FEEDBACK_INTRO.format(committee=committee)
    return feedback_workbook_bytes(title, intro, cells, result.settings.date)


def _missing_text(period: str, missing: list[CompletenessRow]) -> bytes:
    """Return chua-nop.txt: a head line, then one line per unit: code, tab, name (UTF-8)."""
    lines = [msg.MISSING_LIST_HEAD.format(period=period, count=number(len(missing)))]
    for row in missing:
        blank = msg.MISSING_LIST_BLANK.format(files=", ".join(row.files)) if row.files else ""
        lines.append(f"{visible(row.code)}\t{visible(row.unit)}{visible(blank)}")
    return ("\n".join(lines) + "\n").encode("utf-8")
