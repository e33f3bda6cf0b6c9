"""The blank guides a clerk who cannot run anything (issues 12 and 15): each row sheet says
what one row is (the catalog's `doc`), the "Hướng dẫn" sheet names every choice column of the
year from the catalog, and the case summary may be left empty.

The blanks are read back with openpyxl, as Excel would show them.
"""

import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.blank_workbook import blank_workbook
from reportgen.declared.catalog import load_catalog
from reportgen.declared.units import load_registry
from reportgen.errors import ConfigError
from reportgen.pipeline import check_year
from tests.conftest import DATA, ROOT

ACTIVITIES, PUBLICATIONS, CASES = "Hoạt động", "Ấn phẩm", "Vụ án"
CASES_KEY = "cases"
DOC = {
    ACTIVITIES: "Mỗi dòng là một (hoặc nhiều) lớp, buổi tuyên truyền cùng nội dung, cùng đối "
    "tượng, tại cùng một nơi.",
    PUBLICATIONS: "Mỗi dòng là một loại ấn phẩm tuyên truyền đã phát hành.",
    CASES: "Mỗi dòng là một vụ án, vụ việc mua bán người phát hiện trong năm.",
}
NOTE = {
    ACTIVITIES: "Không có hoạt động trong năm → để trống trang này.",
    PUBLICATIONS: "Không có ấn phẩm trong năm → để trống trang này.",
    CASES: "Không có vụ án, vụ việc trong năm → để trống trang này.",
}
STAGES = '"Đang xác minh", "Đã khởi tố", "Đã truy tố", "Đã xét xử"'
OFFENCE_LINE = (
    '    – Cột "Tội danh": chọn trong danh sách (bấm mũi tên bên phải ô): "Điều 150 (Mua bán '
    'người)", "Điều 151 (Mua bán người dưới 16 tuổi)", "Khác".'
)


def _blank(code: str, year: int, data: Path = DATA, rich_text: bool = False):
    """Return the blank of one unit and year, opened as Excel would show it."""
    catalog, registry = load_catalog(data), load_registry(data)
    [unit] = [u for u in registry.units_for(year) if u.code == code]
    blank = blank_workbook(unit, year, catalog, registry.communes_for(year))
    return load_workbook(io.BytesIO(blank), rich_text=rich_text)


@pytest.fixture(scope="module")
def district_2018():
    """Tiền Hải's 2018 blank: a district, with a commune column; no "Tội danh" yet."""
    return _blank("342", 2018)


@pytest.fixture(scope="module")
def commune_2026():
    """Xã Vũ Quý's 2026 blank: a commune-level unit, no commune column; "Tội danh" from 2025."""
    return _blank("13141", 2026)


def _guide(wb) -> list[str]:
    return [row[0].value for row in wb["Hướng dẫn"].iter_rows()]


