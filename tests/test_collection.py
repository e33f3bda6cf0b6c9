"""The collection loop at 104 units (issue 14): blanks kept apart from submissions, who has
sent what, a feedback file per unit, every problem of a file in one round."""

import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import DATA, Fresh, run
from tests.conftest import declarations as _declarations
from tests.sample_hung_yen import EXAMPLES

YEAR = 2026
SENT = sorted(p.name for p in (EXAMPLES / "2026").glob("*.xlsx"))  # 104 filled workbooks
NOT_SENT = SENT[-4:]  # these four units send nothing
STATES_100_4 = (
    "Đã nộp, không có lỗi: 100 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 4 đơn vị.\n"
)


@pytest.fixture(autouse=True)
def _shared_cache(hung_yen_cache: Path, monkeypatch) -> None:
    """Share one cache of checked workbooks among this file's runs: most read the same 104
    workbooks (a test of the cache itself keeps its own, tests/test_cache_units.py)."""
    monkeypatch.setenv("REPORTGEN_CACHE", str(hung_yen_cache))


@pytest.fixture
def fresh(fresh_2026: Fresh) -> Fresh:
    """`template` (104 blanks) then `check` in a new folder: run once, in tests/conftest.py."""
    return fresh_2026


@pytest.fixture
def blanks(fresh: Fresh) -> Path:
    """The folder of the 104 blank workbooks `template` wrote."""
    return fresh.root / "mau-trong" / str(YEAR)


def _data(tmp_path: Path, sent: list[str]) -> Path:
    """A data folder with the given example workbooks of 2026 (filled, clean) as sent."""
    data = _declarations(tmp_path / "data")
    folder = data / str(YEAR)
    folder.mkdir()
    shutil.copy(EXAMPLES / "2026" / "bao-cao.toml", folder / "bao-cao.toml")
    for name in sent:
        shutil.copy(EXAMPLES / "2026" / name, folder / name)
    return data


def _edit(path: Path, sheet: str, cells: dict) -> None:
    wb = load_workbook(path)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(path)


def _rows(path: Path, sheet: str) -> list[tuple]:
    return list(load_workbook(path)[sheet].iter_rows(values_only=True))


# --- 1. blanks are not submissions --------------------------------------------------------


def test_template_writes_104_blanks_into_their_own_folder_and_none_into_data(fresh: Fresh):
    assert fresh.template.exit_code == 0, fresh.template.output
    blanks = sorted(p.name for p in (fresh.root / "mau-trong/2026").iterdir())
    assert len(blanks) == 104
    assert blanks[:2] == ["11953-pho-hien-2026.xlsx", "11977-tan-hung-2026.xlsx"]
    # data/2026 gets only the settings and staff-text files that `build` reads there.
    assert sorted(p.name for p in (fresh.data / "2026").iterdir()) == [
        "bao-cao.toml",
        "nhan-dinh.md",
    ]
    assert "Đã ghi: mau-trong/2026/11953-pho-hien-2026.xlsx\n" in fresh.template.output


def test_after_template_the_check_says_104_units_have_not_sent_and_nothing_else(fresh: Fresh):
    result = fresh.check
    assert result.exit_code == 1
    lines = result.output.splitlines()
    # The settings skeleton has no date yet: a note, since only `build` needs it.
    assert lines[:2] == [
        "Chung:",
        "  [ghi chú] 2026/bao-cao.toml: chưa có ngày đăng hợp lệ — hãy ghi một dòng như: "
        "date = 2018-12-02 (năm-tháng-ngày, không có dấu ngoặc kép). (Chỉ cần khi lập báo cáo; "
        "việc kiểm tra số liệu vẫn làm đủ.)",
    ]
    assert lines[2] == "Chưa nộp (104 đơn vị):"
    assert lines[3] == (
        "  Phường Phố Hiến, Xã Tân Hưng, Phường Hồng Châu, Phường Sơn Nam, Xã Lạc Đạo, Xã Đại Đồng,"
    )
    assert lines[-5:] == [
        "Bảng kiểm tra: out/2026/kiem-tra-2026.xlsx; tệp gửi từng đơn vị: out/2026/gui-don-vi",
        "Đã nộp, không có lỗi: 0 đơn vị.",
        "Đã nộp, còn lỗi: 0 đơn vị.",
        "Chưa nộp: 104 đơn vị.",
        "104 lỗi, không có cảnh báo trong 0 tệp.",
    ]
    assert len(lines) == 2 + 1 + 17 + 5  # the 104 names wrap to 17 lines
    assert "[lỗi]" not in result.output and "[cảnh báo]" not in result.output
    status = _rows(fresh.root / "out/2026/kiem-tra-2026.xlsx", "Tình trạng nộp")[1:]
    assert len(status) == 104 and {row[2] for row in status} == {"Chưa nộp"}


