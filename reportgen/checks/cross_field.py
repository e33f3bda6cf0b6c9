"""Cross-field rules declared in catalog.toml, in the style of DHIS2 validation rules.

A rule compares a left side with a right side: each side is a sum of indicator codes (or, for
a row sheet, column keys) and whole numbers. Its severity says whether a failure blocks the
report, and its `missing` strategy what to do when a value on either side is blank:

    skip_if_any_missing   do not evaluate when any value is blank (the default)
    skip_if_all_missing   do not evaluate when every value is blank; otherwise blank counts as 0
    never_skip            always evaluate; blank counts as 0

A value that is present but wrong (text, negative…) is already an error of its own cell, so a
rule that needs it is never evaluated: one mistake gives one problem.
"""

import operator
import re
from collections import Counter
from dataclasses import dataclass

from reportgen import messages as msg
from reportgen.checks.rule_table import (
    COPIED_ROWS,
    RULES,
    SEVERITIES,
    YEAR_OVER_YEAR,
    cross_field,
    problem,
)
from reportgen.fact_table import INDICATORS, submission_facts
from reportgen.fact_table import YEAR as WHOLE_YEAR
from reportgen.names import fold
from reportgen.problems import ERROR, Problem
from reportgen.vietnamese import number as format_number

OPERATORS = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
MISSING_STRATEGIES = ("skip_if_any_missing", "skip_if_all_missing", "never_skip")
_TERM = re.compile(r"^(?:[a-z][a-z0-9_]*|\d+)$")


@dataclass(frozen=True)
class Rule:
    """One declared comparison between two sums of values of one workbook (or one row)."""

    name: str
    description: str  # Vietnamese, lower case: what must hold, "số lượt … phải ≤ …"
    left: tuple[str, ...]
    operator: str
    right: tuple[str, ...]
    severity: str = ERROR
    missing: str = "skip_if_any_missing"
    table: str = ""  # "" for indicators, else the key of a row sheet: checked on each row

    def keys(self) -> list[str]:
        """Return the codes or column keys the rule reads."""
        return [t for t in self.left + self.right if not t.isdigit()]


def parse_side(text: str) -> tuple[str, ...] | None:
    """Parse "a + b + 3" into its terms; return None when it is not such a sum."""
    if not isinstance(text, str):
        return None
    terms = tuple(t.strip() for t in text.split("+"))
    return terms if all(_TERM.match(t) for t in terms) else None


def parse_rules(entries: list, path, indicator_codes: set[str], tables: dict[str, set[str]]):
    """Read [[rules]] entries; return (rules, Vietnamese messages of every mistake)."""
    rules, errors = [], []
    for i, entry in enumerate(entries, 1):
        where = f"{path} [[rules]] #{i}"
        if not isinstance(entry, dict):
            errors.append(msg.CONFIG_FIELD.format(where=where, key="name"))
            continue
        table = entry.get("table", "")
        known = tables.get(table) if table else indicator_codes
        if known is None:
            errors.append(msg.RULE_TABLE.format(where=where, table=table))
            continue
        sides = {}
        for key in ("left", "right"):
            side = parse_side(entry.get(key))
            if side is None:
                errors.append(msg.RULE_SIDE.format(where=where, key=key))
            else:
                for term in side:
                    if not term.isdigit() and term not in known:
                        errors.append(msg.RULE_UNKNOWN.format(where=where, name=term))
                sides[key] = side
        op = entry.get("operator")
        if op not in OPERATORS:
            errors.append(msg.RULE_OPERATOR.format(where=where, operators=" ".join(OPERATORS)))
        severity = entry.get("severity", "error")
        if severity not in SEVERITIES:
            errors.append(msg.RULE_SEVERITY.format(where=where))
        missing = entry.get("missing", "skip_if_any_missing")
        if missing not in MISSING_STRATEGIES:
            errors.append(
                msg.RULE_MISSING.format(where=where, values=", ".join(MISSING_STRATEGIES))
            )
        for key in ("name", "description"):
            if not isinstance(entry.get(key), str) or not entry.get(key):
                errors.append(msg.CONFIG_FIELD.format(where=where, key=key))
        if entry.get("name") in {r.name for r in rules}:
            errors.append(msg.RULE_DUPLICATE.format(where=where, name=entry["name"]))
        if entry.get("name") in RULES:  # its problems would read as the built-in rule's
            errors.append(msg.RULE_NAME_BUILT_IN.format(where=where, name=entry["name"]))
        if len(sides) == 2 and not errors:
            rules.append(
                Rule(
                    name=entry["name"],
                    description=entry["description"],
                    left=sides["left"],
                    operator=op,
                    right=sides["right"],
                    severity=SEVERITIES[severity],
                    missing=missing,
                    table=table,
                )
            )
    return tuple(rules), errors


def evaluate(
    rule: Rule,
    values: dict[str, int],
    blank: set[str],
    cells: dict[str, str],
    where: tuple[str, str, str],
) -> Problem | None:
    """Check one rule on one set of values; return the problem when it fails.

    values: the keys read as numbers; blank: the keys whose cell was empty; cells: key -> A1
    reference; where: (file, sheet, unit code). A key in neither values nor blank had a wrong
    value, already reported: the rule is then skipped.
    """
    keys = rule.keys()
    if any(k not in values and k not in blank for k in keys):
        return None
    missing = [k for k in keys if k in blank]
    if missing and rule.missing == "skip_if_any_missing":
        return None
    if missing and len(missing) == len(keys) and rule.missing == "skip_if_all_missing":
        return None

    left, right = _side_sum(rule.left, values), _side_sum(rule.right, values)
    if OPERATORS[rule.operator](left, right):
        return None
    shown = [_side_text(side, cells, values) for side in (rule.left, rule.right)]
    found = ", ".join(text for text in shown if text)
    anchor = next((cells[t] for t in rule.left + rule.right if t in cells), "")
    file, sheet, unit = where
    return problem(
        cross_field(rule.name, rule.severity),
        file=file,
        sheet=sheet,
        cell=anchor,
        value=str(left),
        unit=unit,
        fill={"description": rule.description, "found": found},
    )


