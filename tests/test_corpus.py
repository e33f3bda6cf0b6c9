"""The corpus of workbooks staff really send (tests/corpus/files): each gives its exact problems.

Every bad file is a spoiled copy of Tiền Hải's 2018 workbook, made by openpyxl or saved by
LibreOffice (.xls, .ods, re-saved .xlsx) — see tests/corpus/make_corpus.py, which regenerates
them. Each test puts one file into a copy of the 2018 data in place of Tiền Hải's own workbook
(or beside it) and runs the real check; the problems are compared whole: severity, file, sheet,
cell, value seen, rule and the Vietnamese message, written out literally.
"""

import shutil
from pathlib import Path

import pytest

from reportgen.declared.catalog import load_catalog
from reportgen.pipeline import check_year
from reportgen.problems import Problem
from tests.conftest import ROOT, run

FILES = ROOT / "tests/corpus/files"
OWN = "342-tien-hai-2018.xlsx"
INFO, INDICATORS, ACTIVITIES, PUBLICATIONS = "Thông tin", "Chỉ tiêu", "Hoạt động", "Ấn phẩm"
MISSING = object()  # stands for "Tiền Hải has no workbook", whose message names the folder

FORMULA_NO_VALUE = (
    "ô có công thức nhưng chưa có kết quả được lưu (tệp do một chương trình không tính công "
    "thức tạo ra) — hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại."
)
BLANK_NUMBER = "chưa nhập — hãy nhập số (không có thì nhập 0)."
NOT_A_WORKBOOK = (
    "tệp không phải là bảng tính Excel hoặc đã bị hỏng — hãy mở bằng Excel hoặc "
    "LibreOffice và lưu lại dưới dạng .xlsx."
)
UNREADABLE = (
    "không đọc được tệp (tệp hỏng, có mật khẩu hoặc không phải bảng tính) — hãy mở bằng "
    "Excel hoặc LibreOffice, bỏ mật khẩu nếu có, rồi lưu lại dưới dạng .xlsx."
)
PASSWORD = (
    "tệp có mật khẩu nên không đọc được — hãy mở bằng Excel hoặc LibreOffice, bỏ mật khẩu "
    "rồi lưu lại và gửi lại tệp."
)
MISSING_COLUMN = (
    'thiếu cột "Số lớp/buổi" ở dòng tiêu đề — hãy đổi tên cột lại đúng như trong mẫu, hoặc xin '
    "Ban chỉ đạo 138 tỉnh gửi mẫu mới."
)
MERGED = (
    "ô số này nằm trong vùng gộp ô C2:C3, nên không rõ số thuộc dòng nào — hãy bỏ gộp ô "
    "và nhập số vào từng ô."
)


def tcvn3(text: str) -> str:
    return (
        f'chữ được gõ bằng bảng mã cũ TCVN3 (phông .VnTime), đã đọc là "{text}" — nên gõ lại '
        "bằng bảng mã Unicode."
    )


def vni(text: str) -> str:
    return (
        f'chữ được gõ bằng bảng mã cũ VNI (phông VNI-Times), đã đọc là "{text}" — nên gõ lại '
        "bằng bảng mã Unicode."
    )


def error(sheet, cell, value, rule, message, unit="342"):
    return ("lỗi", sheet, cell, value, rule, message, unit)


def warning(sheet, cell, value, rule, message, unit="342"):
    return ("cảnh báo", sheet, cell, value, rule, message, unit)


def unreadable(message):
    return [error("", "", "", "unreadable", message, unit=""), MISSING]


