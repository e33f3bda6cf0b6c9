"""Issue 15, the rest: the offence of each case and the tin báo received (fields added in 2025,
dated in catalog.toml so that older workbooks still check clean), full place names in the
official form, and check messages that read as plain Vietnamese."""

import datetime as dt
import html
import io
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.blank_workbook import blank_workbook
from reportgen.checks.records import Row, Submission, unit_place
from reportgen.declared.catalog import load_catalog
from reportgen.declared.settings import ReportSettings
from reportgen.declared.units import load_registry
from reportgen.report.aggregate import aggregate
from reportgen.report.document import render_report
from reportgen.report.render import template_dirs
from tests.conftest import DATA, run
from tests.fill import fill_workbook
from tests.sample_hung_yen import EXAMPLES
from tests.samples import CODES

CATALOG = load_catalog(DATA)
REGISTRY = load_registry(DATA)
D150, D151, KHAC = "Điều 150 (Mua bán người)", "Điều 151 (Mua bán người dưới 16 tuổi)", "Khác"


def _text(page: str) -> str:
    """Return a page's visible text on one line: no style, no svg, no tags."""
    page = re.sub(r"<(style|svg)\b.*?</\1>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", page))).strip()


def _build(tmp: Path, year: int, *options) -> str:
    result = run("build", "--year", year, "--data-dir", EXAMPLES, "--out-dir", tmp,
                 "--format", "html", *options)  # fmt: skip
    assert result.exit_code == 0, result.output
    [page] = tmp.glob("*.html")
    return _text(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hung_yen(tmp_path_factory) -> dict[str, str]:
    """The Hưng Yên sample's 2025 and 2026 articles and its 2026 official report, as text."""
    return {
        "2025": _build(tmp_path_factory.mktemp("a2025"), 2025),
        "2026": _build(tmp_path_factory.mktemp("a2026"), 2026),
        "2026 official": _build(tmp_path_factory.mktemp("o2026"), 2026, "--style", "official"),
    }


# --- the offence in the cases paragraph ---


def test_cases_of_one_offence_name_it_after_the_count(hung_yen):
    assert (
        "Năm 2025, các lực lượng chức năng đã phát hiện, xử lý 03 vụ/05 đối tượng về tội Mua bán "
        "người (Điều 150 Bộ luật Hình sự), xác định 04 nạn nhân bị mua bán. Các vụ việc xảy ra "
        "tại xã Hưng Hà, phường Phố Hiến, xã Thái Thụy;"
    ) in hung_yen["2025"]


def test_cases_of_several_offences_are_counted_offence_by_offence(hung_yen):
    assert (
        "Năm 2026, các lực lượng chức năng đã phát hiện, xử lý 05 vụ/09 đối tượng mua bán người, "
        "xác định 07 nạn nhân bị mua bán; so với năm 2025, tăng 02 vụ (66,7%), 04 đối tượng (80%). "
        "Trong đó, 04 vụ về tội Mua bán người (Điều 150 Bộ luật Hình sự), 01 vụ về tội Mua bán "
        "người dưới 16 tuổi (Điều 151 Bộ luật Hình sự). Các vụ việc xảy ra tại phường Phố Hiến, "
        "phường Thái Bình, xã Tiền Hải, xã Vũ Quý;"
    ) in hung_yen["2026"]


def test_the_tin_bao_received_are_said_and_compared_with_the_year_before(hung_yen):
    assert (
        "kịp thời. Trong năm, các cơ quan chức năng đã tiếp nhận 15 tin báo, tố giác về tội phạm "
        "mua bán người. Năm 2025, các lực lượng chức năng"
    ) in hung_yen["2025"]  # no data/2024 in the sample: nothing to compare with
    assert (
        "Trong năm, các cơ quan chức năng đã tiếp nhận 13 tin báo, tố giác về tội phạm mua bán "
        "người, giảm 02 tin (13,3%) so với năm 2025."
    ) in hung_yen["2026"]


YEAR = 2026
UNITS = REGISTRY.units_for(YEAR)
OFFENCES = {c.label: c for c in CATALOG.choices("offences")}
STAGES = {c.code: c for c in CATALOG.choices("case_stages")}


def _case(unit, offence: str, route: str = "") -> tuple:
    values = {
        "summary": "Vụ việc",
        "route": route,
        "offenders": 1,
        "victims": 1,
        "stage": STAGES["khoi_to"],
        "offence": OFFENCES[offence],
        "commune": unit_place(unit),
    }
    return unit.code, Row(values, "f.xlsx", "Vụ án", 4)


def _article_2026(cases=(), **indicators) -> str:
    """Render the 2026 article (HTML only) from Hưng Yên units that send only these cases."""
    subs = {u.code: Submission("f.xlsx", u, YEAR, "", "") for u in UNITS}
    for code, row in cases:
        subs[code].rows.setdefault("cases", []).append(row)
    subs[UNITS[0].code].indicators.update(indicators)
    settings = ReportSettings(dt.date(YEAR, 12, 5), "")
    data = aggregate(list(subs.values()), CATALOG, REGISTRY.province_for(YEAR), settings, YEAR)
    return _text(render_report(data, CATALOG, template_dirs(None), appendix=False).html)


def test_cases_all_of_another_offence_name_no_offence():
    text = _article_2026([_case(UNITS[0], KHAC), _case(UNITS[1], KHAC)], tin_bao_to_giac=2)
    assert "xử lý 02 vụ/02 đối tượng mua bán người, xác định 02 nạn nhân bị mua bán." in text
    assert "tội danh khác" not in text and "Trong đó" not in text


def test_an_offence_and_another_offence_are_each_counted():
    text = _article_2026([_case(UNITS[0], D150, "Lào"), _case(UNITS[1], KHAC, "Lào")])
    assert (
        "Trong đó, 01 vụ về tội Mua bán người (Điều 150 Bộ luật Hình sự), 01 vụ về tội danh khác. "
        "Các vụ việc xảy ra tại phường Phố Hiến, xã Tân Hưng."
    ) in text


def test_no_tin_bao_received_is_said_in_words():
    text = _article_2026(tin_bao_to_giac=0)
    assert (
        "Trong năm, các cơ quan chức năng chưa tiếp nhận tin báo, tố giác nào về tội phạm mua bán "
        "người."
    ) in text
    assert "00 tin" not in text and "0 tin" not in text


def test_years_before_2025_say_nothing_of_offences_or_tin_bao(built_2018):
    text = _text((built_2018 / "ket-qua-phong-chong-mua-ban-nguoi-2018.html").read_text("utf-8"))
    assert "tin báo, tố giác về tội phạm mua bán người" not in text
    assert "Điều 150" not in text and "Bộ luật Hình sự" not in text


# --- the workbook: the blank, the check ---


def _vu_quy_data(tmp_path: Path) -> Path:
    """A province of one commune (Vũ Quý, 2025 on), with the shipped catalog."""
    data = tmp_path / "data"
    (data / "units").mkdir(parents=True)
    shutil.copy(DATA / "catalog.toml", data / "catalog.toml")
    (data / "units/mot-xa.csv").write_text("ma_xa,ten_xa,loai_xa\n13141,Vũ Quý,xã\n", "utf-8")
    (data / "units.toml").write_text(
        '[[province]]\nname = "Hưng Yên"\ncommittee = "Ban chỉ đạo 138 tỉnh Hưng Yên"\n'
        'committee_short = "Ban chỉ đạo 138 của tỉnh"\n'
        'local_committees = "Ban chỉ đạo 138 các xã, phường"\nfrom = 2025\n'
        '[[unit_lists]]\nfile = "units/mot-xa.csv"\nfrom = 2025\nlevel = "xã"\n',
        encoding="utf-8",
    )
    (data / "2026").mkdir()
    (data / "2026/bao-cao.toml").write_text("date = 2026-12-05\n", encoding="utf-8")
    return data


def _vu_quy_blank(data: Path) -> bytes:
    [unit] = load_registry(data).units_for(YEAR)
    return blank_workbook(unit, YEAR, load_catalog(data), ())


def test_the_2026_blank_offers_the_offences_in_a_drop_down_with_a_prompt(tmp_path: Path):
    wb = load_workbook(io.BytesIO(_vu_quy_blank(_vu_quy_data(tmp_path))))
    ws = wb["Vụ án"]
    assert ws["F2"].value == "Tội danh"
    [dv] = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == "F3:F502"]
    assert dv.formula1 == '"Điều 150 (Mua bán người),Điều 151 (Mua bán người dưới 16 tuổi),Khác"'
    assert dv.prompt == "Tội danh: bấm mũi tên bên phải ô để chọn."
    assert dv.error == (
        "Hãy chọn một mục trong danh sách (bấm mũi tên bên phải ô): Điều 150 (Mua bán người), "
        "Điều 151 (Mua bán người dưới 16 tuổi), Khác."
    )
    codes = [row[0].value for row in wb["Chỉ tiêu"].iter_rows(min_row=2)]
    assert "tin_bao_to_giac" in codes


