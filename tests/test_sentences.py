"""Sentences an official would sign for any data (issue 15): each variant the sample years do
not have is built (HTML only) and its text read as a reader sees it."""

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from reportgen.checks.records import Place, Row, Submission
from reportgen.declared.catalog import load_catalog
from reportgen.declared.settings import ReportSettings, read_settings
from reportgen.declared.units import load_registry
from reportgen.pipeline import preview_renderer
from reportgen.problems import summary
from reportgen.report.aggregate import aggregate
from reportgen.report.render import BUILTIN_TEMPLATES as BUILTIN
from reportgen.report.render import render_html, template_dirs
from tests.conftest import DATA

CATALOG, REGISTRY = load_catalog(DATA), load_registry(DATA)
YEAR = 2019
UNITS = {u.code: u for u in REGISTRY.units_for(YEAR)}
STAGES = {c.code: c for c in CATALOG.choices("case_stages")}
TYPES = {c.code: c for c in CATALOG.choices("activity_types")}
SETTINGS = ReportSettings(dt.date(2019, 12, 6), "Phương Thảo")
THANH_PHO, QUYNH_PHU, HUNG_HA, DONG_HUNG, THAI_THUY, TIEN_HAI = (
    "336",
    "338",
    "339",
    "340",
    "341",
    "342",
)


def case(unit, offenders=1, victims=1, stage="khoi_to", commune=None, route="Trung Quốc"):
    values = {
        "summary": "Vụ việc",
        "commune": Place(commune, "xã", UNITS[unit]) if commune else None,
        "route": route,
        "offenders": offenders,
        "victims": victims,
        "stage": STAGES[stage],
    }
    return unit, "cases", Row(values, "f.xlsx", "Vụ án", 2)


def activity(unit, kind, sessions, participants, audience="người dân", commune=None):
    values = {
        "type": TYPES[kind],
        "topic": "phòng, chống mua bán người",
        "audience": audience,
        "sessions": sessions,
        "participants": participants,
        "commune": Place(commune, "xã", UNITS[unit]) if commune else None,
    }
    return unit, "activities", Row(values, "f.xlsx", "Hoạt động", 2)


def publication(unit, title, measure, quantity):
    values = {"title": title, "measure": measure, "quantity": quantity}
    return unit, "publications", Row(values, "f.xlsx", "Ấn phẩm", 2)


def year_of(rows=(), **indicators) -> list[Submission]:
    """Every unit of the province submits; the indicators go to Quỳnh Phụ."""
    subs = {code: Submission("f.xlsx", unit, YEAR, "", "") for code, unit in UNITS.items()}
    for unit, table, row in rows:
        subs[unit].rows.setdefault(table, []).append(row)
    subs[QUYNH_PHU].indicators.update(indicators)
    return list(subs.values())


def text_of(subs, before=None, settings=SETTINGS, dirs=None) -> str:
    """Render the article (HTML only) and return its text on one line, as a reader sees it."""
    previous = None
    if before is not None:
        province = REGISTRY.province_for(YEAR - 1)
        previous = aggregate(before, CATALOG, province, settings, YEAR - 1)
    province = REGISTRY.province_for(YEAR)
    data = aggregate(subs, CATALOG, province, settings, YEAR, previous=previous)
    body = render_html(data, template_dirs(dirs)).split("<article>")[1].split("</article>")[0]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def cases_paragraph(text: str) -> str:
    """Return what the case paragraph says after its fixed opening sentence."""
    start = text.index(f"Năm {YEAR}, các lực lượng chức năng")
    return text[start : text.index(" Công tác tiếp nhận, hỗ trợ nạn nhân", start)]


# --- many places: counted by unit, not 200 commune names ---


def many_cases() -> list:
    """203 cases in 203 communes of 6 of the 8 units: 27 in Quỳnh Phụ, the most."""
    spread = {QUYNH_PHU: 27, THAI_THUY: 20, HUNG_HA: 15, DONG_HUNG: 9, TIEN_HAI: 2}
    spread[THANH_PHO] = 203 - sum(spread.values())  # 130, so the city is first
    rows = []
    for unit, n in spread.items():
        rows += [case(unit, 2, 1, "truy_to", f"Xã {unit}-{i:03d}") for i in range(n)]
    return rows


