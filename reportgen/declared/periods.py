"""Report periods: the whole year, a quarter, the first 6 or 9 months (data/periods.toml).

The national reporting regime asks for quarterly, 6-month, 9-month and annual reports, each
over a fixed span of dates (the year from 15/12 of the year before to 14/12). The periods
are declared in data/periods.toml; a data folder without one knows the whole year only, so
that older data folders keep working. A period's workbooks live in data/<year>-<code>/,
the annual ones in data/<year>/; a period compares with the same period of the year before.
"""

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen import messages as msg
from reportgen.declared.toml_errors import explain
from reportgen.errors import ConfigError
from reportgen.inputs.regular import NotRegularFile, read_error, read_regular
from reportgen.visible import visible

PERIODS_FILE = "periods.toml"
ANNUAL = "nam"  # the code of the whole year, facts.YEAR
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})")
_CODE = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class PeriodKind:
    """One period as declared: its code, its name with {year}, its default span."""

    code: str
    name: str  # "6 tháng đầu năm {year}"
    start: tuple[int, int]  # (month, day); in the year before when after `end`
    end: tuple[int, int]
    cumulative: bool = False


@dataclass(frozen=True)
class Period:
    """One period of one year, as the report and the templates see it."""

    code: str  # "6-thang"
    year: int
    name: str  # "6 tháng đầu năm 2019"
    annual: bool  # the whole year: compared "so với năm …", folder data/<year>/
    cumulative: bool  # from the start of the year: "từ đầu năm đến nay"
    start: dt.date
    end: dt.date


# What a data folder without periods.toml knows: the whole year, as the regime spans it.
DEFAULT_KINDS = {ANNUAL: PeriodKind(ANNUAL, "năm {year}", (12, 15), (12, 14), True)}


def load_periods(data_dir: Path) -> dict[str, PeriodKind]:
    """Read periods.toml (the whole year only when there is none); list every mistake."""
    path = data_dir / PERIODS_FILE
    shown = visible(str(path))
    try:
        raw = tomllib.loads(read_regular(path).decode("utf-8"))
    except FileNotFoundError:
        return dict(DEFAULT_KINDS)
    except NotRegularFile:
        raise ConfigError([msg.CONFIG_NOT_A_FILE.format(path=shown)]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"{shown}: {msg.SETTINGS_ENCODING}"]) from None
    except OSError as exc:
        error = read_error(exc)
        raise ConfigError([msg.CONFIG_UNREADABLE.format(path=shown, error=error)]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([msg.CONFIG_SYNTAX.format(path=shown, error=explain(exc))]) from None
    errors: list[str] = []
    kinds: dict[str, PeriodKind] = {}
    entries = raw.get("periods", [])
    for i, entry in enumerate(entries if isinstance(entries, list) else [], 1):
        where = f"{shown} [[periods]] #{i}"
        if not isinstance(entry, dict):
            errors.append(msg.CONFIG_FIELD.format(where=where, key="code"))
            continue
        code, name = entry.get("code"), entry.get("name")
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            errors.append(msg.CONFIG_FIELD.format(where=where, key="code"))
            continue
        if not isinstance(name, str) or "{year}" not in name:
            errors.append(msg.PERIOD_NAME.format(where=where))
            continue
        spans = [_day_month(entry.get(key), where, key, errors) for key in ("start", "end")]
        cumulative = entry.get("cumulative", False)
        if not isinstance(cumulative, bool):
            errors.append(msg.CONFIG_FIELD.format(where=where, key="cumulative"))
        if code in kinds:
            errors.append(msg.PERIOD_TWICE.format(path=shown, code=code))
        if None not in spans:
            kinds[code] = PeriodKind(code, name, spans[0], spans[1], cumulative is True)
    if ANNUAL not in kinds and not errors:
        errors.append(msg.PERIOD_NO_ANNUAL.format(path=shown, code=ANNUAL))
    if errors:
        raise ConfigError(errors)
    return kinds


def _day_month(value, where: str, key: str, errors: list[str]) -> tuple[int, int] | None:
    """Return (month, day) of "15/12"; a mistake is listed, and None returned."""
    found = _DAY_MONTH.fullmatch(value.strip()) if isinstance(value, str) else None
    if found:
        day, month = int(found[1]), int(found[2])
        try:
            dt.date(2000, month, day)  # a leap year: 29/2 is a day
            return month, day
        except ValueError:
            pass
    errors.append(msg.PERIOD_DAY.format(where=where, key=key))
    return None


def period_for(kinds: dict[str, PeriodKind], code: str, year: int) -> Period:
    """Return the period `code` of `year` with its default span; ConfigError if unknown."""
    kind = kinds.get(code)
    if kind is None:
        known = ", ".join(kinds)
        raise ConfigError([msg.PERIOD_UNKNOWN.format(code=visible(code), known=known)])
    end = _on(year, kind.end)
    start = _on(year if kind.start <= kind.end else year - 1, kind.start)
    return Period(
        kind.code,
        year,
        kind.name.format(year=year),
        kind.code == ANNUAL,
        kind.cumulative,
        start,
        end,
    )


def _on(year: int, month_day: tuple[int, int]) -> dt.date:
    month, day = month_day
    if (month, day) == (2, 29) and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        day = 28
    return dt.date(year, month, day)


def with_span(period: Period, start: dt.date | None, end: dt.date | None) -> Period:
    """Return the period with the span a year's bao-cao.toml sets (each end when given)."""
    return replace(period, start=start or period.start, end=end or period.end)


def folder_name(year: int, code: str) -> str:
    """Return the name of the folder of a period's workbooks: "2019", "2019-6-thang"."""
    return str(year) if code == ANNUAL else f"{year}-{code}"


def year_folder(data_dir: Path, year: int, period: str = ANNUAL) -> Path:
    """Return the folder that holds a year's workbooks (of a period: data/2019-6-thang)."""
    return data_dir / folder_name(year, period)
