"""The problems of one workbook as its checks find them, each located in the workbook."""

from reportgen.checks.cross_field import Rule, evaluate
from reportgen.checks.rule_table import RuleSpec, problem
from reportgen.inputs.cell_text import VALUE_CHARS, cell_text, shorten
from reportgen.problems import Problem


class Collector:
    """Problems of one workbook, located in it."""

    def __init__(self, file: str):
        self.file = file
        self.unit = ""  # the unit's code, once the workbook says which unit it is
        self.problems: list[Problem] = []

    def add(self, spec: RuleSpec, sheet: str, cell: str = "", value="", /, message=None, **fill):
        """Add a problem of `spec` at a cell; `fill` fills its message, unless one is given.

        The cell's value is quoted in the value column, and shortened as the message's {value}
        unless `fill` gives another.
        """
        fill = {"value": shorten(cell_text(value)), **fill}
        shown = shorten(cell_text(value), VALUE_CHARS)
        self.problems.append(
            problem(spec, file=self.file, sheet=sheet, cell=cell, value=shown, unit=self.unit,
                    message=message, fill=fill)
        )  # fmt: skip

    def compare(self, rules: list[Rule], sheet: str, values: dict, blank: set, cells: dict):
        """Evaluate catalog.toml's [[rules]] on values read from one sheet (or one row)."""
        for rule in rules:
            found = evaluate(rule, values, blank, cells, (self.file, sheet, self.unit))
            if found is not None:
                self.problems.append(found)