def test_many_places_are_counted_by_unit_in_a_short_paragraph():
    paragraph = cases_paragraph(text_of(year_of(many_cases())))
    assert paragraph == (
        "Năm 2019, các lực lượng chức năng đã phát hiện, xử lý 203 vụ/406 đối tượng mua bán "
        "người theo tuyến Trung Quốc, xác định 203 nạn nhân bị mua bán. Các vụ việc xảy ra trên "
        "địa bàn 6/8 huyện, thành phố; nhiều nhất là thành phố Thái Bình (130 vụ), Quỳnh Phụ "
        "(27 vụ), "
        "Thái Thụy (20 vụ). Cơ quan điều tra đã khởi tố 203 vụ/406 bị can; Viện kiểm sát nhân "
        "dân truy tố 203 vụ/406 bị can."
    )
    assert len(paragraph) <= 400
    assert "Xã 338-000" not in paragraph


def test_a_few_places_are_still_named():
    rows = [case(QUYNH_PHU, commune="An Ninh"), case(THAI_THUY, commune="Thụy Hải")]
    paragraph = cases_paragraph(text_of(year_of(rows)))
    assert "Các vụ việc xảy ra tại 2 xã An Ninh (Quỳnh Phụ), Thụy Hải (Thái Thụy)." in paragraph


# --- the chain, with its agencies, in the active voice ---


def test_one_case_tried_names_each_agency():
    rows = [case(QUYNH_PHU, 3, 1, "xet_xu", "An Ninh")]
    assert cases_paragraph(text_of(year_of(rows))).endswith(
        "Vụ việc xảy ra tại xã An Ninh, Quỳnh Phụ. Cơ quan điều tra đã khởi tố vụ án, khởi tố "
        "03 bị can; Viện kiểm sát nhân dân đã truy tố 03 bị can; Tòa án nhân dân đã đưa vụ án ra "
        "xét xử đối với 03 bị cáo."
    )


def test_many_cases_name_each_agency_and_what_is_left():
    rows = [
        case(QUYNH_PHU, 3, 1, "xet_xu"),
        case(THAI_THUY, 2, 1, "truy_to"),
        case(DONG_HUNG, 2, 1, "khoi_to"),
        case(HUNG_HA, 1, 1, "xac_minh"),
    ]
    assert cases_paragraph(text_of(year_of(rows))).endswith(
        "Cơ quan điều tra đã khởi tố 03 vụ/07 bị can; Viện kiểm sát nhân dân truy tố 02 vụ/05 "
        "bị can; Tòa án nhân dân xét xử 01 vụ/03 bị cáo; 01 vụ đang tiếp tục xác minh."
    )


# --- never "00 …" nor "0 người" ---


def test_a_case_without_known_offenders_prints_no_zero_count():
    paragraph = cases_paragraph(text_of(year_of([case(QUYNH_PHU, 0, 1, "truy_to")])))
    assert paragraph == (
        "Năm 2019, các lực lượng chức năng đã phát hiện, xử lý 01 vụ mua bán người theo tuyến "
        "Trung Quốc, xác định 01 nạn nhân bị mua bán. Cơ quan điều tra đã khởi tố vụ án; Viện "
        "kiểm sát nhân dân đã truy tố vụ án."
    )


def test_offenders_zero_both_years_are_not_compared():
    before = year_of([case(QUYNH_PHU, 0, 0)])
    paragraph = cases_paragraph(text_of(year_of([case(QUYNH_PHU, 0, 0)] * 2), before))
    assert "; so với năm 2018, tăng 01 vụ (100%). " in paragraph
    assert "đối tượng không đổi" not in paragraph


