"""The chain: find files -> load -> check -> aggregate -> render HTML -> render PDF -> write."""

import datetime as dt
import logging
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen import messages as msg
from reportgen.checks.completeness import Completeness, check_completeness
from reportgen.checks.cross_field import copied_rows, year_over_year
from reportgen.checks.many_workbooks import config_digest, inspect_all
from reportgen.checks.records import Submission, WorkbookCheck
from reportgen.checks.rule_table import (
    ASSESSMENT,
    NO_FOLDER,
    PREVIOUS_SKIPPED,
    SETTINGS,
    TREND_SKIPPED,
    problem,
    spec_of,
)
from reportgen.declared.catalog import (
    CATALOG_FILE,
    Catalog,
    Registry,
    Unit,
    declared_files,
    load_catalog,
    load_registry,
)
from reportgen.declared.periods import (
    ANNUAL,
    PERIODS_FILE,
    Period,
    folder_name,
    load_periods,
    period_for,
    with_span,
)
from reportgen.declared.territory import common_units, same_territory
from reportgen.errors import ConfigError, ProblemsFound, ReportgenError, TemplateProblem
from reportgen.inputs.assessment import ASSESSMENT_FILE
from reportgen.inputs.assessment import SKELETON as ASSESSMENT_SKELETON
from reportgen.inputs.load import (
    SETTINGS_FILE,
    OfficialSettings,
    ReportSettings,
    find_workbooks,
    read_assessment,
    read_settings,
    year_folder,
)
from reportgen.names import fold
from reportgen.outputs.runlog import LOG_FILE, record_run
from reportgen.outputs.write import write_new_file, write_set
from reportgen.problems import Problem, count_errors, count_warnings, sort_problems
from reportgen.report.aggregate import ReportData, Trend, aggregate
from reportgen.report.provenance import figures_in, in_text_order, sources_csv
from reportgen.report.render import MAIN_TEMPLATE, OFFICIAL_TEMPLATE, render_html, template_dirs
from reportgen.visible import visible

log = logging.getLogger(__name__)

