"""The staff's own files of a year's folder: bao-cao.toml and nhan-dinh.md, with the period."""

import datetime as dt
from dataclasses import replace
from pathlib import Path

from reportgen.declared.periods import Period, PeriodKind, period_for, with_span
from reportgen.declared.settings import (
    SETTINGS_FILE,
    ReportSettings,
    read_assessment,
    read_settings,
)
from reportgen.inputs.assessment import ASSESSMENT_FILE
from reportgen.problems import Problem


def read_year_settings(
    data_dir: Path,
    year: int,
    kinds: dict[str, PeriodKind],
    code: str,
    official: bool = False,
    date_required: bool = True,
) -> tuple[ReportSettings, Period, list[Problem]]:
    """Read a period's bao-cao.toml and nhan-dinh.md; return them, the period with the span
    bao-cao.toml sets, and the problems found (official: --style official's needs are errors)."""
    settings, problems = read_settings(data_dir, year, official, date_required, code)
    assessment, more = read_assessment(data_dir, year, official, code)
    period = with_span(period_for(kinds, code, year), settings.period_start, settings.period_end)
    settings = _official_span(replace(settings, assessment=assessment), period)
    return settings, period, problems + more


def staff_files(folder: Path) -> tuple[Path, Path]:
    """Return the staff's files of a year's (period's) folder: bao-cao.toml, nhan-dinh.md."""
    return folder / SETTINGS_FILE, folder / ASSESSMENT_FILE


def _official_span(settings: ReportSettings, period: Period) -> ReportSettings:
    """Give the official form of a period other than the year the period's span when its
    [official] table leaves period_start/period_end at the year's default (15/12 to 14/12),
    which a 6-month or quarterly document would otherwise print."""
    official = settings.official
    if official is None or period.annual:
        return settings
    year_default = (dt.date(period.year - 1, 12, 15), dt.date(period.year, 12, 14))
    if (official.period_start, official.period_end) != year_default:
        return settings  # written in the table: kept as written
    official = replace(official, period_start=period.start, period_end=period.end)
    return replace(settings, official=official)
