"""The command line: parse options, call the library, print Vietnamese messages."""

import functools
import logging
import sys
from pathlib import Path

import click

from reportgen import messages as msg
from reportgen.errors import ConfigError, ProblemsFound, RenderError, ReportgenError
from reportgen.problems import Problem

YEAR = click.option("--year", type=int, required=True, help="Năm báo cáo, ví dụ 2018.")
DATA_DIR = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="Thư mục số liệu (chứa units.toml, catalog.toml và thư mục từng năm).",
)


def _print_problems(problems: list[Problem], unit_names: dict[str, str]) -> None:
    current = None
    for problem in problems:
        group = problem.unit or ""
        if group != current:
            current = group
            header = unit_names.get(group, group) if group else msg.GENERAL_HEADER.rstrip(":")
            click.echo(msg.UNIT_HEADER.format(unit=header), err=True)
        click.echo(f"  [{problem.severity}] {problem.text()}", err=True)


def _guard(func):
    """Turn library errors into Vietnamese messages and exit codes, at one boundary."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        verbose = click.get_current_context().find_root().params.get("verbose", 0)
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            for line in exc.messages:
                click.echo(line, err=True)
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
                msg.WRITE_FAILED.format(path=exc.filename or "", error=exc.strerror), err=True
            )
            sys.exit(1)
        except Exception as exc:
            if verbose:
                raise
            click.echo(msg.UNEXPECTED.format(error=exc), err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="In thêm chi tiết (-vv: cả dấu vết lỗi).")
def main(verbose: int) -> None:
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
@DATA_DIR
@click.option(
    "--templates-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Thư mục mẫu riêng; tệp ở đây thay cho tệp cùng tên trong templates/.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Nơi ghi báo cáo (mặc định out/<năm>).",
)
@click.option("--allow-missing", is_flag=True, help="Vẫn lập báo cáo khi thiếu tệp của đơn vị.")
@_guard
def build(year, data_dir, templates_dir, out_dir, allow_missing):
    """Kiểm tra số liệu rồi ghi báo cáo HTML và PDF.

    \b
    Ví dụ:
      reportgen build --year 2018
      reportgen build --year 2018 --templates-dir mau-rieng --allow-missing
    """
    from reportgen.build import build_report

    try:
        result = build_report(year, data_dir, templates_dir, out_dir, allow_missing)
    except ProblemsFound as exc:
        _print_problems(exc.problems, exc.unit_names)
        errors = sum(p.is_error for p in exc.problems)
        click.echo(msg.NOTHING_WRITTEN.format(errors=errors), err=True)
        if any(p.rule == "missing_unit" and p.is_error for p in exc.problems):
            click.echo(msg.MISSING_HINT, err=True)
        sys.exit(1)
    _print_problems(result.problems, result.unit_names)
    for path in result.paths:
        click.echo(msg.WROTE.format(path=path))


@main.command()
@YEAR
@DATA_DIR
@_guard
def check(year, data_dir):
    """Kiểm tra các tệp số liệu của một năm, không lập báo cáo.

    \b
    Ví dụ:
      reportgen check --year 2018
    """
    from reportgen.build import check_year

    result = check_year(year, data_dir)
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
@DATA_DIR
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Nơi ghi các mẫu (mặc định <data-dir>/<năm>).",
)
@_guard
def template(year, data_dir, out_dir):
    """Tạo mẫu Excel trống cho từng đơn vị phải báo cáo trong năm; không ghi đè tệp đã có.

    \b
    Ví dụ:
      reportgen template --year 2019
    """
    from reportgen.build import write_templates

    for path, written in write_templates(year, data_dir, out_dir):
        click.echo((msg.WROTE if written else msg.SKIPPED_EXISTING).format(path=path))
