"""`reportgen check` writes kiem-tra-<year>.xlsx and .html: the problems, and who sent what."""

import shutil
import time
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import run

YEAR = 2018
TIEN_HAI = "342-tien-hai-2018.xlsx"
PROBLEM_HEADERS = (
    "Mức", "Đơn vị", "Tệp", "Trang", "Ô", "Giá trị", "Quy tắc", "Nội dung", "Mã quy tắc"
)  # fmt: skip


def edit(data_dir: Path, file: str, sheet: str, changes: dict) -> None:
    path = data_dir / str(YEAR) / file
    wb = load_workbook(path)
    for ref, value in changes.items():
        wb[sheet][ref] = value
    wb.save(path)


def rows(path: Path, sheet: str) -> list[tuple]:
    return list(load_workbook(path)[sheet].iter_rows(values_only=True))


def test_clean_check_writes_the_report_into_out_year_by_default(data_dir: Path):
    result = run("check", "--year", YEAR, "--data-dir", data_dir)

    assert result.exit_code == 0
    assert result.output == (
        "Bảng kiểm tra: out/2018/kiem-tra-2018.xlsx; tệp gửi từng đơn vị: out/2018/gui-don-vi\n"
        "Đã nộp, không có lỗi: 8 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
        "Không có lỗi, không có cảnh báo trong 8 tệp.\n"
    )
    report = Path("out/2018/kiem-tra-2018.xlsx")
    assert sorted(p.name for p in report.parent.iterdir()) == [
        "gui-don-vi",
        "kiem-tra-2018.html",
        "kiem-tra-2018.xlsx",
        "nhat-ky.log",
    ]
    assert rows(report, "Vấn đề") == [PROBLEM_HEADERS]
    status = rows(report, "Tình trạng nộp")
    assert status[0][:6] == ("Mã", "Đơn vị", "Tình trạng", "Tệp", "Người lập", "Ngày lập")
    assert [r[:6] for r in status[1:3]] == [
        ("336", "Thành phố Thái Bình", "Đã nộp, không có lỗi", "336-thai-binh-2018.xlsx",
         "Nguyễn Thị Hương", "26/11/2018"),
        ("338", "Huyện Quỳnh Phụ", "Đã nộp, không có lỗi", "338-quynh-phu-2018.xlsx",
         "Trần Văn Hải", "26/11/2018"),
    ]  # fmt: skip
    assert len(status) == 9


