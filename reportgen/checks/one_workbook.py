"""Check one workbook: its info sheet, indicator sheet and row sheets, into a WorkbookCheck.

Every problem is collected (errors as data); a workbook with none that is an error becomes a
Submission with its facts, the figures the report sums. many_workbooks.py runs this per file.
"""

from reportgen.checks.collector import Collector
from reportgen.checks.indicator_sheet import Indicators, check_indicators
from reportgen.checks.info_sheet import check_info
from reportgen.checks.records import Row, Submission, WorkbookCheck
from reportgen.checks.row_sheets import check_table
from reportgen.checks.rule_table import BLANK, BLANK_TEMPLATE, problem, spec_of
from reportgen.declared.catalog import Catalog
from reportgen.declared.periods import ANNUAL, Period
from reportgen.declared.units import Registry
from reportgen.fact_table import indicator_facts, row_facts
from reportgen.inputs.read import RawWorkbook
from reportgen.problems import Problem

# What an unfilled blank shows: every indicator value left empty, so "chưa nhập" errors only.
_UNFILLED_RULES = frozenset({BLANK})


def inspect_workbook(
    raw: RawWorkbook, catalog: Catalog, registry: Registry, year: int, period: Period | None = None
) -> WorkbookCheck:
    """Check one workbook; return its unit, submission (None on error), problems and preparer.

    period: the report period of the folder it is in (None: the whole year).
    """
    code = period.code if period is not None else ANNUAL
    out = Collector(raw.file)
    unit, preparer, prepared_on = check_info(raw, out, catalog, registry, year, period)
    found = check_indicators(raw, out, catalog, year, code)
    indicator_rules = [rule for rule in catalog.rules if not rule.table]
    out.compare(indicator_rules, found.sheet, found.values, found.blank, found.refs)
    communes = registry.commune_index(year)
    tables = catalog.tables_for(year)  # a column added later is not asked of older years
    rows = {t.key: check_table(raw, out, t, catalog, communes, unit) for t in tables}
    if unit is not None and _nothing_filled(found, rows, out.problems):
        note = problem(BLANK_TEMPLATE, file=raw.file, unit=unit.code)
        return WorkbookCheck(raw.file, unit, None, [note], preparer, prepared_on, blank=True)
    if unit is None or any(p.is_error for p in out.problems):
        read = indicator_facts(year, unit.code, raw.file, found.values, found.cells) if unit else ()
        return WorkbookCheck(
            raw.file, unit, None, out.problems, preparer, prepared_on, read_facts=tuple(read)
        )
    facts = (
        *indicator_facts(year, unit.code, raw.file, found.values, found.cells, code),
        *row_facts(year, unit.code, catalog.tables, rows, code),
    )
    submission = Submission(
        raw.file, unit, year, preparer, prepared_on, found.values, found.cells, rows, facts
    )
    return WorkbookCheck(raw.file, unit, submission, out.problems, preparer, prepared_on)


def _nothing_filled(found: Indicators, rows: dict[str, list[Row]], problems: list[Problem]) -> bool:
    """Return True for a workbook in which nothing was typed: a blank, not a submission.

    Decided from the content, not from the mark the template sets (workbook.BLANK_MARK):
    the mark stays when a clerk fills the file, and blanks of older versions have none.
    Every indicator found is empty, no row sheet has a row, and nothing else is wrong
    (a damaged or reworked file keeps its own problems).
    """
    return (
        bool(found.refs)
        and found.blank == set(found.refs)
        and not any(rows.values())
        and all(spec_of(p) in _UNFILLED_RULES for p in problems)
    )
