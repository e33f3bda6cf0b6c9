"""Input hygiene: control characters, hostile file names, unreadable and special files,
an out folder among the inputs, over-long text and over-large numbers.

Each case is a failure found by an adversarial run (issue 11, point 6), rebuilt from its
description: the run ends in a located Vietnamese message, the rest of the inputs are still
checked, and nothing a cell or a file name holds reaches the terminal or an output unescaped.
"""

import errno
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, run
from tests.hostile import members, write_zip

YEAR = 2018
DONG_HUNG = "340-dong-hung-2018.xlsx"
# What `check` prints before its count when writing to out/2018 (issue 14: who sent what).
_TABLE_AT = "Bảng kiểm tra: out/2018/kiem-tra-2018.xlsx; tệp gửi từng đơn vị: out/2018/gui-don-vi\n"
STATES_CLEAN = (
    _TABLE_AT + "Đã nộp, không có lỗi: 8 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
)
STATES_ONE_ERROR = (
    _TABLE_AT + "Đã nộp, không có lỗi: 7 đơn vị.\nĐã nộp, còn lỗi: 1 đơn vị.\nChưa nộp: 0 đơn vị.\n"
)
THAI_BINH = "336-thai-binh-2018.xlsx"
ACTIVITIES = "Hoạt động"
PUBLICATIONS = "Ấn phẩm"
# Row 2 of "Hoạt động" in Đông Hưng's workbook is its one activity.
TOPIC = "phẩm chất đạo đức phụ nữ Việt Nam gắn với phòng chống mua bán người"
# Excel stores a control character typed into a cell as an escape in the XML; calamine decodes
# it back (openpyxl refuses to write the character itself).
ESC, VT, RLO = "_x001B_", "_x000B_", "\u202e"
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]
CONTROLS += [chr(c) for c in range(0x80, 0xA0)]
CONTROLS += ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]
CONTROLS += ["\u2069", "\u200e", "\u200f"]


@pytest.fixture(autouse=True)
def _one_year(data_dir: Path) -> None:
    """Check 2018 on its own: the year before is not what these tests are about."""
    for year in ("2017", "2019"):
        for path in sorted((data_dir / year).iterdir(), reverse=True):
            path.unlink()
        (data_dir / year).rmdir()


def edit(data_dir: Path, file: str, sheet: str, changes: dict[str, object]) -> None:
    path = data_dir / str(YEAR) / file
    wb = load_workbook(path)
    for ref, value in changes.items():
        wb[sheet][ref] = value
    wb.save(path)


def no_control(text: str) -> bool:
    return not any(c in text for c in CONTROLS)


# --- control characters in a cell ---------------------------------------------------------


def test_control_characters_in_a_cell_are_removed_with_a_located_warning(data_dir: Path):
    edit(data_dir, DONG_HUNG, ACTIVITIES, {"B2": f"{ESC}[31m{VT}{RLO}{TOPIC}{ESC}[0m"})

    result = run("check", "--year", YEAR, "--data-dir", data_dir)

    assert result.exit_code == 0, result.output
    assert result.output == (
        "Huyện Đông Hưng:\n"
        f'  [cảnh báo] {DONG_HUNG}, trang "Hoạt động", ô B2: ô có 4 ký tự điều khiển không '
        "hiện ra được (thường do chép từ trang web hoặc phần mềm khác); đã bỏ các ký tự đó và "
        'đọc là "[31mphẩm chất đạo đức phụ nữ Việt Nam gắn với phòng chống m…" — nên gõ lại '
        "ô này.\n"
        f"{STATES_CLEAN}"
        "Không có lỗi, 1 cảnh báo trong 8 tệp.\n"
    )