def test_template_never_writes_into_the_years_data_folder(tmp_path: Path):
    data = _declarations(tmp_path / "data")

    result = run("template", "--year", YEAR, "--data-dir", data, "--out-dir", data / "2026")

    assert result.exit_code == 2
    assert result.output == (
        f"Không ghi mẫu trống vào {data / '2026'}: thư mục năm của số liệu ({data / '2026'}) chỉ "
        "chứa tệp các đơn vị gửi về, mẫu trống để ở đó sẽ bị đọc như tệp nộp. Hãy bỏ --out-dir "
        "(mặc định mau-trong/2026) hoặc chọn thư mục khác.\n"
    )
    assert not (data / "2026").exists()


def test_template_again_makes_blanks_only_for_units_that_have_sent_nothing(tmp_path: Path):
    data = _data(tmp_path, SENT[:100])
    # A unit's file under a name of its own is still that unit's (found by what it names).
    folder = data / str(YEAR)
    (folder / SENT[0]).rename(folder / "bao cao PHO HIEN gui tinh.xlsx")

    result = run("template", "--year", YEAR, "--data-dir", data)

    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("mau-trong/2026").iterdir()) == NOT_SENT
    assert (
        "Không tạo mẫu cho Phường Phố Hiến: đã có tệp bao cao PHO HIEN gui tinh.xlsx trong "
        f"{folder}.\n"
    ) in result.output
    assert result.output.count("Không tạo mẫu cho ") == 100


def test_a_blank_left_in_data_is_a_note_for_its_file_not_a_submission_nor_a_duplicate(
    tmp_path: Path, blanks: Path
):
    data = _data(tmp_path, SENT[:100])
    folder = data / str(YEAR)
    # The blank of a unit that has also sent its file, under another name; and one of a unit
    # that has not sent anything, saved by an older version (no mark: recognised by content).
    shutil.copy(blanks / SENT[1], folder / "mau-cu-tan-hung.xlsx")
    old = load_workbook(blanks / NOT_SENT[0])
    old.custom_doc_props.props.clear()
    old.save(folder / NOT_SENT[0])

    result = run("check", "--year", YEAR, "--data-dir", data)

    assert result.exit_code == 1
    assert result.output.count("[cảnh báo]") == 2
    assert (
        "  [cảnh báo] mau-cu-tan-hung.xlsx: tệp mẫu chưa điền — chưa có số liệu nào nên không "
        "tính là đã nộp. Hãy điền rồi gửi lại, hoặc chuyển tệp này ra khỏi thư mục số liệu.\n"
    ) in result.output
    assert "Nộp trùng" not in result.output and "chưa nhập" not in result.output
    assert result.output.endswith(STATES_100_4 + "4 lỗi, 2 cảnh báo trong 102 tệp.\n")
    status = {r[0]: r for r in _rows(Path("out/2026/kiem-tra-2026.xlsx"), "Tình trạng nộp")}
    assert status["11977"][2:4] == ("Đã nộp, không có lỗi", f"{SENT[1]}, mau-cu-tan-hung.xlsx")
    assert status["11977"][8] == "Chỉ có tệp mẫu chưa điền: mau-cu-tan-hung.xlsx."
    code = NOT_SENT[0].split("-")[0]
    assert status[code][2] == "Chưa nộp"
    missing = Path("out/2026/gui-don-vi/chua-nop.txt").read_text(encoding="utf-8")
    assert f"(chỉ có tệp mẫu chưa điền: {NOT_SENT[0]})" in missing


def test_the_blank_carries_the_templates_mark():
    from reportgen.blank_workbook import blank_workbook
    from reportgen.declared.catalog import load_catalog
    from reportgen.declared.units import load_registry

    [unit] = [u for u in load_registry(DATA).units_for(YEAR) if u.code == "11953"]
    wb = load_workbook(io.BytesIO(blank_workbook(unit, YEAR, load_catalog(DATA), ())))
    assert [(p.name, p.value) for p in wb.custom_doc_props.props] == [
        ("reportgen-mau-trong", "2026/11953")
    ]


# --- 2. who has sent what; 3. feedback per unit ---------------------------------------------


