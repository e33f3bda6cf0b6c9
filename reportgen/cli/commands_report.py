"""The commands that make the report: build (write it), preview (show it in a browser)."""

import sys

import click

from reportgen import messages as msg
from reportgen.cli.options import (
    FORMATS,
    ONE_YEAR,
    TEMPLATES_DIR,
    allow_missing_option,
    formats_option,
    out_dir_option,
    refuse_inside,
    style_options,
)
from reportgen.cli.show import (
    Progress,
    guard,
    os_error,
    print_problems,
    print_written,
    stop_on_errors,
)
from reportgen.cli.vietnamese import Command
from reportgen.errors import ProblemsFound
from reportgen.outputs.folders import out_folder


@click.command(cls=Command)
@ONE_YEAR
@TEMPLATES_DIR
@out_dir_option("Nơi ghi báo cáo (mặc định out/<năm>, out/<năm>-<kỳ> cho kỳ khác cả năm).")
@allow_missing_option("Vẫn lập báo cáo khi thiếu tệp của đơn vị.")
@formats_option(
    FORMATS,
    "html,pdf",
    "Các dạng cần ghi, cách nhau bởi dấu phẩy: html, pdf, docx (Word), fragment "
    "(chỉ thân bài, để đăng lên cổng thông tin). Mặc định: html,pdf.",
)
@style_options(
    "article: bài viết (mặc định); official: văn bản hành chính theo Nghị định 30/2020 "
    "(số, người ký, nơi nhận lấy từ phần [official] của bao-cao.toml).",
    "Không kèm phụ lục (bảng số liệu và biểu đồ).",
)
@guard
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

    refuse_inside(out_dir or out_folder(year, period), data_dir, msg.OUT_DIR_IN_DATA)
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
            progress=Progress(),
            period=period,
        )
    except ProblemsFound as exc:
        print_problems(exc.problems, exc.unit_names)
        stop_on_errors(exc.problems, msg.NOTHING_WRITTEN)
    print_problems(result.problems, result.unit_names)
    print_written(result.paths)


@click.command(cls=Command)
@ONE_YEAR
@TEMPLATES_DIR
@style_options("article: bài viết (mặc định); official: văn bản hành chính.", "Không kèm phụ lục.")
@allow_missing_option("Vẫn hiện báo cáo khi thiếu tệp của đơn vị.")
@click.option(
    "--port", type=int, default=8000, metavar="CỔNG", help="Cổng trên 127.0.0.1 (mặc định 8000)."
)
@guard
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
        click.echo(msg.PREVIEW_PORT.format(port=port, error=os_error(exc)), err=True)
        sys.exit(1)
    click.echo(msg.PREVIEW_SERVING.format(url=f"http://127.0.0.1:{server.server_port}/"))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo(msg.PREVIEW_STOPPED)
    finally:
        server.server_close()