def test_all_zero_indicators_print_no_zero_count():
    text = text_of(year_of())
    assert not re.search(r"\b00 ", text), text
    assert not re.search(r"\b0 (người|lượt|trường hợp|công dân)", text), text
    assert (
        "quản lý ngành nghề kinh doanh có điều kiện về an ninh trật tự. Rà soát các trường hợp "
        "phụ nữ lấy chồng nước ngoài" in text
    )
    assert "Qua rà soát, chưa phát hiện trường hợp nào." in text


def test_indicators_that_are_zero_leave_only_their_clause_out():
    text = text_of(year_of(nguoi_nuoc_ngoai_tam_tru=1519, con_lai=172, xuat_canh_trai_phep=0))
    assert "; quản lý chặt chẽ 1.519 người nước ngoài đang tạm trú" in text
    assert "Đã tổ chức kiểm tra" not in text
    assert (
        "Qua rà soát, phát hiện 172 trường hợp là con lai về sinh sống trên địa bàn tỉnh." in text
    )


# --- the year before: decimals, "gấp N lần", none on a base of 0, a fall to zero ---


@pytest.mark.parametrize(
    ("now", "before", "phrase"),
    [
        (1001, 1000, "tăng 01 nạn nhân (0,1%) so với năm 2018"),
        (211, 200, "tăng 11 nạn nhân (5,5%) so với năm 2018"),
        (1, 1000, "giảm 999 nạn nhân (99,9%) so với năm 2018"),
        (3, 2, "tăng 01 nạn nhân (50%) so với năm 2018"),
        (10, 4, "tăng 06 nạn nhân (gấp 2,5 lần) so với năm 2018"),
        (211, 4, "tăng 207 nạn nhân (gấp hơn 52 lần) so với năm 2018"),
        (3, 0, "tăng 03 nạn nhân so với năm 2018."),
    ],
)
def test_a_change_reads_with_one_decimal_or_as_times(now, before, phrase):
    text = text_of(year_of(nan_nhan_tiep_nhan=now), year_of(nan_nhan_tiep_nhan=before))
    assert (
        f"tiếp nhận {now:02d} nạn nhân bị mua bán trở về, {phrase}".replace("1001", "1.001") in text
    )


def test_a_fall_to_no_case_is_compared():
    before = year_of([case(QUYNH_PHU) for _ in range(4)])
    assert (
        "Năm 2019, các lực lượng chức năng chưa phát hiện, xử lý các vụ án, việc liên quan đến "
        "mua bán người xảy ra trên địa bàn tỉnh, giảm 04 vụ so với năm 2018."
    ) in text_of(year_of(), before)


# --- propaganda: lượt người, định kỳ, quoted titles, the verb ---


def test_a_summed_audience_is_counted_in_lượt():
    rows = [
        activity(QUYNH_PHU, "hoi_nghi", 120, 8000),
        activity(THAI_THUY, "hoi_nghi", 200, 14000),
        activity(DONG_HUNG, "noi_chuyen", 1, 300, "học sinh"),
    ]
    text = text_of(year_of(rows))
    assert (
        "Cụ thể, đã tổ chức 01 buổi nói chuyện chuyên đề về phòng, chống mua bán người cho 300 "
        "học sinh; 320 hội nghị tuyên truyền về phòng, chống mua bán người cho 22.000 lượt "
        "người dân."
    ) in text


def test_only_periodicals_are_published_định_kỳ_and_titles_are_quoted():
    rows = [
        publication(QUYNH_PHU, "Bản tin sinh hoạt hội viên", "cuốn", 3000),
        publication(THAI_THUY, "Hãy phòng ngừa xâm hại tình dục trẻ em", "tờ gấp", 19500),
        publication(DONG_HUNG, "Cảnh giác với thủ đoạn mua bán người", "tờ rơi", 2500),
    ]
    text = text_of(year_of(rows))
    assert (
        "Tổ chức biên soạn, phát hành định kỳ 3.000 cuốn “Bản tin sinh hoạt hội viên”; phát "
        "hành 2.500 tờ rơi “Cảnh giác với thủ đoạn mua bán người”, 19.500 tờ gấp “Hãy phòng "
        "ngừa xâm hại tình dục trẻ em”."
    ) in text


