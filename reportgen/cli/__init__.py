"""The command line: parse options, call the library, print Vietnamese messages."""

import errno
import functools
import logging
import sys
from pathlib import Path

import click

from reportgen import messages as msg
from reportgen.checks.rule_table import MISSING_UNIT, spec_of
from reportgen.errors import ConfigError, ProblemsFound, RenderError, ReportgenError
from reportgen.problems import Problem, summary
from reportgen.visible import shown_name, visible

PROGRESS_FROM = 30  # workbooks; below that a run is over before a bar is worth drawing
# What build --format and --style accept (build.py is imported only when a command runs).
FORMATS = ("html", "pdf", "docx", "fragment")
STYLES = ("article", "official")
# What export --format accepts (export.FORMATS; export.py imports pandas when it runs, so it is
# imported only then). Its --period is every command's: the periods of periods.toml.
EXPORT_FORMATS = ("xlsx", "csv")
_HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh"}


class _Formatter(click.HelpFormatter):
    """Click's help layout, with its few English words in Vietnamese."""

    def write_usage(self, prog, args="", prefix=None):
        args = args.replace("[OPTIONS]", "[TÙY CHỌN]").replace("COMMAND [ARGS]...", "LỆNH ...")
        super().write_usage(prog, args, msg.USAGE_PREFIX if prefix is None else prefix)

    def write_heading(self, heading):
        super().write_heading(_HEADINGS.get(heading, heading))


class _Context(click.Context):
    formatter_class = _Formatter


class _Option(click.Option):
    def get_help_record(self, ctx):
        record = super().get_help_record(ctx)
        return record and (record[0], record[1].replace("[required]", msg.REQUIRED))


class _VietnameseHelp:
    context_class = _Context

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = msg.HELP_OPTION
        return option


class _Command(_VietnameseHelp, click.Command):
    pass


class _Group(_VietnameseHelp, click.Group):
    """The root group: prints usage mistakes in Vietnamese and exits 2."""

    command_class = _Command

    def main(self, args=None, prog_name=None, **extra):
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
        except click.UsageError as exc:
            click.echo(_usage_error(exc), err=True)
            sys.exit(2)
        except click.Abort:
            click.echo(msg.ABORTED, err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _usage_error(exc: click.UsageError) -> str:
    ctx, param = exc.ctx, getattr(exc, "param", None)
    hint = "/".join(param.opts) if param is not None else ""
    if isinstance(exc, click.NoSuchOption):
        text = msg.NO_SUCH_OPTION.format(option=exc.option_name)
        if exc.possibilities:
            text += " " + msg.DID_YOU_MEAN_OPTION.format(options=", ".join(exc.possibilities))
    elif isinstance(exc, click.MissingParameter):
        text = msg.MISSING_OPTION.format(option=hint)
    elif isinstance(exc, click.BadParameter):
        if isinstance(param.type, (click.Choice, _FormatList)):
            text = msg.BAD_CHOICE.format(option=hint, choices=", ".join(param.type.choices))
        elif isinstance(param.type, click.types.IntParamType):
            text = msg.BAD_INTEGER.format(option=hint)
        elif isinstance(param.type, click.Path):
            text = msg.BAD_PATH.format(option=hint)
        else:
            text = msg.BAD_VALUE.format(option=hint)
    elif exc.message.startswith("No such command"):
        text = msg.NO_SUCH_COMMAND.format(command=exc.message.split("'")[1])
    else:
        text = msg.BAD_USAGE
    if ctx is not None:
        text = f"{ctx.get_usage()}\n{msg.SEE_HELP.format(command=ctx.command_path)}\n\n{text}"
    return text


class _YearList(click.ParamType):
    """Years: "2017-2019" (a run), "2017,2019" (a list), or one year."""

    name = "years"

    def convert(self, value, param, ctx):
        if isinstance(value, list):
            return value
        years: set[int] = set()
        try:
            for part in str(value).split(","):
                first, dash, last = part.strip().partition("-")
                first_year, last_year = int(first), int(last) if dash else int(first)
                if not 0 < first_year <= last_year or last_year - first_year > 100:
                    raise ValueError(part)
                years.update(range(first_year, last_year + 1))
        except ValueError:
            self.fail(str(value), param, ctx)
        return sorted(years)


class _FormatList(click.ParamType):
    """A comma-separated list of output formats: "html,pdf,docx"."""

    name = "formats"

    def __init__(self, choices):
        self.choices = tuple(choices)

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        items = [v.strip().lower() for v in str(value).split(",") if v.strip()]
        if not items or any(v not in self.choices for v in items):
            self.fail(str(value), param, ctx)
        return tuple(dict.fromkeys(items))


TEMPLATES_DIR = click.option(
    "--templates-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục mẫu riêng; tệp ở đây thay cho tệp cùng tên trong templates/.",
)
YEAR = click.option(
    "--year", type=int, required=True, cls=_Option, metavar="NĂM", help="Năm báo cáo, ví dụ 2018."
)
PERIOD = click.option(
    "--period",
    default="nam",
    metavar="KỲ",
    help="Kỳ báo cáo (periods.toml): nam (cả năm, mặc định), quy-1 … quy-4, 6-thang, 9-thang. "
    "Tệp của kỳ nằm trong thư mục <năm>-<kỳ>, ví dụ data/2019-6-thang.",
)
DATA_DIR = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    default=Path("data"),
    help="Thư mục số liệu, chứa units.toml, catalog.toml và thư mục từng năm (mặc định: data).",
)