def test_the_word_output_is_written_from_a_cell_with_control_characters(
    data_dir: Path, tmp_path: Path
):
    # Thái Bình's row 3 is the first to name this topic: the article quotes its spelling.
    edit(data_dir, THAI_BINH, ACTIVITIES, {"B3": f"{TOPIC[:4]}{ESC}{VT}{TOPIC[4:]}"})
    out = tmp_path / "out"

    result = run(
        "build", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out, "--format", "html,docx"
    )

    assert result.exit_code == 0, result.output
    stem = "ket-qua-phong-chong-mua-ban-nguoi-2018"
    with zipfile.ZipFile(out / f"{stem}.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert f"{TOPIC} cho" in body
    assert no_control(body)
    html = (out / f"{stem}.html").read_text(encoding="utf-8")
    assert f"{TOPIC} cho" in html and no_control(html)


def test_the_check_report_is_written_when_a_wrong_value_holds_control_characters(
    data_dir: Path, tmp_path: Path
):
    edit(data_dir, DONG_HUNG, ACTIVITIES, {"A2": f"Hội{VT}thảo{ESC}"})
    out = tmp_path / "out"

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 1, result.output
    assert no_control(result.output)
    assert 'ô A2: "Hộithảo" không có trong danh sách' in result.output
    rows = list(load_workbook(out / "kiem-tra-2018.xlsx")["Vấn đề"].values)
    assert [(row[4], row[5], row[8]) for row in rows[1:]] == [
        ("A2", "Hộithảo", "unknown_choice"),
        ("A2", "Hộithảo", "control_chars"),
    ]


# --- file names ---------------------------------------------------------------------------


def copy_as(data_dir: Path, name: str | bytes) -> None:
    """Copy Đông Hưng's workbook under another name: a second file of the same unit."""
    folder = os.fsencode(data_dir / str(YEAR))
    target = os.path.join(folder, name if isinstance(name, bytes) else os.fsencode(name))
    with open(target, "wb") as fh:
        fh.write((data_dir / str(YEAR) / DONG_HUNG).read_bytes())


def test_a_file_name_with_terminal_escapes_is_shown_escaped(data_dir: Path):
    copy_as(data_dir, "\x1b[2J\x1b[31mdong-hung.xlsx")

    result = run("check", "--year", YEAR, "--data-dir", data_dir)

    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert (
        '  [lỗi] 340-dong-hung-2018.xlsx, trang "Thông tin": tệp \\x1b[2J\\x1b[31mdong-hung.xlsx '
        "cũng là của huyện Đông Hưng" in result.output
    )


def test_a_newline_in_a_file_name_cannot_forge_a_line(data_dir: Path):
    copy_as(data_dir, "b\n  [lỗi] gia.xlsx")

    result = run("check", "--year", YEAR, "--data-dir", data_dir)

    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Huyện Đông Hưng:",
        '  [lỗi] b\\n  [lỗi] gia.xlsx, trang "Thông tin": tệp 340-dong-hung-2018.xlsx cũng là '
        "của huyện Đông Hưng — mỗi đơn vị chỉ gửi một tệp; hãy bỏ một trong hai tệp.",
        *STATES_ONE_ERROR.splitlines(),
        "1 lỗi, không có cảnh báo trong 9 tệp.",
    ]


def test_a_file_name_that_is_not_utf8_is_checked_under_an_escaped_name(
    data_dir: Path, tmp_path: Path
):
    copy_as(data_dir, b"\xff\xfe-dong-hung.xlsx")
    out = tmp_path / "out"

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 1, result.output
    assert (
        '  [lỗi] \\xff\\xfe-dong-hung.xlsx, trang "Thông tin": tệp 340-dong-hung-2018.xlsx cũng '
        "là của huyện Đông Hưng" in result.output
    )
    rows = list(load_workbook(out / "kiem-tra-2018.xlsx")["Vấn đề"].values)
    assert rows[1][2] == "\\xff\\xfe-dong-hung.xlsx"
    log = (out / "nhat-ky.log").read_text(encoding="utf-8")
    assert "2018/\\xff\\xfe-dong-hung.xlsx=sha256:" in log


# --- unreadable and special files ---------------------------------------------------------


@pytest.fixture
def deny(monkeypatch):
    """Make opening the given paths fail as a file without read permission does.

    Tests run as root, whom no file mode stops: the refusal is made where Python opens files.
    """
    denied: set[str] = set()
    real_open, real_io_open = os.open, io.open

    def refuse(path):
        if os.fspath(path) in denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))

    def os_open(path, *args, **kwargs):
        refuse(path)
        return real_open(path, *args, **kwargs)

    def io_open(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)):
            refuse(file)
        return real_io_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr("builtins.open", io_open)
    return lambda path: denied.add(os.fspath(path))


def test_an_unreadable_workbook_is_one_located_problem_and_the_rest_is_checked(
    data_dir: Path, deny
):
    deny(data_dir / str(YEAR) / DONG_HUNG)

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", "ra")

    assert result.exit_code == 1
    assert result.output == (
        "Chung:\n"
        f"  [lỗi] {DONG_HUNG}: không đọc được tệp (không có quyền đọc tệp) — hãy kiểm tra "
        "quyền đọc của tệp hoặc chép lại tệp vào thư mục, rồi chạy lại.\n"
        "Huyện Đông Hưng:\n"
        f"  [lỗi] Chưa có tệp số liệu của huyện Đông Hưng trong thư mục {data_dir / '2018'}.\n"
        "Bảng kiểm tra: ra/kiem-tra-2018.xlsx; tệp gửi từng đơn vị: ra/gui-don-vi\n"
        "Đã nộp, không có lỗi: 7 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 1 đơn vị.\n"
        "2 lỗi, không có cảnh báo trong 8 tệp.\n"
    )
    rows = list(load_workbook("ra/kiem-tra-2018.xlsx")["Tình trạng nộp"].values)
    assert (None, None, "Không đọc được tệp", DONG_HUNG) in [row[:4] for row in rows]
    log = Path("ra/nhat-ky.log").read_text(encoding="utf-8")
    assert f"2018/{DONG_HUNG}=không đọc được; 2018/341-thai-thuy-2018.xlsx=sha256:" in log


