"""Whether two years' figures may be compared: only when they cover the same territory.

Provinces merge and communes merge (1 July 2025: Thái Bình's 8 districts became part of
Hưng Yên's 104 communes and wards). A comparison across such a change compares unlike
totals, so the report and the check compare two years only when the same declarations of
units.toml cover both: the same province period and the same unit entries. Declaring a
change — ending an entry and starting a new one, even under a kept code — is what stops
the comparison.
"""

from reportgen.declared.units import Registry
from reportgen.errors import ConfigError


def same_territory(registry: Registry, year: int, other: int) -> bool:
    """Return True when both years have the same province period and the same units."""
    try:
        province, other_province = registry.province_for(year), registry.province_for(other)
    except ConfigError:
        return False
    units = registry.units_for(year)
    return province == other_province and bool(units) and units == registry.units_for(other)


def common_units(before: list, now_codes: set[str]) -> list:
    """Return the submissions of the year before from units that also reported this year.

    When units are missing this year (--allow-missing), last year's total over every unit
    would be compared with this year's over fewer: only the units present in both count.
    """
    return [sub for sub in before if sub.unit.code in now_codes]
