"""What the templates show: views of the checked submissions' facts, each summed once.

Totals, the per-unit appendix, activity and publication lines and the case counts are
built here from the facts (reportgen/fact_table.py); each printed figure is a Figure that
carries the facts it sums, so the hover split and nguon-so-lieu.csv show exactly them.
Rows of a row sheet group by the columns catalog.toml declares (`group`).
"""

from dataclasses import dataclass, field

from reportgen import messages as msg
from reportgen.checks.submission import Place, Submission
from reportgen.declared.catalog import Catalog, Choice, Province, Table, Unit
from reportgen.declared.periods import ANNUAL, DEFAULT_KINDS, Period, period_for
from reportgen.fact_table import INDICATORS, ROWS, Fact, Figure, group_key, submission_facts
from reportgen.inputs.load import ReportSettings
from reportgen.names import collation_key, fold, name_key
from reportgen.report.choice_counts import count_by_choice, unit_counts_by_choice


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


def _facts_by(facts: list[Fact], table: str) -> dict[tuple[str, str], list[Fact]]:
    """Return the facts of one table (or INDICATORS) by (group, key), first seen first."""
    out: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        if fact.table == table:
            out.setdefault((fact.group, fact.key), []).append(fact)
    return out


def _rows_by_group(subs: list[Submission], table: Table | None) -> dict[str, list[dict]]:
    """Return the values of a table's rows by their group key, groups first seen first.

    The key is the one the row's facts carry: the same function of the same values.
    """
    if table is None:
        return {}
    groups: dict[str, list[dict]] = {}
    for sub in subs:
        for row in sub.rows.get(table.key, []):
            groups.setdefault(group_key(table.group, row.values), []).append(row.values)
    return groups


def aggregate_activities(subs, catalog: Catalog, facts: list[Fact], figure) -> tuple:
    """Group activity rows by type (catalog order) and topic (first seen first)."""
    order = {c.code: i for i, c in enumerate(catalog.choices("activity_types"))}
    groups = _rows_by_group(subs, _table(catalog, "activities"))
    numbers = _facts_by(facts, "activities")
    # stable: keeps first-seen topic order within a type
    keys = sorted(groups, key=lambda k: order[groups[k][0]["type"].code])
    result = []
    for i, key in enumerate(keys, 1):
        rows = groups[key]
        name = msg.FIGURE_ACTIVITY.format(type=rows[0]["type"].label, topic=rows[0]["topic"])
        result.append(
            ActivityGroup(
                type=rows[0]["type"],
                topic=rows[0]["topic"],
                audiences=_unique((r["audience"] for r in rows), fold),
                sessions=figure(
                    numbers.get((key, "sessions"), []),
                    f"activities.{i}.sessions",
                    f"{name}: {msg.FIGURE_SESSIONS}",
                ),
                participants=figure(
                    numbers.get((key, "participants"), []),
                    f"activities.{i}.participants",
                    f"{name}: {msg.FIGURE_PARTICIPANTS}",
                ),
                places=_sorted_places(r["commune"] for r in rows if r["commune"]),
                unplaced=sum(1 for r in rows if not r["commune"]),
            )
        )
    return tuple(result)


def aggregate_publications(subs, catalog: Catalog, facts: list[Fact], figure) -> tuple:
    """Sum publications with the same title and measure, first seen first."""
    groups = _rows_by_group(subs, _table(catalog, "publications"))
    numbers = _facts_by(facts, "publications")
    result = []
    for i, (key, rows) in enumerate(groups.items(), 1):
        title, measure = rows[0]["title"], rows[0]["measure"]
        label = msg.FIGURE_PUBLICATION.format(title=title, measure=measure)
        quantity = figure(numbers.get((key, "quantity"), []), f"publications.{i}", label)
        kind = _publication_kind(catalog, title, measure)
        result.append(PublicationGroup(title, measure, quantity, kind))
    return tuple(result)


def _publication_kind(catalog: Catalog, title: str, measure: str) -> Choice | None:
    """Return the first declared kind the title or the measure starts with (folded)."""
    for kind in catalog.choice_lists.get("publication_kinds", ()):
        label = fold(kind.label) + " "
        if label.strip() and any((fold(t) + " ").startswith(label) for t in (title, measure)):
            return kind
    return None