# file name -> the problems it gives (its own file name is implied).
BAD = {
    "01-chu-thay-so.xlsx": [
        error(
            INDICATORS,
            "D6",
            "ba mươi",
            "not_a_number",
            '"ba mươi" không phải là số — hãy nhập số nguyên ≥ 0.',
        ),
    ],
    "02-so-thap-phan-dang-chu.xlsx": [
        error(
            INDICATORS,
            "D6",
            "12,5",
            "not_whole",
            '"12,5" không phải là số nguyên — hãy nhập số nguyên ≥ 0.',
        ),
    ],
    "03-so-thap-phan.xlsx": [
        error(
            INDICATORS,
            "D6",
            "2,5",
            "not_whole",
            '"2,5" không phải là số nguyên — hãy nhập số nguyên ≥ 0.',
        ),
    ],
    "04-so-am.xlsx": [
        error(INDICATORS, "D6", "-3", "negative", '"-3" là số âm — hãy nhập số nguyên ≥ 0.'),
    ],
    "05-so-am-dang-chu.xlsx": [
        error(INDICATORS, "D6", "-3", "negative", '"-3" là số âm — hãy nhập số nguyên ≥ 0.'),
    ],
    "06-o-so-trong.xlsx": [error(INDICATORS, "D6", "", "blank", BLANK_NUMBER)],
    "07-so-dang-chu-dau-cham.xlsx": [
        warning(
            INDICATORS,
            "D6",
            "1.519",
            "number_as_text",
            '"1.519" được nhập dưới dạng chữ, đã đọc là 1.519 — nên nhập lại dạng số.',
        ),
    ],
    "08-so-dang-chu-dau-cach.xlsx": [
        warning(
            INDICATORS,
            "D6",
            "19 500",
            "number_as_text",
            '"19 500" được nhập dưới dạng chữ, đã đọc là 19.500 — nên nhập lại dạng số.',
        ),
    ],
    "09-so-dang-chu-khoang-trang.xlsx": [
        warning(
            INDICATORS,
            "D6",
            "12",
            "number_as_text",
            '"12" được nhập dưới dạng chữ, đã đọc là 12 — nên nhập lại dạng số.',
        ),
    ],
    "10-dau-phay-ngan-nghin.xlsx": [
        error(
            INDICATORS,
            "D6",
            "1,519",
            "not_whole",
            '"1,519" không phải là số nguyên — hãy nhập số nguyên ≥ 0.',
        ),
    ],
    "11-vuot-muc-toi-da.xlsx": [
        error(
            INDICATORS,
            "D6",
            "2000000",
            "above_max",
            '"2000000" lớn hơn mức tối đa 1000000 của chỉ tiêu này — hãy kiểm tra lại.',
        ),
    ],
    "12-ngay-thay-so.xlsx": [
        error(
            INDICATORS,
            "D6",
            "01/05/2018",
            "date_formatted",
            '"01/05/2018" là ngày tháng, không phải là số — hãy nhập số nguyên ≥ 0. Nếu đã gõ số '
            "mà ô hiện thành ngày, hãy chọn Định dạng ô → Số (Format Cells → Number).",
        ),
    ],
    "13-dung-sai-thay-so.xlsx": [
        error(
            INDICATORS,
            "D6",
            "TRUE",
            "not_a_number",
            '"TRUE" không phải là số — hãy nhập số nguyên ≥ 0.',
        ),
    ],
    "14-cong-thuc-chua-tinh.xlsx": [
        error(INDICATORS, "D6", "", "formula_no_value", FORMULA_NO_VALUE),
    ],
    "15-cong-thuc-loi-libreoffice.xlsx": [
        error(
            INDICATORS,
            "D6",
            "#DIV/0!",
            "formula_error",
            'công thức cho kết quả lỗi "#DIV/0!" — hãy sửa công thức hoặc nhập số.',
        ),
    ],
    "16-dong-cong-thuc-chua-tinh.xlsx": [
        error(PUBLICATIONS, "A4", "", "formula_no_value", FORMULA_NO_VALUE),
        error(PUBLICATIONS, "B4", "", "formula_no_value", FORMULA_NO_VALUE),
        error(PUBLICATIONS, "C4", "", "formula_no_value", FORMULA_NO_VALUE),
    ],
    "17-ten-don-vi-sai.xlsx": [
        error(
            INFO,
            "B2",
            "Tiền Hảii",
            "unit_unknown",
            '"Tiền Hảii" không phải là đơn vị báo cáo của năm 2018. Có phải "Tiền Hải"?',
            unit="",
        ),
        MISSING,
    ],
    "18-ten-ma-don-vi-khac-nhau.xlsx": [
        error(
            INFO,
            "B2",
            "Huyện Tiền Hải",
            "unit_mismatch",
            "tên đơn vị không khớp với mã đơn vị 336 (thành phố Thái Bình) — hãy sửa tên "
            "hoặc mã cho đúng.",
            unit="",
        ),
        MISSING,
    ],
    "19-don-vi-trong.xlsx": [
        error(INFO, "B2", "", "unit_blank", "chưa nhập tên đơn vị báo cáo.", unit=""),
        MISSING,
    ],
    "20-nam-khac.xlsx": [
        error(
            INFO,
            "B4",
            "2017",
            "year_mismatch",
            'năm báo cáo "2017" không khớp với thư mục 2018 — hãy nhập 2018 hoặc chuyển tệp '
            "sang đúng thư mục.",
        ),
    ],
    "21-nam-trong.xlsx": [
        error(INFO, "B4", "", "blank", "chưa nhập năm báo cáo — hãy nhập 2018."),
    ],
    "22-thieu-trang.xlsx": [
        error(
            PUBLICATIONS,
            "",
            "",
            "missing_sheet",
            "không có trang này trong tệp — hãy đổi tên trang lại cho đúng, hoặc xin Ban chỉ đạo "
            "138 tỉnh gửi mẫu mới.",
        ),
    ],
    "23-thieu-cot.xlsx": [error(ACTIVITIES, "", "", "missing_column", MISSING_COLUMN)],
    "24-cot-trung-ten.xlsx": [
        error(
            PUBLICATIONS,
            "D1",
            "Số lượng",
            "duplicate_column",
            'cột "Số lượng" có hai lần (ô C1 và ô này) — chỉ cột ở ô C1 được đọc; hãy xóa '
            "hoặc đổi tên một trong hai cột.",
        ),
    ],
    "25-trang-trung-ten.xlsx": [
        error(
            "chi tieu",
            "",
            "",
            "duplicate_sheet",
            'trang "chi tieu" trùng tên với trang "Chỉ tiêu" — chỉ trang "Chỉ tiêu" được đọc; '
            "hãy xóa hoặc đổi tên một trong hai trang.",
        ),
    ],
    "26-ma-chi-tieu-la.xlsx": [
        warning(
            INDICATORS,
            "A2",
            "vu_an_moi",
            "unknown_code",
            'mã chỉ tiêu "vu_an_moi" không có trong danh mục; dòng này bị bỏ qua.',
        ),
    ],
    "27-chi-tieu-hai-dong.xlsx": [
        error(
            INDICATORS,
            "",
            "",
            "missing_indicator",
            'thiếu dòng chỉ tiêu kiem_tra_co_so_kinh_doanh ("Số lượt kiểm tra cơ sở kinh doanh '
            'có điều kiện về an ninh trật tự") — hãy dùng mẫu mới nhất.',
        ),
        error(
            INDICATORS,
            "D7",
            "79",
            "duplicate_code",
            "chỉ tiêu nguoi_nuoc_ngoai_tam_tru đã có ở ô D6 — hãy xóa một trong hai dòng.",
        ),
    ],
    "28-thieu-dong-nam.xlsx": [
        error(
            INFO,
            "",
            "",
            "missing_field",
            'không tìm thấy dòng "Năm báo cáo" ở cột A — hãy dùng mẫu do Ban chỉ đạo 138 tỉnh '
            "gửi, không xóa hay đổi tên các dòng của trang này.",
        ),
    ],
    "29-gop-o-so.xlsx": [error(PUBLICATIONS, "C3", "300", "merged_number", MERGED)],
    "30-loai-hoat-dong-la.xlsx": [
        error(
            ACTIVITIES,
            "A2",
            "Lớp tập huấn kỹ năng",
            "unknown_choice",
            '"Lớp tập huấn kỹ năng" không có trong danh sách — hãy chọn một trong: '
            '"Lớp tập huấn", "Buổi nói chuyện chuyên đề", "Lớp chuyên đề", '
            '"Hội nghị tuyên truyền".',
        ),
    ],
    "31-so-buoi-bang-0.xlsx": [
        error(ACTIVITIES, "D2", "0", "below_min", '"0" nhỏ hơn 1 — hãy nhập số nguyên ≥ 1.'),
    ],
    "32-o-chu-bat-buoc-trong.xlsx": [
        error(ACTIVITIES, "C2", "", "blank", "chưa nhập — ô này bắt buộc."),
    ],
    "33-xa-cua-don-vi-khac.xlsx": [
        warning(
            ACTIVITIES,
            "F2",
            "Phú Xuân",
            "unknown_commune",
            '"Phú Xuân" không có trong danh mục xã, phường, thị trấn của huyện Tiền Hải — '
            "hãy kiểm tra lại tên.",
        ),
    ],
    "34-tcvn3-ten-don-vi.xlsx": [
        warning(INFO, "B2", "HuyÖn TiÒn H¶i", "legacy_tcvn3", tcvn3("Huyện Tiền Hải")),
    ],
    "35-tcvn3-chu-hoa.xlsx": [
        warning(ACTIVITIES, "C2", "PHô N÷", "legacy_tcvn3", tcvn3("PHỤ NỮ")),
    ],
    "36-vni-noi-dung.xlsx": [
        warning(
            ACTIVITIES,
            "B2",
            "phoøng, choáng mua baùn ngöôøi",
            "legacy_vni",
            vni("phòng, chống mua bán người"),
        ),
    ],
    "37-vni-ten-xa.xlsx": [
        warning(ACTIVITIES, "F2", "Taây Giang", "legacy_vni", vni("Tây Giang")),
    ],
    "38-luot-lon-hon-tong.xlsx": [
        error(
            INDICATORS,
            "D3",
            "20",
            "pbgdpl_luot_le_tong",
            "số lượt được phổ biến giáo dục pháp luật không thể lớn hơn tổng số lượt thuộc "
            "diện phổ biến, nhưng ô D3 là 20, ô D4 là 14 — hãy kiểm tra lại.",
        ),
    ],
    "39-nguoi-it-hon-buoi.xlsx": [
        error(
            ACTIVITIES,
            "E2",
            "3",
            "nguoi_tham_du_ge_so_buoi",
            "số người tham dự không thể nhỏ hơn số lớp/buổi, nhưng ô E2 là 3, ô D2 là 5 — "
            "hãy kiểm tra lại.",
        ),
    ],
    "40-ho-tro-nhieu-hon-tiep-nhan.xlsx": [
        warning(
            INDICATORS,
            "D16",
            "2",
            "nan_nhan_ho_tro_le_tiep_nhan",
            "số nạn nhân được hỗ trợ thường không lớn hơn số nạn nhân được tiếp nhận, "
            "nhưng ô D16 là 2, ô D14 là 0 — hãy kiểm tra lại.",
        ),
    ],
    "41-tep-rac.xlsx": unreadable(NOT_A_WORKBOOK),
    "42-tep-rong.xlsx": unreadable(NOT_A_WORKBOOK),
    "43-zip-khong-phai-bang-tinh.xlsx": unreadable(UNREADABLE),
    "44-co-mat-khau.xlsx": unreadable(PASSWORD),
    "45-xls-hong.xls": unreadable(UNREADABLE),
    "46-xls-chu-thay-so.xls": [
        error(
            INDICATORS,
            "D6",
            "ba mươi",
            "not_a_number",
            '"ba mươi" không phải là số — hãy nhập số nguyên ≥ 0.',
        ),
    ],
    "47-ods-so-am.ods": [
        error(INDICATORS, "D6", "-3", "negative", '"-3" là số âm — hãy nhập số nguyên ≥ 0.'),
    ],
    "48-ods-tcvn3.ods": [
        warning(
            ACTIVITIES,
            "B2",
            "phßng, chèng mua b¸n ng\xadêi",
            "legacy_tcvn3",
            tcvn3("phòng, chống mua bán người"),
        ),
    ],
    "49-xls-thieu-cot.xls": [error(ACTIVITIES, "", "", "missing_column", MISSING_COLUMN)],
    "50-libreoffice-so-dang-chu.xlsx": [
        warning(
            INDICATORS,
            "D6",
            "1.519",
            "number_as_text",
            '"1.519" được nhập dưới dạng chữ, đã đọc là 1.519 — nên nhập lại dạng số.',
        ),
    ],
    "51-xls-gop-o-so.xls": [error(PUBLICATIONS, "C3", "300", "merged_number", MERGED)],
    "54-ods-gop-o-so.ods": [error(PUBLICATIONS, "C3", "300", "merged_number", MERGED)],
    "55-ods-cong-thuc-loi.ods": [
        error(
            INDICATORS,
            "D6",
            "#DIV/0!",
            "formula_error",
            'công thức cho kết quả lỗi "#DIV/0!" — hãy sửa công thức hoặc nhập số.',
        ),
    ],
    # --- issue 14: mistakes that used to get through ---
    "56-dong-tong-cong-libreoffice.xlsx": [
        error(
            PUBLICATIONS,
            "A4",
            "Tổng cộng",
            "total_row",
            'dòng 4 là dòng tổng ("Tổng cộng") — hãy xóa dòng này: chương trình tự cộng các '
            "dòng, để dòng tổng lại thì số liệu bị tính hai lần.",
        ),
    ],
    "57-dong-cong-hoat-dong.xlsx": [
        error(
            ACTIVITIES,
            "A3",
            "Cộng",
            "total_row",
            'dòng 3 là dòng tổng ("Cộng") — hãy xóa dòng này: chương trình tự cộng các dòng, '
            "để dòng tổng lại thì số liệu bị tính hai lần.",
        ),
    ],
    "58-dong-tong-chi-cong-thuc.xlsx": [
        error(
            PUBLICATIONS,
            "C4",
            "=SUM(C2:C3)",
            "total_formula",
            'dòng 4 là dòng tổng (công thức "=SUM(C2:C3)" cộng các ô trong cột) — hãy xóa dòng '
            "này: chương trình tự cộng các dòng, để dòng tổng lại thì số liệu bị tính hai lần.",
        ),
    ],
    "59-chi-tieu-khong-ma.xlsx": [
        error(
            INDICATORS,
            "D6",
            "7",
            "value_without_code",
            'dòng 6 có giá trị "7" nhưng không có mã chỉ tiêu ở cột "Mã" — giá trị này không '
            "được tính. Hãy chuyển số vào đúng dòng chỉ tiêu có mã, rồi xóa dòng thêm.",
        ),
    ],
    "60-ten-trang-gan-dung.xlsx": [
        error(
            PUBLICATIONS,
            "",
            "Ấn phẩm 2026",
            "near_sheet",
            'không có trang này trong tệp. Có phải trang "Ấn phẩm 2026"? Hãy đổi tên trang đó '
            'lại thành "Ấn phẩm" (đúng như trong mẫu), rồi gửi lại.',
        ),
    ],
    "61-so-dinh-dang-ngay.xlsx": [
        error(
            INDICATORS,
            "D6",
            "28/01/1900",
            "date_formatted",
            '"28/01/1900": ô đang định dạng ngày — hãy chọn Định dạng ô → Số (Format Cells → '
            "Number) rồi kiểm tra lại số (có lẽ là 28).",
        ),
    ],
    "62-ten-don-vi-chi-co-ten-rieng.xlsx": [
        error(
            INFO,
            "B2",
            "BCĐ 138 Tiền Hải",
            "unit_unknown",
            '"BCĐ 138 Tiền Hải" không phải là đơn vị báo cáo của năm 2018. Có phải '
            '"Huyện Tiền Hải"?',
            unit="",
        ),
        MISSING,
    ],
    "63-dong-vi-du-bi-sua.xlsx": [
        error(
            ACTIVITIES,
            "A3",
            "Ví dụ: Lớp tập huấn",
            "example_edited",
            'dòng 3 là dòng ví dụ (ô đầu bắt đầu bằng "Ví dụ:") nhưng đã bị sửa — nếu là số '
            'liệu thật, hãy xóa chữ "Ví dụ:" ở ô A3; nếu không, hãy xóa cả dòng.',
        ),
    ],
    # A blank sent back unfilled is no submission: one warning, not a "chưa nhập" per cell.
    "52-mau-chua-dien.xlsx": [
        MISSING,
        warning(
            "",
            "",
            "",
            "blank_template",
            "tệp mẫu chưa điền — chưa có số liệu nào nên không tính là đã nộp. Hãy điền rồi gửi "
            "lại, hoặc chuyển tệp này ra khỏi thư mục số liệu.",
        ),
    ],
}
# Files put beside Tiền Hải's own workbook.
BESIDE = {
    "53-ban-sao-cung-don-vi.xlsx": [
        error(
            INFO,
            "",
            "Huyện Tiền Hải",
            "duplicate_unit",
            f"tệp {OWN} cũng là của huyện Tiền Hải — mỗi đơn vị chỉ gửi một tệp; hãy bỏ một "
            "trong hai tệp.",
        ),
    ],
}
IGNORED = ("~$342-tien-hai-2018.xlsx", ".342-tien-hai-2018.xlsx", "ghi-chu.docx")
GOOD = (
    "tot-gop-o-chu.xlsx",
    "tot-bo-cuc-lech.xlsx",
    "tot-cong-thuc-libreoffice.xlsx",
    "tot-xls.xls",
    "tot-ods.ods",
    # issue 14: tested in tests/test_workbook_guides.py
    "tot-ten-don-vi-bcd-138.xlsx",
    "tot-ubnd-khong-ma.xlsx",
    "tot-ten-trang-khong-dau.xlsx",
    "tot-dong-vi-du.xlsx",
)