def test_a_2024_blank_has_neither_field():
    [unit] = [u for u in REGISTRY.units_for(2024) if u.code == "344"]
    wb = load_workbook(io.BytesIO(blank_workbook(unit, 2024, CATALOG, ())))
    assert [c.value for c in wb["Vụ án"][2]] == [
        "Tóm tắt vụ việc", "Xã/phường/thị trấn", "Tuyến (nước đến)", "Số đối tượng",
        "Số nạn nhân", "Giai đoạn",
    ]  # fmt: skip
    assert "tin_bao_to_giac" not in [row[0].value for row in wb["Chỉ tiêu"].iter_rows()]


def _check_2026(data: Path, workbook: bytes):
    (data / "2026/13141-vu-quy-2026.xlsx").write_bytes(workbook)
    return run("check", "--year", YEAR, "--data-dir", data, "--out-dir", data.parent / "out")


def test_an_offence_not_in_the_list_is_refused_at_its_cell(tmp_path: Path):
    data = _vu_quy_data(tmp_path)
    case = ["Lừa 01 phụ nữ sang Trung Quốc", "Trung Quốc", 1, 1, "Đã khởi tố", "Điều 999"]
    filled = fill_workbook(_vu_quy_blank(data), dict.fromkeys(CODES, 1), {"Vụ án": [case]})
    result = _check_2026(data, filled)
    assert result.exit_code == 1
    assert result.output.startswith(
        "Xã Vũ Quý:\n"
        '  [lỗi] 13141-vu-quy-2026.xlsx, trang "Vụ án", ô F4: "Điều 999" không có trong danh '
        'sách — hãy chọn một trong: "Điều 150 (Mua bán người)", "Điều 151 (Mua bán người dưới 16 '
        'tuổi)", "Khác".\n'
        "Bảng kiểm tra:"
    )


