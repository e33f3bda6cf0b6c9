"""The chain: find → read → check → facts → render → write, as `check` and `build` run it.

Each step is one call into its stage's folder: declared/ (catalog, units, periods), inputs/
(the year's files and settings), checks/ (each workbook read and checked in a child, who sent
what, the year before), report/ (the facts' views, the HTML), outputs/ (the files, one set).
"""

from collections.abc import Callable
from pathlib import Path

from reportgen.checks import year_over_year as years
from reportgen.checks.completeness import check_completeness
from reportgen.checks.rule_table import (
    NO_FOLDER,
    problem,
)
from reportgen.checks.year_folder import check_workbooks
from reportgen.declared.declarations import Declarations, read_declarations
from reportgen.declared.periods import (
    ANNUAL,
    period_for,
    year_folder,
)
from reportgen.errors import ConfigError, ProblemsFound
from reportgen.inputs.find import find_workbooks
from reportgen.inputs.year_settings import read_year_settings, staff_files
from reportgen.messages import NO_UNITS
from reportgen.outputs.folders import out_folder
from reportgen.outputs.output_set import DEFAULT_FORMATS, output_files
from reportgen.outputs.runlog import LOG_FILE, record_run
from reportgen.outputs.write import write_set
from reportgen.problems import Problem, sort_problems
from reportgen.report.aggregate import ReportData
from reportgen.report.document import render_report
from reportgen.report.render import template_dirs
from reportgen.report.year_views import year_views
from reportgen.results import BuildResult, CheckReport, CheckResult

Progress = Callable[[Path, int, int], None] | None  # progress(path, done, total) as files check


def check_year(
    year: int,
    data_dir: Path = Path("data"),
    allow_missing: bool = False,
    progress: Progress = None,
    compare_previous: bool = True,
    official: bool = False,
    date_required: bool = True,
    period: str = ANNUAL,
) -> CheckResult:
    """Read and check every input of a year without writing anything (but the cache).

    With compare_previous, the same period of the year before is checked too when its folder
    exists (kept in `previous`), and each unit's figures are compared with it. official: the
    settings' [official] table is required (--style official). Without date_required (`check`,
    which writes no report), a missing publication date is a note. period: a code of
    periods.toml; its workbooks are in data/<year>-<period>/.
    """
    declared = read_declarations(data_dir)
    period_for(declared.kinds, period, year)  # an unknown period stops here, before any read
    result = _check_folder(
        year, data_dir, declared, period, allow_missing, progress, official, date_required
    )
    if not compare_previous:
        return result
    before = year - 1  # the same period of the year before: "cùng kỳ"
    if not years.comparable(data_dir, declared.registry, year, before, period, say_why=True):
        return result
    return years.compared(result, _check_folder(before, data_dir, declared, period))


def _check_folder(
    year: int,
    data_dir: Path,
    declared: Declarations,
    code: str,  # the period's
    allow_missing: bool = False,
    progress: Progress = None,
    official: bool = False,
    date_required: bool = True,
) -> CheckResult:
    """Check one year's (period's) folder: find → read → check, each workbook in a child."""
    if not (expected := declared.registry.units_for(year)):
        raise ConfigError([NO_UNITS.format(year=year)])
    folder = year_folder(data_dir, year, code)
    files, ignored = find_workbooks(data_dir, year, code)
    problems = [] if folder.is_dir() else [problem(NO_FOLDER, fill={"folder": folder})]
    settings, period, found = read_year_settings(
        data_dir, year, declared.kinds, code, official, date_required
    )
    other_inputs = (*staff_files(folder), *declared.files)  # named by the run log
    read = check_workbooks(files, declared, year, period, progress)
    sent = check_completeness(read.checks, declared.registry, year, str(folder), allow_missing)
    return CheckResult(
        year=year,
        files=files,
        ignored=ignored,
        submissions=[s for s in read.submissions if s.unit.code not in sent.duplicated],
        problems=sort_problems(problems + found + read.problems + list(sent.problems)),
        settings=settings,
        missing=sent.missing,
        unit_names={u.code: u.official_name for u in declared.registry.units},
        expected=expected,
        checks=read.checks,
        completeness=sent,
        catalog=declared.catalog,
        registry=declared.registry,
        digests=read.digests,
        period=period,
        kinds=declared.kinds,
        config=declared.config,
        other_inputs=other_inputs,
    )