def test_leaflets_alone_are_not_periodical():
    text = text_of(year_of([publication(QUYNH_PHU, "Cảnh giác", "tờ rơi", 2500)]))
    assert "Tổ chức biên soạn, phát hành 2.500 tờ rơi “Cảnh giác”." in text
    assert "định kỳ" not in text


def test_one_victim_reads_in_the_singular():
    text = text_of(year_of(nan_nhan_tiep_nhan=1, nan_nhan_giai_cuu=1, nan_nhan_ho_tro=1))
    assert (
        "tiếp nhận 01 nạn nhân bị mua bán trở về (nạn nhân được giải cứu); nạn nhân đã được hỗ "
        "trợ theo quy định."
    ) in text
    assert "100%" not in text


# --- the photo and its caption, the byline ---

CAPTION = "Hội nghị tập huấn công tác tiếp nhận nạn nhân."


def test_no_caption_without_a_photo():
    text = text_of(year_of(), settings=ReportSettings(dt.date(2019, 12, 6), "A", CAPTION))
    assert CAPTION not in text


def test_the_caption_goes_under_its_photo(tmp_path: Path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/anh.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    settings = ReportSettings(dt.date(2019, 12, 6), "A", CAPTION, photo="anh.png")
    data = aggregate(year_of(), CATALOG, REGISTRY.province_for(YEAR), settings, YEAR)
    page = render_html(data, template_dirs(tmp_path))
    assert '<img src="data:image/png;base64,' in page
    assert f'<figcaption class="caption">{CAPTION}</figcaption>' in page


def test_the_byline_is_kept_with_the_last_paragraph():
    data = aggregate(year_of(), CATALOG, REGISTRY.province_for(YEAR), SETTINGS, YEAR)
    page = render_html(data, template_dirs())
    closing = page.split('<div class="ket-bai">')[1].split("</div>")[0]
    assert closing.lstrip().startswith("<p>Trong thời gian tới,")
    assert '<p class="byline">Phương Thảo</p>' in closing
    assert "div.ket-bai { break-inside: avoid;" in page
    assert "p.byline { break-before: avoid;" in page


# --- the 2018 article keeps its published wording; other years and the official form not ---

REFERENCE = ("91 lượt /126 lượt", "đẩy mạnh tăng cường", "nắm quản lý chặt chẽ",
             "có điều kiện khả năng", "phát hành định kỳ 3.000 cuốn Bản tin")  # fmt: skip


def _document(year: int, style: str = "article") -> str:
    render, _ = preview_renderer(year, DATA, style=style, appendix=False)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", render())))


def test_the_2018_article_keeps_the_published_wording():
    text = _document(2018)
    assert all(phrase in text for phrase in REFERENCE)


@pytest.mark.parametrize(("year", "style"), [(2019, "article"), (2018, "official")])
def test_other_years_and_the_official_form_use_the_common_wording(year, style):
    text = _document(year, style)
    assert [phrase for phrase in REFERENCE if phrase in text] == []
    # (the units' own topics may say "phòng chống": that is their text, not the template's)
    assert "kỹ năng phòng, chống mua bán người;" in text
    assert "chủ động phòng, chống tội phạm mua bán người." in text
    assert "Bản tin sinh hoạt hội viên”" in text  # quoted


def test_a_wording_that_is_not_a_plain_folder_name_is_refused(tmp_path: Path):
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019/bao-cao.toml").write_text(
        'date = 2019-12-06\nwording = "../../etc"\n', encoding="utf-8"
    )
    settings, problems = read_settings(tmp_path, 2019)
    assert settings.wording == ""
    assert [p.text() for p in problems] == [
        '2019/bao-cao.toml: lời văn "../../etc" phải là tên một thư mục trong templates/wording, '
        'trong dấu ngoặc kép, ví dụ: wording = "2018".'
    ]


