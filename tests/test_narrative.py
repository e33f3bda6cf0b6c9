"""The narrative reads naturally for any figures: 0, 1 and many cases, any mix of activities,
victims, and the comparison with the year before (or none when there is no year before)."""

import datetime as dt
import html
import itertools
import re
from pathlib import Path

import pytest

from reportgen.checks.records import Place, Row, Submission
from reportgen.declared.catalog import load_catalog
from reportgen.declared.settings import ReportSettings
from reportgen.declared.units import load_registry
from reportgen.report.aggregate import aggregate
from reportgen.report.context import change
from reportgen.report.render import BUILTIN_TEMPLATES, make_environment, render_html, template_dirs
from tests.conftest import DATA

CATALOG, REGISTRY = load_catalog(DATA), load_registry(DATA)
UNITS = {u.code: u for u in REGISTRY.units}
STAGES = {c.code: c for c in CATALOG.choices("case_stages")}
TYPES = {c.code: c for c in CATALOG.choices("activity_types")}
SETTINGS = ReportSettings(dt.date(2019, 12, 6), "Phương Thảo")
QUYNH_PHU, DONG_HUNG, THAI_THUY = "338", "340", "341"


def place(name: str, unit: str) -> Place:
    return Place(name, "xã", UNITS[unit])


def case(unit, commune, route, offenders, victims, stage) -> tuple[str, Row]:
    values = {
        "summary": "Vụ việc",
        "commune": place(commune, unit) if commune else None,
        "route": route,
        "offenders": offenders,
        "victims": victims,
        "stage": STAGES[stage],
    }
    return unit, Row(values, "f.xlsx", "Vụ án", 2)


def activity(unit, kind, sessions, participants, commune=None, topic=None, audience=None):
    values = {
        "type": TYPES[kind],
        "topic": topic or "phòng, chống mua bán người",
        "audience": audience or "người dân",
        "sessions": sessions,
        "participants": participants,
        "commune": place(commune, unit) if commune else None,
    }
    return unit, Row(values, "f.xlsx", "Hoạt động", 2)


def submissions(cases=(), activities=(), **indicators) -> list[Submission]:
    """One submission per unit that has rows; the indicators go to the first unit."""
    subs: dict[str, Submission] = {}
    for key, rows in (("cases", cases), ("activities", activities)):
        for unit, row in rows:
            sub = subs.setdefault(unit, Submission("f.xlsx", UNITS[unit], 2019, "", ""))
            sub.rows.setdefault(key, []).append(row)
    first = subs.setdefault(QUYNH_PHU, Submission("f.xlsx", UNITS[QUYNH_PHU], 2019, "", ""))
    first.indicators.update(indicators)
    return list(subs.values())


def report(subs, year=2019, before=None, dirs=None) -> str:
    """Render the report and return its text as a reader sees it, on one line."""
    previous = None
    if before is not None:
        previous = aggregate(before, CATALOG, REGISTRY.province_for(year - 1), SETTINGS, year - 1)
    data = aggregate(subs, CATALOG, REGISTRY.province_for(year), SETTINGS, year, previous=previous)
    body = render_html(data, template_dirs(dirs)).split("<article>")[1]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def macro(call: str, dirs=None) -> str:
    """Render one call of a macro from macros.html.j2."""
    env = make_environment(template_dirs(dirs))
    return env.from_string('{% import "macros.html.j2" as m %}' + call).render().strip()


# --- cases: 0, 1, many ---


def test_no_case_says_none_was_found():
    text = report(submissions())
    assert (
        "Năm 2019, các lực lượng chức năng chưa phát hiện, xử lý các vụ án, việc liên quan "
        "đến mua bán người xảy ra trên địa bàn tỉnh." in text
    )
    assert "vụ/" not in text and "khởi tố" not in text


@pytest.mark.parametrize(
    ("stage", "closing"),
    [
        ("xac_minh", "Vụ việc đang được tiếp tục xác minh, làm rõ."),
        ("khoi_to", "Cơ quan điều tra đã khởi tố vụ án, khởi tố 02 bị can để điều tra."),
        (
            "truy_to",
            "Cơ quan điều tra đã khởi tố vụ án, khởi tố 02 bị can; Viện kiểm sát nhân dân đã "
            "truy tố 02 bị can.",
        ),
        (
            "xet_xu",
            "Cơ quan điều tra đã khởi tố vụ án, khởi tố 02 bị can; Viện kiểm sát nhân dân đã "
            "truy tố 02 bị can; Tòa án nhân dân đã đưa vụ án ra xét xử đối với 02 bị cáo.",
        ),
    ],
)
def test_one_case_reads_in_the_singular(stage, closing):
    text = report(submissions([case(QUYNH_PHU, "An Ninh", "Trung Quốc", 2, 1, stage)]))
    assert (
        "Năm 2019, các lực lượng chức năng đã phát hiện, xử lý 01 vụ/02 đối tượng mua bán người "
        "theo tuyến Trung Quốc, xác định 01 nạn nhân bị mua bán. Vụ việc xảy ra tại xã An Ninh, "
        f"Quỳnh Phụ. {closing} Công tác tiếp nhận" in text
    )