def _catalog_with(tmp_path: Path, old: str, new: str) -> Path:
    """Write data/catalog.toml with one text replaced into tmp_path; return the folder."""
    text = (DATA / "catalog.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "catalog.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


# --- the catalog keeps `doc` -----------------------------------------------------------------


def test_the_catalog_keeps_what_one_row_of_each_sheet_is():
    docs = {t.sheet: t.doc for t in load_catalog(DATA).tables}
    assert docs == {
        "Hoạt động": "Mỗi dòng là một (hoặc nhiều) lớp, buổi tuyên truyền cùng nội dung, cùng "
        "đối tượng, tại cùng một nơi.",
        "Ấn phẩm": "Mỗi dòng là một loại ấn phẩm tuyên truyền đã phát hành.",
        "Vụ án": "Mỗi dòng là một vụ án, vụ việc mua bán người phát hiện trong năm.",
    }


def test_a_doc_that_is_not_text_is_refused_with_where_it_is(tmp_path: Path):
    folder = _catalog_with(
        tmp_path,
        'doc = "Mỗi dòng là một loại ấn phẩm tuyên truyền đã phát hành."',
        "doc = 3",
    )
    with pytest.raises(ConfigError) as exc:
        load_catalog(folder)
    assert exc.value.messages == [
        f'{folder / "catalog.toml"} [[tables]] #2: thiếu hoặc sai kiểu trường "doc".'
    ]


def test_a_table_without_doc_is_accepted(tmp_path: Path):
    folder = _catalog_with(
        tmp_path, 'doc = "Mỗi dòng là một loại ấn phẩm tuyên truyền đã phát hành."\n', ""
    )
    assert [t.doc for t in load_catalog(folder).tables][1] == ""


# --- the blank shows it --------------------------------------------------------------------


def test_each_row_sheet_says_what_one_row_is_above_its_header(commune_2026):
    wb = commune_2026
    assert wb[ACTIVITIES]["A1"].value == DOC[ACTIVITIES] + "\n" + NOTE[ACTIVITIES]
    assert wb[PUBLICATIONS]["A1"].value == DOC[PUBLICATIONS] + "\n" + NOTE[PUBLICATIONS]
    assert wb[CASES]["A1"].value == (
        DOC[CASES] + "\n"
        'Các cột "Tóm tắt vụ việc", "Tuyến (nước đến)": không bắt buộc, có thể để trống.\n'
        + NOTE[CASES]
    )
    for name in (ACTIVITIES, PUBLICATIONS, CASES):
        ws = wb[name]
        # the header stays in row 2, where the check and the clerks' filled files have it
        assert ws["A2"].value == {ACTIVITIES: "Loại hoạt động", PUBLICATIONS: "Tên ấn phẩm",
                                  CASES: "Tóm tắt vụ việc"}[name]  # fmt: skip
        # a merged cell does not grow with its text: row 1 is as tall as its lines
        lines = ws["A1"].value.count("\n") + 1
        assert ws.row_dimensions[1].height >= 15 * lines, name


def test_the_district_sheet_names_its_optional_commune_column(district_2018):
    assert district_2018[ACTIVITIES]["A1"].value == (
        DOC[ACTIVITIES] + "\n"
        'Cột "Xã/phường/thị trấn": không bắt buộc, có thể để trống.\n' + NOTE[ACTIVITIES]
    )


def test_the_note_stays_red_and_what_a_row_is_stays_black():
    wb = _blank("13141", 2026, rich_text=True)
    first, *_, last = wb[PUBLICATIONS]["A1"].value
    assert (first.text, first.font.b, first.font.color) == (DOC[PUBLICATIONS] + "\n", True, None)
    assert (last.text, last.font.b, last.font.i) == (NOTE[PUBLICATIONS], True, True)
    assert last.font.color.rgb == "00C00000"


def test_the_2026_guide_names_every_row_sheet_and_its_lists(commune_2026):
    guide = _guide(commune_2026)
    start = guide.index(f'3. Trang "{ACTIVITIES}": {DOC[ACTIVITIES]}')
    assert guide[start : start + 10] == [
        f'3. Trang "{ACTIVITIES}": {DOC[ACTIVITIES]}',
        '    – Cột "Loại hoạt động": chọn trong danh sách (bấm mũi tên bên phải ô): "Lớp tập '
        'huấn", "Buổi nói chuyện chuyên đề", "Lớp chuyên đề", "Hội nghị tuyên truyền".',
        f"    – {NOTE[ACTIVITIES]}",
        f'4. Trang "{PUBLICATIONS}": {DOC[PUBLICATIONS]}',
        f"    – {NOTE[PUBLICATIONS]}",
        f'5. Trang "{CASES}": {DOC[CASES]}',
        f'    – Cột "Giai đoạn": chọn trong danh sách (bấm mũi tên bên phải ô): {STAGES}.',
        OFFENCE_LINE,
        '    – Các cột "Tóm tắt vụ việc", "Tuyến (nước đến)": không bắt buộc, có thể để trống.',
        f"    – {NOTE[CASES]}",
    ]


def test_the_2018_guide_has_no_offence_column_and_says_the_commune_list(district_2018):
    guide = _guide(district_2018)
    assert not any("Tội danh" in line for line in guide if line)
    start = guide.index(f'5. Trang "{CASES}": {DOC[CASES]}')
    assert guide[start : start + 5] == [
        f'5. Trang "{CASES}": {DOC[CASES]}',
        '    – Cột "Xã/phường/thị trấn": chọn trong danh sách xã/phường/thị trấn của đơn vị; '
        "không bắt buộc, có thể để trống.",
        f'    – Cột "Giai đoạn": chọn trong danh sách (bấm mũi tên bên phải ô): {STAGES}.',
        '    – Các cột "Tóm tắt vụ việc", "Tuyến (nước đến)": không bắt buộc, có thể để trống.',
        f"    – {NOTE[CASES]}",
    ]


def test_a_choice_column_added_to_the_catalog_is_in_the_guide_with_no_code(tmp_path: Path):
    # A "Vụ án" column from 2027, chosen from a new list: only catalog.toml is edited.
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("20*"))  # no year folder
    text = (DATA / "catalog.toml").read_text(encoding="utf-8")
    text = text.replace(
        "\n# Quy tắc liên chỉ tiêu",
        '\n[[tables.columns]]\nkey = "support"\nheader = "Hình thức hỗ trợ"\ntype = "choice"\n'
        'choices = "supports"\nfrom = 2027\n\n[[supports]]\ncode = "y_te"\nlabel = "Y tế"\n\n'
        '[[supports]]\ncode = "hoc_nghe"\nlabel = "Học nghề"\n\n# Quy tắc liên chỉ tiêu',
        1,
    )
    (data / "catalog.toml").write_text(text, encoding="utf-8")
    line = (
        '    – Cột "Hình thức hỗ trợ": chọn trong danh sách (bấm mũi tên bên phải ô): "Y tế", '
        '"Học nghề"; không bắt buộc, có thể để trống.'
    )
    assert line in _guide(_blank("13141", 2027, data))
    assert line not in _guide(_blank("13141", 2026, data))


