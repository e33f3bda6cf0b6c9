"""Read units.toml: the province over the years, its reporting units, their commune lists."""

import csv
import functools
import io
from dataclasses import dataclass
from pathlib import Path

from reportgen import messages as msg
from reportgen.declared.reading import field, read_declared, read_toml, span, texts
from reportgen.errors import ConfigError
from reportgen.names import fold, name_variants, nfc
from reportgen.visible import visible

UNITS_FILE = "units.toml"
_COMMUNE_KINDS = {"xa": "xã", "phuong": "phường", "thi-tran": "thị trấn"}
# A unit's level: a district with communes below it (until 2025), or a commune itself.
LEVEL_DISTRICT = "huyện"
LEVEL_COMMUNE = "xã"
LEVELS = (LEVEL_DISTRICT, LEVEL_COMMUNE)
_UNIT_LIST_COLUMNS = ("ma_xa", "ten_xa", "loai_xa")
_OPEN_END = 9999  # a `to` left out: still in force
_PROVINCE_TEXTS = ("name", "committee", "committee_short", "local_committees")


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


def load_registry(data_dir: Path) -> Registry:
    """Read units.toml (and the unit lists it names); list every mistake in it at once."""
    path = data_dir / UNITS_FILE
    raw = read_toml(path)
    errors: list[str] = []
    provinces = _read_provinces(raw.get("province", {}), path, errors)
    units = []
    for i, entry in enumerate(raw.get("units", []), 1):
        where = f"{path} [[units]] #{i}"
        units.append(
            Unit(
                **texts(entry, ("code", "kind", "name", "short"), where, errors),
                aliases=tuple(entry.get("aliases", [])),
                **span(entry, where, errors),
                level=_level(entry, where, errors),
            )
        )
    unit_files = []
    for i, entry in enumerate(raw.get("unit_lists", []), 1):
        where = f"{path} [[unit_lists]] #{i}"
        file = data_dir / field(entry, "file", str, where, errors)
        years = span(entry, where, errors, None, _OPEN_END)
        level = _level(entry, where, errors)
        unit_files.append(file)
        if not file.is_file():
            errors.append(msg.CONFIG_MISSING.format(path=file))
            continue
        units += _read_unit_list(file, years["first_year"], years["last_year"], level, errors)
    lists = []
    for i, entry in enumerate(raw.get("communes", []), 1):
        where = f"{path} [[communes]] #{i}"
        file = data_dir / field(entry, "file", str, where, errors)
        if file.exists() and not file.is_file():  # a folder or a FIFO: never opened
            errors.append(msg.CONFIG_NOT_A_FILE.format(path=visible(str(file))))
        elif not file.is_file():
            errors.append(msg.CONFIG_MISSING.format(path=visible(str(file))))
        lists.append(_CommuneList(file, **span(entry, where, errors)))
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
                **texts(entry, _PROVINCE_TEXTS, where, errors),
                **span(entry, where, errors, 0, _OPEN_END),
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
        text = read_declared(path).decode("utf-8-sig")
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
        text = read_declared(path).decode("utf-8-sig")
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
