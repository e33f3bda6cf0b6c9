"""The checked facts for analysts: a pandas DataFrame, and the files `reportgen export` writes.

Each year is checked exactly as `build` checks it (check_year, the cache, the year before
compared); an error in any year stops everything, so only checked data ever leaves. The
facts (fact_table.py) become one row each of the long table (msg.EXPORT_COLUMNS: year,
period, unit, table, group, indicator code and label, value, file, sheet, cell, row); the
wide table sums the indicators per unit, with a total row per year.

pandas is imported inside the functions that need it, never at module level: `check`,
`build` and `--help` do not import this module, and must stay free of pandas (its import
alone costs about 0.7 s).
"""

import datetime as dt
import io
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reportgen import messages as msg
from reportgen.declared.catalog import Catalog
from reportgen.declared.periods import load_periods
from reportgen.errors import ConfigError, ProblemsFoundInYears
from reportgen.fact_table import INDICATORS, ROWS, YEAR, Fact, submission_facts
from reportgen.outputs.runlog import LOG_FILE, record_run
from reportgen.outputs.write import write_set
from reportgen.pipeline import check_year
from reportgen.problems import Problem, count_errors
from reportgen.report.provenance import csv_text
from reportgen.results import CheckResult
from reportgen.visible import shown_name, visible

FORMATS = ("xlsx", "csv")
STEM = "so-lieu-{years}"  # so-lieu-2018, so-lieu-2017-2019
WIDE_SUFFIX = "-theo-don-vi"  # the wide table's CSV: so-lieu-2018-theo-don-vi.csv
GROUP_JOIN = " / "  # between the parts of a group key (folded text never holds "/")
(
    YEAR_COLUMN,
    PERIOD_COLUMN,
    UNIT_CODE_COLUMN,
    UNIT_COLUMN,
    TABLE_COLUMN,
    GROUP_COLUMN,
    CODE_COLUMN,
    LABEL_COLUMN,
    VALUE_COLUMN,
    FILE_COLUMN,
    SHEET_COLUMN,
    CELL_COLUMN,
    ROW_COLUMN,
) = msg.EXPORT_COLUMNS
_INTEGER_COLUMNS = (YEAR_COLUMN, VALUE_COLUMN, ROW_COLUMN)
_UNIT_INDEX = [YEAR_COLUMN, PERIOD_COLUMN, UNIT_CODE_COLUMN, UNIT_COLUMN]


@dataclass
class ExportResult:
    """The files an export wrote and the warnings it let through, year by year."""

    paths: list[Path]
    problems: dict[int, list[Problem]]
    unit_names: dict[str, str]


def year_list(years: int | Iterable[int]) -> list[int]:
    """Return the years asked for, sorted, each once: 2018 or [2019, 2017] or range(2017, 2020)."""
    if isinstance(years, int):
        years = [years]
    found = sorted({operator.index(y) for y in years})  # "2018" or 2018.0 is a mistake
    if not found:
        raise ValueError("no year given")
    return found


def check_years(
    years: list[int],
    period: str = YEAR,
    data_dir: Path = Path("data"),
    allow_missing: bool = False,
    progress: Callable[[Path, int, int], None] | None = None,
) -> list[CheckResult]:
    """Check each year as build does; raise ProblemsFoundInYears if any year has an error."""
    # The periods are those declared in <data_dir>/periods.toml, as for check and build: one
    # added there (no Python) can be exported too.
    declared = load_periods(data_dir)
    if period not in declared:
        text = msg.EXPORT_BAD_PERIOD.format(period=period, periods=", ".join(declared))
        raise ConfigError([text])
    results = [check_year(year, data_dir, allow_missing, progress, period=period) for year in years]
    failed = {r.year: r.problems for r in results if count_errors(r.problems)}
    if failed:
        names = {code: name for r in results for code, name in r.unit_names.items()}
        raise ProblemsFoundInYears(failed, names)
    return results


