"""The checks a clerk's mistakes run into: each bad input gives one exact, located problem.

Every test copies data/ (fixture `data_dir`), spoils one workbook the way a clerk would
(openpyxl: open, change a cell, save) and runs the real path, check_year(2018, data_dir).
Messages are written out literally so that a change of wording shows up here.
"""

import io
import random
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.checks.cells import parse_count
from reportgen.checks.rule_table import NEGATIVE, NOT_A_NUMBER, NOT_WHOLE, NUMBER_AS_TEXT
from reportgen.inputs.legacy_encoding import TCVN3, from_unicode
from reportgen.pipeline import check_year
from reportgen.problems import Problem
from tests.conftest import run

YEAR = 2018
THAI_BINH = "336-thai-binh-2018.xlsx"
TIEN_HAI = "342-tien-hai-2018.xlsx"
VU_THU = "344-vu-thu-2018.xlsx"
INFO = "Thông tin"
INDICATORS = "Chỉ tiêu"
ACTIVITIES = "Hoạt động"
PUBLICATIONS = "Ấn phẩm"
# In every sample workbook, row 6 of "Chỉ tiêu" is nguoi_nuoc_ngoai_tam_tru (value in D6);
# row 2 of "Hoạt động" in Tiền Hải's is its one activity (type in A2, commune in F2).
FOREIGNERS = "nguoi_nuoc_ngoai_tam_tru"


@pytest.fixture(autouse=True)
def _one_year(data_dir: Path) -> None:
    """Check 2018 on its own: the comparison with 2017 has its own tests."""
    shutil.rmtree(data_dir / "2017")


def edit(data_dir: Path, file: str, sheet: str, changes: dict[str, object]) -> None:
    """Open one workbook of the year with openpyxl, type values into cells, save it."""
    path = data_dir / str(YEAR) / file
    wb = load_workbook(path)
    ws = wb[sheet]
    for ref, value in changes.items():
        ws[ref] = value
    wb.save(path)


def error(file, sheet, cell, value, rule, message, unit="342") -> Problem:
    return Problem("lỗi", file, sheet, cell, value, rule, message, unit)


def problems(result) -> list[Problem]:
    """Return the problems found, in the order the report lists them (unit, file, sheet, cell)."""
    return list(result.problems)


def submission(result, file: str):
    """Return the submission checked from one file, or None."""
    return next((s for s in result.submissions if s.file == file), None)


def missing_unit(data_dir: Path, code: str, name: str) -> Problem:
    folder = data_dir / str(YEAR)
    message = f"Chưa có tệp số liệu của {name} trong thư mục {folder}."
    return error("", "", "", "", "missing_unit", message, code)


# --- the sample data is clean -------------------------------------------------------------


def test_sample_data_has_no_problem(data_dir: Path):
    result = check_year(YEAR, data_dir)

    assert problems(result) == []
    assert len(result.files) == 8
    assert len(result.submissions) == 8
    assert submission(result, TIEN_HAI).indicators[FOREIGNERS] == 136
    assert submission(result, TIEN_HAI).prepared_on == "26/11/2018"


# --- one indicator value, typed wrong -----------------------------------------------------


_PASTED = "Báo cáo tổng hợp " * 2_500  # 42,500 characters pasted into a number cell


# The other wrong values (words, decimals, negatives, blank, above the maximum) are files of
# the corpus: tests/test_corpus.py.
@pytest.mark.parametrize(
    ("typed", "shown", "rule", "message"),
    [
        pytest.param(  # quoted short: 60 characters in the message, 300 in the value column
            _PASTED,
            _PASTED[:299].rstrip() + "…",
            "not_a_number",
            f'"{_PASTED[:59].rstrip()}…" không phải là số — hãy nhập số nguyên ≥ 0.',
            id="very-long-text",
        ),
    ],
)
def test_bad_indicator_value_is_an_error_at_its_cell(data_dir, typed, shown, rule, message):
    edit(data_dir, TIEN_HAI, INDICATORS, {"D6": typed})

    result = check_year(YEAR, data_dir)

    assert problems(result) == [error(TIEN_HAI, INDICATORS, "D6", shown, rule, message)]
    assert submission(result, TIEN_HAI) is None  # an error keeps the unit out of the report
    assert len(result.submissions) == 7


# --- the unit and the year ----------------------------------------------------------------


def test_unknown_unit_name_is_reported_even_when_the_code_is_filled(data_dir: Path):
    edit(data_dir, TIEN_HAI, INFO, {"B2": "Tiền Hảii"})  # code B3 still "342"

    result = check_year(YEAR, data_dir)

    found = [(p.severity, p.file, p.sheet, p.cell, p.rule, p.message) for p in result.problems]
    assert (
        "lỗi",
        TIEN_HAI,
        INFO,
        "B2",
        "unit_mismatch",
        "tên đơn vị không khớp với mã đơn vị 342 (huyện Tiền Hải) — hãy sửa tên hoặc mã cho đúng.",
    ) in found