def run_outside(*args, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run the CLI in its own process: a hang fails the test instead of stalling the suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


NOT_A_FILE = (
    "đây không phải là một tệp bình thường (là thư mục, đường ống hoặc thiết bị) nên không "
    "được đọc — hãy xóa hoặc đổi tên nó."
)


def test_a_fifo_and_a_folder_named_as_workbooks_are_one_problem_each(data_dir: Path):
    folder = data_dir / str(YEAR)
    os.mkfifo(folder / "duong-ong.xlsx")
    (folder / "thu-muc.xlsx").mkdir()

    result = run_outside("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", "ra")

    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"Chung:\n  [lỗi] duong-ong.xlsx: {NOT_A_FILE}\n  [lỗi] thu-muc.xlsx: {NOT_A_FILE}\n"
    )
    assert result.stdout == (
        "Bảng kiểm tra: ra/kiem-tra-2018.xlsx; tệp gửi từng đơn vị: ra/gui-don-vi\n"
        "Đã nộp, không có lỗi: 8 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
        "2 lỗi, không có cảnh báo trong 10 tệp.\n"
    )


@pytest.mark.parametrize("name", ["units.toml", "catalog.toml", "communes/thai-binh-2017-03.csv"])
def test_a_fifo_as_a_declarative_file_is_a_vietnamese_error(data_dir: Path, name: str):
    (data_dir / name).unlink()
    os.mkfifo(data_dir / name)

    result = run_outside("check", "--year", YEAR, "--data-dir", data_dir)

    assert result.returncode == 1
    assert result.stderr == (
        f"Tệp cấu hình {data_dir / name} không phải là một tệp bình thường (là thư mục, đường "
        "ống hoặc thiết bị) — hãy xóa nó rồi chép lại tệp cấu hình.\n"
    )


def test_a_fifo_as_the_year_settings_is_a_located_error(data_dir: Path):
    (data_dir / "2018/bao-cao.toml").unlink()
    os.mkfifo(data_dir / "2018/bao-cao.toml")

    result = run_outside("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", "ra")

    assert result.returncode == 1
    assert result.stderr == (
        "Chung:\n"
        f"  [lỗi] 2018/bao-cao.toml: {NOT_A_FILE[:-1]}, rồi chạy "
        '"make template YEAR=2018" để tạo lại tệp.\n'
    )


def test_unreadable_year_settings_are_a_located_error(data_dir: Path, deny):
    deny(data_dir / "2018/bao-cao.toml")

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", "ra")

    assert result.exit_code == 1
    assert result.output == (
        "Chung:\n"
        "  [lỗi] 2018/bao-cao.toml: không đọc được tệp (không có quyền đọc tệp) — hãy kiểm tra "
        "quyền đọc của tệp hoặc chép lại tệp vào thư mục, rồi chạy lại.\n"
        "Bảng kiểm tra: ra/kiem-tra-2018.xlsx; tệp gửi từng đơn vị: ra/gui-don-vi\n"
        "Đã nộp, không có lỗi: 8 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
        "1 lỗi, không có cảnh báo trong 8 tệp.\n"
    )


# --- the out folder may not be among the inputs --------------------------------------------


def out_dir_refused(out: Path, data_dir: Path) -> str:
    return (
        f"Thư mục ghi kết quả {out} nằm trong thư mục số liệu {data_dir}: tệp ghi ra sẽ bị đọc "
        f"lẫn với tệp số liệu ở lần chạy sau — hãy chọn bằng --out-dir một thư mục ở ngoài "
        f"{data_dir}.\n"
    )