def fact_records(results: list[CheckResult]) -> list[dict]:
    """Return one dict per fact of the checked years: the long table's rows, in order.

    By year, unit, then the indicator sheet before the row sheets (catalog order), each in
    reading order. Names from outside (file, sheet, unit) are shown as the report shows them:
    NFC, control characters escaped.
    """
    records = []
    for result in results:
        catalog = result.catalog
        labels = _labels(catalog)
        tables = {INDICATORS: 0} | {t.key: n for n, t in enumerate(catalog.tables, 1)}
        facts: list[Fact] = []
        for sub in result.submissions:
            facts += submission_facts(sub, catalog.tables)
        facts.sort(key=lambda f: (f.year, f.unit, tables[f.table], f.reading_order()))
        for f in facts:
            records.append(
                {
                    YEAR_COLUMN: f.year,
                    PERIOD_COLUMN: f.period,
                    UNIT_CODE_COLUMN: f.unit,
                    UNIT_COLUMN: visible(result.unit_names.get(f.unit, f.unit)),
                    TABLE_COLUMN: f.table,
                    GROUP_COLUMN: GROUP_JOIN.join(f.group_parts) if f.table else "",
                    CODE_COLUMN: f.key,
                    LABEL_COLUMN: labels.get((f.table, f.key), ""),
                    VALUE_COLUMN: f.value,
                    FILE_COLUMN: shown_name(f.file),
                    SHEET_COLUMN: visible(f.sheet),
                    CELL_COLUMN: f.cell,
                    ROW_COLUMN: f.row,
                }
            )
    return records


def _labels(catalog: Catalog) -> dict[tuple[str, str], str]:
    """Return {(table, key): Vietnamese label} for every figure a workbook can give."""
    labels = {(INDICATORS, i.code): i.label for i in catalog.indicators}
    for table in catalog.tables:
        for column in table.columns:
            if column.type == "integer":
                labels[(table.key, column.key)] = column.header
        labels[(table.key, ROWS)] = msg.EXPORT_ROWS_LABEL.format(sheet=table.sheet)
    return labels


def _wide_columns(results: list[CheckResult]) -> list[tuple[str, str, str, str]]:
    """Return the wide table's columns, in catalog order: (code, label, measure, heading).

    The indicators collected in at least one of the years. A row sheet's numbers are left
    out: summed across their groups they can mean nothing (3.000 "cuốn" and 10 "tờ" of
    publications are not 3.010 of anything); the long table has them with their group.
    """
    years = [r.year for r in results]
    return [
        (i.code, i.label, i.measure, i.group)
        for i in results[-1].catalog.indicators
        if any(i.valid_in(y) for y in years)
    ]


def facts_frame(results: list[CheckResult]):
    """Return the long table of the checked years as a pandas DataFrame."""
    import pandas as pd

    frame = pd.DataFrame(fact_records(results), columns=list(msg.EXPORT_COLUMNS))
    return frame.astype({c: "int64" for c in _INTEGER_COLUMNS})


def wide_frame(results: list[CheckResult], long, period: str = YEAR):
    """Return units × indicators, with a total row after each year's units.

    An indicator a unit's workbook did not carry (not collected that year) stays empty.
    """
    import pandas as pd

    names = [c[0] for c in _wide_columns(results)]
    indicators = long[long[TABLE_COLUMN] == INDICATORS]
    sums = indicators.groupby([*_UNIT_INDEX, CODE_COLUMN])[VALUE_COLUMN].sum()
    sums = sums.unstack(CODE_COLUMN)
    parts = []
    for result in results:
        units = sorted({s.unit.code for s in result.submissions})
        index = pd.MultiIndex.from_tuples(
            [(result.year, period, c, visible(result.unit_names.get(c, c))) for c in units],
            names=_UNIT_INDEX,
        )
        year = sums.reindex(index=index, columns=names).astype("Int64")
        total = year.sum(min_count=1).to_frame().T.astype("Int64")
        total.index = pd.MultiIndex.from_tuples(
            [(result.year, period, "", msg.EXPORT_TOTAL)], names=_UNIT_INDEX
        )
        parts += [year, total]
    wide = pd.concat(parts)
    wide.columns.name = None
    return wide.reset_index()


def legend_frame(results: list[CheckResult]):
    """Return what each indicator of the wide table is: code, label, measure, heading."""
    import pandas as pd

    return pd.DataFrame(_wide_columns(results), columns=list(msg.EXPORT_LEGEND_COLUMNS))