def _side_sum(side: tuple[str, ...], values: dict[str, int]) -> int:
    """Return the sum of one side of a rule: its constants and its keys' values (blank: 0)."""
    return sum(int(t) if t.isdigit() else values.get(t, 0) for t in side)


def _side_text(side: tuple[str, ...], cells: dict[str, str], values: dict[str, int]) -> str:
    if all(t.isdigit() for t in side):
        return ""  # a constant: the description says it
    number = _side_sum(side, values)
    terms = " + ".join(
        t if t.isdigit() else msg.RULE_CELL.format(cell=cells.get(t, t)) for t in side
    )
    return msg.RULE_SIDE_VALUE.format(terms=terms, value=format_number(number))


@dataclass(frozen=True)
class YearOverYear:
    """A unit's figure that moves by more than `factor` times against its own previous year.

    Only when the larger of the two values reaches `min_value`: small counts move a lot.
    A year of 0 counts as 1, so 0 -> 60 with factor 5 is a jump, 0 -> 4 is not.
    """

    factor: float
    min_value: int


def parse_year_over_year(entry, path) -> tuple[YearOverYear | None, list[str]]:
    """Read the [year_over_year] table of catalog.toml, if any."""
    if entry is None:
        return None, []
    factor, min_value = entry.get("factor"), entry.get("min_value", 0)
    ok_factor = isinstance(factor, int | float) and not isinstance(factor, bool) and factor > 1
    ok_min = isinstance(min_value, int) and not isinstance(min_value, bool) and min_value >= 0
    if not (ok_factor and ok_min):
        return None, [msg.CONFIG_YEAR_OVER_YEAR.format(path=path)]
    return YearOverYear(float(factor), min_value), []


def year_over_year(submissions, previous, rule: YearOverYear, year: int) -> list[Problem]:
    """Warn at each indicator cell whose value jumps against the same unit's previous year.

    A view of the indicator facts of both years, matched by unit and indicator code. A period
    other than the whole year is compared with the same period of the year before ("cùng kỳ").
    """
    before = {
        (f.unit, f.key): f.value
        for sub in previous
        for f in submission_facts(sub, ())
        if f.table == INDICATORS
    }
    factor = format_number(int(rule.factor) if rule.factor.is_integer() else rule.factor)
    problems = []
    for sub in submissions:
        for fact in submission_facts(sub, ()):
            old = before.get((fact.unit, fact.key))
            if fact.table != INDICATORS or old is None:
                continue
            new = fact.value
            high, low = max(new, old), min(new, old)
            if high < rule.min_value or high <= rule.factor * max(low, 1):
                continue
            text = msg.YEAR_OVER_YEAR_UP if new > old else msg.YEAR_OVER_YEAR_DOWN
            said = msg.BEFORE_YEAR if fact.period == WHOLE_YEAR else msg.BEFORE_SAME_PERIOD
            before_text = said.format(year=year - 1)
            message = text.format(
                value=format_number(new), old=format_number(old), before=before_text, factor=factor
            )
            where = {"file": fact.file, "sheet": fact.sheet, "cell": fact.cell, "unit": fact.unit}
            problems.append(problem(YEAR_OVER_YEAR, **where, value=str(new), message=message))
    return problems


def _cell_key(value) -> str:
    """Return a row cell's value as compared across years: text folded, a choice by code."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return fold(value)
    return getattr(value, "code", None) or fold(str(getattr(value, "name", "")))


def _row_key(row) -> tuple:
    return tuple(sorted((key, _cell_key(value)) for key, value in row.values.items()))


def copied_rows(submissions, previous, year: int) -> list[Problem]:
    """Warn on a row sheet whose rows are the very rows the same unit sent the year before.

    A unit that reuses last year's workbook leaves last year's activities in it; they would
    go into this year's text. Only a whole sheet counts (every row, in any order, equal in
    every column): one leaflet printed again in the same quantity is a real, common row. The
    caller compares only years of the same territory (territory.py), and only when the year
    before was read.
    """
    before: dict[tuple[str, str], Counter] = {}
    files: dict[str, str] = {}
    for sub in previous:
        files[sub.unit.code] = sub.file
        for table, rows in sub.rows.items():
            before[(sub.unit.code, table)] = Counter(_row_key(row) for row in rows)
    problems = []
    for sub in submissions:
        for table, rows in sub.rows.items():
            old = before.get((sub.unit.code, table))
            if not rows or old != Counter(_row_key(row) for row in rows):
                continue
            text = msg.COPIED_ROWS.format(
                count=len(rows), before=year - 1, year=year, file=files[sub.unit.code]
            )
            first = next(iter(rows[0].cells.values()), "")
            where = {"file": sub.file, "sheet": rows[0].sheet, "cell": first}
            problems.append(problem(COPIED_ROWS, **where, unit=sub.unit.code, message=text))
    return problems