# {year} is folder_name(): "2019", or "2019-6-thang" for a period other than the whole year.
OUTPUT_STEM = "ket-qua-phong-chong-mua-ban-nguoi-{year}"
OFFICIAL_STEM = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-{year}"
TREND_YEARS = 5  # at most this many years, the report's included, go into `trend`
FRAGMENT_SUFFIX = "-than-bai.html"  # the article's body alone, for the web portal
SOURCES_FILE = "nguon-so-lieu.csv"
DEFAULT_FORMATS = ("html", "pdf")
SETTINGS_SKELETON = """\
# Thông tin của bài báo cáo {period}.
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
# Kỳ báo cáo (không bắt buộc): mặc định từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}.
# period_start = {start}
# period_end = {end}
"""
# Appended for a period other than the whole year: its span, when it differs from periods.toml's.
SPAN_SKELETON = """
# Kỳ báo cáo mặc định từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}. Nếu kỳ của năm nay khác, bỏ dấu #
# ở đầu hai dòng dưới đây và sửa ngày (năm-tháng-ngày). Hai dòng này phải ở trên [official].
# period_start = {start}
# period_end = {end}
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
    period: Period | None = None  # the report period (its span as bao-cao.toml sets it)
    kinds: dict = field(default_factory=dict)  # the periods of periods.toml, by code
    config: str = ""  # the digest of the declarative files it was checked against

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
    period: str = ANNUAL,
) -> CheckResult:
    """Read and check every input of a year without writing anything (but the cache).

    progress, when given, is called as progress(path, done, total) as workbooks are checked.
    With compare_previous, the year before is checked too when its folder exists (kept in
    `previous`, for the report's comparison), and each unit's figures are compared with its
    figures of that year (catalog.toml [year_over_year]). With official, the settings' [official]
    table is required (--style official): its mistakes are errors, not warnings. Without
    date_required (`check`, which writes no report), a missing publication date is a note.
    period: a code of periods.toml; its workbooks are in data/<year>-<period>/, and it
    compares with the same period of the year before ("cùng kỳ").
    """
    catalog = load_catalog(data_dir)
    registry = load_registry(data_dir)
    kinds = load_periods(data_dir)
    _check_indicator_periods(catalog, kinds, data_dir)
    period_for(kinds, period, year)  # an unknown period stops here, before anything is read
    config = config_digest([*declared_files(data_dir, registry), data_dir / PERIODS_FILE])
    return _check_year(year, data_dir, catalog, registry, config, allow_missing, progress,
                       compare_previous, official, kinds, period, date_required)  # fmt: skip


def _check_indicator_periods(catalog: Catalog, kinds: dict, data_dir: Path) -> None:
    """Raise ConfigError when an indicator's `periods` names a period periods.toml lacks."""
    where = visible(str(data_dir / CATALOG_FILE))
    errors = [
        msg.PERIOD_INDICATOR.format(where=f"{where} [[indicators]] {ind.code}", code=visible(code))
        for ind in catalog.indicators
        for code in ind.periods
        if code not in kinds
    ]
    if errors:
        raise ConfigError(errors)


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
    kinds: dict,
    code: str = ANNUAL,  # the period's
    date_required: bool = True,
) -> CheckResult:
    expected = registry.units_for(year)
    if not expected:
        raise ConfigError([msg.NO_UNITS.format(year=year)])
    period = period_for(kinds, code, year)
    folder = year_folder(data_dir, year, code)
    files, ignored = find_workbooks(data_dir, year, code)
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(problem(NO_FOLDER, fill={"folder": folder}))
    settings, settings_problems = read_settings(data_dir, year, official, date_required, code)
    problems += settings_problems
    assessment, assessment_problems = read_assessment(data_dir, year, official, code)
    settings = replace(settings, assessment=assessment)
    problems += assessment_problems
    period = with_span(period, settings.period_start, settings.period_end)
    settings = _official_span(settings, period)
    submissions, checks = [], []
    digests = {}
    for path, inspected in zip(
        files, inspect_all(files, catalog, registry, year, config, progress, period), strict=True
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
        # A period compares with the same period of the year before ("cùng kỳ").
        exists = year_folder(data_dir, before, code).is_dir()
        if exists and not same_territory(registry, year, before):
            log.info(msg.NOT_COMPARED.format(year=year, before=before))
        elif exists:
            previous = _check_year(
                before, data_dir, catalog, registry, config,
                allow_missing=False, progress=None, compare_previous=False, official=False,
                kinds=kinds, code=code,
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
        period=period,
        kinds=kinds,
        config=config,
    )


def _official_span(settings: ReportSettings, period: Period) -> ReportSettings:
    """Give the official form of a period other than the year the period's span when its
    [official] table leaves period_start/period_end at the year's default (15/12 to 14/12),
    which a 6-month or quarterly document would otherwise print."""
    official = settings.official
    if official is None or period.annual:
        return settings
    year_default = (dt.date(period.year - 1, 12, 15), dt.date(period.year, 12, 14))
    if (official.period_start, official.period_end) != year_default:
        return settings  # written in the table: kept as written
    official = replace(official, period_start=period.start, period_end=period.end)
    return replace(settings, official=official)


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
    period: str = ANNUAL,
) -> BuildResult:
    """Check a year's inputs, then render and write the outputs asked for; write nothing on error.

    Besides the formats asked for, nguon-so-lieu.csv (where each figure comes from) is written.
    period: a code of periods.toml; outputs go to out/<year>-<period>/ unless it is "nam".
    """
    data, catalog, official, problems, result = _prepare(
        year, data_dir, allow_missing, style, progress, period
    )
    dirs = template_dirs(templates_dir)
    files = render_outputs(data, catalog, dirs, formats, style, appendix, official)
    out_dir = out_dir or Path("out") / folder_name(year, period)

    def log_run(folder: Path, staged: list[Path]) -> None:
        record_run(folder, "build", result, data_dir, staged, dirs, shown=out_dir)

    # The run log's line goes into the new set, so that it never names outputs not in place.
    paths = write_set(
        out_dir, files, copied=(LOG_FILE,), before_switch=log_run, protected=(data_dir, *dirs)
    )
    return BuildResult(paths, problems, result.unit_names)


def _prepare(
    year: int, data_dir: Path, allow_missing: bool, style: str, progress=None, period=ANNUAL
):
    """Read and check everything a render needs; raise ProblemsFound on any error."""
    official = style == "official"
    result = check_year(year, data_dir, allow_missing, progress, official=official, period=period)
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
        period=result.period,
    )
    trend, left_out = collect_trend(result, data_dir, present)
    data = replace(data, trend=trend)
    return data, catalog, official, problems + skipped + left_out, result


