"""The blank workbook from `reportgen template`: laid out from the catalog, and it round-trips."""

import shutil
from pathlib import Path

from openpyxl import load_workbook

from reportgen.catalog import load_catalog
from tests.conftest import DATA, run
from tests.fill import fill_workbook


def _empty_2019(data_dir: Path) -> Path:
    """Remove the 2019 sample workbooks from the private data copy; return the folder."""
    folder = data_dir / "2019"
    shutil.rmtree(folder)
    return folder


def _settings(folder: Path) -> None:
    (folder / "bao-cao.toml").write_text('date = 2019-12-20\nauthor = "Ban chỉ đạo"\n', "utf-8")


def test_blank_workbook_shows_unit_year_and_codes(data_dir: Path, tmp_path: Path):
    out = tmp_path / "mau"
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
    assert [c.value for c in wb["Hoạt động"][1]] == [
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
    for path in sorted(folder.glob("*.xlsx")):
        filled = fill_workbook(
            path.read_bytes(),
            {code: 3 for code in codes},
            {"Hoạt động": [["Lớp tập huấn", "kỹ năng tuyên truyền", "hội viên", 2, 60, None]]},
            preparer="Nguyễn Văn A",
            prepared_on="20/12/2019",
        )
        path.write_bytes(filled)
    _settings(folder)
    result = run("check", "--year", 2019, "--data-dir", data_dir)
    assert result.output == "Không có lỗi. 0 lỗi, 0 cảnh báo trong 8 tệp.\n"
    assert result.exit_code == 0


def test_an_unfilled_blank_workbook_lists_what_is_missing(data_dir: Path):
    folder = _empty_2019(data_dir)
    assert run("template", "--year", 2019, "--data-dir", data_dir).exit_code == 0
    _settings(folder)
    result = run("check", "--year", 2019, "--data-dir", data_dir)
    assert result.exit_code == 1
    blank_cells = len(load_catalog(DATA).indicators_for(2019)) * 8
    assert result.output.count("chưa nhập — hãy nhập số (không có thì nhập 0).") == blank_cells
    assert result.output.endswith(f"{blank_cells} lỗi, 0 cảnh báo trong 8 tệp.\n")
