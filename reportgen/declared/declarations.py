"""The declarative files of a data folder, read once and checked against each other."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportgen import messages as msg
from reportgen.declared.catalog import CATALOG_FILE, Catalog, declared_files, load_catalog
from reportgen.declared.periods import PERIODS_FILE, PeriodKind, load_periods
from reportgen.declared.units import Registry, load_registry
from reportgen.errors import ConfigError
from reportgen.visible import visible


@dataclass(frozen=True)
class Declarations:
    """catalog.toml, units.toml (with the lists it names) and periods.toml of one data folder."""

    catalog: Catalog
    registry: Registry
    kinds: dict[str, PeriodKind]  # the periods of periods.toml, by code
    config: str  # the digest of every file read: part of the key of a cached workbook check
    # catalog.toml, units.toml and the lists it names, as the run log names them
    files: tuple[Path, ...] = ()


def read_declarations(data_dir: Path) -> Declarations:
    """Read the declarative files; raise ConfigError listing their mistakes."""
    catalog = load_catalog(data_dir)
    registry = load_registry(data_dir)
    kinds = load_periods(data_dir)
    _check_indicator_periods(catalog, kinds, data_dir)
    files = tuple(declared_files(data_dir, registry))
    config = config_digest([*files, data_dir / PERIODS_FILE])
    return Declarations(catalog, registry, kinds, config, files)


def config_digest(files: Iterable[Path]) -> str:
    """Return a digest of the declarative files a check depends on."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def _check_indicator_periods(catalog: Catalog, kinds: dict, data_dir: Path) -> None:
    """Raise ConfigError when an indicator's `periods` names a period periods.toml lacks."""
    where = visible(str(data_dir / CATALOG_FILE))
    errors = [
        msg.PERIOD_INDICATOR.format(where=f"{where} [[indicators]] {ind.code}", code=visible(code))
        for ind in catalog.indicators
        for code in ind.periods
        if code not in kinds
    ]
    if errors:
        raise ConfigError(errors)
