"""The report's views of the facts at the edges mutation testing (`make mutate`) found unguarded.

One small year, made by hand, aggregated in memory: the figures the text prints, the names
and labels each figure carries into the HTML (data-source) and nguon-so-lieu.csv, and the
appendix's tables by unit. The values are written out.
"""

import dataclasses
import datetime as dt

import pytest

from reportgen.checks.records import Place, Row, Submission
from reportgen.declared.catalog import load_catalog
from reportgen.declared.settings import ReportSettings
from reportgen.declared.units import load_registry
from reportgen.fact_table import Fact, Figure
from reportgen.report.aggregate import aggregate
from reportgen.report.totals import group_part
from tests.conftest import DATA

CATALOG, REGISTRY = load_catalog(DATA), load_registry(DATA)
UNITS = {u.code: u for u in REGISTRY.units}
TYPES = {c.code: c for c in CATALOG.choices("activity_types")}
STAGES = {c.code: c for c in CATALOG.choices("case_stages")}
SETTINGS = ReportSettings(dt.date(2019, 12, 6), "Phương Thảo")
AN_NINH = Place("An Ninh", "xã", UNITS["338"])


def activity(kind, topic, sessions, participants, commune=None, row=2) -> Row:
    values = {"type": TYPES[kind], "topic": topic, "audience": "hội viên", "sessions": sessions}
    values |= {"participants": participants, "commune": commune}
    return Row(values, "f.xlsx", "Hoạt động", row)


def publication(title, measure, quantity, row=2) -> Row:
    return Row({"title": title, "measure": measure, "quantity": quantity}, "f.xlsx", "Ấn phẩm", row)


def case(stage, route, offenders, victims, commune=None, row=2) -> Row:
    values = {"summary": "Vụ việc", "commune": commune, "route": route, "stage": STAGES[stage]}
    values |= {"offenders": offenders, "victims": victims}
    return Row(values, "f.xlsx", "Vụ án", row)


def year_2019() -> list[Submission]:
    quynh_phu = Submission("338.xlsx", UNITS["338"], 2019, "", "")
    quynh_phu.indicators["xuat_canh_trai_phep"] = 2
    quynh_phu.rows["activities"] = [
        activity("tap_huan", "Kỹ năng", 2, 40, AN_NINH, row=2),
        activity("tap_huan", "kỹ  năng", 1, None, row=3),  # participants left blank
        activity("hoi_nghi", "Luật", None, None, row=4),  # both left blank
    ]
    quynh_phu.rows["publications"] = [
        publication("Bản tin sinh hoạt", "cuốn", 300, row=2),
        publication("Tờ gấp", "tờ", 500, row=3),
        publication("Bản tin sinh hoạt", "tờ", None, row=4),  # quantity left blank
    ]
    quynh_phu.rows["cases"] = [
        case("khoi_to", "Trung Quốc", 2, 1, AN_NINH, row=2),
        case("xac_minh", "Trung Quốc", 1, 0, row=3),
    ]
    dong_hung = Submission("340.xlsx", UNITS["340"], 2019, "", "")
    dong_hung.indicators["xuat_canh_trai_phep"] = 3
    dong_hung.rows["activities"] = [
        activity("noi_chuyen", "Luật", 3, 60, row=2),
        activity("chuyen_de", "Luật", 1, 25, row=3),
    ]
    dong_hung.rows["cases"] = [case("xac_minh", "Lào", 1, 2, row=2)]
    return [dong_hung, quynh_phu]


# Made again for each test (a few ms): mutmut runs a mutant with the tests that reached the
# mutated function, and a module-wide fixture reaches it in the first test only.
@pytest.fixture
def data():
    missing = (UNITS["342"], UNITS["336"])
    province = REGISTRY.province_for(2019)
    return aggregate(year_2019(), CATALOG, province, SETTINGS, 2019, missing, traced=True)


def named(figure) -> tuple:
    """Return what the HTML and the CSV show of a figure: its value, name and label."""
    assert isinstance(figure, Figure)
    return int(figure), figure.key, figure.label


def test_an_indicator_total_is_named_by_its_code_and_labelled_as_the_catalog_says(data):
    figure = data.total["xuat_canh_trai_phep"]
    assert named(figure) == (
        5,
        "xuat_canh_trai_phep",
        "Công dân xuất cảnh trái phép sang Trung Quốc lao động",
    )
    assert figure.by_unit() == [(UNITS["338"], 2), (UNITS["340"], 3)]


def test_activity_lines_are_numbered_in_type_order_and_labelled_by_type_and_topic(data):
    lines = [
        (a.type.code, a.topic, named(a.sessions), named(a.participants), a.unplaced)
        for a in data.activities
    ]
    tap_huan = 'Lớp tập huấn "Kỹ năng"'
    noi_chuyen = 'Buổi nói chuyện chuyên đề "Luật"'
    chuyen_de = 'Lớp chuyên đề "Luật"'
    hoi_nghi = 'Hội nghị tuyên truyền "Luật"'
    assert lines == [
        (
            "tap_huan",
            "Kỹ năng",
            (3, "activities.1.sessions", f"{tap_huan}: số lớp/buổi"),
            (40, "activities.1.participants", f"{tap_huan}: số người tham dự"),
            1,  # one of its two rows names no commune
        ),
        (
            "noi_chuyen",
            "Luật",
            (3, "activities.2.sessions", f"{noi_chuyen}: số lớp/buổi"),
            (60, "activities.2.participants", f"{noi_chuyen}: số người tham dự"),
            1,
        ),
        (
            "chuyen_de",
            "Luật",
            (1, "activities.3.sessions", f"{chuyen_de}: số lớp/buổi"),
            (25, "activities.3.participants", f"{chuyen_de}: số người tham dự"),
            1,
        ),
        (
            "hoi_nghi",
            "Luật",
            (0, "activities.4.sessions", f"{hoi_nghi}: số lớp/buổi"),  # left blank
            (0, "activities.4.participants", f"{hoi_nghi}: số người tham dự"),
            1,
        ),
    ]
    assert data.activities[0].places == (AN_NINH,)


