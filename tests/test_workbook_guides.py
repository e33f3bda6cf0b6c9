"""The blank guides the clerk (issue 14, point 4) and the check catches what used to slip
through (point 5): each planted mistake gives its exact, located Vietnamese message.

The blank is read back with openpyxl, as Excel would see it; the checks run the real path,
check_year(2018, data_dir), on a copy of data/ with one workbook spoiled the way a clerk would.
"""

import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.blank_workbook import blank_workbook
from reportgen.declared.catalog import load_catalog
from reportgen.declared.units import load_registry
from reportgen.pipeline import check_year
from reportgen.problems import Problem
from tests.conftest import DATA, ROOT
from tests.fill import fill_workbook

TIEN_HAI = "342-tien-hai-2018.xlsx"
INDICATORS, ACTIVITIES, PUBLICATIONS, CASES = "Chỉ tiêu", "Hoạt động", "Ấn phẩm", "Vụ án"
CORPUS = ROOT / "tests/corpus/files"
VIETNAMESE = set("ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ")


def _blank(code: str, year: int) -> bytes:
    catalog, registry = load_catalog(DATA), load_registry(DATA)
    [unit] = [u for u in registry.units_for(year) if u.code == code]
    return blank_workbook(unit, year, catalog, registry.communes_for(year))


@pytest.fixture(scope="module")
def district():
    """Tiền Hải's 2019 blank: a district, with a commune column and its hidden list."""
    return load_workbook(io.BytesIO(_blank("342", 2019)))


@pytest.fixture(scope="module")
def commune():
    """Xã Vũ Quý's 2026 blank: a commune-level unit, no commune column."""
    return load_workbook(io.BytesIO(_blank("13141", 2026)))


def _is_vietnamese(text: str | None) -> bool:
    return bool(text) and bool(VIETNAMESE & set(text.lower()))


# --- point 4: the blank workbook ----------------------------------------------------------


@pytest.mark.parametrize("book", ["district", "commune"])
def test_every_validation_stops_a_wrong_entry_with_a_vietnamese_message(book, request):
    wb = request.getfixturevalue(book)
    seen = 0
    for ws in wb.worksheets:
        for dv in ws.data_validations.dataValidation:
            seen += 1
            where = f"{ws.title} {dv.sqref}"
            assert dv.showErrorMessage is True, where
            assert dv.errorStyle == "stop", where
            assert _is_vietnamese(dv.errorTitle) and _is_vietnamese(dv.error), where
            assert dv.showInputMessage is True, where
            assert _is_vietnamese(dv.promptTitle) and _is_vietnamese(dv.prompt), where
            # Excel refuses a longer title or text and drops the whole validation.
            assert len(dv.errorTitle) <= 32 and len(dv.promptTitle) <= 32, where
            assert len(dv.error) <= 255 and len(dv.prompt) <= 255, where
    # 11 indicators; activities: type, sessions, participants (+ commune); publications:
    # quantity; cases: offenders, victims, stage (+ commune). Free-text columns have none.
    # The 2026 commune blank has the indicator and the "Tội danh" column added in 2025.
    assert seen == {"district": 11 + 4 + 1 + 4, "commune": 12 + 3 + 1 + 4}[book]


def test_the_row_sheets_validations_say_what_to_type(district):
    texts = {
        str(dv.sqref): (dv.errorTitle, dv.error, dv.promptTitle, dv.prompt)
        for dv in district[ACTIVITIES].data_validations.dataValidation
    }
    assert texts == {
        "A3:A502": (
            "Không có trong danh sách",
            "Hãy chọn một mục trong danh sách (bấm mũi tên bên phải ô): Lớp tập huấn, Buổi nói "
            "chuyện chuyên đề, Lớp chuyên đề, Hội nghị tuyên truyền.",
            "Chọn trong danh sách",
            "Loại hoạt động: bấm mũi tên bên phải ô để chọn.",
        ),
        "D3:D502": (
            "Số không hợp lệ",
            "Hãy nhập số nguyên từ 1 đến 10.000, chỉ gõ chữ số (ví dụ 1200).",
            "Nhập số nguyên",
            "Số lớp/buổi: số nguyên từ 1 đến 10.000.",
        ),
        "E3:E502": (
            "Số không hợp lệ",
            "Hãy nhập số nguyên từ 0 đến 100.000, chỉ gõ chữ số (ví dụ 1200).",
            "Nhập số nguyên",
            "Số người tham dự: số nguyên từ 0 đến 100.000.",
        ),
        "F3:F502": (
            "Không có trong danh sách",
            "Hãy chọn một xã/phường/thị trấn của đơn vị trong danh sách (bấm mũi tên bên phải "
            "ô), hoặc để trống ô này.",
            "Chọn trong danh sách",
            "Xã/phường/thị trấn: chọn trong danh sách xã/phường/thị trấn của đơn vị; chung cho "
            "cả đơn vị thì để trống.",
        ),
    }


