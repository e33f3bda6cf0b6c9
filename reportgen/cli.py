"""The command line: parse options, call the library, print Vietnamese messages."""

import errno
import functools
import logging
import sys
from pathlib import Path

import click

from reportgen import messages as msg
from reportgen.errors import ConfigError, ProblemsFound, RenderError, ReportgenError
from reportgen.problems import Problem
from reportgen.visible import shown_name, visible

PROGRESS_FROM = 30  # workbooks; below that a run is over before a bar is worth drawing
# What build --format and --style accept (build.py is imported only when a command runs).
FORMATS = ("html", "pdf", "docx", "fragment")
STYLES = ("article", "official")
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


def _print_problems(problems: list[Problem], unit_names: dict[str, str]) -> None:
    current = None
    for problem in problems:
        group = problem.unit or ""
        if group != current:
            current = group
            header = unit_names.get(group, group) if group else msg.GENERAL_HEADER.rstrip(":")
            click.echo(msg.UNIT_HEADER.format(unit=header), err=True)
        # One problem, one line: nothing it quotes may start another or drive the terminal.
        click.echo(f"  [{problem.severity}] {visible(problem.text())}", err=True)


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
    written. `template` is not asked: blank workbooks belong in the data folder.
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
    from reportgen.build import build_report

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
        if any(p.rule == "missing_unit" and p.is_error for p in exc.problems):
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
@_guard
def check(year, period, data_dir, out_dir):
    """Kiểm tra các tệp số liệu của một năm và ghi bảng kiểm tra, không lập báo cáo.

    Bảng kiểm tra kiem-tra-<năm>.xlsx (và bản .html) có một dòng cho mỗi vấn đề và
    trang "Tình trạng nộp" của từng đơn vị; có thể gửi lại cho các đơn vị để sửa.

    \b
    Ví dụ:
      reportgen check --year 2018
      reportgen -v check --year 2018 --out-dir kiem-tra
      reportgen check --year 2019 --period 6-thang
    """
    from reportgen.build import check_year
    from reportgen.report_check import write_check_report

    _refuse_out_dir_in_data(out_dir, data_dir, year, period)
    verbose = click.get_current_context().find_root().params.get("verbose", 0)
    result = check_year(year, data_dir, progress=_Progress(), period=period)
    if verbose:
        for path in result.ignored:
            click.echo(_ignored_text(path.name), err=True)
    out_dir = out_dir or Path("out") / _folder(year, period)
    paths = write_check_report(result, out_dir, data_dir)
    if verbose:
        for path in paths:
            click.echo(msg.WROTE.format(path=visible(str(path))), err=True)
    _print_problems(result.problems, result.unit_names)
    if result.problems:
        click.echo(
            msg.SUMMARY.format(
                errors=result.errors, warnings=result.warnings, files=len(result.files)
            )
        )
    else:
        click.echo(
            msg.CLEAN + " " + msg.SUMMARY.format(errors=0, warnings=0, files=len(result.files))
        )
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
    from reportgen.build import preview_renderer
    from reportgen.preview import Preview, make_server

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
    help="Nơi ghi các mẫu (mặc định <data-dir>/<năm>, <data-dir>/<năm>-<kỳ> cho kỳ khác).",
)
@_guard
def template(year, period, data_dir, out_dir):
    """Tạo mẫu Excel trống cho từng đơn vị phải báo cáo trong năm; không ghi đè tệp đã có.

    \b
    Ví dụ:
      reportgen template --year 2019
      reportgen template --year 2019 --period 6-thang
    """
    from reportgen.build import write_templates

    for path, written in write_templates(year, data_dir, out_dir, period):
        shown = visible(str(path))
        click.echo((msg.WROTE if written else msg.SKIPPED_EXISTING).format(path=shown))
