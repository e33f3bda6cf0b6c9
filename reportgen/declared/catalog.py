"""Read the declarative files: indicators and sheets (catalog.toml), units (units.toml)."""

import csv
import functools
import io
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen import messages as msg
from reportgen.checks.cross_field import Rule, YearOverYear, parse_rules, parse_year_over_year
from reportgen.declared.toml_errors import explain
from reportgen.errors import ConfigError
from reportgen.inputs.regular import NotRegularFile, read_error, read_regular
from reportgen.names import fold, name_variants, nfc
from reportgen.visible import visible

CATALOG_FILE = "catalog.toml"
UNITS_FILE = "units.toml"
COLUMN_TYPES = ("text", "integer", "choice", "commune")
# The columns a table's `group` must list: the report counts cases by the stage they reached.
REQUIRED_GROUP = {"cases": ("stage",)}
_COMMUNE_KINDS = {"xa": "xã", "phuong": "phường", "thi-tran": "thị trấn"}
# A unit's level: a district with communes below it (until 2025), or a commune itself.
LEVEL_DISTRICT = "huyện"
LEVEL_COMMUNE = "xã"
LEVELS = (LEVEL_DISTRICT, LEVEL_COMMUNE)
_UNIT_LIST_COLUMNS = ("ma_xa", "ten_xa", "loai_xa")
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
    doc: str
    columns: tuple[Column, ...]
    # The columns whose values say which rows the report sums together (reportgen/fact_table.py):
    # ("type", "topic") — activities of one type on one topic are one line of the report.
    group: tuple[str, ...] = ()
    # The line printed above the header of the blank ("Không có … → để trống trang này.")
    note: str = ""


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


@dataclass(frozen=True)
class Unit:
    """A reporting unit: a district until 2024, a commune or ward from 2025.

    level is LEVEL_DISTRICT (communes below it: the workbook has a commune column, the text
    names places "xã A (Huyện)") or LEVEL_COMMUNE (the unit is the place).
    """

    code: str
    kind: str
    name: str
    short: str
    aliases: tuple[str, ...]
    first_year: int
    last_year: int
    level: str = LEVEL_DISTRICT

    @property
    def is_commune(self) -> bool:
        """Return True when the unit is a commune or ward itself, with no communes below."""
        return self.level == LEVEL_COMMUNE

    @property
    def official_name(self) -> str:
        """Return the name as it stands alone: "Huyện Tiền Hải"."""
        return f"{self.kind[:1].upper()}{self.kind[1:]} {self.name}"

    @property
    def name_in_text(self) -> str:
        """Return the name as written inside a sentence: "huyện Tiền Hải"."""
        return f"{self.kind} {self.name}"

    def keys(self) -> set[str]:
        """Return every folded spelling that identifies this unit."""
        spellings = [self.official_name, self.name, self.short, *self.aliases]
        return {key for s in spellings for key in name_variants(s)}


@dataclass(frozen=True)
class Commune:
    """A commune, ward or town of a unit, from the official list."""

    code: str
    unit_code: str
    name: str
    kind: str


@dataclass(frozen=True)
class Province:
    """The province and its committee over a span of years (provinces merge too)."""

    name: str
    committee: str
    committee_short: str
    local_committees: str  # how the article names the units' bodies, after "đến … và"
    first_year: int = 0
    last_year: int = _OPEN_END

    def valid_in(self, year: int) -> bool:
        """Return True when this is the province of that year."""
        return self.first_year <= year <= self.last_year


@dataclass(frozen=True)
class _CommuneList:
    path: Path
    first_year: int
    last_year: int