# What a file with warnings only still gives the report: (what is read, its value).
READ = {
    "07-so-dang-chu-dau-cham.xlsx": (lambda s: s.indicators["nguoi_nuoc_ngoai_tam_tru"], 1519),
    "08-so-dang-chu-dau-cach.xlsx": (lambda s: s.indicators["nguoi_nuoc_ngoai_tam_tru"], 19500),
    "09-so-dang-chu-khoang-trang.xlsx": (lambda s: s.indicators["nguoi_nuoc_ngoai_tam_tru"], 12),
    # The commune is kept as typed, though it is not one of the district's.
    "33-xa-cua-don-vi-khac.xlsx": (
        lambda s: s.rows["activities"][0].values["commune"].name,
        "Phú Xuân",
    ),
}


def check_with(data_dir: Path, name: str, beside: bool = False):
    # One year on its own: the comparison with 2017 has its own tests (test_year_over_year).
    shutil.rmtree(data_dir / "2017")
    folder = data_dir / "2018"
    if not beside:
        (folder / OWN).unlink()
    shutil.copy(FILES / name, folder / name)
    return check_year(2018, data_dir)


def expected(data_dir: Path, name: str, rows) -> list[Problem]:
    found = []
    for row in rows:
        if row is MISSING:
            message = f"Chưa có tệp số liệu của huyện Tiền Hải trong thư mục {data_dir / '2018'}."
            found.append(Problem("lỗi", "", "", "", "", "missing_unit", message, "342"))
        else:
            severity, sheet, cell, value, rule, message, unit = row
            found.append(Problem(severity, name, sheet, cell, value, rule, message, unit))
    return found