def test_100_sent_and_4_missing_say_100_and_4_and_list_the_four(tmp_path: Path):
    data = _data(tmp_path, SENT[:100])

    result = run("check", "--year", YEAR, "--data-dir", data)

    assert result.exit_code == 1
    assert result.output.endswith(STATES_100_4 + "4 lỗi, không có cảnh báo trong 100 tệp.\n")
    assert Path("out/2026/gui-don-vi/chua-nop.txt").read_text(encoding="utf-8") == (
        "Các đơn vị chưa nộp tệp số liệu năm 2026: 4 đơn vị.\n"
        "13225\tPhường Thái Bình\n13246\tXã Tân Thuận\n13264\tXã Thư Vũ\n13279\tXã Vũ Tiên\n"
    )
    assert sorted(p.name for p in Path("out/2026/gui-don-vi").iterdir()) == ["chua-nop.txt"]
    status = _rows(Path("out/2026/kiem-tra-2026.xlsx"), "Tình trạng nộp")[1:]
    assert sum(r[2] == "Đã nộp, không có lỗi" for r in status) == 100
    assert sum(r[2] == "Chưa nộp" for r in status) == 4
    page = Path("out/2026/kiem-tra-2026.html").read_text(encoding="utf-8")
    assert (
        "<p>Đã nộp, không có lỗi: 100 đơn vị.<br>Đã nộp, còn lỗi: 0 đơn vị.<br>"
        "Chưa nộp: 4 đơn vị.</p>"
    ) in page


ACTIVITY = ["Lớp tập huấn", "kỹ năng nhận diện", "người dân", 1, 30]


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """100 sent, 4 not; planted: a word in a number cell, 40 activities of an unknown kind,
    a number typed as text (a warning only)."""
    data = _data(tmp_path, SENT[:100])
    folder = data / str(YEAR)
    _edit(folder / SENT[0], "Chỉ tiêu", {"D3": "ba mươi"})
    wb = load_workbook(folder / SENT[1])
    for row in range(20, 60):
        for column, value in enumerate(["Hội thảo khoa học", *ACTIVITY[1:]], 1):
            wb["Hoạt động"].cell(row=row, column=column, value=value)
    wb.save(folder / SENT[1])
    _edit(folder / SENT[2], "Chỉ tiêu", {"D3": "12"})
    return data


def test_repeated_problems_of_a_unit_are_capped_on_screen_and_all_in_the_table(planted):
    result = run("check", "--year", YEAR, "--data-dir", planted)

    assert result.exit_code == 1
    lines = result.output.splitlines()
    start = lines.index("Xã Tân Hưng:")
    shown = lines[start + 1 : start + 6]
    for line, row in zip(shown, range(20, 25), strict=True):
        assert line.startswith(
            f'  [lỗi] {SENT[1]}, trang "Hoạt động", ô A{row}: "Hội thảo khoa học" không có'
        ), line
    assert lines[start + 6] == "  … và 35 lỗi tương tự (xem đủ trong bảng kiểm tra)"
    assert result.output.endswith(
        "Đã nộp, không có lỗi: 98 đơn vị.\nĐã nộp, còn lỗi: 2 đơn vị.\nChưa nộp: 4 đơn vị.\n"
        "45 lỗi, 1 cảnh báo trong 100 tệp.\n"
    )
    problems = _rows(Path("out/2026/kiem-tra-2026.xlsx"), "Vấn đề")[1:]
    assert sum(r[8] == "unknown_choice" and r[2] == SENT[1] for r in problems) == 40


def test_each_unit_with_problems_gets_its_feedback_file_in_vietnamese(planted):
    run("check", "--year", YEAR, "--data-dir", planted)

    folder = Path("out/2026/gui-don-vi")
    assert sorted(p.name for p in folder.iterdir()) == [
        "11953-pho-hien.xlsx",
        "11977-tan-hung.xlsx",
        "11980-hong-chau.xlsx",
        "chua-nop.txt",
    ]
    rows = _rows(folder / "11953-pho-hien.xlsx", "Cần sửa")
    assert rows[0][0] == "Kết quả kiểm tra tệp số liệu năm 2026 của Phường Phố Hiến"
    assert rows[1][0] == (
        "Hãy sửa các ô dưới đây trong tệp của đơn vị rồi gửi lại cho Ban chỉ đạo 138 tỉnh Hưng "
        "Yên. Lỗi phải sửa; cảnh báo thì xem lại, đúng rồi thì giữ nguyên."
    )
    assert rows[3:] == [
        ("Mức", "Tệp", "Trang", "Ô", "Giá trị", "Cần sửa", "Quy tắc", "Mã quy tắc"),
        ("lỗi", SENT[0], "Chỉ tiêu", "D3", "ba mươi",
         '"ba mươi" không phải là số — hãy nhập số nguyên ≥ 0.', "Không phải số",
         "not_a_number"),
    ]  # fmt: skip
    [warning] = _rows(folder / "11980-hong-chau.xlsx", "Cần sửa")[4:]
    assert warning[:4] == ("cảnh báo", SENT[2], "Chỉ tiêu", "D3")
    assert warning[6:] == ("Số gõ dạng chữ", "number_as_text")
    assert len(_rows(folder / "11977-tan-hung.xlsx", "Cần sửa")[4:]) == 40


