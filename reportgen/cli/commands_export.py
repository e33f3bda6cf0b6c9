"""The command for analysts: export (the checked facts as Excel and CSV)."""

import sys

import click

from reportgen import messages as msg
from reportgen.cli.options import (
    DATA_DIR,
    EXPORT_FORMATS,
    PERIOD,
    YearList,
    allow_missing_option,
    formats_option,
    out_dir_option,
    refuse_inside,
)
from reportgen.cli.show import Progress, guard, print_by_year, print_written, stop_on_errors
from reportgen.cli.vietnamese import Command
from reportgen.outputs.folders import out_folder


@click.command(cls=Command)
@click.option(
    "--year",
    type=int,
    metavar="NĂM",
    help="Năm cần xuất, ví dụ 2018; các tệp được ghi vào out/<năm>.",
)
@click.option(
    "--years",
    type=YearList(),
    metavar="NĂM-NĂM",
    help="Xuất nhiều năm vào cùng một bảng: 2017-2019, hoặc 2017,2019.",
)
@PERIOD
@DATA_DIR
@out_dir_option("Nơi ghi các tệp (mặc định out/<năm>, với --years là năm cuối).")
@formats_option(
    EXPORT_FORMATS,
    "xlsx,csv",
    "xlsx (một tệp Excel ba trang), csv (hai tệp: bảng dọc và bảng theo đơn vị), "
    "cách nhau bởi dấu phẩy. Mặc định: xlsx,csv.",
)
@allow_missing_option("Vẫn xuất khi thiếu tệp của đơn vị.")
@guard
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
    out_dir = out_dir or out_folder(year or years[-1], period)
    refuse_inside(out_dir, data_dir, msg.OUT_DIR_IN_DATA)
    try:
        result = export_facts(
            years, out_dir, formats, period, data_dir, allow_missing, progress=Progress()
        )
    except ProblemsFoundInYears as exc:
        print_by_year(exc.by_year, exc.unit_names, several=len(years) > 1)
        stop_on_errors(exc.problems, msg.EXPORT_NOTHING_WRITTEN)
    print_by_year(result.problems, result.unit_names, several=len(years) > 1)
    print_written(result.paths)