def test_the_corpus_holds_at_least_40_bad_inputs_and_nothing_else():
    assert len(BAD) + len(BESIDE) >= 40
    listed = set(BAD) | set(BESIDE) | set(IGNORED) | set(GOOD)
    assert {p.name for p in FILES.iterdir()} == listed
    suffixes = {Path(name).suffix for name in BAD}
    assert {".xlsx", ".xls", ".ods"} <= suffixes


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gives_its_exact_problems(data_dir: Path, name: str):
    result = check_with(data_dir, name)

    assert result.problems == expected(data_dir, name, BAD[name])
    blocked = any(row is MISSING or row[0] == "lỗi" for row in BAD[name])
    assert len(result.submissions) == (7 if blocked else 8)
    # An error keeps Tiền Hải out of the report; with warnings only, this file is its data.
    mine = [s for s in result.submissions if s.unit.code == "342"]
    assert [s.file for s in mine] == ([] if blocked else [name])
    if name in READ:
        read, value = READ[name]
        assert read(mine[0]) == value


@pytest.mark.parametrize("name", sorted(BESIDE))
def test_file_beside_the_units_own_gives_its_exact_problems(data_dir: Path, name: str):
    result = check_with(data_dir, name, beside=True)

    assert result.problems == expected(data_dir, name, BESIDE[name])
    assert len(result.files) == 9
    assert [s for s in result.submissions if s.unit.code == "342"] == []  # neither is used