@pytest.mark.parametrize("command", ["check", "build"])
def test_an_out_folder_inside_the_data_folder_is_refused(data_dir: Path, command: str):
    before = sorted(p.name for p in (data_dir / "2018").iterdir())
    out = data_dir / "2018"

    result = run(command, "--year", YEAR, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 2
    assert result.output == out_dir_refused(out, data_dir)
    assert sorted(p.name for p in (data_dir / "2018").iterdir()) == before
    assert run("check", "--year", YEAR, "--data-dir", data_dir).exit_code == 0


def test_the_default_out_folder_is_refused_when_it_is_a_year_folder(data_dir: Path):
    data_dir.rename("out")  # --data-dir out: the default out/2018 is the year's folder

    result = run("check", "--year", YEAR, "--data-dir", "out")

    assert result.exit_code == 2
    assert result.output == out_dir_refused(Path("out/2018"), Path("out"))
    assert not Path("out/2018/kiem-tra-2018.xlsx").exists()


def test_an_out_folder_that_links_into_the_data_folder_is_refused(data_dir: Path, tmp_path):
    link = tmp_path / "lien-ket"
    link.symlink_to(data_dir / "2018" / "moi", target_is_directory=True)

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", link / "kt")

    assert result.exit_code == 2
    assert result.output == out_dir_refused(link / "kt", data_dir)
    assert not (data_dir / "2018" / "moi").exists()


def test_template_writes_its_blanks_beside_the_data_folder_not_into_it(data_dir: Path):
    (data_dir / "2018" / DONG_HUNG).unlink()

    result = run("template", "--year", YEAR, "--data-dir", data_dir)

    assert result.exit_code == 0
    assert f"Đã ghi: mau-trong/2018/{DONG_HUNG}\n" in result.output
    assert not (data_dir / "2018" / DONG_HUNG).exists()


# --- text longer than a cell can hold, numbers above the column's maximum ------------------


@pytest.mark.parametrize(("length", "shown"), [(32_768, "32.768"), (5_000_000, "5.000.000")])
def test_text_longer_than_an_excel_cell_is_an_error(data_dir, tmp_path, length, shown):
    # openpyxl cuts text at 32,767 characters: the longer text goes into the XML itself.
    edit(data_dir, DONG_HUNG, ACTIVITIES, {"C2": "PLACEHOLDER"})
    path = data_dir / str(YEAR) / DONG_HUNG
    parts = {
        name: data.replace(b"PLACEHOLDER", b"n" * length) for name, data in members(path).items()
    }
    write_zip(path, parts)
    out = tmp_path / "out"

    result = run("build", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 1
    assert (
        f'  [lỗi] {DONG_HUNG}, trang "Hoạt động", ô C2: ô có {shown} ký tự, quá giới hạn '
        "32.767 ký tự của một ô Excel — hãy rút gọn nội dung ô này.\n"
    ) in result.output
    assert not out.exists()


def test_text_as_long_as_an_excel_cell_allows_is_accepted(data_dir: Path):
    edit(data_dir, DONG_HUNG, ACTIVITIES, {"C2": "n" * 32_767})

    result = run("check", "--year", YEAR, "--data-dir", data_dir)

    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("sheet", "ref", "column", "high"),
    [
        (ACTIVITIES, "E2", "Số người tham dự", "100.000"),
        (ACTIVITIES, "D2", "Số lớp/buổi", "10.000"),
        (PUBLICATIONS, "C2", "Số lượng", "10.000.000"),
    ],
)
def test_a_number_above_the_column_maximum_is_an_error(data_dir, sheet, ref, column, high):
    edit(data_dir, DONG_HUNG, sheet, {ref: 1.7e308})

    result = run("check", "--year", YEAR, "--data-dir", data_dir)

    assert result.exit_code == 1
    assert (
        f'  [lỗi] {DONG_HUNG}, trang "{sheet}", ô {ref}: "16999999999999999388307957886599817'
        f'433334607430407587450277…" lớn hơn mức tối đa {high} của cột "{column}" — hãy kiểm '
        "tra lại.\n"
    ) in result.output


def test_a_sheet_name_with_a_bidi_override_is_shown_escaped(data_dir: Path):
    path = data_dir / str(YEAR) / DONG_HUNG
    wb = load_workbook(path)
    wb[ACTIVITIES].title = "Hoạt\u202e động"  # still found: names are compared folded
    wb["Hoạt\u202e động"]["D2"] = "x"
    wb.save(path)

    result = run("check", "--year", YEAR, "--data-dir", data_dir)

    assert result.exit_code == 1
    assert result.output == (
        "Huyện Đông Hưng:\n"
        f'  [lỗi] {DONG_HUNG}, trang "Hoạt\\u202e động", ô D2: "x" không phải là số — hãy nhập '
        "số nguyên ≥ 1.\n"
        f"{STATES_ONE_ERROR}"
        "1 lỗi, không có cảnh báo trong 8 tệp.\n"
    )


def test_control_characters_in_the_year_settings_are_removed_with_a_warning(
    data_dir: Path, tmp_path: Path
):
    settings = data_dir / "2018/bao-cao.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace('author = "Phương Thảo"', 'author = "Phương\\u001b[31m\\u202e Thảo"'),
        encoding="utf-8",
    )
    out = tmp_path / "out"

    result = run(
        "build", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out, "--format", "html,docx"
    )

    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Chung:\n"
        '  [cảnh báo] 2018/bao-cao.toml: "author" có 2 ký tự điều khiển không hiện ra được; đã '
        "bỏ các ký tự đó — nên gõ lại dòng này.\n"
    )
    with zipfile.ZipFile(out / "ket-qua-phong-chong-mua-ban-nguoi-2018.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "Phương[31m Thảo" in body and no_control(body)
