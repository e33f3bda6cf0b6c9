"""What a report template is given: the records of the report's figures, and `change`.

ReportData holds everything the templates read (its fields are the template's names); the
figures in it are views of the checked submissions' facts (aggregate.py). `change` is the
filter that compares a figure with the year before, for the template to word.
"""

from dataclasses import dataclass, field

from reportgen.checks.records import Place
from reportgen.declared.catalog import Choice
from reportgen.declared.periods import Period
from reportgen.declared.settings import ReportSettings
from reportgen.declared.units import Province, Unit


@dataclass(frozen=True)
class ActivityGroup:
    """Activities of one type and one topic, summed over units."""

    type: Choice
    topic: str
    audiences: tuple[str, ...]
    sessions: int
    participants: int
    places: tuple[Place, ...]
    # rows of the group with no commune given: then its places are some of its places only
    unplaced: int = 0


@dataclass(frozen=True)
class PublicationGroup:
    """One publication (title and measure), summed over units."""

    title: str
    measure: str
    quantity: int
    # the kind of publication (catalog.toml [[publication_kinds]]), None when none fits
    kind: Choice | None = None


@dataclass(frozen=True)
class CaseSummary:
    """Cases of the year, summed over units."""

    count: int
    offenders: int
    victims: int
    reached: dict[str, int]  # stage code -> cases that reached at least that stage
    routes: tuple[str, ...]
    places: tuple[Place, ...]
    # stage code -> offenders in the cases that reached at least that stage
    reached_offenders: dict[str, int] = field(default_factory=dict)
    # (route, cases) with the most frequent route first; cases without a route are left out
    by_route: tuple[tuple[str, int], ...] = ()
    # the code of the furthest stage any case reached ("" when there is no case)
    furthest: str = ""
    # (unit, cases) of the units with cases, the most cases first (then by unit code)
    by_unit: tuple[tuple[Unit, int], ...] = ()
    # per grouped choice column, (choice, cases) in catalog order: by_choice["offence"]
    by_choice: dict[str, tuple[tuple[Choice, int], ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class UnitRow:
    """One unit's figures and the file they came from."""

    unit: Unit
    file: str
    values: dict[str, int]
    # The unit's cases (Phụ lục, cases by unit): "count", "offenders", "victims", and per
    # stage code the cases that reached at least that stage ("khoi_to": 2).
    cases: dict[str, int] = field(default_factory=dict)
    # The unit's activities (Phụ lục, activities by unit): per activity type code the
    # sessions held, and "participants" (all types).
    activities: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportData:
    """Everything a report template can use."""

    year: int
    province: Province
    settings: ReportSettings
    total: dict[str, int]
    units: tuple[UnitRow, ...]
    missing: tuple[Unit, ...]
    activities: tuple[ActivityGroup, ...]
    publications: tuple[PublicationGroup, ...]
    cases: CaseSummary
    # the year before (the same period of it), when its folder exists and checks clean
    previous: "ReportData | None" = None
    # the report period: its name ("6 tháng đầu năm 2019"), span, whether it is the whole year
    period: Period | None = None
    # this year and the years before it of the same period and territory, for the appendix
    trend: "Trend | None" = None


@dataclass(frozen=True)
class Trend:
    """The same period over consecutive years, oldest first, the report's year last.

    years[i] is the year of reports[i]; each report holds plain ints (never traced), summed
    over the units that reported in the report's year. Years whose data has errors are left
    out (a warning says so); a missing year or a boundary change ends the run of years.
    """

    years: tuple[int, ...]
    reports: tuple[ReportData, ...]


@dataclass(frozen=True)
class Change:
    """How a figure moved since the year before; the template words it.

    direction is "up", "down", "equal" or "similar" (moved by no more than the
    tolerance the template gives); ratio is the change over the year before,
    None when the year before was 0.
    """

    now: int
    before: int
    direction: str
    diff: int
    ratio: float | None

    # True when the figure rose, fell (each by more than the tolerance), stayed the same, or
    # moved within the tolerance: what the template's sentences choose their words by.
    up = property(lambda self: self.direction == "up")
    down = property(lambda self: self.direction == "down")
    equal = property(lambda self: self.direction == "equal")
    similar = property(lambda self: self.direction == "similar")


def change(now: int, before: int, tolerance: float = 0) -> Change:
    """Compare a figure with the year before; within `tolerance` (0.05 = 5%) it is "similar"."""
    diff = now - before
    ratio = abs(diff) / before if before else None
    if diff == 0:
        direction = "equal"
    elif ratio is not None and ratio <= tolerance:
        direction = "similar"
    else:
        direction = "up" if diff > 0 else "down"
    return Change(now, before, direction, abs(diff), ratio)