# check at 104 units and more: a unit's problems of one rule after the first few are counted,
# not printed (all are in the check table), and a long list of units yet to send is one block.
SAME_RULE_SHOWN = 5
MISSING_LISTED = 10  # more missing units than this are listed together, by name


def _print_problems(
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


def _ignored_text(name: str) -> str:
    name = shown_name(name)
    if name.startswith("~$"):
        return msg.IGNORED_LOCK.format(file=name)
    if name.startswith("."):
        return msg.IGNORED_HIDDEN.format(file=name)
    return msg.IGNORED_FILE.format(file=name)


class _Progress:
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


def _refuse_out_dir_in_data(
    out_dir: Path | None, data_dir: Path, year: int, period: str = "nam"
) -> None:
    """Exit 2 when outputs would land among the inputs: the next run would read them as data.

    The out folder given, or the default out/<year> (which is a year folder with --data-dir
    out). Compared resolved (symlinks followed), so that a link cannot lead the outputs in. A
    usage mistake like any other bad option value, hence click's code 2; nothing is read or
    written. (`template` refuses the year's data folder itself: a blank there is read as sent.)
    """
    out_dir = out_dir or Path("out") / _folder(year, period)
    data, out = data_dir.resolve(), out_dir.resolve()
    if out == data or data in out.parents:
        text = msg.OUT_DIR_IN_DATA.format(out=visible(str(out_dir)), data=visible(str(data_dir)))
        click.echo(text, err=True)
        sys.exit(2)


def _folder(year: int, period: str) -> str:
    """Return "2019" or "2019-6-thang" (periods.folder_name, without importing the library)."""
    return str(year) if period == "nam" else f"{year}-{period}"


def _os_error(exc: OSError) -> str:
    """Say in Vietnamese what the operating system refused."""
    return msg.OS_ERRORS.get(errno.errorcode.get(exc.errno or 0, ""), exc.strerror or str(exc))


def _guard(func):
    """Turn library errors into Vietnamese messages and exit codes, at one boundary."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        verbose = click.get_current_context().find_root().params.get("verbose", 0)
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
            if verbose:
                raise
            click.echo(
                msg.WRITE_FAILED.format(path=exc.filename or "", error=_os_error(exc)), err=True
            )
            sys.exit(1)
        except Exception as exc:
            if verbose:
                raise
            click.echo(msg.UNEXPECTED.format(error=exc), err=True)
            sys.exit(1)

    return wrapper


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="In thêm chi tiết, cả dấu vết khi có lỗi.")
@click.option("-q", "--quiet", is_flag=True, help="Không hiện thanh tiến độ.")
def main(verbose: int, quiet: bool) -> None:
    """Lập báo cáo "Kết quả công tác phòng, chống mua bán người" từ các tệp Excel của đơn vị.

    \b
    Ví dụ:
      reportgen check --year 2018
      reportgen build --year 2018
    """
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(message)s")
    # WeasyPrint's own warnings are in English and about our CSS, not the user's data.
    logging.getLogger("weasyprint").setLevel(logging.DEBUG if verbose > 1 else logging.ERROR)


@main.command()
@YEAR
@PERIOD
@DATA_DIR
@TEMPLATES_DIR
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Nơi ghi báo cáo (mặc định out/<năm>, out/<năm>-<kỳ> cho kỳ khác cả năm).",
)
@click.option("--allow-missing", is_flag=True, help="Vẫn lập báo cáo khi thiếu tệp của đơn vị.")
@click.option(
    "--format",
    "formats",
    type=_FormatList(FORMATS),
    default="html,pdf",
    metavar="DẠNG,…",
    help="Các dạng cần ghi, cách nhau bởi dấu phẩy: html, pdf, docx (Word), fragment "
    "(chỉ thân bài, để đăng lên cổng thông tin). Mặc định: html,pdf.",
)
@click.option(
    "--style",
    type=click.Choice(STYLES),
    default="article",
    metavar="KIỂU",
    help="article: bài viết (mặc định); official: văn bản hành chính theo Nghị định 30/2020 "
    "(số, người ký, nơi nhận lấy từ phần [official] của bao-cao.toml).",
)
@click.option("--no-appendix", is_flag=True, help="Không kèm phụ lục (bảng số liệu và biểu đồ).")
@_guard
def build(
    year, period, data_dir, templates_dir, out_dir, allow_missing, formats, style, no_appendix
):
    """Kiểm tra số liệu rồi ghi báo cáo (mặc định HTML và PDF) và bảng nguồn số liệu.

    \b
    Ví dụ:
      reportgen build --year 2018
      reportgen build --year 2018 --style official --format html,pdf,docx
      reportgen build --year 2018 --templates-dir mau-rieng --allow-missing
      reportgen build --year 2019 --period 6-thang
    """
    from reportgen.pipeline import build_report

    _refuse_out_dir_in_data(out_dir, data_dir, year, period)
    try:
        result = build_report(
            year,
            data_dir,
            templates_dir,
            out_dir,
            allow_missing,
            formats=formats,
            style=style,
            appendix=not no_appendix,
            progress=_Progress(),
            period=period,
        )
    except ProblemsFound as exc:
        _print_problems(exc.problems, exc.unit_names)
        errors = sum(p.is_error for p in exc.problems)
        click.echo(msg.NOTHING_WRITTEN.format(errors=errors), err=True)
        if any(spec_of(p) is MISSING_UNIT and p.is_error for p in exc.problems):
            click.echo(msg.MISSING_HINT, err=True)
        sys.exit(1)
    _print_problems(result.problems, result.unit_names)
    for path in result.paths:
        click.echo(msg.WROTE.format(path=visible(str(path))))


@main.command()
@YEAR
@PERIOD
@DATA_DIR
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Nơi ghi kiem-tra-<năm>.xlsx, .html và nhật ký nhat-ky.log (mặc định out/<năm>).",
)
@TEMPLATES_DIR
@_guard
def check(year, period, data_dir, out_dir, templates_dir):
    """Kiểm tra các tệp số liệu của một năm và ghi bảng kiểm tra, không lập báo cáo.

    Bảng kiểm tra kiem-tra-<năm>.xlsx (và bản .html) có một dòng cho mỗi vấn đề và
    trang "Tình trạng nộp" của từng đơn vị; có thể gửi lại cho các đơn vị để sửa.

    \b
    Ví dụ:
      reportgen check --year 2018
      reportgen -v check --year 2018 --out-dir kiem-tra
      reportgen check --year 2019 --period 6-thang
      reportgen check --year 2018 --templates-dir mau-rieng
    """
    from reportgen.outputs.check_report import (
        FEEDBACK_DIR,
        REPORT_STEM,
        collection_states,
        completeness_rows,
        write_check_report,
    )
    from reportgen.pipeline import check_year

    _refuse_out_dir_in_data(out_dir, data_dir, year, period)
    verbose = click.get_current_context().find_root().params.get("verbose", 0)
    # No report is written: a missing publication date is a note here, an error for build.
    result = check_year(year, data_dir, progress=_Progress(), date_required=False, period=period)
    if verbose:
        for path in result.ignored:
            click.echo(_ignored_text(path.name), err=True)
    out_dir = out_dir or Path("out") / _folder(year, period)
    paths = write_check_report(result, out_dir, data_dir, templates_dir)
    if verbose:
        for path in paths:
            click.echo(msg.WROTE.format(path=visible(str(path))), err=True)
    _print_problems(result.problems, result.unit_names, capped=True)
    table = out_dir / f"{REPORT_STEM.format(year=_folder(year, period))}.xlsx"
    click.echo(
        msg.CHECK_TABLE_AT.format(
            path=visible(str(table)), feedback=visible(str(out_dir / FEEDBACK_DIR))
        )
    )
    for line in collection_states(completeness_rows(result)).lines():
        click.echo(line)
    click.echo(summary(result.errors, result.warnings, len(result.files)))
    sys.exit(1 if result.errors else 0)


@main.command()
@YEAR
@PERIOD
@DATA_DIR
@TEMPLATES_DIR
@click.option(
    "--style",
    type=click.Choice(STYLES),
    default="article",
    metavar="KIỂU",
    help="article: bài viết (mặc định); official: văn bản hành chính.",
)
@click.option("--no-appendix", is_flag=True, help="Không kèm phụ lục.")
@click.option("--allow-missing", is_flag=True, help="Vẫn hiện báo cáo khi thiếu tệp của đơn vị.")
@click.option(
    "--port", type=int, default=8000, metavar="CỔNG", help="Cổng trên 127.0.0.1 (mặc định 8000)."
)
@_guard
def preview(year, period, data_dir, templates_dir, style, no_appendix, allow_missing, port):
    """Xem trước báo cáo trong trình duyệt; tự cập nhật khi sửa mẫu hoặc tệp số liệu.

    \b
    Ví dụ:
      reportgen preview --year 2018
      reportgen preview --year 2018 --templates-dir mau-rieng --port 8080
    """
    from reportgen.outputs.preview import Preview, make_server
    from reportgen.pipeline import preview_renderer

    render, watched = preview_renderer(
        year, data_dir, templates_dir, allow_missing, style, not no_appendix, period
    )
    try:
        server = make_server(Preview(render, watched), port)
    except OSError as exc:
        click.echo(msg.PREVIEW_PORT.format(port=port, error=_os_error(exc)), err=True)
        sys.exit(1)
    click.echo(msg.PREVIEW_SERVING.format(url=f"http://127.0.0.1:{server.server_port}/"))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo(msg.PREVIEW_STOPPED)
    finally:
        server.server_close()


@main.command()
@YEAR
@PERIOD
@DATA_DIR
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help=(
        "Nơi ghi các mẫu trống (mặc định mau-trong/<năm>, mau-trong/<năm>-<kỳ> cho kỳ khác; "
        "không được là thư mục số liệu)."
    ),
)
@_guard
def template(year, period, data_dir, out_dir):
    """Tạo mẫu Excel trống cho từng đơn vị chưa gửi tệp; không ghi đè tệp đã có.

    Mẫu trống được ghi vào mau-trong/<năm> (kỳ khác: mau-trong/<năm>-<kỳ>), không bao giờ vào
    thư mục số liệu: đơn vị điền xong gửi về thì mới chép vào data/<năm>/ (data/<năm>-<kỳ>/).
    Đơn vị đã có tệp trong thư mục số liệu đó (nhận ra theo tên, mã đơn vị ghi trong tệp) thì
    không được tạo mẫu nữa.

    \b
    Ví dụ:
      reportgen template --year 2026
      reportgen template --year 2026 --out-dir gui-xa
      reportgen template --year 2019 --period 6-thang
    """
    from reportgen.inputs.load import year_folder
    from reportgen.pipeline import blanks_folder, write_templates

    out_dir = out_dir or blanks_folder(year, period)
    data_folder = year_folder(data_dir, year, period)
    folder = data_folder.resolve()
    out = out_dir.resolve()
    if out == folder or folder in out.parents:
        text = msg.TEMPLATE_INTO_DATA.format(
            out=visible(str(out_dir)), data=visible(str(data_folder)), year=_folder(year, period)
        )
        click.echo(text, err=True)
        sys.exit(2)
    result = write_templates(year, data_dir, out_dir, period)
    for unit, name in result.has_file:
        click.echo(
            msg.TEMPLATE_UNIT_HAS_FILE.format(
                unit=unit.official_name, file=shown_name(name), folder=visible(str(result.folder))
            )
        )
    for path, written in result.written:
        shown = visible(str(path))
        click.echo((msg.WROTE if written else msg.SKIPPED_EXISTING).format(path=shown))


@main.command()
@click.option(
    "--year",
    type=int,
    metavar="NĂM",
    help="Năm cần xuất, ví dụ 2018; các tệp được ghi vào out/<năm>.",
)
@click.option(
    "--years",
    type=_YearList(),
    metavar="NĂM-NĂM",
    help="Xuất nhiều năm vào cùng một bảng: 2017-2019, hoặc 2017,2019.",
)
@PERIOD
@DATA_DIR
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Nơi ghi các tệp (mặc định out/<năm>, với --years là năm cuối).",
)
@click.option(
    "--format",
    "formats",
    type=_FormatList(EXPORT_FORMATS),
    default="xlsx,csv",
    metavar="DẠNG,…",
    help="xlsx (một tệp Excel ba trang), csv (hai tệp: bảng dọc và bảng theo đơn vị), "
    "cách nhau bởi dấu phẩy. Mặc định: xlsx,csv.",
)
@click.option("--allow-missing", is_flag=True, help="Vẫn xuất khi thiếu tệp của đơn vị.")
@_guard
def export(year, years, period, data_dir, out_dir, formats, allow_missing):
    """Xuất số liệu đã kiểm tra ra Excel và CSV để phân tích, mỗi số kèm tệp, trang, ô.

    Chỉ xuất khi số liệu không còn lỗi, như khi lập báo cáo. Cách dùng bảng số liệu với
    pandas: docs/phan-tich.md.

    \b
    Ví dụ:
      reportgen export --year 2018
      reportgen export --years 2017-2019 --format xlsx
    """
    from reportgen.errors import ProblemsFoundInYears
    from reportgen.outputs.export import export_facts

    if year is None and not years:
        click.echo(msg.EXPORT_NO_YEAR, err=True)
        sys.exit(2)
    years = years or [year]
    out_dir = out_dir or Path("out") / _folder(year or years[-1], period)
    _refuse_out_dir_in_data(out_dir, data_dir, year or years[-1], period)
    try:
        result = export_facts(
            years, out_dir, formats, period, data_dir, allow_missing, progress=_Progress()
        )
    except ProblemsFoundInYears as exc:
        _print_by_year(exc.by_year, exc.unit_names, several=len(years) > 1)
        errors = sum(p.is_error for p in exc.problems)
        click.echo(msg.EXPORT_NOTHING_WRITTEN.format(errors=errors), err=True)
        if any(spec_of(p) is MISSING_UNIT and p.is_error for p in exc.problems):
            click.echo(msg.MISSING_HINT, err=True)
        sys.exit(1)
    _print_by_year(result.problems, result.unit_names, several=len(years) > 1)
    for path in result.paths:
        click.echo(msg.WROTE.format(path=visible(str(path))))


def _print_by_year(by_year: dict, unit_names: dict[str, str], several: bool) -> None:
    for year, problems in by_year.items():
        if several:
            click.echo(msg.EXPORT_YEAR_HEADER.format(year=year), err=True)
        _print_problems(problems, unit_names)