def test_indicator_limits_are_printed_with_thousands_dots(district):
    ws = district[INDICATORS]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "pbgdpl_luot")
    [dv] = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == f"D{row}"]
    assert (dv.formula1, dv.formula2) == ("0", "1000000")  # the bound itself stays a number
    assert dv.error == (
        "Hãy nhập số nguyên từ 0 đến 1.000.000, chỉ gõ chữ số (ví dụ 1200). Không có thì nhập 0."
    )
    assert dv.prompt == "Số nguyên từ 0 đến 1.000.000. Không có thì nhập 0."


@pytest.mark.parametrize("book", ["district", "commune"])
def test_every_sheet_prints_on_a4_one_page_wide_with_its_titles_and_unit(book, request):
    wb = request.getfixturevalue(book)
    header = {
        "district": "Huyện Tiền Hải — báo cáo năm 2019",
        "commune": "Xã Vũ Quý — báo cáo năm 2026",
    }[book]
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert setup.paperSize == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        titles = "$1:$2" if ws.title in (ACTIVITIES, PUBLICATIONS, CASES) else "$1:$1"
        assert ws.print_title_rows == titles, ws.title
        assert ws.oddHeader.center.text == header, ws.title
        assert ws.oddFooter.center.text == "Trang &P/&N", ws.title
    for name in (ACTIVITIES, PUBLICATIONS, CASES):
        assert wb[name].page_setup.orientation == "landscape"


def test_the_indicator_sheet_ends_with_the_signature_line(district):
    ws = district[INDICATORS]
    last = ws.max_row
    assert [ws.cell(last, c).value for c in (1, 2, 3, 4)] == [
        None,
        "Người lập biểu\n(ký, ghi rõ họ tên)",
        "Thủ trưởng đơn vị\n(ký, ghi rõ họ tên, đóng dấu)",
        None,  # column D stays free: a value there with no code is a mistake
    ]
    assert f"C{last}:D{last}" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.print_area == f"'Chỉ tiêu'!$A$1:$D${last}"


@pytest.mark.parametrize("book", ["district", "commune"])
def test_each_row_sheet_says_leave_it_empty_and_shows_a_grey_example_row(book, request):
    wb = request.getfixturevalue(book)
    notes = {
        ACTIVITIES: "Không có hoạt động trong năm → để trống trang này.",
        PUBLICATIONS: "Không có ấn phẩm trong năm → để trống trang này.",
        CASES: "Không có vụ án, vụ việc trong năm → để trống trang này.",
    }
    for name, note in notes.items():
        assert wb[name]["A1"].value.splitlines()[-1] == note  # last line of row 1
    examples = {
        "district": {
            ACTIVITIES: [
                "Ví dụ: Lớp tập huấn",
                "Kỹ năng nhận diện thủ đoạn mua bán người",
                "Hội viên phụ nữ",
                2,
                120,
                None,
            ],
            PUBLICATIONS: ["Ví dụ: Tờ gấp phòng, chống mua bán người", "tờ", 1000],
            CASES: [
                "Ví dụ: Lừa bán 01 phụ nữ sang Trung Quốc",
                None,
                "Trung Quốc",
                2,
                1,
                "Đã khởi tố",
            ],
        },  # fmt: skip
        "commune": {
            ACTIVITIES: [
                "Ví dụ: Lớp tập huấn",
                "Kỹ năng nhận diện thủ đoạn mua bán người",
                "Hội viên phụ nữ",
                2,
                120,
            ],
            PUBLICATIONS: ["Ví dụ: Tờ gấp phòng, chống mua bán người", "tờ", 1000],
            CASES: [
                "Ví dụ: Lừa bán 01 phụ nữ sang Trung Quốc",
                "Trung Quốc",
                2,
                1,
                "Đã khởi tố",
                "Điều 150 (Mua bán người)",
            ],
        },  # fmt: skip
    }[book]
    for name, values in examples.items():
        ws = wb[name]
        assert [c.value for c in ws[3]] == values, name
        assert {c.fill.fgColor.rgb for c in ws[3]} == {"00D9D9D9"}, name  # grey
        assert all(c.protection.locked is False for c in ws[3]), name  # may be typed over