def facts(
    years: int | Iterable[int],
    period: str = YEAR,
    data_dir: str | Path = "data",
    allow_missing: bool = False,
):
    """Return the checked facts of the years as a pandas DataFrame, one row per figure read.

    Columns (docs/phan-tich.md): năm, kỳ, mã đơn vị, đơn vị, bảng, nhóm, chỉ tiêu,
    tên chỉ tiêu, giá trị, tệp, trang, ô, dòng. Raises ProblemsFoundInYears when a year's
    workbooks have errors (as `reportgen build` refuses them), ConfigError for a period
    that cannot be exported yet.

    Example:
        >>> import reportgen
        >>> df = reportgen.facts([2017, 2018, 2019])
        >>> df.groupby("năm")["giá trị"].sum()
    """
    results = check_years(year_list(years), period, Path(data_dir), allow_missing)
    return facts_frame(results)


def export_files(
    results: list[CheckResult], formats: tuple[str, ...] = FORMATS, period: str = YEAR
) -> dict[str, bytes]:
    """Return {file name: bytes} of the export: the .xlsx (3 sheets) and/or the two CSVs."""
    long = facts_frame(results)
    wide = wide_frame(results, long, period)
    stem = STEM.format(years=_years_name([r.year for r in results]))
    if period != YEAR:
        stem += f"-{period}"  # so-lieu-2019-6-thang
    files = {}
    if "xlsx" in formats:
        day = results[-1].settings.date or dt.date(2000, 1, 1)
        sheets = [
            (msg.EXPORT_SHEET_LONG, long),
            (msg.EXPORT_SHEET_WIDE, wide),
            (msg.EXPORT_SHEET_LEGEND, legend_frame(results)),
        ]
        files[f"{stem}.xlsx"] = _xlsx(sheets, day)
    if "csv" in formats:
        files[f"{stem}.csv"] = _csv(long)
        files[f"{stem}{WIDE_SUFFIX}.csv"] = _csv(wide)
    return files


def _years_name(years: list[int]) -> str:
    """Return "2018", "2017-2019" for a run of years, "2017+2019" for years apart."""
    if len(years) == 1:
        return str(years[0])
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return "+".join(map(str, years))


# Widths of the long table's columns, in characters (the rest: 14).
_WIDTHS = {UNIT_COLUMN: 22, GROUP_COLUMN: 30, CODE_COLUMN: 26, LABEL_COLUMN: 50, FILE_COLUMN: 28}


def _xlsx(sheets, day: dt.date) -> bytes:
    """Return the workbook pandas writes through openpyxl, text kept text, bytes pinned.

    openpyxl stores a text starting with "=" as a live formula (pandas passes cells through
    as they are): workbook.xlsx_bytes stores every text as text. An empty cell (pandas writes
    a missing number as "") is left truly empty, so that Excel's sums and filters see a blank.
    """
    import pandas as pd
    from openpyxl.utils import get_column_letter

    from reportgen.blank_workbook import xlsx_bytes

    writer = pd.ExcelWriter(io.BytesIO(), engine="openpyxl")
    for name, frame in sheets:
        frame.to_excel(writer, sheet_name=name, index=False)
        ws = writer.book[name]
        ws.freeze_panes = "A2"
        for n, column in enumerate(frame.columns, 1):
            ws.column_dimensions[get_column_letter(n)].width = _WIDTHS.get(column, 14)
        for cell in ws._cells.values():  # every cell written, none created
            if cell.value == "":
                cell.value = None
    book = writer.book
    book.properties.created = book.properties.modified = dt.datetime.combine(day, dt.time())
    return xlsx_bytes(book, day)


def _csv(frame) -> bytes:
    """Return a CSV Excel opens right: UTF-8 with a byte-order mark, CRLF, no live formula."""
    text = frame.map(lambda v: csv_text(v) if isinstance(v, str) else v)
    return text.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def export_facts(
    years: list[int],
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    period: str = YEAR,
    data_dir: Path = Path("data"),
    allow_missing: bool = False,
    progress: Callable[[Path, int, int], None] | None = None,
) -> ExportResult:
    """Check the years, then write the export into out_dir as one set; nothing on error."""
    results = check_years(years, period, data_dir, allow_missing, progress)
    files = export_files(results, formats, period)

    def log_run(folder: Path, staged: list[Path]) -> None:
        for result in results:  # one line per year: each year's inputs
            record_run(folder, "export", result, data_dir, staged, shown=out_dir)

    paths = write_set(
        out_dir, files, copied=(LOG_FILE,), before_switch=log_run, protected=(data_dir,)
    )
    names = {code: name for r in results for code, name in r.unit_names.items()}
    return ExportResult(paths, {r.year: r.problems for r in results if r.problems}, names)
