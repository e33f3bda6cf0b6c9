"""A cached workbook check gives back its unit whole: a commune-level unit stays one, so its
places read "xã Vũ Quý", never "Vũ Quý (Xã Vũ Quý)" on a run that uses the cache."""

import datetime as dt

from reportgen.checks.cache_entry import entry_bytes, read_entry
from reportgen.checks.records import Place, Row, Submission, WorkbookCheck
from reportgen.declared.catalog import load_catalog
from reportgen.declared.settings import ReportSettings
from reportgen.declared.units import LEVEL_COMMUNE, load_registry
from reportgen.report.aggregate import aggregate
from reportgen.report.render import render_html, template_dirs
from tests.conftest import ROOT

DATA = ROOT / "examples/hung-yen"
CATALOG, REGISTRY = load_catalog(DATA), load_registry(DATA)


def test_a_commune_level_unit_comes_back_from_the_cache_as_one():
    unit = next(u for u in REGISTRY.units_for(2026) if u.name == "Vũ Quý")
    assert unit.level == LEVEL_COMMUNE
    stage = CATALOG.choices("case_stages")[1]
    values = {"summary": "Vụ việc", "commune": Place("Vũ Quý", "xã", unit), "route": "",
              "offenders": 1, "victims": 1, "stage": stage}  # fmt: skip
    sub = Submission(
        "f.xlsx", unit, 2026, "", "", rows={"cases": [Row(values, "f.xlsx", "Vụ án", 2)]}
    )
    outcome = WorkbookCheck("f.xlsx", unit, sub, [])

    back = read_entry(entry_bytes("k", "sha", outcome), "k", "sha")

    assert back == outcome
    assert back.submission.rows["cases"][0].values["commune"].is_unit
    settings = ReportSettings(dt.date(2026, 12, 5), "")
    data = aggregate([back.submission], CATALOG, REGISTRY.province_for(2026), settings, 2026)
    assert "Vụ việc xảy ra tại xã Vũ Quý." in render_html(data, template_dirs())
