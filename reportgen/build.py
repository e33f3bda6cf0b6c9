"""The chain: find files -> load -> check -> aggregate -> render HTML -> render PDF -> write."""

import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen import messages as msg
from reportgen.aggregate import ReportData, aggregate
from reportgen.assessment import ASSESSMENT_FILE
from reportgen.assessment import SKELETON as ASSESSMENT_SKELETON
from reportgen.batch import config_digest, inspect_all
from reportgen.catalog import (
    Catalog,
    Registry,
    Unit,
    declared_files,
    load_catalog,
    load_registry,
)
from reportgen.check import Completeness, Submission, WorkbookCheck, check_completeness
from reportgen.errors import ConfigError, ProblemsFound, ReportgenError, TemplateProblem
from reportgen.load import (
    SETTINGS_FILE,
    OfficialSettings,
    ReportSettings,
    find_workbooks,
    read_assessment,
    read_settings,
    year_folder,
)
from reportgen.names import fold
from reportgen.problem_rules import (
    ASSESSMENT,
    NO_FOLDER,
    PREVIOUS_SKIPPED,
    SETTINGS,
    problem,
    spec_of,
)
from reportgen.problems import Problem, count_errors, count_warnings, sort_problems
from reportgen.provenance import figures_in, in_text_order, sources_csv
from reportgen.render import MAIN_TEMPLATE, OFFICIAL_TEMPLATE, render_html, template_dirs
from reportgen.rules import copied_rows, year_over_year
from reportgen.runlog import LOG_FILE, record_run
from reportgen.territory import common_units, same_territory
from reportgen.write import write_new_file, write_set

log = logging.getLogger(__name__)