# --- the case summary is optional ------------------------------------------------------------

HUNG_YEN = ROOT / "examples/hung-yen"
PHO_HIEN, TIEN_HAI = "11953-pho-hien-2026.xlsx", "12970-tien-hai-2026.xlsx"


def _hung_yen_2026(target: Path, files: tuple[str, ...]) -> Path:
    """Copy examples/hung-yen's declarations and some of its 2026 workbooks into target."""
    for name in ("catalog.toml", "units.toml"):
        shutil.copy(HUNG_YEN / name, target / name)
    for folder in ("units", "communes"):
        shutil.copytree(HUNG_YEN / folder, target / folder)
    (target / "2026").mkdir()
    for name in ("bao-cao.toml", *files):
        shutil.copy(HUNG_YEN / "2026" / name, target / "2026" / name)
    return target


def test_a_workbook_with_every_case_summary_left_empty_checks_clean(tmp_path: Path):
    data = _hung_yen_2026(tmp_path, (PHO_HIEN, TIEN_HAI))
    path = data / "2026" / PHO_HIEN
    wb = load_workbook(path)
    ws = wb[CASES]
    assert ws["A4"].value == "Lừa 02 phụ nữ sang Trung Quốc sinh con thuê rồi bán"
    for row in range(4, ws.max_row + 1):  # below the example row: the unit's cases
        ws.cell(row=row, column=1).value = None
    wb.save(path)

    result = check_year(2026, data, allow_missing=True, compare_previous=False)
    # Tiền Hải keeps its summaries, as workbooks made before the change do: clean too.
    assert [p for p in result.problems if p.file] == []
    cases = {s.file: s.rows[CASES_KEY] for s in result.submissions}
    assert [(r.values["summary"], r.values["victims"]) for r in cases[PHO_HIEN]] == [
        (None, 2),
    ]
    assert [r.values["summary"] for r in cases[TIEN_HAI]] == [
        "Nghi vấn đưa 01 trẻ em sang Trung Quốc"
    ]


