"""The command line as a user types it: exact exit codes and Vietnamese messages."""

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.cli import main
from tests.conftest import run


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["preview"], ["template"]])
def test_every_command_has_vietnamese_help_with_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Cách dùng: reportgen")
    assert "Ví dụ:" in result.output
    assert "Usage" not in result.output and "Options" not in result.output


def test_every_command_is_documented():
    for name, command in main.commands.items():
        assert command.help and "Ví dụ:" in command.help, name


# A clean check (exit 0, "Không có lỗi. …") is in test_report_check.py, with the files it writes.


def test_check_bad_value_exits_1_with_located_message(data_dir: Path):
    path = data_dir / "2018/340-dong-hung-2018.xlsx"
    wb = load_workbook(path)
    wb["Chỉ tiêu"]["D9"] = "ba mươi"
    code = wb["Chỉ tiêu"]["A9"].value
    wb.save(path)
    result = run("check", "--year", 2018, "--data-dir", data_dir)
    assert result.exit_code == 1
    assert code == "phu_nu_lay_chong_nn_tham_than"
    assert result.output == (
        "Huyện Đông Hưng:\n"
        '  [lỗi] 340-dong-hung-2018.xlsx, trang "Chỉ tiêu", ô D9: "ba mươi" không phải là số'
        " — hãy nhập số nguyên ≥ 0.\n"
        "Bảng kiểm tra: out/2018/kiem-tra-2018.xlsx; tệp gửi từng đơn vị: out/2018/gui-don-vi\n"
        "Đã nộp, không có lỗi: 7 đơn vị.\n"
        "Đã nộp, còn lỗi: 1 đơn vị.\n"
        "Chưa nộp: 0 đơn vị.\n"
        "1 lỗi, không có cảnh báo trong 8 tệp.\n"
    )


def test_build_with_bad_value_writes_nothing(data_dir: Path, tmp_path: Path):
    path = data_dir / "2018/336-thai-binh-2018.xlsx"
    wb = load_workbook(path)
    wb["Chỉ tiêu"]["D9"] = -4
    wb.save(path)
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out)
    assert result.exit_code == 1
    assert (
        '336-thai-binh-2018.xlsx, trang "Chỉ tiêu", ô D9: "-4" là số âm — hãy nhập số nguyên ≥ 0.'
        in result.output
    )
    assert "Chưa ghi báo cáo vì còn 1 lỗi." in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build"], "Thiếu tùy chọn --year."),
        (["check", "--year", "hai nghìn"], "Giá trị của --year phải là một số nguyên, ví dụ 2018."),
        (["check", "--yaer", "2018"], "Không có tùy chọn --yaer. Có phải --year?"),
        (["buil"], 'Không có lệnh "buil". Các lệnh: build, check, export, preview, template.'),
    ],
)
def test_usage_errors_exit_2_in_vietnamese(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.output.rstrip("\n").endswith(message)
    assert "Cách dùng: reportgen" in result.output


def test_check_year_without_units_exits_1(data_dir: Path):
    result = run("check", "--year", 2016, "--data-dir", data_dir)
    assert result.exit_code == 1
    assert result.output == "Không có đơn vị nào phải báo cáo năm 2016 (xem data/units.toml).\n"


def test_template_writes_one_workbook_per_unit_and_never_overwrites(data_dir: Path, tmp_path):
    out = tmp_path / "mau"
    for sent in (data_dir / "2019").glob("*.xlsx"):
        sent.unlink()  # no unit has sent its file yet: each gets a blank
    first = run("template", "--year", 2019, "--data-dir", data_dir, "--out-dir", out)
    assert first.exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "336-thai-binh-2019.xlsx",
        "338-quynh-phu-2019.xlsx",
        "339-hung-ha-2019.xlsx",
        "340-dong-hung-2019.xlsx",
        "341-thai-thuy-2019.xlsx",
        "342-tien-hai-2019.xlsx",
        "343-kien-xuong-2019.xlsx",
        "344-vu-thu-2019.xlsx",
    ]
    assert f"Đã ghi: {out / '340-dong-hung-2019.xlsx'}\n" in first.output
    (out / "340-dong-hung-2019.xlsx").write_bytes(b"my own work")
    second = run("template", "--year", 2019, "--data-dir", data_dir, "--out-dir", out)
    assert second.exit_code == 0
    assert f"Đã có, không ghi đè: {out / '340-dong-hung-2019.xlsx'}\n" in second.output
    assert (out / "340-dong-hung-2019.xlsx").read_bytes() == b"my own work"


def test_template_defaults_to_its_own_folder_and_the_settings_file_to_the_year(data_dir: Path):
    shutil.rmtree(data_dir / "2019")  # the sample year; the template must write it anew
    result = run("template", "--year", 2019, "--data-dir", data_dir)
    assert result.exit_code == 0
    assert Path("mau-trong/2019/344-vu-thu-2019.xlsx").is_file()
    assert sorted(p.name for p in (data_dir / "2019").iterdir()) == ["bao-cao.toml", "nhan-dinh.md"]