def test_problems_are_one_row_each_located_to_the_cell(data_dir: Path, tmp_path: Path):
    edit(data_dir, TIEN_HAI, "Chỉ tiêu", {"D6": "ba mươi", "D7": "1.519"})
    out = tmp_path / "kiem-tra"

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 1
    # 1,519 against 72 in 2017 is reported in the same run as the error (issue 14, point 6).
    assert result.output.endswith("1 lỗi, 2 cảnh báo trong 8 tệp.\n")
    assert rows(out / "kiem-tra-2018.xlsx", "Vấn đề")[1:] == [
        ("lỗi", "Huyện Tiền Hải", TIEN_HAI, "Chỉ tiêu", "D6", "ba mươi", "Không phải số",
         '"ba mươi" không phải là số — hãy nhập số nguyên ≥ 0.', "not_a_number"),
        ("cảnh báo", "Huyện Tiền Hải", TIEN_HAI, "Chỉ tiêu", "D7", "1.519", "Số gõ dạng chữ",
         '"1.519" được nhập dưới dạng chữ, đã đọc là 1.519 — nên nhập lại dạng số.',
         "number_as_text"),
        ("cảnh báo", "Huyện Tiền Hải", TIEN_HAI, "Chỉ tiêu", "D7", "1519",
         "Khác xa năm trước",
         "1.519, năm 2017 là 72 — tăng hơn 5 lần; hãy kiểm tra lại, nếu đúng thì không cần "
         "sửa.", "year_over_year"),
    ]  # fmt: skip
    [tien_hai] = [r for r in rows(out / "kiem-tra-2018.xlsx", "Tình trạng nộp") if r[0] == "342"]
    assert tien_hai[2:8] == ("Đã nộp, còn lỗi", TIEN_HAI, "Bùi Văn Nam", "26/11/2018", 1, 2)
    page = (out / "kiem-tra-2018.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert "<h1>Kết quả kiểm tra số liệu phòng, chống mua bán người năm 2018</h1>" in page
    assert "<p>1 lỗi, 2 cảnh báo trong 8 tệp.</p>" in page
    assert (
        "<p>Đã nộp, không có lỗi: 7 đơn vị.<br>Đã nộp, còn lỗi: 1 đơn vị.<br>"
        "Chưa nộp: 0 đơn vị.</p>"
    ) in page
    # The page comes from templates/kiem-tra.html.j2; Jinja escapes a quote as &#34;.
    assert "<td>&#34;ba mươi&#34; không phải là số — hãy nhập số nguyên ≥ 0.</td>" in page
    assert "<th>Quy tắc</th><th>Nội dung</th><th>Mã quy tắc</th>" in page
    assert "<td>Không phải số</td>" in page and "<td>not_a_number</td>" in page


def test_completeness_lists_missing_duplicate_unknown_and_unreadable(data_dir: Path, tmp_path):
    folder = data_dir / str(YEAR)
    (folder / "344-vu-thu-2018.xlsx").unlink()
    shutil.copy(folder / TIEN_HAI, folder / "tien-hai-ban-cu.xlsx")
    edit(data_dir, "343-kien-xuong-2018.xlsx", "Thông tin", {"B2": "Kiến Xươngg", "B3": None})
    (folder / "hong.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "kiem-tra"

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 1
    status = {(r[0], r[3]): r for r in rows(out / "kiem-tra-2018.xlsx", "Tình trạng nộp")[1:]}
    assert status[("344", None)][2] == "Chưa nộp"
    duplicate = status[("342", f"{TIEN_HAI}, tien-hai-ban-cu.xlsx")]
    assert duplicate[2] == "Nộp trùng"
    assert duplicate[8] == f"Có nhiều tệp: {TIEN_HAI}, tien-hai-ban-cu.xlsx — hãy giữ lại một tệp."
    assert status[("343", None)][2] == "Chưa nộp"
    unknown = status[(None, "343-kien-xuong-2018.xlsx")]
    assert unknown[2] == "Không nhận ra đơn vị"
    assert unknown[8] == (
        '343-kien-xuong-2018.xlsx, trang "Thông tin", ô B2: "Kiến Xươngg" không phải là đơn vị '
        'báo cáo của năm 2018. Có phải "Kiến Xương"?'
    )
    assert status[(None, "hong.xlsx")][2] == "Không đọc được tệp"


def test_a_failed_check_leaves_the_report_files_alone(data_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run("build", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    # The run log gains a line per run by design (issue 5); every report file stays as it was.
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "nhat-ky.log"}
    edit(data_dir, TIEN_HAI, "Chỉ tiêu", {"D6": -1})

    assert run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out).exit_code == 1
    assert run("build", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out).exit_code == 1

    after = {
        p.name: p.read_bytes()
        for p in out.iterdir()
        if not p.name.startswith("kiem-tra") and p.name not in ("nhat-ky.log", "gui-don-vi")
    }
    assert after == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith("kiem-tra")) == [
        "kiem-tra-2018.html",
        "kiem-tra-2018.xlsx",
    ]


def test_verbose_check_says_where_it_wrote(data_dir: Path, tmp_path: Path):
    out = tmp_path / "kiem-tra"

    result = run("-v", "check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 0
    assert f"Đã ghi: {out / 'kiem-tra-2018.xlsx'}\n" in result.output
    assert f"Đã ghi: {out / 'kiem-tra-2018.html'}\n" in result.output


def test_out_dir_that_is_a_file_is_a_vietnamese_error(data_dir: Path, tmp_path: Path):
    blocker = tmp_path / "tep"
    blocker.write_text("x")

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", blocker / "sub")

    assert result.exit_code == 1
    assert result.output.startswith(f"Không ghi được tệp {blocker / 'sub'}")


def test_two_checks_write_the_same_bytes(data_dir: Path, tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", first)
    time.sleep(1.1)  # a clock stamp anywhere in the file would now differ
    run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", second)
    for name in ("kiem-tra-2018.xlsx", "kiem-tra-2018.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
