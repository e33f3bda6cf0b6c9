"""What the pipeline hands back: a checked year, a build, a check with its report written."""

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.checks.completeness import Completeness
from reportgen.checks.records import Submission, WorkbookCheck
from reportgen.declared.catalog import Catalog
from reportgen.declared.periods import Period
from reportgen.declared.settings import ReportSettings
from reportgen.declared.units import Registry, Unit
from reportgen.problems import Problem, count_errors, count_warnings


@dataclass
class CheckResult:
    """What checking a year's folder found."""

    year: int
    files: list[Path]
    ignored: list[Path]
    submissions: list[Submission]
    problems: list[Problem]
    settings: ReportSettings
    missing: tuple[Unit, ...]
    unit_names: dict[str, str] = field(default_factory=dict)
    expected: tuple[Unit, ...] = ()
    checks: list[WorkbookCheck] = field(default_factory=list)  # one per readable workbook
    completeness: Completeness | None = None  # which units sent none, one or more workbooks
    previous: "CheckResult | None" = None  # the year before, when compared with it
    catalog: Catalog | None = None  # the declarative files it was checked against
    registry: Registry | None = None
    # SHA-256 of the bytes each workbook was checked from, for the run log: not of the file as
    # it is later, which may have changed meanwhile.
    digests: dict[Path, str] = field(default_factory=dict)
    period: Period | None = None  # the report period (its span as bao-cao.toml sets it)
    kinds: dict = field(default_factory=dict)  # the periods of periods.toml, by code
    config: str = ""  # the digest of the declarative files it was checked against
    # The other files the check read or looked for, for the run log: bao-cao.toml and
    # nhan-dinh.md of the year's folder, then the declarative files (Declarations.files).
    other_inputs: tuple[Path, ...] = ()

    @property
    def errors(self) -> int:
        """Return the number of errors."""
        return count_errors(self.problems)

    @property
    def warnings(self) -> int:
        """Return the number of warnings (notes not counted)."""
        return count_warnings(self.problems)


@dataclass
class BuildResult:
    """The files a build wrote and the warnings it let through."""

    paths: list[Path]
    problems: list[Problem]
    unit_names: dict[str, str]


@dataclass
class CheckReport:
    """What `check` found and the check report it wrote (never the report itself)."""

    result: CheckResult
    paths: list[Path]  # every file written: kiem-tra-<year>.xlsx/.html, gui-don-vi/…
    table: Path  # kiem-tra-<year>.xlsx, the table to send back to the units
    feedback: Path  # gui-don-vi/: one workbook per unit with problems
    states: list[str]  # how many units sent clean files, files with errors, nothing
