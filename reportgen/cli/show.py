"""What the commands print: problems grouped by unit, the progress bar, an error's message."""

import errno
import functools
import sys
from pathlib import Path

import click

from reportgen import messages as msg
from reportgen.checks.rule_table import MISSING_UNIT, spec_of
from reportgen.errors import ConfigError, RenderError, ReportgenError
from reportgen.problems import Problem
from reportgen.visible import shown_name, visible

PROGRESS_FROM = 30  # workbooks; below that a run is over before a bar is worth drawing
# check at 104 units and more: a unit's problems of one rule after the first few are counted,
# not printed (all are in the check table), and a long list of units yet to send is one block.
SAME_RULE_SHOWN = 5
MISSING_LISTED = 10  # more missing units than this are listed together, by name


def print_problems(
    problems: list[Problem], unit_names: dict[str, str], capped: bool = False
) -> None:
    """Print problems grouped by unit; capped (check), shorten what the table holds in full."""
    missing = [p for p in problems if spec_of(p) is MISSING_UNIT]
    if capped and len(missing) > MISSING_LISTED:
        problems = [p for p in problems if spec_of(p) is not MISSING_UNIT]
    else:
        missing = []
    current, shown, hidden = None, {}, {}

    def flush() -> None:
        for (severity, _rule), count in hidden.items():
            click.echo("  " + msg.MORE_SIMILAR.format(count=count, kind=severity), err=True)
        hidden.clear()
        shown.clear()

    for problem in problems:
        group = problem.unit or ""
        if group != current:
            flush()
            current = group
            header = unit_names.get(group, group) if group else msg.GENERAL_HEADER.rstrip(":")
            click.echo(msg.UNIT_HEADER.format(unit=header), err=True)
        key = (problem.severity, problem.rule)
        shown[key] = shown.get(key, 0) + 1
        if capped and group and shown[key] > SAME_RULE_SHOWN:
            hidden[key] = hidden.get(key, 0) + 1
            continue
        # One problem, one line: nothing it quotes may start another or drive the terminal.
        click.echo(f"  [{problem.severity}] {visible(problem.text())}", err=True)
    flush()
    if missing:
        click.echo(msg.MISSING_BLOCK.format(count=len(missing)), err=True)
        names = [visible(unit_names.get(p.unit, p.unit)) for p in missing]
        for line in _wrap_names(names, 96):
            click.echo(f"  {line}", err=True)


def _wrap_names(names: list[str], width: int) -> list[str]:
    """Return names joined by ", " in lines of at most width characters, no name split."""
    lines, line = [], ""
    for i, name in enumerate(names):
        item = name + ("," if i < len(names) - 1 else "")
        if line and len(line) + 1 + len(item) > width:
            lines.append(line)
            line = ""
        line = f"{line} {item}" if line else item
    return [*lines, line] if line else lines


def print_by_year(by_year: dict, unit_names: dict[str, str], several: bool) -> None:
    """Print each year's problems, under the year's heading when there are several years."""
    for year, problems in by_year.items():
        if several:
            click.echo(msg.EXPORT_YEAR_HEADER.format(year=year), err=True)
        print_problems(problems, unit_names)


def stop_on_errors(problems: list[Problem], nothing_written: str) -> None:
    """Say that nothing was written because of the errors (and how to go on without the units
    yet to send), then exit 1. The problems themselves are printed already."""
    errors = sum(p.is_error for p in problems)
    click.echo(nothing_written.format(errors=errors), err=True)
    if any(spec_of(p) is MISSING_UNIT and p.is_error for p in problems):
        click.echo(msg.MISSING_HINT, err=True)
    sys.exit(1)


def print_written(paths: list[Path], err: bool = False) -> None:
    for path in paths:
        click.echo(msg.WROTE.format(path=visible(str(path))), err=err)


def ignored_text(name: str) -> str:
    """Say why a file of the year's folder was not read: a lock file, hidden, not a workbook."""
    name = shown_name(name)
    if name.startswith("~$"):
        return msg.IGNORED_LOCK.format(file=name)
    if name.startswith("."):
        return msg.IGNORED_HIDDEN.format(file=name)
    return msg.IGNORED_FILE.format(file=name)


def verbose() -> int:
    """Return how many -v the command line has."""
    return click.get_current_context().find_root().params.get("verbose", 0)


class Progress:
    """A progress bar on stderr for long runs, only when stderr is a terminal and not -q."""

    def __init__(self):
        quiet = click.get_current_context().find_root().params.get("quiet", False)
        self.shown = not quiet and sys.stderr.isatty()
        self.bar = None

    def __call__(self, path: Path, done: int, total: int) -> None:
        if not self.shown or total < PROGRESS_FROM:
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=total,
                label=msg.PROGRESS_LABEL,
                file=sys.stderr,
                show_pos=True,
                item_show_func=lambda item: shown_name(item.name) if item else None,
            ).__enter__()
        self.bar.update(1, current_item=path)
        if done == total:
            self.bar.__exit__(None, None, None)
            self.bar = None


def os_error(exc: OSError) -> str:
    """Say in Vietnamese what the operating system refused."""
    return msg.OS_ERRORS.get(errno.errorcode.get(exc.errno or 0, ""), exc.strerror or str(exc))


def guard(func):
    """Turn library errors into Vietnamese messages and exit codes, at one boundary."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            for line in exc.messages:
                click.echo(visible(line), err=True)
            sys.exit(1)
        except RenderError as exc:
            click.echo(msg.RENDER_FAILED.format(error=exc), err=True)
            sys.exit(1)
        except ReportgenError as exc:
            click.echo(str(exc), err=True)
            sys.exit(1)
        except OSError as exc:
            if verbose():
                raise
            click.echo(
                msg.WRITE_FAILED.format(path=exc.filename or "", error=os_error(exc)), err=True
            )
            sys.exit(1)
        except Exception as exc:
            if verbose():
                raise
            click.echo(msg.UNEXPECTED.format(error=exc), err=True)
            sys.exit(1)

    return wrapper
