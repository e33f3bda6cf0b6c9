"""Every workbook of a year's folder read and checked, each in a child, and what they held."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.checks.many_workbooks import inspect_all
from reportgen.checks.records import Submission, WorkbookCheck
from reportgen.declared.declarations import Declarations
from reportgen.declared.periods import Period
from reportgen.problems import Problem


@dataclass
class Workbooks:
    """The outcome of every workbook of a folder, in file order."""

    checks: list[WorkbookCheck] = field(default_factory=list)  # one per readable workbook
    submissions: list[Submission] = field(default_factory=list)  # those that checked clean
    problems: list[Problem] = field(default_factory=list)  # all they had, unreadable files too
    digests: dict[Path, str] = field(default_factory=dict)  # SHA-256 of the bytes checked


def check_workbooks(
    files: list[Path],
    declared: Declarations,
    year: int,
    period: Period,
    progress: Callable[[Path, int, int], None] | None = None,
) -> Workbooks:
    """Read and check each workbook (cached, in children, in parallel when many)."""
    found = Workbooks()
    catalog, registry = declared.catalog, declared.registry
    outcomes = inspect_all(files, catalog, registry, year, declared.config, progress, period)
    for path, inspected in zip(files, outcomes, strict=True):
        outcome = inspected.outcome
        if inspected.sha256:
            found.digests[path] = inspected.sha256
        if isinstance(outcome, Problem):  # the file could not be read at all
            found.problems.append(outcome)
            continue
        found.checks.append(outcome)
        found.problems += outcome.problems
        if outcome.submission is not None:
            found.submissions.append(outcome.submission)
    return found