def test_hint_for_a_misspelt_city_names_the_city(data_dir: Path):
    edit(data_dir, THAI_BINH, INFO, {"B2": "TP Thái Bìnhh", "B3": None})

    result = check_year(YEAR, data_dir)

    [unknown] = [p for p in result.problems if p.rule == "unit_unknown"]
    assert unknown.message == (
        '"TP Thái Bìnhh" không phải là đơn vị báo cáo của năm 2018. Có phải "Thành phố Thái Bình"?'
    )


@pytest.mark.parametrize(
    ("file", "typed", "code"),
    [
        (THAI_BINH, "TP Thái Bình", "336"),
        (THAI_BINH, "TP. Thái Bình", "336"),
        (TIEN_HAI, "H. Tiền Hải", "342"),
        (TIEN_HAI, "tien hai", "342"),
        (TIEN_HAI, "  huyện   TIỀN HẢI ", "342"),
    ],
)
def test_unit_name_spellings_are_accepted_without_a_code(data_dir, file, typed, code):
    edit(data_dir, file, INFO, {"B2": typed, "B3": None})

    result = check_year(YEAR, data_dir)

    assert problems(result) == []
    assert submission(result, file).unit.code == code


def test_unit_code_alone_identifies_the_unit(data_dir: Path):
    edit(data_dir, TIEN_HAI, INFO, {"B2": None})

    result = check_year(YEAR, data_dir)

    assert problems(result) == []
    assert submission(result, TIEN_HAI).unit.code == "342"


# --- the shape of the workbook ------------------------------------------------------------


def test_sheet_and_header_names_are_matched_ignoring_case_and_diacritics(data_dir: Path):
    path = data_dir / str(YEAR) / TIEN_HAI
    wb = load_workbook(path)
    wb[PUBLICATIONS].title = "an pham"
    wb[INDICATORS]["D1"] = "GIA TRI"
    wb.save(path)

    result = check_year(YEAR, data_dir)

    assert problems(result) == []
    assert len(submission(result, TIEN_HAI).rows["publications"]) == 2


def test_missing_value_column_of_indicators_names_only_that_column(data_dir: Path):
    edit(data_dir, TIEN_HAI, INDICATORS, {"D1": "Số liệu"})

    result = check_year(YEAR, data_dir)

    assert problems(result) == [
        error(
            TIEN_HAI,
            INDICATORS,
            "",
            "",
            "missing_column",
            'thiếu cột "Giá trị" ở dòng tiêu đề — hãy đổi tên cột lại đúng như trong mẫu, hoặc '
            "xin Ban chỉ đạo 138 tỉnh gửi mẫu mới.",
        )
    ]


# --- row sheets -----------------------------------------------------------------------------


def test_commune_with_its_prefix_is_found(data_dir: Path):
    edit(data_dir, TIEN_HAI, ACTIVITIES, {"F2": "xã Tây Giang"})

    result = check_year(YEAR, data_dir)

    assert problems(result) == []
    place = submission(result, TIEN_HAI).rows["activities"][0].values["commune"]
    assert (place.name, place.kind) == ("Tây Giang", "xã")


def test_commune_whose_name_starts_like_a_prefix_is_found(data_dir: Path):
    edit(data_dir, TIEN_HAI, ACTIVITIES, {"F2": "Xã Phương Công"})

    result = check_year(YEAR, data_dir)

    assert problems(result) == []
    place = submission(result, TIEN_HAI).rows["activities"][0].values["commune"]
    assert (place.name, place.kind) == ("Phương Công", "xã")


# --- files in the year's folder ---------------------------------------------------------------


def _zip_that_is_not_a_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("ghi-chu.txt", "không phải bảng tính")
    return buffer.getvalue()


NOT_A_WORKBOOK = (
    "tệp không phải là bảng tính Excel hoặc đã bị hỏng — hãy mở bằng Excel hoặc "
    "LibreOffice và lưu lại dưới dạng .xlsx."
)
UNREADABLE = (
    "không đọc được tệp (tệp hỏng, có mật khẩu hoặc không phải bảng tính) — hãy mở bằng "
    "Excel hoặc LibreOffice, bỏ mật khẩu nếu có, rồi lưu lại dưới dạng .xlsx."
)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("x.xlsx", random.Random(0).randbytes(4096), NOT_A_WORKBOOK, id="random"),
        pytest.param("x.xlsx", b"", NOT_A_WORKBOOK, id="empty"),
        pytest.param("x.xlsx", _zip_that_is_not_a_workbook(), UNREADABLE, id="other-zip"),
        pytest.param("x.xls", random.Random(0).randbytes(4096), UNREADABLE, id="xls"),
    ],
)
def test_corrupt_file_is_one_problem_and_the_others_are_still_checked(
    data_dir, name, content, message
):
    (data_dir / str(YEAR) / name).write_bytes(content)
    edit(data_dir, TIEN_HAI, INDICATORS, {"D6": "ba mươi"})

    result = check_year(YEAR, data_dir)

    assert problems(result) == [
        error(name, "", "", "", "unreadable", message, unit=""),  # a file of no unit first
        error(
            TIEN_HAI,
            INDICATORS,
            "D6",
            "ba mươi",
            "not_a_number",
            '"ba mươi" không phải là số — hãy nhập số nguyên ≥ 0.',
        ),
    ]
    assert len(result.files) == 9
    assert len(result.submissions) == 7


