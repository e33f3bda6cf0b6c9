"""The appendix's tables by unit: each unit's indicators, cases and activities.

Each row is a view of that unit's own facts, the same facts the report's text sums, so the
appendix and the text never disagree.
"""

from reportgen.checks.records import Submission
from reportgen.declared.catalog import Catalog
from reportgen.fact_table import INDICATORS, ROWS, Fact
from reportgen.report.choice_counts import unit_counts_by_choice
from reportgen.report.context import UnitRow
from reportgen.report.totals import group_part, reaching, stage_rank, table_of, total_of


def unit_rows(subs: list[Submission], facts_of: list[tuple[Fact, ...]], catalog: Catalog):
    """Return one UnitRow per submission; facts_of[i] are the facts of subs[i]."""
    return tuple(
        UnitRow(
            s.unit,
            s.file,
            _indicator_values(sub_facts),
            _unit_cases(sub_facts, catalog),
            _unit_activities(sub_facts, catalog),
        )
        for s, sub_facts in zip(subs, facts_of, strict=True)
    )


def _indicator_values(facts) -> dict[str, int]:
    """Return one unit's indicator values, {code: value}, in the order its sheet lists them."""
    return {f.key: f.value for f in facts if f.table == INDICATORS}


def _unit_cases(facts, catalog: Catalog) -> dict[str, int]:
    """Return one unit's case counts for the appendix: the same facts as the text's counts."""
    table = table_of(catalog, "cases")
    rank = stage_rank(catalog)
    facts = [f for f in facts if f.table == "cases"]
    rows = [f for f in facts if f.key == ROWS]
    out = {
        "count": total_of(rows),
        "offenders": total_of(f for f in facts if f.key == "offenders"),
        "victims": total_of(f for f in facts if f.key == "victims"),
    }
    for code in rank:
        out[code] = total_of(reaching(rows, table, rank, code))
    out.update(unit_counts_by_choice(facts, table, catalog))  # "offence.dieu_150": 1
    return out


def _unit_activities(facts, catalog: Catalog) -> dict[str, int]:
    """Return one unit's sessions by activity type, and its participants, for the appendix."""
    table = table_of(catalog, "activities")
    out = {c.code: 0 for c in catalog.choices("activity_types")}
    participants = 0
    for f in facts:
        if f.table != "activities":
            continue
        if f.key == "sessions":
            code = group_part(table, f, "type")
            out[code] = out.get(code, 0) + f.value
        elif f.key == "participants":
            participants += f.value
    out["participants"] = participants
    return out