def test_a_2026_workbook_without_the_offence_column_is_told_to_use_the_new_blank(tmp_path):
    data = _vu_quy_data(tmp_path)
    case = ["Lừa 01 phụ nữ sang Trung Quốc", "Trung Quốc", 1, 1, "Đã khởi tố", D150]
    filled = fill_workbook(_vu_quy_blank(data), dict.fromkeys(CODES, 0), {"Vụ án": [case]})
    wb = load_workbook(io.BytesIO(filled))
    wb["Vụ án"].delete_cols(6)  # a workbook made from a blank of before 2025
    buffer = io.BytesIO()
    wb.save(buffer)
    result = _check_2026(data, buffer.getvalue())
    assert result.exit_code == 1
    # Only the column it lacks: a commune-level unit's blank never had a commune column.
    assert result.output.startswith(
        "Xã Vũ Quý:\n"
        '  [lỗi] 13141-vu-quy-2026.xlsx, trang "Vụ án": thiếu cột "Tội danh" ở dòng tiêu đề — '
        "hãy đổi tên cột lại đúng như trong mẫu, hoặc xin Ban chỉ đạo 138 tỉnh gửi mẫu mới.\n"
        "Bảng kiểm tra:"
    )


@pytest.mark.parametrize(
    ("year", "period", "files"),
    [(2017, "nam", 8), (2018, "nam", 8), (2019, "nam", 8), (2018, "6-thang", 8),
     (2019, "6-thang", 8)],
)  # fmt: skip
def test_workbooks_made_before_the_new_fields_still_check_clean(year, period, files, tmp_path):
    result = run("check", "--year", year, "--period", period, "--data-dir", DATA,
                 "--out-dir", tmp_path / "out")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"Không có lỗi, không có cảnh báo trong {files} tệp.\n")