def aggregate_cases(subs, catalog: Catalog, facts: list[Fact], figure) -> CaseSummary:
    """Count cases, offenders and victims, and how many cases reached each stage."""
    table = _table(catalog, "cases")
    rows = [v for group in _rows_by_group(subs, table).values() for v in group]
    facts = [f for f in facts if f.table == "cases"]
    position = {key: i for i, key in enumerate(table.group if table else ())}

    def part(fact: Fact, column: str) -> str:
        return fact.group_parts[position[column]]

    cases = [f for f in facts if f.key == ROWS]
    offenders = [f for f in facts if f.key == "offenders"]
    choices = catalog.choices("case_stages")
    stages = [c.code for c in choices]
    labels = {c.code: c.label for c in choices}
    rank = {code: i for i, code in enumerate(stages)}

    def reached_by(chosen: list[Fact], code: str) -> list[Fact]:
        return [f for f in chosen if rank[part(f, "stage")] >= rank[code]]

    reached = {
        code: figure(
            reached_by(cases, code),
            f"cases.reached.{code}",
            msg.FIGURE_CASES_REACHED.format(stage=_lower_first(labels[code])),
        )
        for code in stages
    }
    reached_offenders = {code: _sum(reached_by(offenders, code)) for code in stages}
    routes = _unique((r["route"] for r in rows if r["route"]), fold)
    counts = {fold(route): 0 for route in routes}
    for r in rows:
        if r["route"]:
            counts[fold(r["route"])] += 1
    by_route = sorted(((route, counts[fold(route)]) for route in routes), key=lambda rc: -rc[1])
    furthest = max((part(f, "stage") for f in cases), key=rank.__getitem__, default="")
    per_unit = [(s.unit, len(s.rows.get("cases", []))) for s in subs]
    by_unit = sorted(((u, n) for u, n in per_unit if n), key=lambda un: (-un[1], un[0].code))
    return CaseSummary(
        count=figure(cases, "cases.count", msg.FIGURE_CASES),
        offenders=figure(offenders, "cases.offenders", msg.FIGURE_OFFENDERS),
        victims=figure(
            [f for f in facts if f.key == "victims"], "cases.victims", msg.FIGURE_VICTIMS
        ),
        reached=reached,
        routes=routes,
        places=_sorted_places(r["commune"] for r in rows if r["commune"]),
        reached_offenders=reached_offenders,
        by_route=tuple(by_route),
        furthest=furthest,
        by_unit=tuple(by_unit),
        by_choice=count_by_choice(facts, table, catalog, figure, msg.FIGURE_CASES),
    )


def _table(catalog: Catalog, key: str) -> Table | None:
    return next((t for t in catalog.tables if t.key == key), None)


def _sum(facts) -> int:
    return sum(f.value for f in facts)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


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
        return Figure(key, label, chosen, units) if traced else _sum(chosen)

    indicators = _facts_by(facts, INDICATORS)
    total = {
        ind.code: figure(indicators.get(("", ind.code), []), ind.code, ind.label)
        for ind in catalog.indicators
    }
    rows = tuple(
        UnitRow(
            s.unit,
            s.file,
            _indicator_values(sub_facts),
            _unit_cases(sub_facts, catalog),
            _unit_activities(sub_facts, catalog),
        )
        for s, sub_facts in zip(subs, facts_of, strict=True)
    )
    return ReportData(
        year=year,
        province=province,
        settings=settings,
        total=total,
        units=rows,
        missing=tuple(sorted(missing, key=lambda u: u.code)),
        activities=aggregate_activities(subs, catalog, facts, figure),
        publications=aggregate_publications(subs, catalog, facts, figure),
        cases=aggregate_cases(subs, catalog, facts, figure),
        previous=previous,
        period=period or period_for(DEFAULT_KINDS, ANNUAL, year),
    )


def _indicator_values(facts) -> dict[str, int]:
    """Return one unit's indicator values, {code: value}, in the order its sheet lists them."""
    return {f.key: f.value for f in facts if f.table == INDICATORS}


def _part(table: Table | None, fact: Fact, column: str) -> str:
    """Return one column's part of a fact's group key ("" when the table does not group by it)."""
    if table is None or column not in table.group:
        return ""
    return fact.group_parts[table.group.index(column)]


def _unit_cases(facts, catalog: Catalog) -> dict[str, int]:
    """Return one unit's case counts for the appendix: the same facts as the text's counts."""
    table = _table(catalog, "cases")
    stages = [c.code for c in catalog.choices("case_stages")]
    rank = {code: i for i, code in enumerate(stages)}
    facts = [f for f in facts if f.table == "cases"]
    rows = [f for f in facts if f.key == ROWS]
    out = {
        "count": _sum(rows),
        "offenders": _sum(f for f in facts if f.key == "offenders"),
        "victims": _sum(f for f in facts if f.key == "victims"),
    }
    for code in stages:
        out[code] = sum(
            f.value for f in rows if rank.get(_part(table, f, "stage"), -1) >= rank[code]
        )
    out.update(unit_counts_by_choice(facts, table, catalog))  # "offence.dieu_150": 1
    return out


def _unit_activities(facts, catalog: Catalog) -> dict[str, int]:
    """Return one unit's sessions by activity type, and its participants, for the appendix."""
    table = _table(catalog, "activities")
    out = {c.code: 0 for c in catalog.choices("activity_types")}
    participants = 0
    for f in facts:
        if f.table != "activities":
            continue
        if f.key == "sessions":
            code = _part(table, f, "type")
            out[code] = out.get(code, 0) + f.value
        elif f.key == "participants":
            participants += f.value
    out["participants"] = participants
    return out
