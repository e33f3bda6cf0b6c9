"""The chain: find files -> load -> check -> aggregate -> render HTML -> render PDF -> write."""

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen import messages as msg
from reportgen.aggregate import aggregate
from reportgen.catalog import Unit, load_catalog, load_registry
from reportgen.check import Submission, check_completeness, check_workbook
from reportgen.errors import ConfigError, ProblemsFound
from reportgen.load import (
    SETTINGS_FILE,
    LoadError,
    ReportSettings,
    find_workbooks,
    read_settings,
    read_workbook,
    year_folder,
)
from reportgen.names import fold
from reportgen.problems import ERROR, WARNING, Problem, count_errors, sort_problems
from reportgen.render import render_html, template_dirs
from reportgen.runlog import record_run
from reportgen.workbook import blank_workbook
from reportgen.write import write_files, write_new_file

log = logging.getLogger(__name__)

OUTPUT_STEM = "ket-qua-phong-chong-mua-ban-nguoi-{year}"
SETTINGS_SKELETON = """\
# Thông tin của bài báo cáo năm {year}.
# date: ngày đăng, in dưới tiêu đề — năm-tháng-ngày, không có dấu ngoặc kép, ví dụ 2018-12-02
# author: tên người viết, in cuối bài — trong dấu ngoặc kép
date = ""
author = ""
"""


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

    @property
    def errors(self) -> int:
        """Return the number of errors."""
        return count_errors(self.problems)

    @property
    def warnings(self) -> int:
        """Return the number of warnings."""
        return len(self.problems) - self.errors


@dataclass
class BuildResult:
    """The files a build wrote and the warnings it let through."""

    paths: list[Path]
    problems: list[Problem]
    unit_names: dict[str, str]


def check_year(
    year: int, data_dir: Path = Path("data"), allow_missing: bool = False
) -> CheckResult:
    """Read and check every input of a year without writing anything."""
    catalog = load_catalog(data_dir)
    registry = load_registry(data_dir)
    expected = registry.units_for(year)
    if not expected:
        raise ConfigError([msg.NO_UNITS.format(year=year)])
    folder = year_folder(data_dir, year)
    files, ignored = find_workbooks(data_dir, year)
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(
            Problem(ERROR, "", "", "", "", "no_folder", msg.NO_FOLDER.format(folder=folder))
        )
    settings, settings_problems = read_settings(data_dir, year)
    problems += settings_problems
    submissions, identified = [], []
    for path in files:
        try:
            raw = read_workbook(path)
        except LoadError as exc:
            problems.append(Problem(ERROR, path.name, exc.sheet, exc.cell, "", exc.rule, str(exc)))
            continue
        unit, submission, found = check_workbook(raw, catalog, registry, year)
        problems += found
        if unit is not None:
            identified.append((path.name, unit))
        if submission is not None:
            submissions.append(submission)
    completeness = check_completeness(identified, registry, year, str(folder))
    missing_codes = {p.unit for p in completeness if p.rule == "missing_unit"}
    if allow_missing:
        completeness = [
            replace(p, severity=WARNING) if p.rule == "missing_unit" else p for p in completeness
        ]
    problems += completeness
    duplicated = {p.unit for p in completeness if p.rule == "duplicate_unit"}
    submissions = [s for s in submissions if s.unit.code not in duplicated]
    return CheckResult(
        year=year,
        files=files,
        ignored=ignored,
        submissions=submissions,
        problems=sort_problems(problems),
        settings=settings,
        missing=tuple(u for u in expected if u.code in missing_codes),
        unit_names={u.code: u.official_name for u in registry.units},
    )


def build_report(
    year: int,
    data_dir: Path = Path("data"),
    templates_dir: Path | None = None,
    out_dir: Path | None = None,
    allow_missing: bool = False,
) -> BuildResult:
    """Check a year's inputs, then render and write its HTML and PDF; write nothing on error."""
    from reportgen.pdf import render_pdf

    result = check_year(year, data_dir, allow_missing)
    if result.errors:
        raise ProblemsFound(result.problems, result.unit_names)
    catalog = load_catalog(data_dir)
    registry = load_registry(data_dir)
    data = aggregate(
        result.submissions, catalog, registry.province, result.settings, year, result.missing
    )
    dirs = template_dirs(templates_dir)
    html = render_html(data, dirs)
    pdf = render_pdf(html, dirs, result.settings.date)
    out_dir = out_dir or Path("out") / str(year)
    stem = OUTPUT_STEM.format(year=year)
    paths = write_files(
        {out_dir / f"{stem}.html": html.encode("utf-8"), out_dir / f"{stem}.pdf": pdf}
    )
    record_run(out_dir, "build", result, data_dir, paths, dirs)
    return BuildResult(paths, result.problems, result.unit_names)


def write_templates(
    year: int, data_dir: Path = Path("data"), out_dir: Path | None = None
) -> list[tuple[Path, bool]]:
    """Write a blank workbook per expected unit (and the year's settings file); never overwrite."""
    catalog = load_catalog(data_dir)
    registry = load_registry(data_dir)
    units = registry.units_for(year)
    if not units:
        raise ConfigError([msg.NO_UNITS.format(year=year)])
    out_dir = out_dir or year_folder(data_dir, year)
    communes = registry.communes_for(year)
    written = []
    for unit in units:
        target = out_dir / workbook_filename(unit, year)
        if target.exists():
            written.append((target, False))
            continue
        written.append(
            (target, write_new_file(target, blank_workbook(unit, year, catalog, communes)))
        )
    settings = out_dir / SETTINGS_FILE
    written.append(
        (settings, write_new_file(settings, SETTINGS_SKELETON.format(year=year).encode()))
    )
    return written


def workbook_filename(unit: Unit, year: int) -> str:
    """Return the blank workbook's file name: "340-dong-hung-2018.xlsx"."""
    slug = "-".join(fold(unit.name).replace(".", "").split())
    return f"{unit.code}-{slug}-{year}.xlsx"