def test_the_hung_yen_samples_carry_the_new_fields_and_check_clean(tmp_path: Path):
    result = run("check", "--year", 2026, "--data-dir", EXAMPLES, "--out-dir", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("Không có lỗi, không có cảnh báo trong 104 tệp.\n")
    wb = load_workbook(EXAMPLES / "2026/12970-tien-hai-2026.xlsx", read_only=True)
    assert [c.value for c in next(wb["Vụ án"].iter_rows(min_row=4, max_row=4))][-1] == D151


# --- full place names in the official form, the article's shorthand kept ---


def test_the_official_form_names_a_place_with_its_district_in_full(built_official):
    page = (built_official / "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-2018.html").read_text(
        encoding="utf-8"
    )
    text = _text(page)
    assert "tại xã Đông Kinh, huyện Đông Hưng" in text
    assert (
        "tại 3 xã Phú Xuân (thành phố Thái Bình), Quang Bình (huyện Kiến Xương), Tây Giang "
        "(huyện Tiền Hải)"
    ) in text
    assert "Đông Kinh, Đông Hưng" not in text


def test_the_article_keeps_the_shorthand(built_2018):
    text = _text((built_2018 / "ket-qua-phong-chong-mua-ban-nguoi-2018.html").read_text("utf-8"))
    assert "tại xã Đông Kinh, Đông Hưng" in text
    assert "tại 3 xã Phú Xuân (Thành phố), Quang Bình (Kiến Xương), Tây Giang (Tiền Hải)" in text
    assert "huyện Đông Hưng" not in text


def test_from_2025_the_official_form_names_communes_alone_with_their_kind(hung_yen):
    assert (
        "Các vụ việc xảy ra tại phường Phố Hiến, phường Thái Bình, xã Tiền Hải, xã Vũ Quý;"
    ) in hung_yen["2026 official"]
    assert not re.search(r"\bhuyện\b", hung_yen["2026 official"], flags=re.I)


# --- check messages in plain Vietnamese (point 6) ---


def test_check_messages_read_as_sentences_with_units_lower_case_in_running_text(data_dir):
    path = data_dir / "2019/336-thai-binh-2019.xlsx"
    wb = load_workbook(path)
    wb["Chỉ tiêu"]["D6"] = 0  # 812 foreigners in 2018
    wb.save(path)
    (data_dir / "2019/344-vu-thu-2019.xlsx").unlink()
    result = run("check", "--year", 2019, "--data-dir", data_dir, "--out-dir", "out")
    assert result.exit_code == 1
    assert (
        "Thành phố Thái Bình:\n"
        '  [cảnh báo] 336-thai-binh-2019.xlsx, trang "Chỉ tiêu", ô D6: 0, năm 2018 là 812 — '
        "giảm hơn 5 lần; hãy kiểm tra lại, nếu đúng thì không cần sửa.\n"
        "Huyện Vũ Thư:\n"
        f"  [lỗi] Chưa có tệp số liệu của huyện Vũ Thư trong thư mục {data_dir / '2019'}.\n"
    ) in result.output
    assert result.output.endswith("1 lỗi, 1 cảnh báo trong 7 tệp.\n")


def test_a_clean_check_says_so_once():
    result = run("check", "--year", 2018, "--data-dir", DATA, "--out-dir", "out")
    assert result.exit_code == 0
    assert "0 lỗi" not in result.output and "Không có lỗi." not in result.output
    assert result.output.endswith("Không có lỗi, không có cảnh báo trong 8 tệp.\n")
