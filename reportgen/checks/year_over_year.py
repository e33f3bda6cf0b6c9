"""The years before the report's: which compare with it, the comparison, which the report uses.

The year before is compared cell by cell (its figures, rows copied from it); it and up to
TREND_YEARS - 1 years before go into the report when they have no errors that matter there.
The same period of each year is compared ("cùng kỳ"), and never across a boundary change
(territory.py).
"""

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import messages as msg
from reportgen.checks.cross_field import copied_rows, year_over_year
from reportgen.checks.rule_table import (
    ASSESSMENT,
    PREVIOUS_SKIPPED,
    SETTINGS,
    TREND_SKIPPED,
    problem,
    spec_of,
)
from reportgen.declared.periods import year_folder
from reportgen.declared.territory import same_territory
from reportgen.declared.units import Registry
from reportgen.problems import Problem, sort_problems

if TYPE_CHECKING:
    from reportgen.results import CheckResult

log = logging.getLogger(__name__)

TREND_YEARS = 5  # at most this many years, the report's included, go into `trend`


@dataclass(frozen=True)
class _ReadFigures:
    """The figures read from a workbook with errors, as year_over_year takes a submission."""

    facts: tuple


def comparable(
    data_dir: Path, registry: Registry, year: int, before: int, code: str, say_why: bool = False
) -> bool:
    """Return True when the same period of `before` has a folder and the same territory.

    say_why: log (-v) that two years with a folder each are not compared, and why.
    """
    if not year_folder(data_dir, before, code).is_dir():
        return False
    if same_territory(registry, year, before):
        return True
    if say_why:
        log.info(msg.NOT_COMPARED.format(year=year, before=before))
    return False


def compared(result: "CheckResult", previous: "CheckResult") -> "CheckResult":
    """Return the year's check with the year before's, and the warnings of comparing them:
    figures that jump (catalog.toml [year_over_year]), row sheets copied from the year before."""
    submissions, year = result.submissions, result.year
    # Every figure read is compared, from files with errors too: the unit hears of a jump in
    # the same round as its other problems, not after fixing them.
    read = [_ReadFigures(c.read_facts) for c in result.checks
            if c.read_facts and c.unit is not None
            and c.unit.code not in result.completeness.duplicated]  # fmt: skip
    problems = list(result.problems)
    rule = result.catalog.year_over_year
    if rule and (submissions or read):
        problems += year_over_year(submissions + read, previous.submissions, rule, year)
    if submissions:
        problems += copied_rows(submissions, previous.submissions, year)
    return replace(result, previous=previous, problems=sort_problems(problems))


def earlier_years(result: "CheckResult", data_dir: Path) -> list[int]:
    """Return the years before whose same period the trend may show, newest first, up to
    TREND_YEARS in all (the report's counted), while each has a folder and the same territory.
    The pipeline checks each (the year before is result.previous already), so that reading
    stays in inputs/, called from the chain.
    """
    registry, code, found = result.registry, result.period.code, []
    for before in range(result.year - 1, result.year - TREND_YEARS, -1):
        if not comparable(data_dir, registry, result.year, before, code):
            break
        found.append(before)
    return found


def _errors(result: "CheckResult") -> int:
    """Count the errors that keep a year out of the report: not those of its settings file or
    its nhan-dinh.md, which only that year's own report reads."""
    return sum(p.is_error and spec_of(p) not in (SETTINGS, ASSESSMENT) for p in result.problems)


def usable_previous(before: "CheckResult | None") -> tuple["CheckResult | None", list[Problem]]:
    """Return the year before to compare the report with; None and a warning when it has errors."""
    errors = _errors(before) if before is not None else 0
    if not errors:
        return before, []
    period = before.period
    if period is None or period.annual:
        return None, [problem(PREVIOUS_SKIPPED, fill={"year": before.year, "errors": errors})]
    # the same period of the year before: its name, and how to check it
    text = msg.PREVIOUS_PERIOD_SKIPPED.format(
        period=period.name, year=before.year, code=period.code, errors=errors
    )
    return None, [problem(PREVIOUS_SKIPPED, message=text)]


def trend_years(
    result: "CheckResult", earlier: list["CheckResult"]
) -> tuple[list["CheckResult"], list[Problem]]:
    """Return the trend's years, oldest first and the report's last, and the warnings.

    earlier: the years before, newest first, each checked. A year with errors is left out,
    with a warning (none for the year before: usable_previous already says why).
    """
    found, warnings = [result], []
    for before in earlier:
        errors = _errors(before)
        if errors and before is not result.previous:
            period = before.period
            make_period = "" if period.annual else f" PERIOD={period.code}"
            text = msg.TREND_SKIPPED.format(
                period=period.name, errors=errors, year=before.year, make_period=make_period
            )
            warnings.append(problem(TREND_SKIPPED, message=text))
        if not errors:
            found.append(before)
    found.reverse()
    return found, warnings
