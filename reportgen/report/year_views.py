"""The report's views of a checked year, beside the year before and the years of its trend."""

from dataclasses import replace
from typing import TYPE_CHECKING

from reportgen.declared.territory import common_units
from reportgen.report.aggregate import ReportData, Trend, aggregate

if TYPE_CHECKING:
    from reportgen.results import CheckResult


def year_views(
    result: "CheckResult", before: "CheckResult | None", trend: list["CheckResult"]
) -> ReportData:
    """Sum the year's facts into what the report shows, with the year before (for the
    comparisons) and the trend's years (oldest first), each over the units that reported this
    year: with units missing (--allow-missing), totals over the same units compare."""
    catalog, registry = result.catalog, result.registry
    present = {s.unit.code for s in result.submissions}
    previous = None
    if before is not None and common_units(before.submissions, present):
        previous = _sum(before, present)
    data = aggregate(
        result.submissions,
        catalog,
        registry.province_for(result.year),
        result.settings,
        result.year,
        result.missing,
        previous,
        traced=True,
        period=result.period,
    )
    years = Trend(tuple(c.year for c in trend), tuple(_sum(c, present) for c in trend))
    return replace(data, trend=years)


def _sum(checked: "CheckResult", present: set[str]) -> ReportData:
    """Sum a year of the comparison or the trend, over the units present in the report's year."""
    return aggregate(
        common_units(checked.submissions, present),
        checked.catalog,
        checked.registry.province_for(checked.year),
        checked.settings,
        checked.year,
        period=checked.period,
    )