def test_the_guide_says_what_the_example_row_is(district):
    guide = [row[0].value for row in district["Hướng dẫn"].iter_rows()]
    assert (
        'Dòng màu xám bắt đầu bằng "Ví dụ:" trên các trang Hoạt động, Ấn phẩm, Vụ án chỉ để minh '
        "họa, không được tính: để nguyên hoặc xóa. Muốn dùng dòng đó cho số liệu thật thì ghi đè "
        'cả dòng (ô đầu không còn chữ "Ví dụ:").'
    ) in guide


# --- the example row, as the check sees it -------------------------------------------------


def _filled_blank(data_dir: Path, rows: dict, example: dict | None = None) -> None:
    """Put Tiền Hải's 2018 blank, filled, in place of its sample workbook."""
    values = {i.code: 3 for i in load_catalog(DATA).indicators_for(2018)}
    values["pbgdpl_tong"] = 5
    filled = fill_workbook(_blank("342", 2018), values, rows, "Bùi Văn Nam", "26/11/2018")
    if example:
        wb = load_workbook(io.BytesIO(filled))
        for ref, value in example.items():
            wb[ACTIVITIES][ref] = value
        buffer = io.BytesIO()
        wb.save(buffer)
        filled = buffer.getvalue()
    (data_dir / "2018" / TIEN_HAI).write_bytes(filled)


@pytest.fixture
def data_2018(data_dir: Path) -> Path:
    shutil.rmtree(data_dir / "2017")  # 2018 on its own
    return data_dir


def _tien_hai(result):
    return next(s for s in result.submissions if s.unit.code == "342")


ONE_ACTIVITY = {ACTIVITIES: [["Lớp chuyên đề", "phòng, chống mua bán người", "phụ nữ", 1, 100]]}


def test_the_untouched_example_row_is_never_counted(data_2018: Path):
    _filled_blank(data_2018, ONE_ACTIVITY)
    result = check_year(2018, data_2018)

    assert result.problems == []
    mine = _tien_hai(result)
    assert [(r.row, r.values["participants"]) for r in mine.rows["activities"]] == [(4, 100)]
    assert mine.rows["publications"] == [] and mine.rows["cases"] == []


def test_an_example_row_typed_over_whole_is_the_clerks_row(data_2018: Path):
    typed = {"A3": "Hội nghị tuyên truyền", "B3": "phòng, chống mua bán người",
             "C3": "người dân", "D3": 1, "E3": 130}  # fmt: skip
    _filled_blank(data_2018, ONE_ACTIVITY, typed)
    result = check_year(2018, data_2018)

    assert result.problems == []
    rows = _tien_hai(result).rows["activities"]
    assert [(r.row, r.values["participants"]) for r in rows] == [(3, 130), (4, 100)]


def test_an_example_row_with_figures_changed_is_an_error_not_dropped(data_2018: Path):
    _filled_blank(data_2018, ONE_ACTIVITY, {"E3": 80})
    result = check_year(2018, data_2018)

    assert result.problems == [
        Problem(
            "lỗi",
            TIEN_HAI,
            ACTIVITIES,
            "A3",
            "Ví dụ: Lớp tập huấn",
            "example_edited",
            'dòng 3 là dòng ví dụ (ô đầu bắt đầu bằng "Ví dụ:") nhưng đã bị sửa — nếu là số '
            'liệu thật, hãy xóa chữ "Ví dụ:" ở ô A3; nếu không, hãy xóa cả dòng.',
            "342",
        )
    ]


def test_an_old_workbook_with_the_example_values_still_skips_them(data_2018: Path):
    """tests/corpus/files/tot-dong-vi-du.xlsx: the 2018 sample with the example row in row 3."""
    folder = data_2018 / "2018"
    (folder / TIEN_HAI).unlink()
    shutil.copy(CORPUS / "tot-dong-vi-du.xlsx", folder)
    result = check_year(2018, data_2018)

    assert result.problems == []
    assert [r.row for r in _tien_hai(result).rows["activities"]] == [2]


# --- point 5: mistakes that used to get through -------------------------------------------


def _edit(data_dir: Path, file: str, sheet: str, changes: dict) -> None:
    path = data_dir / "2018" / file
    wb = load_workbook(path)
    for ref, value in changes.items():
        wb[sheet][ref] = value
    wb.save(path)


def _error(sheet, cell, value, rule, message, file=TIEN_HAI, unit="342") -> Problem:
    return Problem("lỗi", file, sheet, cell, value, rule, message, unit)