# --- check messages in plain Vietnamese ---


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        ((0, 0, 8), "Không có lỗi, không có cảnh báo trong 8 tệp."),
        ((3, 0, 8), "3 lỗi, không có cảnh báo trong 8 tệp."),
        ((0, 1, 8), "Không có lỗi, 1 cảnh báo trong 8 tệp."),
        ((2, 5, 104), "2 lỗi, 5 cảnh báo trong 104 tệp."),
    ],
)
def test_the_count_line_says_zero_in_words(counts, line):
    assert summary(*counts) == line


def test_a_wording_folder_that_is_not_there_is_named_in_the_message(tmp_path: Path):
    from reportgen.errors import TemplateProblem
    from reportgen.report.document import with_wording

    assert with_wording([tmp_path, BUILTIN], "") == [tmp_path, BUILTIN]
    assert with_wording([tmp_path, BUILTIN], "2018") == [
        tmp_path,
        BUILTIN / "wording/2018",
        BUILTIN,
    ]
    with pytest.raises(TemplateProblem) as caught:
        with_wording([BUILTIN], "2020")
    assert str(caught.value) == (
        'Không tìm thấy lời văn "2020" (bao-cao.toml, wording) — cần thư mục wording/2020 '
        f"trong thư mục mẫu: {BUILTIN}."
    )


def test_activities_in_many_communes_are_counted_not_listed():
    rows = [activity(QUYNH_PHU, "hoi_nghi", 1, 100, commune=f"Xã {i:02d}") for i in range(8)]
    rows += [activity(THAI_THUY, "hoi_nghi", 1, 100, commune=f"Xã {i:02d}") for i in range(5)]
    text = text_of(year_of(rows))
    assert (
        "tổ chức 13 hội nghị tuyên truyền về phòng, chống mua bán người cho 1.300 lượt người dân "
        "tại 13 xã thuộc 2 huyện."
    ) in text


def test_a_title_typed_with_its_quotes_is_quoted_once():
    rows = [publication(QUYNH_PHU, "“Cảnh giác với việc làm lương cao”", "tờ gấp", 800)]
    rows.append(publication(THAI_THUY, '"Sổ tay tuyên truyền"', "cuốn", 50))
    text = text_of(year_of(rows))
    assert (
        "phát hành 800 tờ gấp “Cảnh giác với việc làm lương cao”, 50 cuốn “Sổ tay tuyên truyền”."
        in text
    )


@pytest.mark.parametrize(
    ("ratio", "text"),
    [(0.125, "12,5%"), (0.5, "50%"), (1 / 6, "16,7%"), (0.001, "0,1%"), (0.0002, "dưới 0,1%"),
     (0.055, "5,5%"), (1.0, "100%")],
)  # fmt: skip
def test_rate_has_one_decimal_at_most_and_a_decimal_comma(ratio, text):
    from reportgen.vietnamese import rate

    assert rate(ratio) == text


@pytest.mark.parametrize(
    ("now", "before", "text"),
    [(10, 4, "2,5"), (12, 4, "3"), (9, 4, "2,3"), (211, 4, "hơn 52"), (20, 1, "20"),
     (1519, 100, "hơn 15"), (3001, 1000, "hơn 3")],
)  # fmt: skip
def test_times_says_how_many_times(now, before, text):
    from reportgen.vietnamese import times

    assert times(now, before) == text


def test_in_the_pdf_the_byline_never_stands_alone_on_a_page():
    """A spacer pushes the closing paragraph to the foot of page 1, height after height."""
    import io

    from pypdf import PdfReader
    from weasyprint import HTML

    data = aggregate(year_of(), CATALOG, REGISTRY.province_for(YEAR), SETTINGS, YEAR)
    page = render_html(data, template_dirs())
    style = page[page.index("<style>") : page.index("</style>") + len("</style>")]
    closing = page[page.index('<div class="ket-bai">') : page.index("</article>")]
    for height in range(840, 1000, 20):
        pdf = HTML(
            string=f'<html lang="vi"><head>{style}</head><body><article>'
            f'<div style="height: {height}px"></div>{closing}</article></body></html>'
        ).write_pdf()
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
        with_byline = [t for t in pages if "Phương Thảo" in t]
        assert len(with_byline) == 1 and "Trong thời gian tới" in with_byline[0], height