def collect_trend(
    result: CheckResult, data_dir: Path, present: set[str]
) -> tuple[Trend, list[Problem]]:
    """Return the report's period over up to TREND_YEARS consecutive years, and warnings.

    Going back from the report's year while the same period's folder exists and covers the
    same territory (territory.py); a year with errors is left out, with a warning (none for
    the year before: previous_year already says why it is not compared). Each year is summed
    over the units that reported in the report's year, as the comparison is.
    """
    catalog, registry, period = result.catalog, result.registry, result.period
    found, warnings = [result], []
    for before in range(result.year - 1, result.year - TREND_YEARS, -1):
        folder = year_folder(data_dir, before, period.code)
        if not folder.is_dir() or not same_territory(registry, result.year, before):
            break
        if result.previous is not None and result.previous.year == before:
            earlier = result.previous
        else:
            earlier = _check_year(
                before, data_dir, catalog, registry, result.config,
                allow_missing=False, progress=None, compare_previous=False, official=False,
                kinds=result.kinds, code=period.code,
            )  # fmt: skip
        errors = sum(
            p.is_error and spec_of(p) not in (SETTINGS, ASSESSMENT) for p in earlier.problems
        )
        if errors and earlier is not result.previous:
            make_period = "" if period.annual else f" PERIOD={period.code}"
            text = msg.TREND_SKIPPED.format(
                period=earlier.period.name, errors=errors, year=before, make_period=make_period
            )
            warnings.append(problem(TREND_SKIPPED, message=text))
        if not errors:
            found.append(earlier)
    found.reverse()
    reports = tuple(
        aggregate(
            common_units(c.submissions, present),
            catalog,
            registry.province_for(c.year),
            c.settings,
            c.year,
            period=c.period,
        )
        for c in found
    )
    return Trend(tuple(c.year for c in found), reports), warnings


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
        data, catalog, official, _, _ = _prepare(year, data_dir, allow_missing, style, None, period)
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
        "indicators": {ind.code: ind for ind in catalog.indicators_for(data.year, _code(data))},
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
    scope = folder_name(data.year, _code(data))  # "2019", "2019-6-thang"
    stem = (OFFICIAL_STEM if style == "official" else OUTPUT_STEM).format(year=scope)
    files: dict[str, bytes] = {}
    if "html" in formats:
        files[f"{stem}.html"] = html.encode("utf-8")
    if "pdf" in formats:
        from reportgen.outputs.pdf import render_pdf

        files[f"{stem}.pdf"] = render_pdf(html, dirs, data.settings.date)
    template = OFFICIAL_TEMPLATE if style == "official" else MAIN_TEMPLATE
    if "docx" in formats:
        from reportgen.outputs.word import render_docx

        with _made_from(template, "Word (.docx)"):
            files[f"{stem}.docx"] = render_docx(html, style, data.settings, data.province)
    if "fragment" in formats:
        from reportgen.outputs.fragment import article_body

        article = html if style == "article" else render_document(data, catalog, dirs)
        name = OUTPUT_STEM.format(year=scope) + FRAGMENT_SUFFIX
        with _made_from(MAIN_TEMPLATE, "thân bài cho cổng thông tin (fragment)"):
            files[name] = article_body(article).encode("utf-8")
    files[SOURCES_FILE] = sources_csv(in_text_order(figures_in(data), html))
    return files


def _code(data: ReportData) -> str:
    return data.period.code if data.period is not None else ANNUAL


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
        period = before.period
        if period is None or period.annual:
            fill = {"year": before.year, "errors": errors}
            return None, [problem(PREVIOUS_SKIPPED, fill=fill)]
        # the same period of the year before: its name, and how to check it
        text = msg.PREVIOUS_PERIOD_SKIPPED.format(
            period=period.name, year=before.year, code=period.code, errors=errors
        )
        return None, [problem(PREVIOUS_SKIPPED, message=text)]
    submissions = before.submissions
    if present is not None:
        submissions = common_units(submissions, present)
        if not submissions:
            return None, []
    province = registry.province_for(before.year)
    data = aggregate(
        submissions, catalog, province, before.settings, before.year, period=before.period
    )
    return data, []