def test_publication_lines_are_numbered_first_seen_first_with_their_kind(data):
    lines = [(named(p.quantity), p.kind and p.kind.code) for p in data.publications]
    assert lines == [
        ((300, "publications.1", 'Ấn phẩm "Bản tin sinh hoạt" (cuốn)'), "ban_tin"),
        ((500, "publications.2", 'Ấn phẩm "Tờ gấp" (tờ)'), "to_gap"),  # the kind's very name
        ((0, "publications.3", 'Ấn phẩm "Bản tin sinh hoạt" (tờ)'), "ban_tin"),  # left blank
    ]


def test_case_figures_are_named_and_labelled_and_the_furthest_stage_is_by_catalog_order(data):
    cases = data.cases
    assert named(cases.count) == (3, "cases.count", "Số vụ án, vụ việc mua bán người")
    assert named(cases.offenders) == (4, "cases.offenders", "Số đối tượng mua bán người")
    assert named(cases.victims) == (3, "cases.victims", "Số nạn nhân trong các vụ án")
    assert {code: named(f) for code, f in cases.reached.items()} == {
        "xac_minh": (3, "cases.reached.xac_minh", "Số vụ đang xác minh"),
        "khoi_to": (1, "cases.reached.khoi_to", "Số vụ đã khởi tố"),
        "truy_to": (0, "cases.reached.truy_to", "Số vụ đã truy tố"),
        "xet_xu": (0, "cases.reached.xet_xu", "Số vụ đã xét xử"),
    }
    assert cases.reached_offenders == {"xac_minh": 4, "khoi_to": 2, "truy_to": 0, "xet_xu": 0}
    # "xac_minh" comes after "khoi_to" in the alphabet, not in the catalog's order of stages
    assert cases.furthest == "khoi_to"
    assert cases.routes == ("Trung Quốc", "Lào")
    assert cases.by_route == (("Trung Quốc", 2), ("Lào", 1))
    assert cases.by_unit == ((UNITS["338"], 2), (UNITS["340"], 1))
    assert cases.places == (AN_NINH,)


def test_the_units_that_sent_nothing_are_listed_by_code(data):
    assert [u.code for u in data.missing] == ["336", "342"]


def test_the_appendix_gives_each_unit_its_own_indicators_cases_and_activities(data):
    rows = [(r.unit.code, r.file, r.values, r.cases, r.activities) for r in data.units]
    assert rows == [
        (
            "338",
            "338.xlsx",
            {"xuat_canh_trai_phep": 2},
            {"count": 2, "offenders": 3, "victims": 1}
            | {"xac_minh": 2, "khoi_to": 1, "truy_to": 0, "xet_xu": 0}
            # cases at each stage exactly (choice counts), no offence column before 2025
            | {"stage.xac_minh": 1, "stage.khoi_to": 1, "stage.truy_to": 0, "stage.xet_xu": 0}
            | {"offence.dieu_150": 0, "offence.dieu_151": 0, "offence.khac": 0},
            {"tap_huan": 3, "noi_chuyen": 0, "chuyen_de": 0, "hoi_nghi": 0, "participants": 40},
        ),
        (
            "340",
            "340.xlsx",
            {"xuat_canh_trai_phep": 3},
            {"count": 1, "offenders": 1, "victims": 2}
            | {"xac_minh": 1, "khoi_to": 0, "truy_to": 0, "xet_xu": 0}
            | {"stage.xac_minh": 1, "stage.khoi_to": 0, "stage.truy_to": 0, "stage.xet_xu": 0}
            | {"offence.dieu_150": 0, "offence.dieu_151": 0, "offence.khac": 0},
            {"tap_huan": 0, "noi_chuyen": 3, "chuyen_de": 1, "hoi_nghi": 0, "participants": 85},
        ),
    ]


def test_a_catalog_without_row_sheets_still_gives_the_indicator_totals():
    catalog = dataclasses.replace(CATALOG, tables=())
    province = REGISTRY.province_for(2019)
    data = aggregate(year_2019(), catalog, province, SETTINGS, 2019)
    assert data.total["xuat_canh_trai_phep"] == 5
    assert (data.activities, data.publications) == ((), ())
    assert (data.cases.count, data.cases.routes, data.cases.furthest) == (0, (), "")
    assert data.units[0].cases == {"count": 0, "offenders": 0, "victims": 0} | {
        "xac_minh": 0,
        "khoi_to": 0,
        "truy_to": 0,
        "xet_xu": 0,
    }


def test_a_catalog_without_publication_kinds_gives_publications_no_kind():
    lists = {k: v for k, v in CATALOG.choice_lists.items() if k != "publication_kinds"}
    catalog = dataclasses.replace(CATALOG, choice_lists=lists)
    data = aggregate(year_2019(), catalog, REGISTRY.province_for(2019), SETTINGS, 2019)
    assert [(int(p.quantity), p.kind) for p in data.publications] == [
        (300, None),
        (500, None),
        (0, None),
    ]


def test_a_column_the_table_does_not_group_by_has_no_part_of_the_key():
    fact = Fact(2019, "nam", "338", "activities", "luat", "sessions", 1, "f.xlsx", "HĐ", "D2", 2)
    by_topic = dataclasses.replace(CATALOG.tables[0], group=("topic",))
    assert (group_part(by_topic, fact, "topic"), group_part(by_topic, fact, "type")) == (
        "luat",
        "",
    )
    assert group_part(None, fact, "stage") == ""
