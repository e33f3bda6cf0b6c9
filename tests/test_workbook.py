"""The blank workbook from `reportgen template`: laid out from the catalog, and it round-trips."""

import shutil
import time
from pathlib import Path

from openpyxl import load_workbook

from reportgen.declared.catalog import load_catalog
from tests.conftest import DATA, run
from tests.fill import fill_workbook


def _empty_2019(data_dir: Path) -> Path:
    """Remove the 2019 sample workbooks from the private data copy; return the folder."""
    folder = data_dir / "2019"
    shutil.rmtree(folder)
    shutil.rmtree(data_dir / "2018")  # these figures are not meant to compare with 2018's
    return folder


def _unsent_2019(data_dir: Path) -> None:
    """Remove the 2019 sample workbooks: `template` makes blanks only for units yet to send."""
    for path in (data_dir / "2019").glob("*.xlsx"):
        path.unlink()


def _settings(folder: Path) -> None:
    (folder / "bao-cao.toml").write_text('date = 2019-12-20\nauthor = "Ban chỉ đạo"\n', "utf-8")


def test_blank_workbook_shows_unit_year_and_codes(data_dir: Path, tmp_path: Path):
    out = tmp_path / "mau"
    _unsent_2019(data_dir)
    assert run("template", "--year", 2019, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    wb = load_workbook(out / "342-tien-hai-2019.xlsx")
    assert wb.sheetnames[:6] == [
        "Hướng dẫn",
        "Thông tin",
        "Chỉ tiêu",
        "Hoạt động",
        "Ấn phẩm",
        "Vụ án",
    ]
    info = {row[0].value: row[1].value for row in wb["Thông tin"].iter_rows(min_row=2)}
    assert info["Đơn vị báo cáo"] == "Huyện Tiền Hải"
    assert info["Mã đơn vị"] == "342"
    assert info["Năm báo cáo"] == 2019
    codes = [r[0].value for r in wb["Chỉ tiêu"].iter_rows(min_row=2) if r[0].value]
    assert codes == [i.code for i in load_catalog(DATA).indicators_for(2019)]
    # row 1 ends with the note (tests/test_blank_guide.py: the lines above it)
    note = wb["Hoạt động"]["A1"].value.splitlines()[-1]
    assert note == "Không có hoạt động trong năm → để trống trang này."
    assert [c.value for c in wb["Hoạt động"][2]] == [
        "Loại hoạt động",
        "Nội dung",
        "Đối tượng tham dự",
        "Số lớp/buổi",
        "Số người tham dự",
        "Xã/phường/thị trấn",
    ]
    assert wb["Danh mục"].sheet_state == "hidden"
    assert wb["Danh mục"]["A1"].value and wb["Danh mục"].max_row == 35  # Tiền Hải's communes


def test_filled_blank_workbooks_check_clean(data_dir: Path):
    folder = _empty_2019(data_dir)
    assert run("template", "--year", 2019, "--data-dir", data_dir).exit_code == 0
    codes = [i.code for i in load_catalog(DATA).indicators_for(2019)]
    for path in sorted(Path("mau-trong/2019").glob("*.xlsx")):  # the blanks' own folder
        filled = fill_workbook(
            path.read_bytes(),
            {code: 3 for code in codes},
            {"Hoạt động": [["Lớp tập huấn", "kỹ năng tuyên truyền", "hội viên", 2, 60, None]]},
            preparer="Nguyễn Văn A",
            prepared_on="20/12/2019",
        )
        (folder / path.name).write_bytes(filled)
    _settings(folder)
    result = run("check", "--year", 2019, "--data-dir", data_dir)
    assert result.output == (
        "Bảng kiểm tra: out/2019/kiem-tra-2019.xlsx; tệp gửi từng đơn vị: out/2019/gui-don-vi\n"
        "Đã nộp, không có lỗi: 8 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
        "Không có lỗi, không có cảnh báo trong 8 tệp.\n"
    )
    assert result.exit_code == 0


def test_unfilled_blanks_copied_into_the_data_folder_are_not_submissions(data_dir: Path):
    folder = _empty_2019(data_dir)
    assert run("template", "--year", 2019, "--data-dir", data_dir).exit_code == 0
    for blank in Path("mau-trong/2019").glob("*.xlsx"):
        shutil.copy(blank, folder / blank.name)
    _settings(folder)
    result = run("check", "--year", 2019, "--data-dir", data_dir)
    assert result.exit_code == 1
    assert "chưa nhập" not in result.output  # not 8 x 22 errors of cells left blank
    assert result.output.count(": tệp mẫu chưa điền — chưa có số liệu nào") == 8
    assert result.output.endswith(
        "Đã nộp, không có lỗi: 0 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 8 đơn vị.\n"
        "8 lỗi, 8 cảnh báo trong 8 tệp.\n"
    )


def test_only_input_cells_are_unlocked(data_dir: Path, tmp_path: Path):
    out = tmp_path / "mau"
    _unsent_2019(data_dir)
    assert run("template", "--year", 2019, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    wb = load_workbook(out / "342-tien-hai-2019.xlsx")

    assert all(ws.protection.sheet for ws in wb)
    info = wb["Thông tin"]
    assert [info[f"B{r}"].protection.locked for r in range(2, 7)] == [
        True,  # unit name
        True,  # unit code
        True,  # year
        False,  # preparer
        False,  # date
    ]
    indicators = wb["Chỉ tiêu"]
    for row in indicators.iter_rows(min_row=2):
        code, label, measure, value = row
        assert code.protection.locked and label.protection.locked and measure.protection.locked
        assert value.protection.locked is (code.value is None)  # group rows stay locked
    activities = wb["Hoạt động"]
    assert activities["A2"].protection.locked is True  # the header
    assert activities["A3"].protection.locked is False  # the example row, to type over
    assert activities["A4"].protection.locked is False
    assert activities["F502"].protection.locked is False


def test_data_validation_follows_the_catalog(data_dir: Path, tmp_path: Path):
    out = tmp_path / "mau"
    _unsent_2019(data_dir)
    assert run("template", "--year", 2019, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    wb = load_workbook(out / "342-tien-hai-2019.xlsx")
    catalog = load_catalog(DATA)

    indicators = wb["Chỉ tiêu"]
    bounds = {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2)
        for dv in indicators.data_validations.dataValidation
    }
    row_of = {r[0].value: r[0].row for r in indicators.iter_rows(min_row=2) if r[0].value}
    for ind in catalog.indicators_for(2019):
        cell = f"D{row_of[ind.code]}"
        assert bounds[cell] == ("whole", "between", str(ind.min), str(ind.max))
    lists = {
        str(dv.sqref): dv.formula1
        for dv in wb["Hoạt động"].data_validations.dataValidation
        if dv.type == "list"
    }
    assert lists == {
        "A3:A502": '"Lớp tập huấn,Buổi nói chuyện chuyên đề,Lớp chuyên đề,Hội nghị tuyên truyền"',
        "F3:F502": "'Danh mục'!$A$1:$A$35",
    }
    whole = [
        (str(dv.sqref), dv.formula1)
        for dv in wb["Hoạt động"].data_validations.dataValidation
        if dv.type == "whole"
    ]
    assert whole == [("D3:D502", "1"), ("E3:E502", "0")]


def test_header_is_frozen_and_columns_fit_their_labels(data_dir: Path, tmp_path: Path):
    out = tmp_path / "mau"
    _unsent_2019(data_dir)
    assert run("template", "--year", 2019, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    wb = load_workbook(out / "342-tien-hai-2019.xlsx")
    catalog = load_catalog(DATA)

    for name in ("Thông tin", "Chỉ tiêu"):
        assert wb[name].freeze_panes == "A2"
    for name in ("Hoạt động", "Ấn phẩm", "Vụ án"):  # the note and the header stay in view
        assert wb[name].freeze_panes == "A3"
    width = {c: wb["Chỉ tiêu"].column_dimensions[c].width for c in "ABCD"}
    codes = [i.code for i in catalog.indicators_for(2019)]
    assert width["A"] >= max(len(c) for c in codes)  # every code shows whole
    assert width["B"] == 80  # long labels wrap at a readable width
    assert wb["Thông tin"].column_dimensions["A"].width >= len("Đơn vị báo cáo")
    for ws in (wb["Hoạt động"], wb["Ấn phẩm"], wb["Vụ án"]):
        for cell in ws[2]:
            assert ws.column_dimensions[cell.column_letter].width >= len(cell.value)


def test_blank_workbooks_are_the_same_bytes_every_time(data_dir: Path, tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    run("template", "--year", 2020, "--data-dir", data_dir, "--out-dir", first)
    time.sleep(1.1)
    run("template", "--year", 2020, "--data-dir", data_dir, "--out-dir", second)
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