FOUR_CASES = [
    case(QUYNH_PHU, "An Ninh", "Trung Quốc", 3, 2, "xet_xu"),
    case(DONG_HUNG, "Đông Kinh", "Ma-lai-xi-a", 2, 2, "xac_minh"),
    case(THAI_THUY, "Thụy Hải", "Trung Quốc", 2, 1, "truy_to"),
    case(THAI_THUY, "Thái Đô", "Trung Quốc", 2, 2, "khoi_to"),
]


def test_many_cases_count_routes_places_and_stages():
    text = report(submissions(FOUR_CASES))
    assert (
        "Năm 2019, các lực lượng chức năng đã phát hiện, xử lý 04 vụ/09 đối tượng mua bán người, "
        "xác định 07 nạn nhân bị mua bán. Các vụ việc xảy ra tại 4 xã An Ninh (Quỳnh Phụ), "
        "Đông Kinh (Đông Hưng), Thái Đô, Thụy Hải (Thái Thụy); 03 vụ theo tuyến Trung Quốc, "
        "01 vụ theo tuyến Ma-lai-xi-a. Cơ quan điều tra đã khởi tố 03 vụ/07 bị can; Viện kiểm "
        "sát nhân dân truy tố 02 vụ/05 bị can; Tòa án nhân dân xét xử 01 vụ/03 bị cáo; 01 vụ "
        "đang tiếp tục xác minh." in text
    )


def test_many_cases_still_being_verified_without_place_or_route():
    cases = [
        case(QUYNH_PHU, None, "", 1, 0, "xac_minh"),
        case(THAI_THUY, None, "", 2, 0, "xac_minh"),
    ]
    text = report(submissions(cases))
    assert (
        "đã phát hiện, xử lý 02 vụ/03 đối tượng mua bán người. "
        "Các vụ việc đang được tiếp tục xác minh, làm rõ." in text
    )
    assert "xảy ra tại" not in text and "tuyến" not in text.split("Năm 2019, các lực")[1]


def test_routes_known_for_only_some_cases_are_counted_apart():
    cases = [
        case(QUYNH_PHU, None, "Trung Quốc", 1, 1, "khoi_to"),
        case(QUYNH_PHU, None, "Trung Quốc", 1, 1, "khoi_to"),
        case(THAI_THUY, None, "", 1, 0, "khoi_to"),
    ]
    text = report(submissions(cases))
    assert (
        "xử lý 03 vụ/03 đối tượng mua bán người, xác định 02 nạn nhân bị mua bán. "
        "Trong đó, 02 vụ theo tuyến Trung Quốc. Cơ quan điều tra đã khởi tố 03 vụ/03 bị can."
        in text
    )


# --- comparison with the year before ---


def _cases(n: int, offenders_each: int = 1) -> list:
    return [case(QUYNH_PHU, None, "", offenders_each, 0, "khoi_to") for _ in range(n)]


@pytest.mark.parametrize(
    ("now", "before", "phrase"),
    [
        ((4, 9), (2, 6), "; so với năm 2018, tăng 02 vụ (100%), 03 đối tượng (50%)."),
        ((4, 5), (2, 6), "; so với năm 2018, tăng 02 vụ (100%), giảm 01 đối tượng (16,7%)."),
        ((2, 6), (4, 6), "; so với năm 2018, giảm 02 vụ (50%), số đối tượng không đổi."),
        ((2, 6), (2, 6), "; so với năm 2018, số vụ và đối tượng không đổi."),
        ((2, 2), (0, 0), "; so với năm 2018, tăng 02 vụ, 02 đối tượng."),
    ],
)
def test_cases_are_compared_with_the_year_before(now, before, phrase):
    def rows(count, offenders):
        cases = _cases(count)
        if count:
            unit, first = cases[0]
            first.values["offenders"] = offenders - (count - 1)
        return cases

    text = report(submissions(rows(*now)), before=submissions(rows(*before)))
    assert f"xử lý {now[0]:02d} vụ/{now[1]:02d} đối tượng mua bán người{phrase}" in text


