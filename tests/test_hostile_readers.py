"""Workbooks inside every size limit that crashed or stalled the reader (issue 11).

Each is rebuilt from its description: a cell whose reference names another row than its <row>
(calamine asked for 155 GB and aborted the run), one 16 MB shared string used by 1,000 cells
(past 6 GB), thousands of sheet entries naming one worksheet part (minutes, gigabytes). Each
must end as one located Vietnamese problem for that file, the other workbooks still checked,
in bounded memory and CPU time. A reader that crashes anyway costs that file only.
"""

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from reportgen.checks import many_workbooks as batch
from reportgen.inputs import limits, prescan, xml_fast_scan, xml_scan, zip_scan
from reportgen.inputs import read as reading
from reportgen.inputs.isolate import ChildFailed, Reader, call_isolated
from reportgen.pipeline import check_year
from tests import hostile
from tests.conftest import DATA, ROOT, run

VICTIM = "336-thai-binh-2018.xlsx"
SOURCE = DATA / "2018" / VICTIM
OTHER = "338-quynh-phu-2018.xlsx"  # spoiled too, to show the others are still checked
OTHER_LINE = (
    f"  [lỗi] {OTHER}: tệp không phải là bảng tính Excel hoặc đã bị hỏng — hãy mở bằng Excel "
    "hoặc LibreOffice và lưu lại dưới dạng .xlsx.\n"
)
REFUSED = "tệp không được đọc"
READER_FAILED = (
    f"  [lỗi] {VICTIM}: tệp quá lớn hoặc bị hỏng: việc đọc tệp phải dừng vì cần hơn 512 MB bộ "
    "nhớ hoặc hơn 20 giây, hoặc vì bộ đọc gặp lỗi; tệp không được đọc — hãy mở bằng Excel hoặc "
    "LibreOffice, lưu lại dưới dạng .xlsx rồi gửi lại.\n"
)
PEAK_MB = 1024
CPU_SECONDS = 60  # generous: the machine may be shared
ENGLISH = ("Traceback", "panicked", "RUST_BACKTRACE", "memory allocation", "Error")

# (builder, the victim's line in the check's output)
CASES = {
    "cell_reference_off_its_row": (
        lambda p: hostile.cell_off_its_row(SOURCE, p, row=3, ref="A99999999999"),
        f'  [lỗi] {VICTIM}, trang "Chỉ tiêu", ô A99999999999: ô có địa chỉ A99999999999 lại nằm '
        "trong dòng 3: địa chỉ ô và số dòng không khớp nhau (tệp hỏng hoặc độc hại); tệp không "
        "được đọc — hãy mở bằng Excel hoặc LibreOffice và lưu lại.\n",
    ),
    "a_16_mb_shared_string_in_1000_cells": (
        lambda p: hostile.giant_shared_string(SOURCE, p, mebibytes=16, cells=1000),
        # 16 MB (plus its tags) a cell: the fifth cell of column F passes 64 MB.
        f'  [lỗi] {VICTIM}, trang "Chỉ tiêu", ô F23: chữ trong các ô dùng chuỗi chung (mỗi chuỗi '
        "tính một lần cho mỗi ô dùng nó) cộng lại hơn 64 MB, vượt giới hạn tại ô F23 (có thể là "
        "tệp độc hại); tệp không được đọc — hãy xóa các ô chép lặp đoạn chữ dài rồi lưu lại.\n",
    ),
    "thousands_of_sheets_naming_one_relationship": (
        lambda p: hostile.aliased_sheets(SOURCE, p, count=5000, same_rel=True),
        f'  [lỗi] {VICTIM}, trang "Bản sao 0": trang "Bản sao 0" và trang "Hoạt động" cùng trỏ '
        'đến một phần "xl/worksheets/sheet4.xml" của tệp (tệp hỏng hoặc độc hại); tệp không được '
        "đọc — hãy mở bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx.\n",
    ),
    "thousands_of_relationships_with_one_target": (
        lambda p: hostile.aliased_sheets(SOURCE, p, count=5000, same_rel=False),
        f'  [lỗi] {VICTIM}, trang "Bản sao 0": trang "Bản sao 0" và trang "Hoạt động" cùng trỏ '
        'đến một phần "xl/worksheets/sheet4.xml" của tệp (tệp hỏng hoặc độc hại); tệp không được '
        "đọc — hãy mở bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx.\n",
    ),
}


def _spoil_other(data_dir: Path) -> None:
    (data_dir / "2018" / OTHER).write_bytes(b"not a workbook")


def _check_in_a_process(data_dir: Path) -> tuple[int, str, float, float]:
    """Run `reportgen check` as a process; return (exit code, output, peak MiB, CPU seconds).

    The peak and the CPU time cover the process and every reader it started (wait4 counts the
    children it waited for).
    """
    env = os.environ | {"REPORTGEN_CACHE": "off"}
    command = [sys.executable, "-m", "reportgen", "check", "--year", "2018"]
    command += ["--data-dir", str(data_dir), "--out-dir", str(data_dir.parent / "out")]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = proc.stdout.read().decode("utf-8")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, output, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


