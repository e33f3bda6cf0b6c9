"""Counts of a row sheet's rows by the value of a choice column: the cases by offence.

Any choice column a table lists in its `group` (catalog.toml) is counted choice by choice,
from the same ROWS facts as the table's other counts, so a new choice column (an offence, a
kind of victim) needs an entry in catalog.toml and a sentence in a template, no code.
"""

from reportgen import messages as msg
from reportgen.declared.catalog import Catalog, Choice, Table
from reportgen.fact_table import ROWS, Fact


def _choice_columns(table: Table | None):
    """Yield (position in the group key, column) of the table's grouped choice columns."""
    if table is None:
        return
    for column in table.columns:
        if column.type == "choice" and column.key in table.group:
            yield table.group.index(column.key), column


def count_by_choice(
    facts: list[Fact], table: Table | None, catalog: Catalog, figure, label: str
) -> dict[str, tuple[tuple[Choice, int], ...]]:
    """Return, per grouped choice column, (choice, rows with it) in catalog order.

    figure(facts, key, label) makes the printed number (a Figure that carries its facts);
    a row left blank in the column counts under no choice.
    """
    rows = [f for f in facts if table is not None and f.table == table.key and f.key == ROWS]
    out = {}
    for position, column in _choice_columns(table):
        out[column.key] = tuple(
            (
                choice,
                figure(
                    [f for f in rows if f.group_parts[position] == choice.code],
                    f"{table.key}.{column.key}.{choice.code}",
                    msg.FIGURE_ROWS_BY_CHOICE.format(
                        rows=label, column=column.header, choice=choice.label
                    ),
                ),
            )
            for choice in catalog.choices(column.choices)
        )
    return out


def unit_counts_by_choice(facts, table: Table | None, catalog: Catalog) -> dict[str, int]:
    """Return one unit's rows per choice, keyed "column.code" ("offence.dieu_150": 2)."""
    rows = [f for f in facts if table is not None and f.table == table.key and f.key == ROWS]
    out = {}
    for position, column in _choice_columns(table):
        for choice in catalog.choices(column.choices):
            key = f"{column.key}.{choice.code}"
            out[key] = sum(f.value for f in rows if f.group_parts[position] == choice.code)
    return out