OUTPUT_STEM = "ket-qua-phong-chong-mua-ban-nguoi-{year}"
OFFICIAL_STEM = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-{year}"
FRAGMENT_SUFFIX = "-than-bai.html"  # the article's body alone, for the web portal
SOURCES_FILE = "nguon-so-lieu.csv"
DEFAULT_FORMATS = ("html", "pdf")
SETTINGS_SKELETON = """\
# Thông tin của bài báo cáo năm {year}.
# date: ngày đăng, in dưới tiêu đề — năm-tháng-ngày, không có dấu ngoặc kép, ví dụ 2018-12-02
# author: tên người viết, in cuối bài — trong dấu ngoặc kép
# caption: (không bắt buộc) chú thích ảnh in sau đoạn mở đầu — trong dấu ngoặc kép
# photo: (không bắt buộc) tên tệp ảnh trong thư mục assets của mẫu; chú thích chỉ in khi có ảnh
date = ""
author = ""
caption = ""

# Chỉ cần khi lập văn bản hành chính (reportgen build --style official): bỏ dấu # ở đầu
# các dòng dưới đây rồi điền. Ngày của văn bản là "date" ở trên.
# [official]
# issuer = ["UBND TỈNH ...", "BAN CHỈ ĐẠO 138"]  # cơ quan ban hành, mỗi dòng một mục
# number = "../BC-BCĐ"                            # số và ký hiệu
# place = "..."                                   # địa danh
# signer_authority = "KT. TRƯỞNG BAN"             # quyền hạn ký; để "" nếu Trưởng ban ký
# signer_title = "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"     # chức vụ người ký
# signer_name = "..."                             # họ tên người ký
# recipients = ["...;", "Lưu: VT."]               # nơi nhận, mỗi dòng một nơi
# Kỳ báo cáo (không bắt buộc): mặc định từ 15/12 năm trước đến 14/12 năm báo cáo.
# period_start = {before}-12-15
# period_end = {year}-12-14
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
    expected: tuple[Unit, ...] = ()
    checks: list[WorkbookCheck] = field(default_factory=list)  # one per readable workbook
    completeness: Completeness | None = None  # which units sent none, one or more workbooks
    previous: "CheckResult | None" = None  # the year before, when compared with it
    catalog: Catalog | None = None  # the declarative files it was checked against
    registry: Registry | None = None
    # SHA-256 of the bytes each workbook was checked from, for the run log: not of the file as
    # it is later, which may have changed meanwhile.
    digests: dict[Path, str] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        """Return the number of errors."""
        return count_errors(self.problems)

    @property
    def warnings(self) -> int:
        """Return the number of warnings (notes not counted)."""
        return count_warnings(self.problems)


@dataclass(frozen=True)
class _ReadFigures:
    """The figures read from a workbook with errors, as year_over_year takes a submission."""

    facts: tuple


@dataclass
class BuildResult:
    """The files a build wrote and the warnings it let through."""

    paths: list[Path]
    problems: list[Problem]
    unit_names: dict[str, str]


def check_year(
    year: int,
    data_dir: Path = Path("data"),
    allow_missing: bool = False,
    progress: Callable[[Path, int, int], None] | None = None,
    compare_previous: bool = True,
    official: bool = False,
    date_required: bool = True,
) -> CheckResult:
    """Read and check every input of a year without writing anything (but the cache).

    progress, when given, is called as progress(path, done, total) as workbooks are checked.
    With compare_previous, the year before is checked too when its folder exists (kept in
    `previous`, for the report's comparison), and each unit's figures are compared with its
    figures of that year (catalog.toml [year_over_year]). With official, the settings' [official]
    table is required (--style official): its mistakes are errors, not warnings. Without
    date_required (`check`, which writes no report), a missing publication date is a note.
    """
    catalog = load_catalog(data_dir)
    registry = load_registry(data_dir)
    config = config_digest(declared_files(data_dir, registry))
    return _check_year(year, data_dir, catalog, registry, config, allow_missing, progress,
                       compare_previous, official, date_required)  # fmt: skip


def _check_year(
    year: int,
    data_dir: Path,
    catalog: Catalog,
    registry: Registry,
    config: str,  # digest of the declarative files, for the cache of checked workbooks
    allow_missing: bool,
    progress: Callable[[Path, int, int], None] | None,
    compare_previous: bool,
    official: bool,
    date_required: bool = True,
) -> CheckResult:
    expected = registry.units_for(year)
    if not expected:
        raise ConfigError([msg.NO_UNITS.format(year=year)])
    folder = year_folder(data_dir, year)
    files, ignored = find_workbooks(data_dir, year)
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(problem(NO_FOLDER, fill={"folder": folder}))
    settings, settings_problems = read_settings(data_dir, year, official, date_required)
    problems += settings_problems
    assessment, assessment_problems = read_assessment(data_dir, year, official)
    settings = replace(settings, assessment=assessment)
    problems += assessment_problems
    submissions, checks = [], []
    digests = {}
    for path, inspected in zip(
        files, inspect_all(files, catalog, registry, year, config, progress), strict=True
    ):
        outcome = inspected.outcome
        if inspected.sha256:
            digests[path] = inspected.sha256
        if isinstance(outcome, Problem):  # the file could not be read at all
            problems.append(outcome)
            continue
        checks.append(outcome)
        problems += outcome.problems
        if outcome.submission is not None:
            submissions.append(outcome.submission)
    completeness = check_completeness(checks, registry, year, str(folder), allow_missing)
    problems += completeness.problems
    submissions = [s for s in submissions if s.unit.code not in completeness.duplicated]
    previous = None
    if compare_previous:
        before = year - 1
        # Across a boundary change (territory.py) neither the report nor the check compares.
        exists = year_folder(data_dir, before).is_dir()
        if exists and not same_territory(registry, year, before):
            log.info(msg.NOT_COMPARED.format(year=year, before=before))
        elif exists:
            previous = _check_year(
                before, data_dir, catalog, registry, config,
                allow_missing=False, progress=None, compare_previous=False, official=False,
            )  # fmt: skip
    # Every figure read is compared, from files with errors too: the unit hears of a jump in
    # the same round as its other problems, not after fixing them.
    read = [_ReadFigures(c.read_facts) for c in checks
            if c.read_facts and c.unit is not None
            and c.unit.code not in completeness.duplicated]  # fmt: skip
    if previous and catalog.year_over_year and (submissions or read):
        problems += year_over_year(
            submissions + read, previous.submissions, catalog.year_over_year, year
        )
    if previous and submissions:
        problems += copied_rows(submissions, previous.submissions, year)
    return CheckResult(
        year=year,
        files=files,
        ignored=ignored,
        submissions=submissions,
        problems=sort_problems(problems),
        settings=settings,
        missing=completeness.missing,
        unit_names={u.code: u.official_name for u in registry.units},
        expected=expected,
        checks=checks,
        completeness=completeness,
        previous=previous,
        catalog=catalog,
        registry=registry,
        digests=digests,
    )


def build_report(
    year: int,
    data_dir: Path = Path("data"),
    templates_dir: Path | None = None,
    out_dir: Path | None = None,
    allow_missing: bool = False,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    style: str = "article",
    appendix: bool = True,
    progress: Callable[[Path, int, int], None] | None = None,
) -> BuildResult:
    """Check a year's inputs, then render and write the outputs asked for; write nothing on error.

    Besides the formats asked for, nguon-so-lieu.csv (where each figure comes from) is written.
    """
    data, catalog, official, problems, result = _prepare(
        year, data_dir, allow_missing, style, progress
    )
    dirs = template_dirs(templates_dir)
    files = render_outputs(data, catalog, dirs, formats, style, appendix, official)
    out_dir = out_dir or Path("out") / str(year)

    def log_run(folder: Path, staged: list[Path]) -> None:
        record_run(folder, "build", result, data_dir, staged, dirs, shown=out_dir)

    # The run log's line goes into the new set, so that it never names outputs not in place.
    paths = write_set(
        out_dir, files, copied=(LOG_FILE,), before_switch=log_run, protected=(data_dir, *dirs)
    )
    return BuildResult(paths, problems, result.unit_names)


def _prepare(year: int, data_dir: Path, allow_missing: bool, style: str, progress=None):
    """Read and check everything a render needs; raise ProblemsFound on any error."""
    result = check_year(year, data_dir, allow_missing, progress, official=style == "official")
    official = result.settings.official if style == "official" else None
    problems = result.problems
    if count_errors(problems):
        raise ProblemsFound(problems, result.unit_names)
    catalog, registry = result.catalog, result.registry
    present = {s.unit.code for s in result.submissions}
    previous, skipped = previous_year(result.previous, catalog, registry, present)
    data = aggregate(
        result.submissions,
        catalog,
        registry.province_for(year),
        result.settings,
        year,
        result.missing,
        previous,
        traced=True,
    )
    return data, catalog, official, problems + skipped, result


def preview_renderer(
    year: int,
    data_dir: Path = Path("data"),
    templates_dir: Path | None = None,
    allow_missing: bool = False,
    style: str = "article",
    appendix: bool = True,
) -> tuple[Callable[[], str], list[Path]]:
    """Return a function that renders the year's HTML afresh, and the paths it depends on."""
    dirs = template_dirs(templates_dir)

    def render() -> str:
        data, catalog, official, _, _ = _prepare(year, data_dir, allow_missing, style)
        return render_document(data, catalog, dirs, style, appendix, official)

    return render, [*dirs, data_dir]


def render_document(
    data: ReportData,
    catalog: Catalog,
    dirs: list[Path],
    style: str = "article",
    appendix: bool = True,
    official: OfficialSettings | None = None,
) -> str:
    """Render the whole report of one style to an HTML string."""
    extra = {
        "appendix": appendix,
        "indicators": {ind.code: ind for ind in catalog.indicators_for(data.year)},
        "official": official,
        "activity_types": catalog.choices("activity_types"),
    }
    template = OFFICIAL_TEMPLATE if style == "official" else MAIN_TEMPLATE
    if style == "article":
        dirs = with_wording(dirs, data.settings.wording)
    return render_html(data, dirs, template, extra)


def with_wording(dirs: list[Path], wording: str) -> list[Path]:
    """Put the article's own wording folder (bao-cao.toml `wording`) before the built-in templates.

    It is looked up as wording/<name> in each template folder, the user's first; its section
    files replace the built-in ones for the article only (the official document keeps the
    common wording).
    """
    if not wording:
        return dirs
    for folder in dirs:
        candidate = folder / "wording" / wording
        if candidate.is_dir():
            return [*dirs[:-1], candidate, dirs[-1]]
    shown = ", ".join(str(d) for d in dirs)
    raise TemplateProblem(msg.WORDING_NOT_FOUND.format(name=wording, dirs=shown))


def render_outputs(
    data: ReportData,
    catalog: Catalog,
    dirs: list[Path],
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    style: str = "article",
    appendix: bool = True,
    official: OfficialSettings | None = None,
) -> dict[str, bytes]:
    """Render every output asked for; return {file name: content}, nothing written yet."""
    html = render_document(data, catalog, dirs, style, appendix, official)
    stem = (OFFICIAL_STEM if style == "official" else OUTPUT_STEM).format(year=data.year)
    files: dict[str, bytes] = {}
    if "html" in formats:
        files[f"{stem}.html"] = html.encode("utf-8")
    if "pdf" in formats:
        from reportgen.pdf import render_pdf

        files[f"{stem}.pdf"] = render_pdf(html, dirs, data.settings.date)
    template = OFFICIAL_TEMPLATE if style == "official" else MAIN_TEMPLATE
    if "docx" in formats:
        from reportgen.word import render_docx

        with _made_from(template, "Word (.docx)"):
            files[f"{stem}.docx"] = render_docx(html, style, data.settings, data.province)
    if "fragment" in formats:
        from reportgen.fragment import article_body

        article = html if style == "article" else render_document(data, catalog, dirs)
        name = OUTPUT_STEM.format(year=data.year) + FRAGMENT_SUFFIX
        with _made_from(MAIN_TEMPLATE, "thân bài cho cổng thông tin (fragment)"):
            files[name] = article_body(article).encode("utf-8")
    files[SOURCES_FILE] = sources_csv(in_text_order(figures_in(data), html))
    return files


@contextmanager
def _made_from(template: str, kind: str):
    """Say which template made HTML that a converter cannot use (empty, control characters)."""
    try:
        yield
    except ReportgenError:
        raise
    except Exception as exc:  # lxml and python-docx raise many kinds, all in English
        log.debug("cannot convert the HTML to %s", kind, exc_info=True)
        raise TemplateProblem(msg.TEMPLATE_HTML_UNUSABLE.format(name=template, kind=kind)) from exc


def previous_year(
    before: CheckResult | None,
    catalog: Catalog,
    registry: Registry,
    present: set[str] | None = None,
) -> tuple[ReportData | None, list]:
    """Sum the year before, as check_year checked it, for comparison; None when it has errors.

    A missing or faulty settings file does not matter here. When the folder exists but has
    errors, one warning says why the comparison is left out. With `present` (the codes of the
    units that reported this year), only those units of the year before are summed.
    """
    if before is None:
        return None, []
    errors = sum(p.is_error and spec_of(p) not in (SETTINGS, ASSESSMENT) for p in before.problems)
    if errors:
        return None, [problem(PREVIOUS_SKIPPED, fill={"year": before.year, "errors": errors})]
    submissions = before.submissions
    if present is not None:
        submissions = common_units(submissions, present)
        if not submissions:
            return None, []
    province = registry.province_for(before.year)
    data = aggregate(submissions, catalog, province, before.settings, before.year)
    return data, []


BLANKS_DIR = "mau-trong"  # the blank workbooks' own folder: mau-trong/<year>, never data/


def blanks_folder(year: int) -> Path:
    """Return the default folder of a year's blank workbooks: mau-trong/<year>."""
    return Path(BLANKS_DIR) / str(year)


@dataclass
class TemplateResult:
    """What `template` wrote, what it found already there, and the units it left out."""

    written: list[tuple[Path, bool]]  # (path, False when it was there already)
    has_file: list[tuple[Unit, str]]  # units with a file of their own in data/<year>/: its name
    folder: Path  # the year's data folder, where those files are


def write_templates(
    year: int, data_dir: Path = Path("data"), out_dir: Path | None = None
) -> TemplateResult:
    """Write a blank workbook per expected unit that has sent nothing yet; never overwrite.

    Blanks go to out_dir (mau-trong/<year>), never into the data folder, where a blank would
    be read as a submission. A unit with a workbook of its own in data/<year>/ (found by the
    unit it names, whatever the file's name; a blank left there does not count) gets none.
    The year's settings file is written into data/<year>/ when missing: `build` reads it there.
    """
    from reportgen.workbook import blank_workbook  # openpyxl: only this command needs it

    catalog = load_catalog(data_dir)
    registry = load_registry(data_dir)
    units = registry.units_for(year)
    if not units:
        raise ConfigError([msg.NO_UNITS.format(year=year)])
    out_dir = out_dir or blanks_folder(year)
    folder = year_folder(data_dir, year)
    sent = _units_with_files(year, data_dir, catalog, registry)
    communes = registry.communes_for(year)
    written, has_file = [], []
    for unit in units:
        if unit.code in sent:
            has_file.append((unit, sent[unit.code]))
            continue
        target = out_dir / workbook_filename(unit, year)
        if target.exists():
            written.append((target, False))
            continue
        written.append(
            (target, write_new_file(target, blank_workbook(unit, year, catalog, communes)))
        )
    settings = folder / SETTINGS_FILE
    written.append(
        (
            settings,
            write_new_file(settings, SETTINGS_SKELETON.format(year=year, before=year - 1).encode()),
        )
    )
    assessment = folder / ASSESSMENT_FILE  # read from data/<year>/, like bao-cao.toml
    written.append(
        (assessment, write_new_file(assessment, ASSESSMENT_SKELETON.format(year=year).encode()))
    )
    return TemplateResult(written, has_file, folder)


def _units_with_files(year: int, data_dir: Path, catalog, registry) -> dict[str, str]:
    """Return {unit code: file name} of the units that have a filled workbook in data/<year>/."""
    files, _ = find_workbooks(data_dir, year)
    if not files:
        return {}
    config = config_digest(declared_files(data_dir, registry))
    sent: dict[str, str] = {}
    for inspected in inspect_all(files, catalog, registry, year, config, None):
        outcome = inspected.outcome
        if isinstance(outcome, WorkbookCheck) and outcome.unit and not outcome.blank:
            sent.setdefault(outcome.unit.code, outcome.file)
    return sent


def workbook_filename(unit: Unit, year: int) -> str:
    """Return the blank workbook's file name: "340-dong-hung-2018.xlsx"."""
    slug = "-".join(fold(unit.name).replace(".", "").split())
    return f"{unit.code}-{slug}-{year}.xlsx"
