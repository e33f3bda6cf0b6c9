"""Shared helpers for the sample years: fill each unit's blank workbook, write the settings.

Each year's figures live in tests/sample_<year>.py; regenerate a year with
    .venv/bin/python -m tests.sample_<year>
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.blank_forms import workbook_filename
from reportgen.blank_workbook import blank_workbook
from reportgen.declared.catalog import load_catalog
from reportgen.declared.periods import ANNUAL, load_periods, period_for
from reportgen.declared.settings import SETTINGS_FILE
from reportgen.declared.units import load_registry
from tests.fill import fill_workbook

# The order in which a sample lists a unit's indicator values.
CODES = (
    "pbgdpl_luot",
    "pbgdpl_tong",
    "nguoi_nuoc_ngoai_tam_tru",
    "kiem_tra_co_so_kinh_doanh",
    "phu_nu_lay_chong_nn_tham_than",
    "xuat_canh_trai_phep",
    "nhap_canh_trai_phep",
    "con_lai",
    "nan_nhan_tiep_nhan",
    "nan_nhan_giai_cuu",
    "nan_nhan_ho_tro",
    "tin_bao_to_giac",  # from 2025: older samples leave it out (0, and no row to fill)
)
SETTINGS = """\
# Thông tin của bài báo cáo {period}.
# date: ngày đăng, in dưới tiêu đề — năm-tháng-ngày, không có dấu ngoặc kép
# author: tên người viết, in cuối bài — trong dấu ngoặc kép
# caption: (không bắt buộc) chú thích ảnh in sau đoạn mở đầu — trong dấu ngoặc kép
date = {date}
author = "{author}"
caption = "{caption}"
"""


@dataclass
class UnitSample:
    """One unit's workbook: indicator values in CODES order (missing ones are 0) and rows.

    Rows are lists in the sheet's column order: activities (type, topic, audience,
    sessions, participants, commune), publications (title, measure, quantity),
    cases (summary, commune, route, offenders, victims, stage).
    """

    figures: tuple[int, ...]
    preparer: str
    activities: list[list] = field(default_factory=list)
    publications: list[list] = field(default_factory=list)
    cases: list[list] = field(default_factory=list)

    def values(self) -> dict[str, int]:
        """Return the indicator values by code."""
        return {
            code: (self.figures[i] if i < len(self.figures) else 0) for i, code in enumerate(CODES)
        }


def write_year(
    data_dir: Path,
    out_dir: Path,
    year: int,
    units: dict[str, UnitSample],
    prepared_on: dt.datetime,
    date: dt.date,
    author: str,
    caption: str = "",
    period: str = ANNUAL,
) -> list[Path]:
    """Write a filled workbook per unit of the year (and period) and its settings into out_dir."""
    catalog = load_catalog(data_dir)
    registry = load_registry(data_dir)
    chosen = period_for(load_periods(data_dir), period, year)
    communes = registry.communes_for(year)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for unit in registry.units_for(year):
        sample = units[unit.code]
        rows = {"Hoạt động": sample.activities, "Ấn phẩm": sample.publications}
        if sample.cases:
            rows["Vụ án"] = sample.cases
        filled = fill_workbook(
            blank_workbook(unit, year, catalog, communes, chosen),
            sample.values(),
            rows,
            preparer=sample.preparer,
            prepared_on=prepared_on,
        )
        target = out_dir / workbook_filename(unit, year, period)
        target.write_bytes(filled)
        written.append(target)
    settings = out_dir / SETTINGS_FILE
    if not settings.exists():  # kept: staff add their own parts, e.g. [official]
        settings.write_text(
            SETTINGS.format(
                period=chosen.name, date=date.isoformat(), author=author, caption=caption
            ),
            encoding="utf-8",
        )
        written.append(settings)
    return written


def totals(units: dict[str, UnitSample]) -> dict[str, int]:
    """Return the province totals of a sample year, for its tests."""
    result = dict.fromkeys(CODES, 0)
    for sample in units.values():
        for code, value in sample.values().items():
            result[code] += value
    return result