def test_a_fixed_units_feedback_file_is_gone_after_the_next_check(planted: Path):
    run("check", "--year", YEAR, "--data-dir", planted)
    assert Path("out/2026/gui-don-vi/11953-pho-hien.xlsx").is_file()
    shutil.copy(EXAMPLES / "2026" / SENT[0], planted / str(YEAR) / SENT[0])

    run("check", "--year", YEAR, "--data-dir", planted)

    assert not Path("out/2026/gui-don-vi/11953-pho-hien.xlsx").exists()
    assert Path("out/2026/gui-don-vi/11977-tan-hung.xlsx").is_file()


# --- 6. one round trip ----------------------------------------------------------------------


def test_a_jump_from_last_year_is_reported_with_the_files_other_errors(data_dir: Path):
    path = data_dir / "2018" / "342-tien-hai-2018.xlsx"
    _edit(path, "Chỉ tiêu", {"D6": "ba mươi", "D7": 1519})

    result = run("check", "--year", 2018, "--data-dir", data_dir)

    assert result.exit_code == 1
    assert result.output.startswith(
        "Huyện Tiền Hải:\n"
        '  [lỗi] 342-tien-hai-2018.xlsx, trang "Chỉ tiêu", ô D6: "ba mươi" không phải là số — '
        "hãy nhập số nguyên ≥ 0.\n"
        '  [cảnh báo] 342-tien-hai-2018.xlsx, trang "Chỉ tiêu", ô D7: 1.519, năm 2017 là 72 — '
        "tăng hơn 5 lần; hãy kiểm tra lại, nếu đúng thì không cần sửa.\n"
    )


def test_a_missing_publication_date_is_a_note_for_check_and_an_error_for_build(data_dir: Path):
    settings = data_dir / "2018" / "bao-cao.toml"
    settings.write_text('author = "Phương Thảo"\n', encoding="utf-8")

    checked = run("check", "--year", 2018, "--data-dir", data_dir)
    built = run("build", "--year", 2018, "--data-dir", data_dir, "--format", "html")

    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith(
        "Chung:\n  [ghi chú] 2018/bao-cao.toml: chưa có ngày đăng hợp lệ — hãy ghi một dòng như: "
        "date = 2018-12-02 (năm-tháng-ngày, không có dấu ngoặc kép). (Chỉ cần khi lập báo cáo; "
        "việc kiểm tra số liệu vẫn làm đủ.)\n"
    )
    assert checked.output.endswith("Không có lỗi, không có cảnh báo trong 8 tệp.\n")
    assert built.exit_code == 1
    assert built.output.startswith(
        "Chung:\n  [lỗi] 2018/bao-cao.toml: chưa có ngày đăng hợp lệ — hãy ghi một dòng như: "
        "date = 2018-12-02 (năm-tháng-ngày, không có dấu ngoặc kép).\n"
    )


def test_every_rule_of_the_bad_input_corpus_has_a_vietnamese_label():
    from reportgen.checks.rule_table import RULES
    from reportgen.declared.catalog import load_catalog
    from tests.test_corpus import BAD, BESIDE, MISSING

    rows = [row for rows in (*BAD.values(), *BESIDE.values()) for row in rows]
    rules = {row[4] for row in rows if row is not MISSING} | {"missing_unit", "blank_template"}
    declared = {rule.name for rule in load_catalog(DATA).rules}  # labelled as one kind
    assert sorted(rules - declared - set(RULES)) == []
    assert RULES["not_a_number"].label == "Không phải số"
    assert RULES["blank_template"].label == "Tệp mẫu chưa điền"
