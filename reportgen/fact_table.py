"""The fact table: one record per figure read from a workbook, the spine of the report.

Checking a workbook turns each number it accepts into a Fact: the indicator sheet's value
cells, and each row sheet's whole-number cells plus one fact "a row" (key ROWS, value 1),
which counts cases. Everything the report shows about numbers — totals, the per-unit
appendix, the hover split, nguon-so-lieu.csv, the year-over-year warnings — is a view of
these records, made once (aggregate.py), each figure carrying the facts it sums.

A Fact holds only str and int fields, so it converts to and from a dict (JSON, a cache, a
DataFrame row) with dataclasses.asdict and Fact(**d). Nothing here imports pandas: the
analysts' DataFrame (reportgen.facts(), export.py) is made from these records elsewhere.
The module is not named facts.py because `reportgen.facts` is that public function.
"""

import re
from dataclasses import dataclass

from reportgen.names import fold

YEAR = "nam"  # the period of a yearly report: the whole year
INDICATORS = ""  # the `table` of a fact read from the indicator sheet
ROWS = "rows"  # the key of the fact each row of a row sheet gives: one row (one case)
# Joins the parts of a group key. Folded text never holds a newline (fold() turns every run
# of spaces and punctuation into one space), nor does a choice code: the parts stay apart.
GROUP_SEP = "\n"


@dataclass(frozen=True)
class Fact:
    """One figure read from one cell (or, for ROWS, one row) of one unit's workbook."""

    year: int
    period: str  # YEAR, or the code of a period of periods.toml: "6-thang", "quy-1"
    unit: str  # the unit's code, "340"
    table: str  # INDICATORS, or the key of a row sheet in catalog.toml: "activities"
    # Row sheets: how the row groups in the report — the values of the table's `group`
    # columns in catalog.toml, folded (a choice by its code), joined by GROUP_SEP. "" else.
    group: str
    key: str  # the indicator's code, the row sheet's column key ("sessions"), or ROWS
    value: int
    file: str  # the workbook's file name
    sheet: str  # the sheet's name as the workbook spells it
    cell: str  # "D9"; "" for a ROWS fact (the whole row)
    row: int  # 1-based, as Excel shows it

    @property
    def group_parts(self) -> tuple[str, ...]:
        """Return the parts of the group key, in the order catalog.toml declares them."""
        return tuple(self.group.split(GROUP_SEP))

    def reading_order(self) -> tuple:
        """Return a sort key: file, then sheet, then row, then column (D9 before D10)."""
        letters = re.match(r"[A-Z]*", self.cell)[0]
        return self.file, self.sheet, self.row, len(letters), letters


def group_key(columns: tuple[str, ...], values: dict) -> str:
    """Return the group key of a row's values: the given columns, folded, joined.

    A choice counts by its code, a commune by its name, a whole number as written, text
    however it was typed (case, diacritics, spacing).
    """
    parts = []
    for column in columns:
        value = values.get(column)
        if value is None:
            parts.append("")
        elif isinstance(value, str):
            parts.append(fold(value))
        elif isinstance(value, int):  # a whole-number column: 5 and 7 are two groups
            parts.append(str(value))
        else:
            parts.append(getattr(value, "code", None) or fold(str(getattr(value, "name", ""))))
    return GROUP_SEP.join(parts)


def indicator_facts(year: int, unit: str, file: str, values: dict, cells: dict, period: str = YEAR):
    """Yield the facts of the indicator sheet: values {code: n}, cells {code: "sheet!D9"}."""
    for code, value in values.items():
        sheet, _, cell = cells.get(code, "").rpartition("!")
        yield Fact(year, period, unit, INDICATORS, "", code, value, file, sheet, cell, _row(cell))


def row_facts(year: int, unit: str, tables, rows: dict, period: str = YEAR):
    """Yield the facts of the row sheets: per row, one ROWS fact and one per whole number.

    tables: the catalog's Table records (key, group, columns); rows: {table key: [Row]}.
    """
    for table in tables:
        numbers = [c.key for c in table.columns if c.type == "integer"]
        for row in rows.get(table.key, []):
            group = group_key(table.group, row.values)
            where = (row.file, row.sheet)
            yield Fact(year, period, unit, table.key, group, ROWS, 1, *where, "", row.row)
            for key in numbers:
                value = row.values.get(key)
                if isinstance(value, int) and not isinstance(value, bool):
                    cell = row.cells.get(key, "")
                    yield Fact(
                        year, period, unit, table.key, group, key, value, *where, cell, row.row
                    )


def submission_facts(sub, tables) -> tuple[Fact, ...]:
    """Return the facts of a checked Submission.

    inspect_workbook records them on the Submission; one made by hand (a test, a
    script) has none, and they are read from its values the same way here.
    """
    if sub.facts:
        return sub.facts
    return (
        *indicator_facts(sub.year, sub.unit.code, sub.file, sub.indicators, sub.cells),
        *row_facts(sub.year, sub.unit.code, tables, sub.rows),
    )


def _row(cell: str) -> int:
    digits = re.search(r"\d+$", cell)
    return int(digits[0]) if digits else 0


class Figure(int):
    """A whole number the report shows, with the facts it is the sum of.

    It is an int, so templates and filters compute with it as with any number; the number
    filters also print its split by unit on hover, and nguon-so-lieu.csv lists its facts.
    key names it in the HTML (data-source), label in the CSV; units maps the facts' unit
    codes to the units, for their names.
    """

    key: str
    label: str
    facts: tuple[Fact, ...]
    units: dict

    def __new__(cls, key: str, label: str, facts, units: dict):
        facts = tuple(sorted(facts, key=Fact.reading_order))
        obj = super().__new__(cls, sum(f.value for f in facts))
        obj.key, obj.label, obj.facts, obj.units = key, label, facts, units
        return obj

    def __getnewargs__(self):
        return self.key, self.label, self.facts, self.units

    def by_unit(self) -> list[tuple[object, int]]:
        """Return (unit, its part of the sum) for each unit whose part is not 0, by unit code."""
        parts: dict[str, int] = {}
        for fact in self.facts:
            parts[fact.unit] = parts.get(fact.unit, 0) + fact.value
        return [(self.units[code], value) for code, value in sorted(parts.items()) if value]
