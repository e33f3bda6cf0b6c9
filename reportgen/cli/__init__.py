"""The command line: parse options, call the library, print Vietnamese messages.

main is the click group; each command lives in the module of its family (commands_*.py),
the options they share in options.py, what they print in show.py.
"""

import logging

import click

from reportgen.cli.commands_collect import check, template
from reportgen.cli.commands_export import export
from reportgen.cli.commands_report import build, preview
from reportgen.cli.vietnamese import Group


@click.group(
    cls=Group,
    commands=[build, check, preview, template, export],
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