@pytest.mark.parametrize("name", IGNORED)
def test_lock_hidden_and_other_files_are_ignored(data_dir: Path, name: str):
    result = check_with(data_dir, name, beside=True)

    assert result.problems == []
    assert [p.name for p in result.ignored] == [name]
    assert len(result.submissions) == 8


def test_ignored_files_are_listed_under_verbose(data_dir: Path):
    for name in IGNORED:
        shutil.copy(FILES / name, data_dir / "2018" / name)

    quiet = run("check", "--year", 2018, "--data-dir", data_dir)
    loud = run("-v", "check", "--year", 2018, "--data-dir", data_dir)

    assert quiet.output == (
        "Bảng kiểm tra: out/2018/kiem-tra-2018.xlsx; tệp gửi từng đơn vị: out/2018/gui-don-vi\n"
        "Đã nộp, không có lỗi: 8 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
        "Không có lỗi, không có cảnh báo trong 8 tệp.\n"
    )
    assert loud.exit_code == 0
    assert "Bỏ qua tệp ẩn: .342-tien-hai-2018.xlsx\n" in loud.output
    assert "Bỏ qua tệp khóa của Excel/LibreOffice: ~$342-tien-hai-2018.xlsx\n" in loud.output
    assert "Bỏ qua tệp không phải bảng tính: ghi-chu.docx\n" in loud.output


