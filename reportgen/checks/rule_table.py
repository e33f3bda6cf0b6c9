"""Every kind of problem the inputs can have, declared once: code, severity, label, message.

The table is data, rule_table.toml beside this module (shipped with the package); each rule is
a RuleSpec, and also this module's constant of its code in capitals (`NOT_A_NUMBER`). A check
makes a problem with `problem(SPEC, file=…, sheet=…, cell=…, value=…, fill={…})`; the spec's
message template is filled from `fill`. Code that decides something about problems asks
`spec_of(problem)` and compares the spec (`is MISSING_UNIT`) or its `kind`, never the code
string. Adding a rule is one line in rule_table.toml (its message in reportgen/messages/checks.py),
then a row in docs/kiem-tra.md (tests/test_problem_rules.py checks both agree).

The code (`Problem.rule`) is what the check report's last column, the cache and the tests
keep; the label is what a clerk reads in the "Quy tắc" column.
"""

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from importlib import resources

from reportgen import messages as msg
from reportgen.problems import ERROR, WARNING, Problem

TABLE_FILE = "rule_table.toml"
# The severities as the declared files write them (this table and catalog.toml's [[rules]]).
SEVERITIES = {"error": ERROR, "warning": WARNING}


class Kind(Enum):
    """What part of the inputs a rule is about: how code groups problems."""

    FILE = "file"  # a workbook or the year's folder, before any cell is read
    SETTINGS = "settings"  # data/<year>/bao-cao.toml
    SHEET = "sheet"  # sheets, header rows, indicator lines
    UNIT = "unit"  # which unit a workbook belongs to
    CELL = "cell"  # one cell's value
    CROSS_FIELD = "cross_field"  # a [[rules]] comparison of catalog.toml
    COMPLETENESS = "completeness"  # units with no workbook, or two
    YEARS = "years"  # the comparison with the year before


@dataclass(frozen=True)
class RuleSpec:
    """One kind of problem: its code, default severity, Vietnamese label and message template."""

    code: str
    severity: str
    kind: Kind
    label: str  # Vietnamese, short: the check report's "Quy tắc" column
    message: str  # its template in reportgen/messages/, filled by problem(fill=…)


def parse_table(text: str) -> dict[str, RuleSpec]:
    """Return the rules a table declares, by code, in its order; raise ValueError on a slip.

    The table is the package's own, so a slip is the developer's: it stops the import.
    """
    rules: dict[str, RuleSpec] = {}
    for section, entries in tomllib.loads(text).items():
        kind = Kind(section)
        for code, entry in entries.items():
            if code in rules:
                raise ValueError(f"{TABLE_FILE}: rule {code!r} is declared twice")
            if not isinstance(entry, dict) or set(entry) != {"severity", "label", "message"}:
                raise ValueError(f"{TABLE_FILE}: {code} needs severity, label and message")
            template = getattr(msg, entry["message"], None)
            if not isinstance(template, str) or entry["severity"] not in SEVERITIES:
                raise ValueError(f"{TABLE_FILE}: {code} names no message in messages/ or severity")
            severity = SEVERITIES[entry["severity"]]
            rules[code] = RuleSpec(code, severity, kind, entry["label"], template)
    return rules


RULES: dict[str, RuleSpec] = parse_table(
    resources.files(__package__).joinpath(TABLE_FILE).read_text(encoding="utf-8")
)
# Each rule as a constant named for its code: checks name the spec they make or compare.
globals().update({code.upper(): spec for code, spec in RULES.items()})

# The [[rules]] of catalog.toml: each its own code (the rule's name) and severity, one label.
CROSS_FIELD = RuleSpec("", ERROR, Kind.CROSS_FIELD, "Đối chiếu số liệu", msg.RULE_FAILED)


def cross_field(name: str, severity: str) -> RuleSpec:
    """Return the spec of one [[rules]] entry of catalog.toml: its name is its code."""
    return RuleSpec(name, severity, Kind.CROSS_FIELD, CROSS_FIELD.label, CROSS_FIELD.message)


def spec_of(problem: Problem) -> RuleSpec:
    """Return the declared rule of a problem; a catalog [[rules]] name gives CROSS_FIELD."""
    return RULES.get(problem.rule, CROSS_FIELD)


def problem(
    spec: RuleSpec,
    *,
    file: str = "",
    sheet: str = "",
    cell: str = "",
    value: str = "",
    unit: str = "",
    severity: str | None = None,
    message: str | None = None,
    fill: Mapping[str, object] | None = None,
) -> Problem:
    """Return a problem of `spec`, its message the spec's template filled from `fill`.

    severity overrides the spec's where the run decides (--allow-missing, --style official);
    message replaces the template when a check words the case itself (a variant, a hint).
    `fill` is a mapping, not keywords: templates use {value} and {unit} too.
    """
    text = spec.message.format(**(fill or {})) if message is None else message
    return Problem(severity or spec.severity, file, sheet, cell, value, spec.code, text, unit)
