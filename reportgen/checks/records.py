"""What checking a workbook hands on: its rows, its places, the submission and its problems.

The records the later stages read (aggregate, the check report, the cache): plain dataclasses,
each field also in checks/cache_entry.py (add a field there too, and bump its FORMAT).
"""

from dataclasses import dataclass, field

from reportgen.declared.units import Unit
from reportgen.fact_table import Fact
from reportgen.problems import Problem


@dataclass(frozen=True)
class Place:
    """A commune or ward named in a row, resolved against the official list when possible."""

    name: str
    kind: str
    unit: Unit

    @property
    def unit_short(self) -> str:
        """Return the unit's short name, as put in brackets after the place."""
        return self.unit.short

    @property
    def is_unit(self) -> bool:
        """Return True when the place is the reporting unit itself (a commune-level unit)."""
        return self.unit.is_commune

    @property
    def name_in_text(self) -> str:
        """Return the place as written inside a sentence: "xã Vũ Quý", or the bare name."""
        return f"{self.kind} {self.name}" if self.kind else self.name


def unit_place(unit: Unit) -> Place:
    """Return a commune-level unit as the place of everything it reports: it has no communes
    below it, so its rows happened in it."""
    return Place(unit.name, unit.kind, unit)


@dataclass(frozen=True)
class Row:
    """One checked row of a row sheet, with where it came from."""

    values: dict
    file: str
    sheet: str
    row: int  # 1-based, as Excel shows it
    cells: dict = field(default_factory=dict)  # column key -> A1 reference


@dataclass
class Submission:
    """One unit's checked workbook for one year."""

    file: str
    unit: Unit
    year: int
    preparer: str
    prepared_on: str
    indicators: dict[str, int] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[Row]] = field(default_factory=dict)
    # every number above as a record with its cell (reportgen/fact_table.py): what the report sums
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class WorkbookCheck:
    """Everything checking one workbook found, for the report and the completeness table."""

    file: str
    unit: Unit | None
    submission: Submission | None
    problems: list[Problem]
    preparer: str = ""
    prepared_on: str = ""
    # A blank workbook left unfilled (the template as written): not a submission, never a
    # duplicate; its unit is still to send its file.
    blank: bool = False
    # The indicator figures that could be read from a workbook with errors: compared with the
    # year before in the same run, so that a unit hears of a jump together with its errors.
    read_facts: tuple[Fact, ...] = ()

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Return the figures read, one record each; none when the workbook has errors."""
        return self.submission.facts if self.submission else ()