def test_without_a_year_before_there_is_no_comparison():
    text = report(submissions(_cases(3), nan_nhan_tiep_nhan=2))
    assert "so với" not in text
    assert "xử lý 03 vụ/03 đối tượng mua bán người. " in text


def test_a_fall_to_no_case_is_compared_with_the_year_before():
    text = report(submissions(), before=submissions(_cases(3)))
    assert (
        "chưa phát hiện, xử lý các vụ án, việc liên quan đến mua bán người xảy ra trên địa bàn "
        "tỉnh, giảm 03 vụ so với năm 2018." in text
    )


# --- victims ---


@pytest.mark.parametrize(
    ("now", "before", "sentence"),
    [
        (
            (6, 3, 6),
            4,
            "Trong năm, đã xác minh, giải cứu, tiếp nhận 06 nạn nhân bị mua bán trở về (trong đó "
            "giải cứu 03 nạn nhân), tăng 02 nạn nhân (50%) so với năm 2018; 100% nạn nhân đã được "
            "hỗ trợ theo quy định.",
        ),
        (
            (4, 0, 3),
            4,
            "Trong năm, đã xác minh, giải cứu, tiếp nhận 04 nạn nhân bị mua bán trở về, bằng năm "
            "2018; đã hỗ trợ 03 nạn nhân.",
        ),
        (
            (1, 1, 0),
            None,
            "Trong năm, đã xác minh, giải cứu, tiếp nhận 01 nạn nhân bị mua bán trở về (nạn nhân "
            "được giải cứu).",
        ),
        ((0, 0, 2), 5, "Trong năm, đã hỗ trợ 02 nạn nhân bị mua bán trở về."),
    ],
)
def test_victims_read_naturally(now, before, sentence):
    received, rescued, helped = now
    subs = submissions(
        nan_nhan_tiep_nhan=received, nan_nhan_giai_cuu=rescued, nan_nhan_ho_tro=helped
    )
    previous = None if before is None else submissions(nan_nhan_tiep_nhan=before)
    text = report(subs, before=previous)
    assert f"hòa nhập cộng đồng. {sentence} Trong thời gian tới" in text


def test_no_victim_adds_no_sentence():
    text = report(submissions())
    assert "hòa nhập cộng đồng. Trong thời gian tới" in text


# --- propaganda: any subset of activity types ---

ACTIVITY = {
    "tap_huan": activity(QUYNH_PHU, "tap_huan", 2, 120, audience="cán bộ"),
    "noi_chuyen": activity(DONG_HUNG, "noi_chuyen", 1, 300, "Đông Kinh", audience="học sinh"),
    "chuyen_de": activity(THAI_THUY, "chuyen_de", 3, 90, "Thụy Hải", audience="hội viên"),
    "hoi_nghi": activity(QUYNH_PHU, "hoi_nghi", 2, 250, "An Ninh"),
}
SUBSETS = [combo for n in range(1, 5) for combo in itertools.combinations(sorted(ACTIVITY), n)]


@pytest.mark.parametrize("kinds", SUBSETS, ids="+".join)
def test_only_the_activity_types_held_are_mentioned(kinds):
    text = report(submissions(activities=[ACTIVITY[k] for k in kinds]))
    paragraph = text.split("Cụ thể, đã ")[1].split(". ")[0]
    for code, choice in TYPES.items():
        held = re.search(rf"\b0\d {choice.noun}\b", paragraph)
        assert bool(held) == (code in kinds), (code, paragraph)
    assert not re.search(r"\b0+ (lớp|buổi|hội nghị)", paragraph)
    first = [c for c in TYPES if c in kinds][0]
    opens = "tổ chức " if first in ("hoi_nghi", "noi_chuyen") else "mở "
    assert paragraph.startswith(opens + "0")


def test_the_verb_changes_only_where_the_kind_of_activity_does():
    text = report(submissions(activities=list(ACTIVITY.values())))
    assert (
        "Cụ thể, đã mở 02 lớp tập huấn về phòng, chống mua bán người cho 120 lượt cán bộ; "
        "tổ chức 01 buổi nói chuyện chuyên đề về phòng, chống mua bán người cho 300 học sinh "
        "tại xã Đông Kinh, Đông Hưng; mở 03 lớp chuyên đề phòng, chống mua bán người cho 90 "
        "lượt hội viên tại xã Thụy Hải, Thái Thụy; tổ chức 02 hội nghị tuyên truyền về phòng, "
        "chống mua bán người cho 250 lượt người dân tại xã An Ninh, Quỳnh Phụ." in text
    )