def _own(data_dir: Path):
    """Return Tiền Hải's submission from the untouched sample, to compare with."""
    result = check_year(2018, data_dir)
    return next(s for s in result.submissions if s.unit.code == "342")


@pytest.mark.parametrize("name", ["tot-xls.xls", "tot-ods.ods"])
def test_xls_and_ods_saved_by_libreoffice_read_like_the_xlsx(data_dir: Path, name: str):
    reference = _own(data_dir)
    result = check_with(data_dir, name)

    assert result.problems == []
    mine = next(s for s in result.submissions if s.unit.code == "342")
    assert mine.file == name
    assert mine.indicators == reference.indicators
    assert mine.prepared_on == reference.prepared_on == "26/11/2018"
    for key, rows in reference.rows.items():
        assert [r.values for r in mine.rows[key]] == [r.values for r in rows]


def test_formulas_saved_by_libreoffice_are_read_as_their_results(data_dir: Path):
    result = check_with(data_dir, "tot-cong-thuc-libreoffice.xlsx")

    assert result.problems == []
    mine = next(s for s in result.submissions if s.unit.code == "342")
    assert (mine.indicators["pbgdpl_luot"], mine.indicators["pbgdpl_tong"]) == (10, 14)


def test_merged_text_cells_apply_to_every_row_they_span(data_dir: Path):
    result = check_with(data_dir, "tot-gop-o-chu.xlsx")

    assert result.problems == []
    mine = next(s for s in result.submissions if s.unit.code == "342")
    activities = mine.rows["activities"]
    assert [a.values["type"].code for a in activities] == ["chuyen_de", "chuyen_de"]
    assert [a.values["participants"] for a in activities] == [100, 60]
    assert activities[1].values["commune"].name == "Nam Hà"


def test_title_rows_blank_rows_extra_columns_and_header_typos_are_tolerated(data_dir: Path):
    result = check_with(data_dir, "tot-bo-cuc-lech.xlsx")

    assert result.problems == []
    mine = next(s for s in result.submissions if s.unit.code == "342")
    rows = mine.rows["publications"]
    assert [(r.values["measure"], r.values["quantity"], r.row) for r in rows] == [
        ("cuốn", 300, 4),
        ("tờ gấp", 2000, 6),
    ]


def test_every_rule_of_the_corpus_and_the_catalog_is_explained_in_docs():
    explained = (ROOT / "docs/kiem-tra.md").read_text(encoding="utf-8")
    rules = {
        row[4] for rows in (*BAD.values(), *BESIDE.values()) for row in rows if row is not MISSING
    }
    rules |= {"missing_unit", "settings", "no_folder", "legacy_tcvn3", "legacy_vni"}
    rules |= {r.name for r in load_catalog(ROOT / "data").rules}
    assert sorted(r for r in rules if f"`{r}`" not in explained) == []
