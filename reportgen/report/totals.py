"""The province's figures: indicator totals and the row sheets' lines, views of the facts.

Activities group by type and topic, publications by title and measure, cases by stage and
route: the columns catalog.toml declares as each table's `group`, the same key the facts
carry (fact_table.group_key). Each figure is made by `figure(facts, key, label)`, the
maker aggregate() passes in: a traced Figure, or a plain int for the year before.
"""

from reportgen import messages as msg
from reportgen.checks.records import Place, Submission
from reportgen.declared.catalog import Catalog, Choice, Table
from reportgen.fact_table import INDICATORS, ROWS, Fact, group_key
from reportgen.names import collation_key, fold, name_key
from reportgen.report.choice_counts import count_by_choice
from reportgen.report.context import ActivityGroup, CaseSummary, PublicationGroup


def facts_by(facts: list[Fact], table: str) -> dict[tuple[str, str], list[Fact]]:
    """Return the facts of one table (or INDICATORS) by (group, key), first seen first."""
    out: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        if fact.table == table:
            out.setdefault((fact.group, fact.key), []).append(fact)
    return out


def table_of(catalog: Catalog, key: str) -> Table | None:
    """Return the catalog's row sheet of that key ("cases"), None when it declares none."""
    return next((t for t in catalog.tables if t.key == key), None)


def group_part(table: Table | None, fact: Fact, column: str) -> str:
    """Return one column's part of a fact's group key ("" when the table does not group by it)."""
    if table is None or column not in table.group:
        return ""
    return fact.group_parts[table.group.index(column)]


def stage_rank(catalog: Catalog) -> dict[str, int]:
    """Return each case stage's place in the catalog's order (verification first)."""
    return {c.code: i for i, c in enumerate(catalog.choices("case_stages"))}


def reaching(facts, table: Table | None, rank: dict[str, int], code: str) -> list[Fact]:
    """Return the case facts whose case reached at least the stage `code`."""
    return [f for f in facts if rank.get(group_part(table, f, "stage"), -1) >= rank[code]]


def total_of(facts) -> int:
    """Return the sum of the facts' values."""
    return sum(f.value for f in facts)


def indicator_totals(facts: list[Fact], catalog: Catalog, figure) -> dict:
    """Return the province's total of each indicator, {code: figure}, in catalog order."""
    indicators = facts_by(facts, INDICATORS)
    return {
        ind.code: figure(indicators.get(("", ind.code), []), ind.code, ind.label)
        for ind in catalog.indicators
    }


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
    groups = _rows_by_group(subs, table_of(catalog, "activities"))
    numbers = facts_by(facts, "activities")
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
    groups = _rows_by_group(subs, table_of(catalog, "publications"))
    numbers = facts_by(facts, "publications")
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
    table = table_of(catalog, "cases")
    rows = [v for group in _rows_by_group(subs, table).values() for v in group]
    facts = [f for f in facts if f.table == "cases"]
    cases = [f for f in facts if f.key == ROWS]
    offenders = [f for f in facts if f.key == "offenders"]
    labels = {c.code: c.label for c in catalog.choices("case_stages")}
    rank = stage_rank(catalog)

    reached = {
        code: figure(
            reaching(cases, table, rank, code),
            f"cases.reached.{code}",
            msg.FIGURE_CASES_REACHED.format(stage=_lower_first(labels[code])),
        )
        for code in rank
    }
    reached_offenders = {code: total_of(reaching(offenders, table, rank, code)) for code in rank}
    routes = _unique((r["route"] for r in rows if r["route"]), fold)
    counts = {fold(route): 0 for route in routes}
    for r in rows:
        if r["route"]:
            counts[fold(r["route"])] += 1
    by_route = sorted(((route, counts[fold(route)]) for route in routes), key=lambda rc: -rc[1])
    stages = (group_part(table, f, "stage") for f in cases)
    furthest = max(stages, key=rank.__getitem__, default="")
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


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