def test_no_activity_no_publication_leaves_the_paragraph_out():
    text = report(submissions(pbgdpl_luot=0))
    assert "Cụ thể" not in text and "Tổ chức biên soạn" not in text


def test_an_activity_without_a_head_count_names_its_audience_only():
    text = report(submissions(activities=[activity(QUYNH_PHU, "hoi_nghi", 1, 0)]))
    assert "01 hội nghị tuyên truyền về phòng, chống mua bán người cho người dân." in text


# --- the macros and the comparison rule ---


@pytest.mark.parametrize(
    ("call", "text"),
    [
        ('m.compare(5, 4, "vụ", 2018)', "tăng 01 vụ (25%) so với năm 2018"),
        ('m.compare(3, 4, "vụ", 2018)', "giảm 01 vụ (25%) so với năm 2018"),
        ('m.compare(4, 4, "vụ", 2018)', "bằng năm 2018"),
        ('m.compare(3, 0, "vụ", 2018)', "tăng 03 vụ so với năm 2018"),
        ('m.compare(1030, 1000, "lượt", 2018)', "tăng 30 lượt (3%) so với năm 2018"),
        ('m.compare(1030, 1000, "lượt", 2018, 0.05)', "tương đương năm 2018"),
        ("{{ 3|words }} lớp", "ba lớp"),
    ],
)
def test_macros(call, text):
    assert macro(call if call.startswith("{{") else "{{ " + call + " }}") == text


def test_the_tolerance_is_declared_in_the_template(tmp_path: Path):
    mine = tmp_path / "mau"
    mine.mkdir()
    original = (BUILTIN_TEMPLATES / "macros.html.j2").read_text(encoding="utf-8")
    assert "{% set tuong_duong = 0 %}" in original
    (mine / "macros.html.j2").write_text(
        original.replace("{% set tuong_duong = 0 %}", "{% set tuong_duong = 0.05 %}"),
        encoding="utf-8",
    )
    call = '{{ m.compare(1030, 1000, "lượt", 2018) }}'
    assert macro(call, mine) == "tương đương năm 2018"
    assert macro('{{ m.compare(1060, 1000, "lượt", 2018) }}', mine) == (
        "tăng 60 lượt (6%) so với năm 2018"
    )


def test_places_macro_shares_one_bracket_per_unit():
    env = make_environment(template_dirs())
    template = env.from_string('{% import "macros.html.j2" as m %}{{ m.places(ps) }}')
    one = [place("Đông Kinh", DONG_HUNG)]
    assert template.render(ps=one) == "xã Đông Kinh, Đông Hưng"
    several = [place("An Ninh", QUYNH_PHU), place("Thái Đô", THAI_THUY)]
    several.append(place("Thụy Hải", THAI_THUY))
    assert template.render(ps=several) == "3 xã An Ninh (Quỳnh Phụ), Thái Đô, Thụy Hải (Thái Thụy)"


@pytest.mark.parametrize(
    ("now", "before", "tolerance", "direction", "diff", "ratio"),
    [
        (5, 4, 0, "up", 1, 0.25),
        (3, 4, 0, "down", 1, 0.25),
        (4, 4, 0, "equal", 0, 0),
        (3, 0, 0, "up", 3, None),
        (0, 0, 0, "equal", 0, None),
        (1030, 1000, 0.05, "similar", 30, 0.03),
        (1030, 1000, 0.02, "up", 30, 0.03),
    ],
)
def test_change(now, before, tolerance, direction, diff, ratio):
    c = change(now, before, tolerance)
    assert (c.direction, c.diff) == (direction, diff)
    assert c.ratio == (pytest.approx(ratio) if ratio is not None else None)


def test_the_staff_guide_shows_every_filter_and_its_comparison_examples_hold():
    from reportgen.vietnamese import FILTERS

    guide = (DATA.parent / "docs/huong-dan-mau.md").read_text(encoding="utf-8")
    for name in [*FILTERS, "change"]:
        assert f"| `{name}` |" in guide, name
    examples = re.findall(r"^\| `((?:\{\{ )?m\.c\w+\(.*?\)(?: \}\})?)` \| `(.*?)`", guide, re.M)
    assert len(examples) == 11
    for call, text in examples:
        assert macro(call if call.startswith("{{") else "{{ " + call + " }}") == text, call