BLANKS_DIR = "mau-trong"  # the blank workbooks' own folder: mau-trong/<year>, never data/


def blanks_folder(year: int, period: str = ANNUAL) -> Path:
    """Return the default folder of a year's blank workbooks: mau-trong/<year>, of a period
    mau-trong/<year>-<period> (named as its data folder)."""
    return Path(BLANKS_DIR) / folder_name(year, period)


@dataclass
class TemplateResult:
    """What `template` wrote, what it found already there, and the units it left out."""

    written: list[tuple[Path, bool]]  # (path, False when it was there already)
    has_file: list[tuple[Unit, str]]  # units with a file of their own in the data folder
    folder: Path  # the year's (period's) data folder, where those files are


def write_templates(
    year: int, data_dir: Path = Path("data"), out_dir: Path | None = None, period: str = ANNUAL
) -> TemplateResult:
    """Write a blank workbook per expected unit that has sent nothing yet; never overwrite.

    Blanks go to out_dir (mau-trong/<year>, of a period mau-trong/<year>-<period>), never into
    the data folder, where a blank would be read as a submission. A unit with a workbook of its
    own in the period's data folder (found by the unit it names, whatever the file's name; a
    blank left there does not count) gets none. The settings file and the staff's text are
    written into that data folder (data/<year>/, data/<year>-<period>/) when missing: `build`
    reads them there. period: a code of periods.toml; its blank workbooks say it.
    """
    from reportgen.blank_workbook import blank_workbook  # openpyxl: only this command needs it

    catalog = load_catalog(data_dir)
    registry = load_registry(data_dir)
    chosen = period_for(load_periods(data_dir), period, year)
    units = registry.units_for(year)
    if not units:
        raise ConfigError([msg.NO_UNITS.format(year=year)])
    out_dir = out_dir or blanks_folder(year, period)
    folder = year_folder(data_dir, year, period)
    sent = _units_with_files(year, data_dir, catalog, registry, chosen)
    communes = registry.communes_for(year)
    written, has_file = [], []
    for unit in units:
        if unit.code in sent:
            has_file.append((unit, sent[unit.code]))
            continue
        target = out_dir / workbook_filename(unit, year, period)
        if target.exists():
            written.append((target, False))
            continue
        blank = blank_workbook(unit, year, catalog, communes, chosen)
        written.append((target, write_new_file(target, blank)))
    settings = folder / SETTINGS_FILE
    written.append((settings, write_new_file(settings, settings_skeleton(chosen).encode())))
    assessment = folder / ASSESSMENT_FILE  # read from the period's data folder, like bao-cao.toml
    written.append(
        (assessment, write_new_file(assessment, ASSESSMENT_SKELETON.format(year=year).encode()))
    )
    return TemplateResult(written, has_file, folder)


def _units_with_files(
    year: int, data_dir: Path, catalog, registry, period: Period
) -> dict[str, str]:
    """Return {unit code: file name} of the units that have a filled workbook in the folder of
    the year's period (data/<year>/, data/<year>-<period>/)."""
    files, _ = find_workbooks(data_dir, year, period.code)
    if not files:
        return {}
    config = config_digest([*declared_files(data_dir, registry), data_dir / PERIODS_FILE])
    sent: dict[str, str] = {}
    for inspected in inspect_all(files, catalog, registry, year, config, None, period):
        outcome = inspected.outcome
        if isinstance(outcome, WorkbookCheck) and outcome.unit and not outcome.blank:
            sent.setdefault(outcome.unit.code, outcome.file)
    return sent


def settings_skeleton(period: Period) -> str:
    """Return the bao-cao.toml that `template` writes for a period (its span in the comments)."""
    skeleton = SETTINGS_SKELETON.format(period=period.name, start=period.start, end=period.end)
    if not period.annual:
        skeleton += SPAN_SKELETON.format(start=period.start, end=period.end)
    return skeleton


def workbook_filename(unit: Unit, year: int, period: str = ANNUAL) -> str:
    """Return the blank workbook's file name: "340-dong-hung-2018.xlsx", of a period
    "340-dong-hung-2019-6-thang.xlsx"."""
    slug = "-".join(fold(unit.name).replace(".", "").split())
    return f"{unit.code}-{slug}-{folder_name(year, period)}.xlsx"