TOTAL = (
    "— hãy xóa dòng này: chương trình tự cộng các dòng, để dòng tổng lại thì số liệu bị tính "
    "hai lần."
)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("TỔNG CỘNG:", "TỔNG CỘNG:"), ("tổng", "tổng"), ("T.C", "T.C"), ("Tong so", "Tong so")],
)
def test_a_total_row_typed_in_any_case_is_an_error_at_its_row(data_2018, typed, shown):
    _edit(data_2018, TIEN_HAI, PUBLICATIONS, {"A4": typed, "B4": "tờ", "C4": 2300})
    result = check_year(2018, data_2018)

    assert result.problems == [
        _error(PUBLICATIONS, "A4", shown, "total_row", f'dòng 4 là dòng tổng ("{shown}") {TOTAL}')
    ]


def test_a_sum_formula_over_its_column_is_a_total_row(data_2018: Path):
    second = {"A3": "Lớp chuyên đề", "B3": "x", "C3": "y", "D3": 1, "E3": 40}
    _edit(data_2018, TIEN_HAI, ACTIVITIES, {**second, "E4": "=E2+E3"})  # no word, no label
    result = check_year(2018, data_2018)

    assert result.problems == [
        _error(
            ACTIVITIES,
            "E4",
            "=E2+E3",
            "total_formula",
            f'dòng 4 là dòng tổng (công thức "=E2+E3" cộng các ô trong cột) {TOTAL}',
        )
    ]


def test_a_word_like_total_inside_a_topic_is_no_total_row(data_2018: Path):
    _edit(data_2018, TIEN_HAI, ACTIVITIES, {"B2": "Tổng kết công tác phòng, chống mua bán người"})
    assert check_year(2018, data_2018).problems == []


def test_a_title_starting_with_the_words_vi_du_is_no_example_row(data_2018: Path):
    _edit(data_2018, TIEN_HAI, PUBLICATIONS, {"A2": "Ví dụ điển hình về mua bán người"})
    result = check_year(2018, data_2018)

    assert result.problems == []
    titles = [r.values["title"] for r in _tien_hai(result).rows["publications"]]
    assert titles[0] == "Ví dụ điển hình về mua bán người"


def test_a_figure_in_the_indicator_sheet_with_no_code_is_an_error(data_2018: Path):
    _edit(data_2018, TIEN_HAI, INDICATORS, {"D2": 25})  # row 2: the heading "Tuyên truyền"
    result = check_year(2018, data_2018)

    assert result.problems == [
        _error(
            INDICATORS,
            "D2",
            "25",
            "value_without_code",
            'dòng 2 có giá trị "25" nhưng không có mã chỉ tiêu ở cột "Mã" — giá trị này không '
            "được tính. Hãy chuyển số vào đúng dòng chỉ tiêu có mã, rồi xóa dòng thêm.",
        )
    ]


# Tiền Hải's two 2017 activities, as data/2017/342-tien-hai-2017.xlsx holds them.
ACTIVITIES_2017 = {
    "A2": "Hội nghị tuyên truyền", "B2": "phòng, chống mua bán người", "C2": "người dân",
    "D2": 1, "E2": 130, "F2": "Nam Thịnh",
    "A3": "Hội nghị tuyên truyền", "B3": "phòng, chống mua bán người", "C3": "người dân",
    "D3": 1, "E3": 120, "F3": "Đông Hoàng",
}  # fmt: skip
COPIED = Problem(
    "cảnh báo",
    TIEN_HAI,
    ACTIVITIES,
    "A2",
    "",
    "copied_rows",
    "cả 2 dòng của trang giống hệt số liệu năm 2017 của đơn vị (tệp 342-tien-hai-2017.xlsx) — "
    "có phải số liệu năm trước? Nếu vậy, hãy thay bằng số liệu năm 2018; nếu đúng là số liệu "
    "năm nay, bỏ qua cảnh báo này.",
    "342",
)


def test_last_years_rows_left_in_a_reused_workbook_are_a_warning(data_dir: Path):
    _edit(data_dir, TIEN_HAI, ACTIVITIES, ACTIVITIES_2017)
    result = check_year(2018, data_dir)

    assert result.problems == [COPIED]
    assert len(result.submissions) == 8  # a warning: the clerk confirms or corrects


def test_rows_typed_differently_but_equal_still_count_as_copied(data_dir: Path):
    spelled = dict(ACTIVITIES_2017, B3="Phòng chống mua bán người", F2="xã Nam Thịnh")
    spelled["C2"], spelled["C3"] = "NGƯỜI DÂN", "người  dân"
    _edit(data_dir, TIEN_HAI, ACTIVITIES, spelled)
    assert check_year(2018, data_dir).problems == [COPIED]


def test_one_row_of_last_year_among_new_ones_is_no_warning(data_dir: Path):
    _edit(data_dir, TIEN_HAI, ACTIVITIES, {k: v for k, v in ACTIVITIES_2017.items() if "2" in k})
    assert check_year(2018, data_dir).problems == []  # row 3 stays 2018's own