def test_the_blank_says_leave_an_optional_column_empty_and_locks_deleting_it(commune_2026):
    assert (
        "Không đổi tên, không xóa các trang và các cột (cột không bắt buộc thì để trống). "
        "Gửi lại tệp .xlsx cho Ban chỉ đạo 138 tỉnh."
    ) in _guide(commune_2026)
    # Deleting "Tóm tắt vụ việc" would take the example row's "Ví dụ:" with it.
    assert commune_2026[CASES].protection.deleteColumns is True


def test_the_guide_prints_on_a_portrait_page_its_long_lines_given_room(commune_2026):
    ws = commune_2026["Hướng dẫn"]
    # 80 characters: an A4 portrait page at 100 % (LibreOffice does not shrink it to fit).
    assert ws.column_dimensions["A"].width == 80
    heights = {row[0].value: ws.row_dimensions[row[0].row].height for row in ws.iter_rows()}
    # Neither Excel nor LibreOffice grows a row to its wrapped text on opening: lines of
    # more than about 92 characters get 2 or 3 lines of 15 points, shorter ones the default.
    assert heights[OFFENCE_LINE] == 33
    example_row = (
        'Dòng màu xám bắt đầu bằng "Ví dụ:" trên các trang Hoạt động, Ấn phẩm, Vụ án chỉ để '
        "minh họa, không được tính: để nguyên hoặc xóa. Muốn dùng dòng đó cho số liệu thật thì "
        'ghi đè cả dòng (ô đầu không còn chữ "Ví dụ:").'
    )
    assert heights[example_row] == 48
    assert heights[f"    – {NOTE[CASES]}"] is None


def test_the_example_row_stays_an_example_when_the_optional_column_holding_its_mark_is_deleted(
    tmp_path: Path,
):
    """A clerk unprotects "Vụ án" and deletes "Tóm tắt vụ việc", the column whose example cell
    says "Ví dụ:": the untouched example row must not become a case (2 đối tượng, 1 nạn nhân)."""
    data = _hung_yen_2026(tmp_path, (PHO_HIEN, TIEN_HAI))
    path = data / "2026" / PHO_HIEN
    wb = load_workbook(path)
    ws = wb[CASES]
    assert str(ws["A3"].value).startswith("Ví dụ:")  # the example row, its mark in column A
    ws.delete_cols(1)
    wb.save(path)

    result = check_year(2026, data, allow_missing=True, compare_previous=False)
    assert [p for p in result.problems if p.file] == []
    cases = {s.file: s.rows[CASES_KEY] for s in result.submissions}
    # Phố Hiến's one real case (2 victims), and no second one from the example row.
    assert [(r.values.get("summary"), r.values["victims"]) for r in cases[PHO_HIEN]] == [
        (None, 2),
    ]


def test_a_real_case_further_down_that_reads_like_the_example_is_still_counted(tmp_path: Path):
    """Only the row under the header may be the unmarked example: a case typed lower down with
    the example's very values is a case."""
    data = _hung_yen_2026(tmp_path, (PHO_HIEN, TIEN_HAI))
    path = data / "2026" / PHO_HIEN
    wb = load_workbook(path)
    ws = wb[CASES]
    example = [cell.value for cell in ws[3]]
    assert str(example[0]).startswith("Ví dụ:")
    ws.delete_cols(1)  # the column with the mark goes, the example row stays at row 3
    last = ws.max_row + 1
    for col, value in enumerate(example[1:], 1):
        ws.cell(row=last, column=col).value = value
    wb.save(path)

    result = check_year(2026, data, allow_missing=True, compare_previous=False)
    cases = {s.file: s.rows[CASES_KEY] for s in result.submissions}
    assert [r.values["victims"] for r in cases[PHO_HIEN]] == [2, 1]