@pytest.mark.parametrize("case", CASES)
def test_a_small_hostile_workbook_is_one_located_problem_and_the_run_goes_on(
    data_dir: Path, case: str
):
    build, line = CASES[case]
    path = build(data_dir / "2018" / VICTIM)
    assert path.stat().st_size < 100_000  # inside the file-size limit by far
    _spoil_other(data_dir)
    code, output, peak_mb, cpu = _check_in_a_process(data_dir)
    assert code == 1, output
    assert line in output
    assert OTHER_LINE in output  # the other workbooks were still read and checked
    # the two files, their units missing
    assert output.endswith("4 lỗi, không có cảnh báo trong 8 tệp.\n")
    assert not any(word in output for word in ENGLISH), output
    assert peak_mb < PEAK_MB, peak_mb
    assert cpu < CPU_SECONDS, cpu


def test_a_reader_that_aborts_on_a_file_the_scan_let_through_costs_that_file_only(
    data_dir: Path, monkeypatch
):
    # Without the scan, the cell off its row reaches calamine, which aborts (SIGABRT).
    hostile.cell_off_its_row(SOURCE, data_dir / "2018" / VICTIM)
    _spoil_other(data_dir)
    monkeypatch.setattr(prescan, "scan", _no_scan)
    result = run("check", "--year", 2018, "--data-dir", data_dir)
    assert result.exit_code == 1
    assert READER_FAILED in result.output
    assert OTHER_LINE in result.output
    assert result.output.endswith("4 lỗi, không có cảnh báo trong 8 tệp.\n")
    assert not any(word in result.output for word in ENGLISH), result.output


_REAL_SCAN = prescan.scan


def _no_scan(path: Path, data: bytes | None = None):
    if path.name == VICTIM:
        return None, zip_scan.Scanned(path.read_bytes())
    return _REAL_SCAN(path, data)


def _read_or(action):
    """Return a stand-in for read._read that does `action` for the victim, reads the others."""
    real = reading._read

    def read(path: Path, data: bytes | None = None):
        if path.name == VICTIM:
            action()
        return real(path, data)

    return read


def _allocate() -> None:
    bytearray(4 * 1024**3)


def _spin() -> None:
    while True:
        pass


def _sleep() -> None:
    time.sleep(600)


@pytest.mark.parametrize(
    "action, ceilings",
    [
        (os.abort, {}),
        (_allocate, {}),
        (_spin, {"READ_CPU_SECONDS": 1}),
        (_sleep, {"READ_WALL_SECONDS": 1}),
    ],
    ids=["aborts", "allocates_4_gb", "loops", "blocks"],
)
def test_a_reader_that_crashes_or_stalls_is_one_problem_for_its_file(
    data_dir: Path, monkeypatch, action, ceilings
):
    for name, value in ceilings.items():
        monkeypatch.setattr(limits, name, value)
    monkeypatch.setattr(reading, "_read", _read_or(action))
    result = check_year(2018, data_dir)
    mine = [p for p in result.problems if p.file == VICTIM]
    assert [(p.rule, p.sheet, p.cell) for p in mine] == [("reader_failed", "", "")]
    seconds = ceilings.get("READ_CPU_SECONDS", 20)
    assert mine[0].message.startswith(
        f"tệp quá lớn hoặc bị hỏng: việc đọc tệp phải dừng vì cần hơn 512 MB bộ nhớ hoặc hơn "
        f"{seconds} giây"
    )
    assert len(result.submissions) == 7  # every other workbook was read


def test_in_the_worker_pool_a_crash_costs_its_file_only(data_dir: Path, monkeypatch):
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)  # the pool, as from 40 files
    monkeypatch.setattr(reading, "_read", _read_or(os.abort))
    _spoil_other(data_dir)
    result = run("check", "--year", 2018, "--data-dir", data_dir)
    assert result.exit_code == 1
    assert READER_FAILED in result.output and OTHER_LINE in result.output


def test_a_stopped_reader_is_not_kept_in_the_cache(data_dir: Path, monkeypatch):
    # It may pass on a quieter machine: the next run reads the file again.
    crash = [True]
    monkeypatch.setattr(reading, "_read", _read_or(lambda: crash[0] and os.abort()))
    assert "reader_failed" in {p.rule for p in check_year(2018, data_dir).problems}
    crash[0] = False
    result = check_year(2018, data_dir)
    assert "reader_failed" not in {p.rule for p in result.problems}
    assert len(result.submissions) == 8


def test_a_bug_in_the_child_is_raised_not_hidden_as_a_bad_file(data_dir: Path, monkeypatch):
    def broken(path: Path, data: bytes | None = None):
        raise ValueError("a bug")

    monkeypatch.setattr(reading, "_read", broken)
    with pytest.raises(ChildFailed, match="ValueError: a bug") as raised:
        check_year(2018, data_dir)
    assert not raised.value.crashed
    assert "in broken" in raised.value.detail  # the child's traceback, for -v and debugging