def test_without_last_years_folder_nothing_is_compared(data_2018: Path):
    _edit(data_2018, TIEN_HAI, ACTIVITIES, ACTIVITIES_2017)
    assert check_year(2018, data_2018).problems == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("BCĐ 138 huyện Tiền Hải", "342"),
        ("Ban chỉ đạo 138 H. Tiền Hải", "342"),
        ("Phòng Tư pháp Tiền Hải", "342"),
        ("UBND huyện Tiền Hải", None),
        ("BCĐ 138 huyện Tiền Hải", None),
    ],
)
def test_a_name_that_holds_the_units_name_is_that_unit(data_2018, name, code):
    _edit(data_2018, TIEN_HAI, "Thông tin", {"B2": name, "B3": code})
    result = check_year(2018, data_2018)

    assert result.problems == []
    assert _tien_hai(result).file == TIEN_HAI


def test_a_name_holding_the_bare_name_without_code_asks(data_2018: Path):
    _edit(data_2018, TIEN_HAI, "Thông tin", {"B2": "Phòng Tư pháp Tiền Hải", "B3": None})
    result = check_year(2018, data_2018)

    assert result.problems[0] == _error(
        "Thông tin",
        "B2",
        "Phòng Tư pháp Tiền Hải",
        "unit_unknown",
        '"Phòng Tư pháp Tiền Hải" không phải là đơn vị báo cáo của năm 2018. Có phải '
        '"Huyện Tiền Hải"?',
        unit="",
    )


def test_a_name_of_another_level_with_the_code_is_still_a_mismatch(data_dir: Path):
    """Code 336 is Thành phố Thái Bình; "Công an tỉnh Thái Bình" is the province's police."""
    shutil.rmtree(data_dir / "2017")
    thai_binh = "336-thai-binh-2018.xlsx"
    _edit(data_dir, thai_binh, "Thông tin", {"B2": "Công an tỉnh Thái Bình"})
    result = check_year(2018, data_dir)

    assert result.problems[0] == _error(
        "Thông tin",
        "B2",
        "Công an tỉnh Thái Bình",
        "unit_mismatch",
        "tên đơn vị không khớp với mã đơn vị 336 (thành phố Thái Bình) — hãy sửa tên hoặc mã "
        "cho đúng.",
        file=thai_binh,
        unit="",
    )


def test_sheet_names_typed_without_diacritics_are_read(data_2018: Path):
    """tests/corpus/files/tot-ten-trang-khong-dau.xlsx: "Chi tieu", "Hoat dong "."""
    folder = data_2018 / "2018"
    (folder / TIEN_HAI).unlink()
    shutil.copy(CORPUS / "tot-ten-trang-khong-dau.xlsx", folder)
    result = check_year(2018, data_2018)

    assert result.problems == []
    assert _tien_hai(result).indicators["nguoi_nuoc_ngoai_tam_tru"] == 136


@pytest.mark.parametrize(
    ("renamed", "sheet"), [("Hoạt độnh", ACTIVITIES), ("ChiTieu", INDICATORS), ("Vu an cu", CASES)]
)
def test_a_near_miss_sheet_name_asks_whether_it_is_the_sheet(data_2018, renamed, sheet):
    path = data_2018 / "2018" / TIEN_HAI
    wb = load_workbook(path)
    wb[sheet].title = renamed
    wb.save(path)
    result = check_year(2018, data_2018)

    assert result.problems[0] == _error(
        sheet,
        "",
        renamed,
        "near_sheet",
        f'không có trang này trong tệp. Có phải trang "{renamed}"? Hãy đổi tên trang đó lại '
        f'thành "{sheet}" (đúng như trong mẫu), rồi gửi lại.',
    )


def test_a_number_in_a_cell_formatted_as_a_date_says_how_to_fix_the_format(data_2018: Path):
    path = data_2018 / "2018" / TIEN_HAI
    wb = load_workbook(path)
    cell = wb[ACTIVITIES]["E2"]
    cell.value, cell.number_format = 1500, "DD/MM/YYYY"  # shows 08/02/1904
    wb.save(path)
    result = check_year(2018, data_2018)

    assert result.problems == [
        _error(
            ACTIVITIES,
            "E2",
            "08/02/1904",
            "date_formatted",
            '"08/02/1904": ô đang định dạng ngày — hãy chọn Định dạng ô → Số (Format Cells → '
            "Number) rồi kiểm tra lại số (có lẽ là 1.500).",
        )
    ]