@dataclass(frozen=True, eq=False)
class Registry:
    """The province, its units and commune lists, each dated.

    Compared and hashed by identity: its methods are cached per registry, and hashing its
    fields would walk every unit on every call (quadratic at 10,000 units).
    """

    provinces: tuple[Province, ...]
    units: tuple[Unit, ...]
    commune_lists: tuple[_CommuneList, ...]
    unit_lists: tuple[Path, ...] = ()  # the unit lists units.toml names, for the cache key

    def province_for(self, year: int) -> Province:
        """Return the province (name, committee) of a year; ConfigError when none is declared."""
        for province in self.provinces:
            if province.valid_in(year):
                return province
        raise ConfigError([msg.NO_PROVINCE.format(year=year)])

    @functools.cache  # noqa: B019 - called for every workbook; 10,000 units made it quadratic
    def units_for(self, year: int) -> tuple[Unit, ...]:
        """Return the units expected to report for a year, sorted by code."""
        found = [u for u in self.units if u.first_year <= year <= u.last_year]
        return tuple(sorted(found, key=lambda u: u.code))

    @functools.cache  # noqa: B019 - registries are few and live as long as the process
    def unit_index(self, year: int) -> tuple[dict[str, Unit], dict[str, Unit]]:
        """Return the year's units by code and by every folded spelling of their names."""
        units = self.units_for(year)
        by_key: dict[str, Unit] = {}
        for unit in units:
            for key in unit.keys():
                by_key.setdefault(key, unit)
        return {u.code: u for u in units}, by_key

    @functools.cache  # noqa: B019
    def commune_index(self, year: int) -> dict[str, dict[str, Commune]]:
        """Return the year's communes by unit code, then by folded name (empty when none)."""
        index: dict[str, dict[str, Commune]] = {}
        for commune in self.communes_for(year):
            index.setdefault(commune.unit_code, {})[fold(commune.name)] = commune
        return index

    @functools.cache  # noqa: B019
    def communes_for(self, year: int) -> tuple[Commune, ...]:
        """Return the official communes valid in a year (empty when none is declared)."""
        for entry in self.commune_lists:
            if entry.first_year <= year <= entry.last_year:
                return _read_communes(entry.path)
        return ()


def declared_files(data_dir: Path, registry: Registry) -> list[Path]:
    """Return the declarative files a check depends on: catalog, units, and the commune lists
    units.toml names (wherever they are)."""
    lists = sorted({entry.path for entry in registry.commune_lists} | set(registry.unit_lists))
    return [data_dir / CATALOG_FILE, data_dir / UNITS_FILE, *lists]


def _read_declared(path: Path) -> bytes:
    """Return a declarative file's bytes; a missing, special or unreadable one is a ConfigError."""
    shown = visible(str(path))
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise ConfigError([msg.CONFIG_MISSING.format(path=shown)]) from None
    except NotRegularFile:
        raise ConfigError([msg.CONFIG_NOT_A_FILE.format(path=shown)]) from None
    except OSError as exc:
        raise ConfigError(
            [msg.CONFIG_UNREADABLE.format(path=shown, error=read_error(exc))]
        ) from None


