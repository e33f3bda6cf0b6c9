"""A unit's figure that jumps against its own previous year gets a warning at its cell."""

import shutil
from pathlib import Path

from openpyxl import load_workbook

from reportgen.pipeline import check_year
from reportgen.problems import WARNING, Problem
from tests.conftest import DATA, run

CODE = "kiem_tra_co_so_kinh_doanh"
THAI_BINH = "336-thai-binh-{year}.xlsx"


def _cell_of(path: Path, code: str) -> tuple[str, int]:
    wb = load_workbook(path)
    for row in wb["Chỉ tiêu"].iter_rows(min_row=2):
        if row[0].value == code:
            return row[3].coordinate, row[3].value
    raise AssertionError(code)


def _set(path: Path, cell: str, value) -> None:
    wb = load_workbook(path)
    wb["Chỉ tiêu"][cell] = value
    wb.save(path)


def test_a_jump_up_is_a_warning_naming_last_years_value(data_dir: Path):
    assert _cell_of(data_dir / "2017" / THAI_BINH.format(year=2017), CODE) == ("D7", 221)
    path = data_dir / "2018" / THAI_BINH.format(year=2018)
    _set(path, "D7", 1106)  # 221 x 5 + 1
    result = check_year(2018, data_dir)
    assert result.problems == [
        Problem(
            WARNING,
            THAI_BINH.format(year=2018),
            "Chỉ tiêu",
            "D7",
            "1106",
            "year_over_year",
            "1.106, năm 2017 là 221 — tăng hơn 5 lần; hãy kiểm tra lại, "
            "nếu đúng thì không cần sửa.",
            "336",
        )
    ]
    assert result.errors == 0  # a warning: the report can still be built


def test_a_drop_is_a_warning_too_and_the_check_still_passes(data_dir: Path):
    assert _cell_of(data_dir / "2017" / THAI_BINH.format(year=2017), CODE) == ("D7", 221)
    path = data_dir / "2018" / THAI_BINH.format(year=2018)
    _set(path, "D7", 3)
    result = run("check", "--year", 2018, "--data-dir", data_dir)
    assert result.exit_code == 0
    assert (
        "ô D7: 3, năm 2017 là 221 — giảm hơn 5 lần; hãy kiểm tra lại, nếu "
        "đúng thì không cần sửa." in result.output
    )
    assert result.output.endswith("Không có lỗi, 1 cảnh báo trong 8 tệp.\n")


def test_small_counts_and_moderate_changes_are_not_flagged(data_dir: Path):
    path = data_dir / "2018" / THAI_BINH.format(year=2018)
    cell, now = _cell_of(path, "xuat_canh_trai_phep")  # a small count: 0 -> 40 stays quiet
    _set(path, cell, 40)
    cell, now = _cell_of(path, CODE)
    _set(path, cell, now * 4)  # four times: within the declared factor of 5
    assert check_year(2018, data_dir).problems == []


def test_without_the_previous_year_nothing_is_compared(data_dir: Path):
    path = data_dir / "2018" / THAI_BINH.format(year=2018)
    cell, now = _cell_of(path, CODE)
    _set(path, cell, now * 50)
    shutil.rmtree(data_dir / "2017")
    assert check_year(2018, data_dir).problems == []


def test_the_sample_years_are_plausible_against_each_other():
    for year in (2018, 2019):
        assert [p for p in check_year(year, DATA).problems if p.rule == "year_over_year"] == []
