"""The options the commands share, and the value types click lacks (years, format lists).

The library is imported only when a command runs: `reportgen --help` imports neither Jinja
nor pandas, hence the lists of formats and styles declared here.
"""

import functools
import sys
from pathlib import Path

import click

from reportgen.visible import visible

# What build --format and --style accept (outputs/output_set.py, report/document.py).
FORMATS = ("html", "pdf", "docx", "fragment")
STYLES = ("article", "official")
# What export --format accepts (export.FORMATS; export.py imports pandas when it runs).
EXPORT_FORMATS = ("xlsx", "csv")


class YearList(click.ParamType):
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


class FormatList(click.ParamType):
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


def stacked(*decorators):
    """Return one decorator applying the given ones, the first on top (as written above a def)."""
    return lambda func: functools.reduce(lambda f, d: d(f), reversed(decorators), func)


FOLDER = click.Path(file_okay=False, path_type=Path)
TEMPLATES_DIR = click.option(
    "--templates-dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    metavar="THƯ_MỤC",
    help="Thư mục mẫu riêng; tệp ở đây thay cho tệp cùng tên trong templates/.",
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
    type=FOLDER,
    metavar="THƯ_MỤC",
    default=Path("data"),
    help="Thư mục số liệu, chứa units.toml, catalog.toml và thư mục từng năm (mặc định: data).",
)
# Every command but export works on one year: --year, --period, --data-dir.
ONE_YEAR = stacked(
    click.option("--year", type=int, required=True, metavar="NĂM", help="Năm báo cáo, ví dụ 2018."),
    PERIOD,
    DATA_DIR,
)


def out_dir_option(help: str):
    """Return the --out-dir option, with what a command writes there and where by default."""
    return click.option("--out-dir", type=FOLDER, metavar="THƯ_MỤC", help=help)


def formats_option(choices: tuple[str, ...], default: str, help: str):
    """Return --format: formats separated by commas, each one of `choices`."""
    return click.option(
        "--format",
        "formats",
        type=FormatList(choices),
        default=default,
        metavar="DẠNG,…",
        help=help,
    )


def allow_missing_option(help: str):
    return click.option("--allow-missing", is_flag=True, help=help)


def style_options(help: str, appendix_help: str):
    """Return --style and --no-appendix, which build and preview share."""
    return stacked(
        click.option(
            "--style", type=click.Choice(STYLES), default="article", metavar="KIỂU", help=help
        ),
        click.option("--no-appendix", is_flag=True, help=appendix_help),
    )


def refuse_inside(out_dir: Path, data: Path, text: str, **fill) -> None:
    """Exit 2 when out_dir is the folder `data` or inside it: outputs would land among inputs.

    Compared resolved (symlinks followed), so that a link cannot lead the outputs in. A usage
    mistake like any other bad option value, hence click's code 2; nothing is read or written.
    text: the message, with {out}, {data} and what `fill` holds to fill.
    """
    folder, out = data.resolve(), out_dir.resolve()
    if out == folder or folder in out.parents:
        shown = text.format(out=visible(str(out_dir)), data=visible(str(data)), **fill)
        click.echo(shown, err=True)
        sys.exit(2)