def _read_toml(path: Path) -> dict:
    shown = visible(str(path))
    try:
        return tomllib.loads(_read_declared(path).decode())
    except UnicodeDecodeError:
        raise ConfigError([f"{shown}: {msg.SETTINGS_ENCODING}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([msg.CONFIG_SYNTAX.format(path=shown, error=explain(exc))]) from None


def _field(entry: dict, key: str, kind: type, where: str, errors: list[str], default=None):
    value = entry.get(key, default)
    if value is None or not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        errors.append(msg.CONFIG_FIELD.format(where=where, key=key))
        return kind()
    return value


def load_catalog(data_dir: Path) -> Catalog:
    """Read catalog.toml; list every mistake in it at once."""
    path = data_dir / CATALOG_FILE
    raw = _read_toml(path)
    errors: list[str] = []
    indicators = []
    for i, entry in enumerate(raw.get("indicators", []), 1):
        where = f"{path} [[indicators]] #{i}"
        indicators.append(
            Indicator(
                code=_field(entry, "code", str, where, errors),
                label=_field(entry, "label", str, where, errors),
                measure=_field(entry, "measure", str, where, errors),
                type=_field(entry, "type", str, where, errors),
                min=_field(entry, "min", int, where, errors, 0),
                max=_field(entry, "max", int, where, errors, 10**9),
                group=entry.get("group", ""),
                first_year=_field(entry, "from", int, where, errors, 0),
                last_year=_field(entry, "to", int, where, errors, 9999),
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
                    code=_field(entry, "code", str, where, errors),
                    label=_field(entry, "label", str, where, errors),
                    noun=entry.get("noun", ""),
                    measure=entry.get("measure", ""),
                    periodical=_field(entry, "periodical", bool, where, errors, False),
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
                key=_field(col, "key", str, cwhere, errors),
                header=_field(col, "header", str, cwhere, errors),
                type=_field(col, "type", str, cwhere, errors),
                required=bool(col.get("required", False)),
                min=col.get("min"),
                choices=col.get("choices"),
                max=_field(col, "max", int, cwhere, errors, 10**9),
                example=col.get("example"),
                years=(
                    _field(col, "from", int, cwhere, errors, 0),
                    _field(col, "to", int, cwhere, errors, _OPEN_END),
                ),
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
                key=_field(entry, "key", str, where, errors),
                sheet=_field(entry, "sheet", str, where, errors),
                doc=entry.get("doc", ""),
                note=_field(entry, "note", str, where, errors, ""),
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


def load_registry(data_dir: Path) -> Registry:
    """Read units.toml (and the unit lists it names); list every mistake in it at once."""
    path = data_dir / UNITS_FILE
    raw = _read_toml(path)
    errors: list[str] = []
    provinces = _read_provinces(raw.get("province", {}), path, errors)
    units = []
    for i, entry in enumerate(raw.get("units", []), 1):
        where = f"{path} [[units]] #{i}"
        units.append(
            Unit(
                code=str(_field(entry, "code", str, where, errors)),
                kind=_field(entry, "kind", str, where, errors),
                name=_field(entry, "name", str, where, errors),
                short=_field(entry, "short", str, where, errors),
                aliases=tuple(entry.get("aliases", [])),
                first_year=_field(entry, "from", int, where, errors),
                last_year=_field(entry, "to", int, where, errors),
                level=_level(entry, where, errors),
            )
        )
    unit_files = []
    for i, entry in enumerate(raw.get("unit_lists", []), 1):
        where = f"{path} [[unit_lists]] #{i}"
        file = data_dir / _field(entry, "file", str, where, errors)
        first = _field(entry, "from", int, where, errors)
        last = _field(entry, "to", int, where, errors, _OPEN_END)
        level = _level(entry, where, errors)
        unit_files.append(file)
        if not file.is_file():
            errors.append(msg.CONFIG_MISSING.format(path=file))
            continue
        units += _read_unit_list(file, first, last, level, errors)
    lists = []
    for i, entry in enumerate(raw.get("communes", []), 1):
        where = f"{path} [[communes]] #{i}"
        file = data_dir / _field(entry, "file", str, where, errors)
        if file.exists() and not file.is_file():  # a folder or a FIFO: never opened
            errors.append(msg.CONFIG_NOT_A_FILE.format(path=visible(str(file))))
        elif not file.is_file():
            errors.append(msg.CONFIG_MISSING.format(path=visible(str(file))))
        lists.append(
            _CommuneList(
                file,
                _field(entry, "from", int, where, errors),
                _field(entry, "to", int, where, errors),
            )
        )
    if not errors:
        errors += _dating_mistakes(path, provinces, units)
    if errors:
        raise ConfigError(errors)
    return Registry(provinces, tuple(units), tuple(lists), tuple(unit_files))


def _read_provinces(raw, path: Path, errors: list[str]) -> tuple[Province, ...]:
    """Read [province] (one for every year) or [[province]] entries, each with from/to."""
    entries = raw if isinstance(raw, list) else [raw]
    provinces = []
    for i, entry in enumerate(entries, 1):
        where = f"{path} [[province]] #{i}" if isinstance(raw, list) else f"{path} [province]"
        if not isinstance(entry, dict):
            errors.append(msg.CONFIG_FIELD.format(where=where, key="name"))
            continue
        provinces.append(
            Province(
                name=_field(entry, "name", str, where, errors),
                committee=_field(entry, "committee", str, where, errors),
                committee_short=_field(entry, "committee_short", str, where, errors),
                local_committees=_field(entry, "local_committees", str, where, errors),
                first_year=_field(entry, "from", int, where, errors, 0),
                last_year=_field(entry, "to", int, where, errors, _OPEN_END),
            )
        )
    return tuple(provinces)


def _level(entry: dict, where: str, errors: list[str]) -> str:
    level = entry.get("level", LEVEL_DISTRICT)
    if level not in LEVELS:
        errors.append(msg.CONFIG_LEVEL.format(where=where, value=level))
        return LEVEL_DISTRICT
    return level


def _read_unit_list(path: Path, first: int, last: int, level: str, errors: list[str]):
    """Read the units of a CSV list (one commune-level unit a row: ma_xa, ten_xa, loai_xa)."""
    try:
        text = _read_declared(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        errors.append(msg.UNIT_LIST_ENCODING.format(path=visible(str(path))))
        return []
    except ConfigError as exc:
        errors.extend(exc.messages)
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    absent = [c for c in _UNIT_LIST_COLUMNS if c not in (reader.fieldnames or ())]
    if absent:
        errors.append(msg.UNIT_LIST_COLUMNS.format(path=path, columns=", ".join(absent)))
        return []
    rows = list(reader)
    units = []
    for line, row in enumerate(rows, 2):  # line 1 is the header
        code, name = (row["ma_xa"] or "").strip(), nfc(row["ten_xa"] or "")
        kind = nfc(row["loai_xa"] or "").lower()
        kind = _COMMUNE_KINDS.get(kind, kind)
        if not (code and name and kind):
            errors.append(msg.UNIT_LIST_ROW.format(path=path, line=line))
            continue
        # short: the appendix and charts name a commune in full ("Phường Thái Bình"): the bare
        # name may also be a former province's or district's.
        short = f"{kind[:1].upper()}{kind[1:]} {name}"
        units.append(Unit(code, kind, name, short, (), first, last, level))
    return units


def _dating_mistakes(path: Path, provinces, units) -> list[str]:
    """Return the mistakes of dating: two provinces or two units of one code in one year, or
    a year with units but no province."""
    errors = []
    spans = sorted({(u.first_year, u.last_year) for u in units})
    years = sorted({y for first, last in spans for y in range(first, min(last, first + 200) + 1)})
    for year in years:
        found = [p for p in provinces if p.valid_in(year)]
        if len(found) != 1:
            text = msg.PROVINCE_OVERLAP if found else msg.PROVINCE_MISSING
            errors.append(text.format(path=path, year=year))
    by_code: dict[str, list[Unit]] = {}
    for unit in units:
        by_code.setdefault(unit.code, []).append(unit)
    for code, same in sorted(by_code.items()):
        for i, a in enumerate(same):
            for b in same[i + 1 :]:
                if a.first_year <= b.last_year and b.first_year <= a.last_year:
                    year = max(a.first_year, b.first_year)
                    errors.append(msg.UNIT_CODE_TWICE.format(path=path, code=code, year=year))
    return errors


def _read_communes(path: Path) -> tuple[Commune, ...]:
    try:
        text = _read_declared(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError([msg.UNIT_LIST_ENCODING.format(path=visible(str(path)))]) from None
    return tuple(
        Commune(
            code=row["ma_xa"],
            unit_code=row["ma_huyen"],
            name=row["ten_xa"],
            kind=_COMMUNE_KINDS.get(row["loai_xa"], row["loai_xa"]),
        )
        for row in csv.DictReader(io.StringIO(text, newline=""))
    )