def test_the_parent_unpickles_only_data():
    class Payload:  # what a fooled child could send: unpickling it would run os.system
        def __reduce__(self):
            return (os.system, ("true",))

    with pytest.raises(ChildFailed, match="not data") as raised:
        call_isolated(Payload)
    assert raised.value.crashed


def test_a_workbook_within_the_new_limits_is_read(tmp_path: Path):
    # A 1 MB shared string in 10 cells (10 MB in all) and the sample's own sheets.
    path = hostile.giant_shared_string(SOURCE, tmp_path / VICTIM, mebibytes=1, cells=10)
    rows = reading.read_workbook(path).sheets["Chỉ tiêu"]
    assert [len(rows[r][5]) for r in range(19, 29)] == [1024 * 1024] * 10


def test_cells_of_a_row_without_number_take_the_row_of_their_reference(tmp_path: Path):
    # Some writers leave out <row r>; the cells' own references place them, without refusal.
    rows = '<row><c r="A1"><v>1</v></c></row><row><c r="B4"><v>2</v></c></row>'
    path = hostile.with_parts(
        SOURCE, tmp_path / VICTIM, xl__worksheets__sheet3_DOT_xml=hostile.sheet_xml(rows)
    )
    sheet = reading.read_workbook(path).sheets["Chỉ tiêu"]
    assert sheet == [[1.0, None], [None, None], [None, None], [None, 2.0]]


def _sheet(rows: str) -> bytes:
    return hostile.sheet_xml(rows)


def _full_parse(xml: bytes, count: xml_scan.CellCount) -> None:
    xml_scan.parse_part(xml, zipfile.ZipInfo("xl/worksheets/sheet1.xml"), count)


def test_the_fast_scan_leaves_a_cell_off_its_row_to_the_full_parser_which_refuses_it():
    xml = _sheet('<row r="3"><c r="A3"><v>1</v></c><c r="B7"><v>2</v></c></row>')
    assert xml_fast_scan.scan_plain(xml, xml_scan.CellCount({})) is None
    with pytest.raises(limits.Refused) as refused:
        _full_parse(xml, xml_scan.CellCount({}))
    assert (refused.value.refusal.rule, refused.value.refusal.cell) == ("cell_off_its_row", "B7")


def test_an_empty_styled_cell_off_its_row_is_let_through_by_both_scans():
    # Readers keep only cells with a value: an empty one places nothing.
    xml = _sheet('<row r="3"><c r="A3"><v>1</v></c><c r="B7" s="1"/></row>')
    fast = xml_scan.CellCount({})
    assert xml_fast_scan.scan_plain(xml, fast) is False
    full = xml_scan.CellCount({})
    _full_parse(xml, full)
    assert fast.done == full.done == 3  # A1:A3


def test_a_shared_string_is_measured_even_when_cdata_fakes_string_boundaries(data_dir: Path):
    # A pattern would see four strings here; the parser sees one of 16 MB, used by 5 cells.
    text = "<![CDATA[<si><si><si>]]>" + "A" * (16 * 1024 * 1024)
    sst = f'<sst xmlns="{hostile._MAIN}"><si><t>{text}</t></si></sst>'.encode()
    rows = "".join(f'<row r="{r}"><c r="F{r}" t="s"><v>0</v></c></row>' for r in range(20, 25))
    hostile.with_parts(
        SOURCE,
        data_dir / "2018" / VICTIM,
        xl__sharedStrings_DOT_xml=sst,
        xl__worksheets__sheet3_DOT_xml=hostile._append_rows(SOURCE, rows),
    )
    mine = [p for p in check_year(2018, data_dir).problems if p.file == VICTIM]
    assert [(p.rule, p.sheet, p.cell) for p in mine] == [("shared_text", "Chỉ tiêu", "F23")]


def test_a_crash_in_the_middle_of_a_run_costs_that_file_only(data_dir: Path, monkeypatch):
    # One reader serves file after file: the one after the crash gets a fresh reader.
    middle = "340-dong-hung-2018.xlsx"
    real = reading._read
    monkeypatch.setattr(
        reading, "_read", lambda p, d=None: os.abort() if p.name == middle else real(p, d)
    )
    monkeypatch.setattr(Reader, "RENEW_AFTER", 3)  # and it is renewed on the way
    result = check_year(2018, data_dir)
    assert [(p.file, p.rule) for p in result.problems if p.is_error] == [
        (middle, "reader_failed"),
        ("", "missing_unit"),
    ]
    assert len(result.submissions) == 7


def test_an_input_that_crashes_a_used_reader_is_tried_again_in_a_child_of_its_own():
    seen = []  # in the reader: every input it has served

    def read(name: str) -> str:
        seen.append(name)
        if name == "b" and len(seen) > 1:  # crashes only after another input
            os.abort()
        return name.upper()

    with Reader(read) as reader:
        assert [reader("a"), reader("b"), reader("c")] == ["A", "B", "C"]
