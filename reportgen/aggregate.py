"""Sum the checked submissions into what the templates show."""

from dataclasses import dataclass, field

from reportgen.catalog import Catalog, Choice, Province, Unit
from reportgen.check import Place, Submission
from reportgen.load import ReportSettings
from reportgen.names import collation_key, fold, name_key


@dataclass(frozen=True)
class ActivityGroup:
    """Activities of one type and one topic, summed over units."""

    type: Choice
    topic: str
    audiences: tuple[str, ...]
    sessions: int
    participants: int
    places: tuple[Place, ...]


@dataclass(frozen=True)
class PublicationGroup:
    """One publication (title and measure), summed over units."""

    title: str
    measure: str
    quantity: int


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


@dataclass(frozen=True)
class UnitRow:
    """One unit's figures and the file they came from."""

    unit: Unit
    file: str
    values: dict[str, int]


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
    # the year before, when its folder exists and checks clean; None otherwise
    previous: "ReportData | None" = None


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

    @property
    def up(self) -> bool:
        """Return True when the figure rose by more than the tolerance."""
        return self.direction == "up"

    @property
    def down(self) -> bool:
        """Return True when the figure fell by more than the tolerance."""
        return self.direction == "down"

    @property
    def equal(self) -> bool:
        """Return True when the two figures are the same."""
        return self.direction == "equal"

    @property
    def similar(self) -> bool:
        """Return True when the figure moved, but within the tolerance."""
        return self.direction == "similar"


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


def _unique(items, key) -> tuple:
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return tuple(out)


def _place_key(place: Place) -> tuple[str, str]:
    return place.unit.code, name_key(place.name)


def _sorted_places(places) -> tuple[Place, ...]:
    """Return distinct places in Vietnamese alphabetical order of their names."""
    return tuple(sorted(_unique(places, _place_key), key=lambda p: collation_key(p.name)))


def activity_key(type_code: str, topic: str) -> tuple[str, str]:
    """Return what activity rows are grouped by: their type, and their topic however typed."""
    return type_code, fold(topic)


def publication_key(title: str, measure: str) -> tuple[str, str]:
    """Return what publication rows are summed by: title and measure however typed."""
    return fold(title), fold(measure)


def aggregate_activities(subs: list[Submission], catalog: Catalog) -> tuple[ActivityGroup, ...]:
    """Group activity rows by type (catalog order) and topic (first seen first)."""
    order = {c.code: i for i, c in enumerate(catalog.choices("activity_types"))}
    groups: dict[tuple[str, str], list] = {}
    for sub in subs:
        for row in sub.rows.get("activities", []):
            v = row.values
            groups.setdefault(activity_key(v["type"].code, v["topic"]), []).append(v)
    keys = sorted(groups, key=lambda k: order[k[0]])  # stable: keeps first-seen topic order
    result = []
    for key in keys:
        rows = groups[key]
        result.append(
            ActivityGroup(
                type=rows[0]["type"],
                topic=rows[0]["topic"],
                audiences=_unique((r["audience"] for r in rows), fold),
                sessions=sum(r["sessions"] for r in rows),
                participants=sum(r["participants"] for r in rows),
                places=_sorted_places(r["commune"] for r in rows if r["commune"]),
            )
        )
    return tuple(result)


def aggregate_publications(subs: list[Submission]) -> tuple[PublicationGroup, ...]:
    """Sum publications with the same title and measure, first seen first."""
    totals: dict[tuple[str, str], list] = {}
    for sub in subs:
        for row in sub.rows.get("publications", []):
            v = row.values
            key = publication_key(v["title"], v["measure"])
            entry = totals.setdefault(key, [v["title"], v["measure"], 0])
            entry[2] += v["quantity"]
    return tuple(PublicationGroup(*entry) for entry in totals.values())


def aggregate_cases(subs: list[Submission], catalog: Catalog) -> CaseSummary:
    """Count cases, offenders and victims, and how many cases reached each stage."""
    rows = [row.values for sub in subs for row in sub.rows.get("cases", [])]
    stages = [c.code for c in catalog.choices("case_stages")]
    rank = {code: i for i, code in enumerate(stages)}
    reached = {code: sum(rank[r["stage"].code] >= rank[code] for r in rows) for code in stages}
    reached_offenders = {
        code: sum(r["offenders"] for r in rows if rank[r["stage"].code] >= rank[code])
        for code in stages
    }
    routes = _unique((r["route"] for r in rows if r["route"]), fold)
    counts = {fold(route): 0 for route in routes}
    for r in rows:
        if r["route"]:
            counts[fold(r["route"])] += 1
    by_route = sorted(((route, counts[fold(route)]) for route in routes), key=lambda rc: -rc[1])
    furthest = max((r["stage"].code for r in rows), key=rank.__getitem__, default="")
    return CaseSummary(
        count=len(rows),
        offenders=sum(r["offenders"] for r in rows),
        victims=sum(r["victims"] for r in rows),
        reached=reached,
        routes=routes,
        places=_sorted_places(r["commune"] for r in rows if r["commune"]),
        reached_offenders=reached_offenders,
        by_route=tuple(by_route),
        furthest=furthest,
    )


def aggregate(
    subs: list[Submission],
    catalog: Catalog,
    province: Province,
    settings: ReportSettings,
    year: int,
    missing: tuple[Unit, ...] = (),
    previous: ReportData | None = None,
) -> ReportData:
    """Build the report's data from checked submissions (sorted by unit code)."""
    subs = sorted(subs, key=lambda s: s.unit.code)
    total = {
        ind.code: sum(s.indicators.get(ind.code, 0) for s in subs) for ind in catalog.indicators
    }
    return ReportData(
        year=year,
        province=province,
        settings=settings,
        total=total,
        units=tuple(UnitRow(s.unit, s.file, dict(s.indicators)) for s in subs),
        missing=tuple(sorted(missing, key=lambda u: u.code)),
        activities=aggregate_activities(subs, catalog),
        publications=aggregate_publications(subs),
        cases=aggregate_cases(subs, catalog),
        previous=previous,
    )
