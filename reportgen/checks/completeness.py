"""Who sent what: each expected unit's workbooks, the units with none and those with two."""

from dataclasses import dataclass

from reportgen import workbook_layout as layout
from reportgen.checks.records import WorkbookCheck
from reportgen.checks.rule_table import DUPLICATE_UNIT, MISSING_UNIT, problem
from reportgen.declared.units import Registry, Unit
from reportgen.problems import WARNING, Problem


@dataclass(frozen=True)
class Completeness:
    """Which workbooks each expected unit sent, computed once: for the check and its report."""

    checks: dict[str, tuple[WorkbookCheck, ...]]  # unit code -> its workbooks, in file order
    missing: tuple[Unit, ...]  # expected units with no workbook, in the registry's order
    duplicated: frozenset[str]  # codes of the units with more than one workbook
    problems: tuple[Problem, ...]


def check_completeness(
    checks: list[WorkbookCheck],
    registry: Registry,
    year: int,
    folder: str,
    allow_missing: bool = False,
) -> Completeness:
    """Report duplicate workbooks for one unit and expected units with no workbook.

    With allow_missing, a unit with no workbook is a warning, not an error.
    """
    problems = []
    by_unit: dict[str, list[WorkbookCheck]] = {}
    for check in checks:
        if check.unit is None or check.blank:  # a blank left in the folder is no submission
            continue
        unit = check.unit
        sent = by_unit.setdefault(unit.code, [])
        if sent:
            fill = {"unit": unit.name_in_text, "other": sent[0].file}
            where = {"file": check.file, "sheet": layout.INFO_SHEET, "unit": unit.code}
            problems.append(problem(DUPLICATE_UNIT, **where, value=unit.official_name, fill=fill))
        sent.append(check)
    missing = tuple(u for u in registry.units_for(year) if u.code not in by_unit)
    severity = WARNING if allow_missing else None
    for unit in missing:
        fill = {"unit": unit.name_in_text, "folder": folder}
        problems.append(problem(MISSING_UNIT, unit=unit.code, severity=severity, fill=fill))
    return Completeness(
        {code: tuple(sent) for code, sent in by_unit.items()},
        missing,
        frozenset(code for code, sent in by_unit.items() if len(sent) > 1),
        tuple(problems),
    )