def report_data(
    year: int,
    data_dir: Path = Path("data"),
    allow_missing: bool = False,
    style: str = "article",
    progress: Progress = None,
    period: str = ANNUAL,
) -> tuple[ReportData, CheckResult, list[Problem]]:
    """Check the year (find → read → check) and sum its facts into the report's views, with
    the year before and the trend; return them, the check, and the warnings let through.
    Raise ProblemsFound on any error."""
    official = style == "official"
    result = check_year(year, data_dir, allow_missing, progress, official=official, period=period)
    if result.errors:
        raise ProblemsFound(result.problems, result.unit_names)
    declared = Declarations(result.catalog, result.registry, result.kinds, result.config)
    known = {result.previous.year: result.previous} if result.previous else {}
    earlier = [
        known.get(y) or _check_folder(y, data_dir, declared, period)
        for y in years.earlier_years(result, data_dir)
    ]
    before, skipped = years.usable_previous(result.previous)
    trend, left_out = years.trend_years(result, earlier)
    return year_views(result, before, trend), result, result.problems + skipped + left_out


def build_report(
    year: int,
    data_dir: Path = Path("data"),
    templates_dir: Path | None = None,
    out_dir: Path | None = None,
    allow_missing: bool = False,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    style: str = "article",
    appendix: bool = True,
    progress: Progress = None,
    period: str = ANNUAL,
) -> BuildResult:
    """Check a year's inputs, then render and write the outputs asked for; write nothing on error.

    Besides the formats asked for, nguon-so-lieu.csv (where each figure comes from) is written.
    period: a code of periods.toml; outputs go to out/<year>-<period>/ unless it is "nam".
    """
    data, result, warnings = report_data(year, data_dir, allow_missing, style, progress, period)
    dirs = template_dirs(templates_dir)
    # The portal fragment is the article's body, whichever style is asked for.
    rendered = render_report(data, result.catalog, dirs, style, appendix, "fragment" in formats)
    files = output_files(rendered, data, dirs, formats, style)
    out_dir = out_dir or out_folder(year, period)

    def log_run(folder: Path, staged: list[Path]) -> None:
        record_run(folder, "build", result, data_dir, staged, dirs, shown=out_dir)

    # The run log's line goes into the new set, so that it never names outputs not in place.
    paths = write_set(
        out_dir, files, copied=(LOG_FILE,), before_switch=log_run, protected=(data_dir, *dirs)
    )
    return BuildResult(paths, warnings, result.unit_names)


def check_and_report(
    year: int,
    data_dir: Path = Path("data"),
    out_dir: Path | None = None,
    progress: Progress = None,
    period: str = ANNUAL,
    templates_dir: Path | None = None,
) -> CheckReport:
    """Check a year's inputs and write the check report (kiem-tra-<year>.xlsx/.html, gui-don-vi/),
    never the report: a missing publication date is a note here, an error for build."""
    from reportgen.outputs import check_report as written  # openpyxl: only `check` needs it

    result = check_year(year, data_dir, progress=progress, date_required=False, period=period)
    out_dir = out_dir or out_folder(year, period)
    paths = written.write_check_report(result, out_dir, data_dir, templates_dir)
    table = out_dir / f"{written.REPORT_STEM.format(year=out_folder(year, period).name)}.xlsx"
    states = written.collection_states(written.completeness_rows(result)).lines()
    return CheckReport(result, paths, table, out_dir / written.FEEDBACK_DIR, states)


def preview_renderer(
    year: int,
    data_dir: Path = Path("data"),
    templates_dir: Path | None = None,
    allow_missing: bool = False,
    style: str = "article",
    appendix: bool = True,
    period: str = ANNUAL,
) -> tuple[Callable[[], str], list[Path]]:
    """Return a function that renders the year's HTML afresh, and the paths it depends on."""
    dirs = template_dirs(templates_dir)

    def render() -> str:
        data, result, _ = report_data(year, data_dir, allow_missing, style, None, period)
        return render_report(data, result.catalog, dirs, style, appendix).html

    return render, [*dirs, data_dir]