def test_missing_settings_file_is_an_error(data_dir: Path):
    (data_dir / str(YEAR) / "bao-cao.toml").unlink()

    result = check_year(YEAR, data_dir)

    assert problems(result) == [
        error(
            "2018/bao-cao.toml",
            "",
            "",
            "",
            "settings",
            'không có tệp này — chạy "make template YEAR=2018" để tạo, rồi điền ngày đăng '
            "và tên tác giả.",
            unit="",
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            'date = "02/12/2018"\nauthor = "Phương Thảo"\n',
            "chưa có ngày đăng hợp lệ — hãy ghi một dòng như: date = 2018-12-02 "
            "(năm-tháng-ngày, không có dấu ngoặc kép).",
            id="date-in-quotes",
        ),
        pytest.param(
            "date = 2018-12-02\nauthor = Phương Thảo\n",
            "tệp viết sai cú pháp, dòng 2, cột 10: giá trị viết sai — chữ phải đặt trong dấu "
            'ngoặc kép, ví dụ author = "Phương Thảo".',
            id="text-without-quotes",  # tomllib's English, said in Vietnamese
        ),
    ],
)
def test_a_mistake_in_the_settings_is_an_error(data_dir: Path, text: str, message: str):
    (data_dir / str(YEAR) / "bao-cao.toml").write_text(text, encoding="utf-8")

    result = check_year(YEAR, data_dir)

    assert problems(result) == [
        error("2018/bao-cao.toml", "", "", "", "settings", message, unit="")
    ]


def test_missing_workbook_is_an_error(data_dir: Path):
    (data_dir / str(YEAR) / VU_THU).unlink()

    result = check_year(YEAR, data_dir)

    assert problems(result) == [missing_unit(data_dir, "344", "huyện Vũ Thư")]
    assert [u.code for u in result.missing] == ["344"]


# --- the command line -------------------------------------------------------------------------


def test_cli_check_exits_0_with_only_a_warning(data_dir: Path):
    edit(data_dir, TIEN_HAI, INDICATORS, {"D6": "1.519"})

    result = run("check", "--year", "2018", "--data-dir", data_dir)

    assert result.exit_code == 0
    assert result.output.endswith("Không có lỗi, 1 cảnh báo trong 8 tệp.\n")


# --- parse_count ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12, (12, None, None)),
        (0, (0, None, None)),
        (12.0, (12, None, None)),
        (2.5, (None, NOT_WHOLE, None)),
        (-3, (None, NEGATIVE, None)),
        (-3.0, (None, NEGATIVE, None)),
        ("19 500", (19500, None, NUMBER_AS_TEXT)),
        ("19\u00a0500", (19500, None, NUMBER_AS_TEXT)),
        (" 12 ", (12, None, NUMBER_AS_TEXT)),
        ("1.519", (1519, None, NUMBER_AS_TEXT)),
        ("1.519.000", (1519000, None, NUMBER_AS_TEXT)),
        ("12,5", (None, NOT_WHOLE, None)),
        ("-3", (None, NEGATIVE, None)),
        ("- 3", (None, NEGATIVE, None)),
        ("-1.519", (None, NEGATIVE, None)),
        ("ba mươi", (None, NOT_A_NUMBER, None)),
        ("1.519 000", (None, NOT_A_NUMBER, None)),
        (True, (None, NOT_A_NUMBER, None)),
        (False, (None, NOT_A_NUMBER, None)),
    ],
    ids=repr,
)
def test_parse_count(value, expected):
    assert parse_count(value) == expected


def test_a_rule_broken_on_a_legacy_named_sheet_points_at_that_sheet(data_dir: Path):
    path = data_dir / str(YEAR) / TIEN_HAI
    wb = load_workbook(path)
    legacy = from_unicode(INDICATORS, TCVN3)  # "ChØ tiªu"
    wb[INDICATORS].title = legacy
    wb[legacy]["D3"], wb[legacy]["D4"] = 50, 40  # pbgdpl_luot > pbgdpl_tong
    wb.save(path)

    result = check_year(YEAR, data_dir)

    assert [(p.file, p.sheet, p.cell, p.rule) for p in result.problems] == [
        (TIEN_HAI, legacy, "D3", "pbgdpl_luot_le_tong")
    ]


def test_sheet_named_in_a_legacy_encoding_is_found(data_dir: Path):
    path = data_dir / str(YEAR) / TIEN_HAI
    wb = load_workbook(path)
    wb[ACTIVITIES].title = "Ho¹t ®éng"  # "Hoạt động" typed with a .VnTime font
    wb.save(path)

    result = check_year(YEAR, data_dir)

    assert problems(result) == []
    assert len(submission(result, TIEN_HAI).rows["activities"]) == 1
