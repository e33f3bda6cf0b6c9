"""Read catalog.toml: the indicators, choice lists and row sheets the workbooks hold."""

import re
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen import messages as msg
from reportgen.checks.cross_field import Rule, YearOverYear, parse_rules, parse_year_over_year
from reportgen.declared.reading import field, read_toml, span, texts
from reportgen.declared.units import UNITS_FILE, Registry
from reportgen.errors import ConfigError

CATALOG_FILE = "catalog.toml"
COLUMN_TYPES = ("text", "integer", "choice", "commune")
# The columns a table's `group` must list: the report counts cases by the stage they reached.
REQUIRED_GROUP = {"cases": ("stage",), "activities": ("type",)}
_OPEN_END = 9999  # a `to` left out: still in force
_CHOICE_LISTS = ("activity_types", "case_stages", "publication_kinds")


@dataclass(frozen=True)
class Indicator:
    """One figure each unit reports once a year."""

    code: str
    label: str
    measure: str
    type: str
    min: int
    max: int
    group: str
    first_year: int = 0
    last_year: int = 9999
    # The period codes (periods.toml) whose workbooks carry it; empty: every period.
    periods: tuple[str, ...] = ()

    def valid_in(self, year: int, period: str = "nam") -> bool:
        """Return True when workbooks of that year (and period) must carry this indicator."""
        collected = not self.periods or period in self.periods
        return collected and self.first_year <= year <= self.last_year


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice column (an activity type, a case stage)."""

    code: str
    label: str
    noun: str = ""
    measure: str = ""
    # a publication kind that comes out at regular intervals: the text says "định kỳ"
    periodical: bool = False


@dataclass(frozen=True)
class Column:
    """One column of a row sheet."""

    key: str
    header: str
    type: str
    required: bool
    min: int | None = None
    choices: str | None = None
    max: int = 10**9  # for integers: a larger number is an error (a slip, or a hostile file)
    # What the blank's greyed example row shows in this column ("" or None: left empty)
    example: str | int | None = None
    # The years whose workbooks carry the column, `from` and `to` in catalog.toml: a column
    # added later is not asked of the workbooks made before it, nor shown in their blanks.
    years: tuple[int, int] = (0, _OPEN_END)


@dataclass(frozen=True)
class Table:
    """A row sheet: activities, publications, cases."""

    key: str
    sheet: str
    columns: tuple[Column, ...]
    # The columns whose values say which rows the report sums together (reportgen/fact_table.py):
    # ("type", "topic") — activities of one type on one topic are one line of the report.
    group: tuple[str, ...] = ()
    # The line printed above the header of the blank ("Không có … → để trống trang này.")
    note: str = ""
    # What one row is ("Mỗi dòng là một loại ấn phẩm …"): above the header of the blank and in
    # its "Hướng dẫn" sheet, where a clerk reads it.
    doc: str = ""


@dataclass(frozen=True)
class Catalog:
    """Everything the workbooks hold, as declared in catalog.toml."""

    indicators: tuple[Indicator, ...]
    choice_lists: dict[str, tuple[Choice, ...]]
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...] = ()
    year_over_year: YearOverYear | None = None

    def indicators_for(self, year: int, period: str = "nam") -> tuple[Indicator, ...]:
        """Return the indicators workbooks of a year (and period) must carry."""
        return tuple(i for i in self.indicators if i.valid_in(year, period))

    def tables_for(self, year: int) -> tuple[Table, ...]:
        """Return the row sheets as workbooks of a year carry them: the columns of that year."""
        return tuple(
            replace(t, columns=tuple(c for c in t.columns if c.years[0] <= year <= c.years[1]))
            for t in self.tables
        )

    def choices(self, name: str) -> tuple[Choice, ...]:
        """Return the choices of one declared list."""
        return self.choice_lists[name]


def declared_files(data_dir: Path, registry: Registry) -> list[Path]:
    """Return the declarative files a check depends on: catalog, units, and the commune lists
    units.toml names (wherever they are)."""
    lists = sorted({entry.path for entry in registry.commune_lists} | set(registry.unit_lists))
    return [data_dir / CATALOG_FILE, data_dir / UNITS_FILE, *lists]


def load_catalog(data_dir: Path) -> Catalog:
    """Read catalog.toml; list every mistake in it at once."""
    path = data_dir / CATALOG_FILE
    raw = read_toml(path)
    errors: list[str] = []
    indicators = []
    for i, entry in enumerate(raw.get("indicators", []), 1):
        where = f"{path} [[indicators]] #{i}"
        indicators.append(
            Indicator(
                **texts(entry, ("code", "label", "measure", "type"), where, errors),
                min=field(entry, "min", int, where, errors, 0),
                max=field(entry, "max", int, where, errors, 10**9),
                group=entry.get("group", ""),
                **span(entry, where, errors, 0, _OPEN_END),
                periods=_periods(entry, where, errors),
            )
        )
    choice_lists = {}
    # The lists the code names, and any other list a column names by `choices` (an offence).
    named = [c.get("choices") for t in raw.get("tables", []) for c in t.get("columns", [])]
    lists = [*_CHOICE_LISTS, *sorted({n for n in named if isinstance(n, str) and n in raw})]
    lists = list(dict.fromkeys(lists))
    for name in lists:
        choices = []
        for i, entry in enumerate(raw.get(name, []), 1):
            where = f"{path} [[{name}]] #{i}"
            choices.append(
                Choice(
                    **texts(entry, ("code", "label"), where, errors),
                    noun=entry.get("noun", ""),
                    measure=entry.get("measure", ""),
                    periodical=field(entry, "periodical", bool, where, errors, False),
                )
            )
        choice_lists[name] = tuple(choices)
    tables = []
    for i, entry in enumerate(raw.get("tables", []), 1):
        where = f"{path} [[tables]] #{i}"
        columns = []
        for j, col in enumerate(entry.get("columns", []), 1):
            cwhere = f"{where} cột #{j}"
            column = Column(
                **texts(col, ("key", "header", "type"), cwhere, errors),
                required=bool(col.get("required", False)),
                min=col.get("min"),
                choices=col.get("choices"),
                max=field(col, "max", int, cwhere, errors, 10**9),
                example=col.get("example"),
                years=tuple(span(col, cwhere, errors, 0, _OPEN_END).values()),
            )
            if not isinstance(column.example, str | int | None) or isinstance(column.example, bool):
                errors.append(msg.CONFIG_EXAMPLE.format(where=cwhere))
            if column.type not in COLUMN_TYPES:
                errors.append(msg.CONFIG_COLUMN_TYPE.format(where=cwhere, type=column.type))
            if column.type == "choice" and column.choices not in choice_lists:
                errors.append(msg.CONFIG_CHOICES.format(where=cwhere, name=column.choices))
            columns.append(column)
        group = entry.get("group", [])
        keys = {c.key for c in columns}
        if not isinstance(group, list) or not all(isinstance(k, str) for k in group):
            group = []
            errors.append(msg.CONFIG_GROUP.format(where=where))
        for key in group:
            if key not in keys:
                errors.append(msg.CONFIG_GROUP_COLUMN.format(where=where, key=key))
        for key in REQUIRED_GROUP.get(entry.get("key"), ()):
            if key in keys and key not in group:
                errors.append(msg.CONFIG_GROUP_REQUIRED.format(where=where, key=key))
        tables.append(
            Table(
                **texts(entry, ("key", "sheet"), where, errors),
                note=field(entry, "note", str, where, errors, ""),
                doc=field(entry, "doc", str, where, errors, ""),
                columns=tuple(columns),
                group=tuple(group),
            )
        )
    codes = [ind.code for ind in indicators]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        errors.append(msg.CONFIG_DUPLICATE.format(path=path, code=code))
    for ind in indicators:
        if ind.code and not re.fullmatch(r"[a-z][a-z0-9_]*", ind.code):
            errors.append(msg.CONFIG_CODE.format(path=path, code=ind.code))
    rules, rule_errors = parse_rules(
        raw.get("rules", []),
        path,
        set(codes),
        {t.key: {c.key for c in t.columns} for t in tables},
    )
    errors += rule_errors
    jumps, jump_errors = parse_year_over_year(raw.get("year_over_year"), path)
    errors += jump_errors
    if errors:
        raise ConfigError(errors)
    return Catalog(tuple(indicators), choice_lists, tuple(tables), rules, jumps)


def _periods(entry: dict, where: str, errors: list[str]) -> tuple[str, ...]:
    """Return an indicator's `periods` (codes of periods.toml); () when it has none."""
    value = entry.get("periods", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        errors.append(msg.CONFIG_FIELD.format(where=where, key="periods"))
        return ()
    return tuple(value)
