"""The commands of the collection round: template (blank forms out), check (feedback back)."""

import sys

import click

from reportgen import messages as msg
from reportgen.cli.options import ONE_YEAR, TEMPLATES_DIR, out_dir_option, refuse_inside
from reportgen.cli.show import Progress, guard, ignored_text, print_problems, print_written, verbose
from reportgen.cli.vietnamese import Command
from reportgen.declared.periods import folder_name
from reportgen.outputs.folders import blanks_folder, out_folder
from reportgen.problems import summary
from reportgen.visible import shown_name, visible


@click.command(cls=Command)
@ONE_YEAR
@out_dir_option("Nơi ghi kiem-tra-<năm>.xlsx, .html và nhật ký nhat-ky.log (mặc định out/<năm>).")
@TEMPLATES_DIR
@guard
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
    from reportgen.pipeline import check_and_report

    refuse_inside(out_dir or out_folder(year, period), data_dir, msg.OUT_DIR_IN_DATA)
    report = check_and_report(year, data_dir, out_dir, Progress(), period, templates_dir)
    result = report.result
    if verbose():
        for path in result.ignored:
            click.echo(ignored_text(path.name), err=True)
        print_written(report.paths, err=True)
    print_problems(result.problems, result.unit_names, capped=True)
    shown = {"path": visible(str(report.table)), "feedback": visible(str(report.feedback))}
    click.echo(msg.CHECK_TABLE_AT.format(**shown))
    for line in report.states:
        click.echo(line)
    click.echo(summary(result.errors, result.warnings, len(result.files)))
    sys.exit(1 if result.errors else 0)


@click.command(cls=Command)
@ONE_YEAR
@out_dir_option(
    "Nơi ghi các mẫu trống (mặc định mau-trong/<năm>, mau-trong/<năm>-<kỳ> cho kỳ khác; "
    "không được là thư mục số liệu)."
)
@guard
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
    from reportgen.blank_forms import write_templates

    out_dir = out_dir or blanks_folder(year, period)
    # A blank in the year's data folder would be read as sent (build and check refuse all data/).
    year_data = data_dir / folder_name(year, period)
    refuse_inside(out_dir, year_data, msg.TEMPLATE_INTO_DATA, year=folder_name(year, period))
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
