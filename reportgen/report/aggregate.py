"""Build the report's data from the checked submissions: views of their facts, each summed once.

Totals, activity and publication lines and the case counts (totals.py) and the per-unit
appendix (appendix.py) are made here from the facts (reportgen/fact_table.py); with
traced, each printed figure is a Figure that carries the facts it sums, so the hover split
and nguon-so-lieu.csv show exactly them (provenance.py). The records are in context.py.
"""

from reportgen.checks.records import Submission
from reportgen.declared.catalog import Catalog
from reportgen.declared.periods import ANNUAL, DEFAULT_KINDS, Period, period_for
from reportgen.declared.settings import ReportSettings
from reportgen.declared.units import Province, Unit
from reportgen.fact_table import Fact, Figure, submission_facts
from reportgen.report.appendix import unit_rows
from reportgen.report.context import ReportData, Trend
from reportgen.report.totals import (
    aggregate_activities,
    aggregate_cases,
    aggregate_publications,
    indicator_totals,
    total_of,
)

# The pipeline imports the report's records from here, with aggregate().
__all__ = ["ReportData", "Trend", "aggregate"]


def aggregate(
    subs: list[Submission],
    catalog: Catalog,
    province: Province,
    settings: ReportSettings,
    year: int,
    missing: tuple[Unit, ...] = (),
    previous: ReportData | None = None,
    traced: bool = False,
    period: Period | None = None,
) -> ReportData:
    """Build the report's data from checked submissions (sorted by unit code).

    Every figure is a view of the submissions' facts, summed once. With traced (the year a
    build reports on), each is a Figure that carries the facts it sums, for the hover split
    and nguon-so-lieu.csv; without (the year before, only compared with), a plain int.
    """
    subs = sorted(subs, key=lambda s: s.unit.code)
    units = {s.unit.code: s.unit for s in subs}
    facts_of = [submission_facts(s, catalog.tables) for s in subs]
    facts = [f for sub_facts in facts_of for f in sub_facts]

    def figure(chosen: list[Fact], key: str, label: str) -> int:
        return Figure(key, label, chosen, units) if traced else total_of(chosen)

    return ReportData(
        year=year,
        province=province,
        settings=settings,
        total=indicator_totals(facts, catalog, figure),
        units=unit_rows(subs, facts_of, catalog),
        missing=tuple(sorted(missing, key=lambda u: u.code)),
        activities=aggregate_activities(subs, catalog, facts, figure),
        publications=aggregate_publications(subs, catalog, facts, figure),
        cases=aggregate_cases(subs, catalog, facts, figure),
        previous=previous,
        period=period or period_for(DEFAULT_KINDS, ANNUAL, year),
    )
