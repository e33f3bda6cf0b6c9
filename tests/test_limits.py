"""Input limits: each hostile workbook is one located problem, in bounded time and memory."""

import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.inputs import limits, xml_fast_scan, xml_scan
from reportgen.inputs.read import read_workbook
from reportgen.pipeline import check_year
from tests import hostile
from tests.conftest import DATA, ROOT, run

VICTIM = "336-thai-binh-2018.xlsx"
SOURCE = DATA / "2018" / VICTIM
MEMORY_LIMIT_MB = 500
CELLS = f"{limits.MAX_CELLS:,}".replace(",", ".")
ENTITIES = "có khai báo DTD hoặc thực thể XML, điều mà Excel không bao giờ ghi"


def _laughs_in_workbook_part(target: Path) -> Path:
    entities = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    part = hostile.members(SOURCE)["xl/workbook.xml"].decode()
    return hostile.with_parts(SOURCE, target, xl__workbook_DOT_xml=(entities + part).encode())


# (builder, rule, start of the message, sheet, cell)
CASES = {
    "zip_bomb": (
        lambda p: hostile.zip_bomb(SOURCE, p),
        "zip_bomb",
        "tệp giải nén ra hơn 64 MB, quá lớn đối với một tệp số liệu (có thể là tệp độc hại); "
        "tệp không được đọc",
        "",
        "",
    ),
    "zip_bomb_lying_about_its_size": (
        lambda p: hostile.zip_bomb(SOURCE, p, mebibytes=128, declared=1000),
        "unreadable",
        "không đọc được tệp (tệp hỏng",
        "",
        "",
    ),
    "billion_laughs": (
        lambda p: hostile.billion_laughs(SOURCE, p),
        "xml_entities",
        f'phần "xl/worksheets/sheet3.xml" của tệp {ENTITIES}',
        "Chỉ tiêu",
        "",
    ),
    "entities_in_the_workbook_part": (
        _laughs_in_workbook_part,
        "xml_entities",
        f'phần "xl/workbook.xml" của tệp {ENTITIES}',
        "",
        "",
    ),
    "one_value_in_the_far_corner": (
        lambda p: hostile.far_cell(SOURCE, p),
        "too_many_cells",
        f"bảng tính có hơn {CELLS} ô (tính từ ô A1 đến ô cuối có dữ liệu của mỗi trang), vượt "
        "giới hạn tại ô XFD1048576; tệp không được đọc — hãy xóa các ô thừa ở xa rồi lưu lại.",
        "Chỉ tiêu",
        "XFD1048576",
    ),
    "too_many_cells": (
        lambda p: hostile.dense_cells(SOURCE, p, rows=1_000, cols=250),
        "too_many_cells",
        f"bảng tính có hơn {CELLS} ô",
        "Chỉ tiêu",
        None,  # wherever the count passes the limit
    ),
    "too_many_zip_members": (
        lambda p: hostile.many_members(SOURCE, p, limits.MAX_MEMBERS + 1),
        "too_many_members",
        "tệp gồm 2.016 phần bên trong, không phải một bảng tính bình thường",
        "",
        "",
    ),
    "file_over_the_size_limit": (
        lambda p: hostile.oversized(SOURCE, p, limits.MAX_FILE_BYTES),
        "file_too_large",
        "tệp nặng 20 MB, quá giới hạn 20 MB của một tệp số liệu; tệp không được đọc",
        "",
        "",
    ),
}


def cpu_seconds() -> float:
    """Return the CPU time of this process and its finished children (readers run in children).

    CPU time, not wall-clock time: the bound must hold on a machine busy with other work.
    """
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )


def _only_problem_of(result, name: str):
    mine = [p for p in result.problems if p.file == name]
    assert len(mine) == 1, [p.text() for p in mine]
    return mine[0]


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_workbook_is_one_problem_in_bounded_time(data_dir: Path, case: str):
    build, rule, message, sheet, cell = CASES[case]
    build(data_dir / "2018" / VICTIM)
    started = cpu_seconds()
    result = check_year(2018, data_dir)
    spent = cpu_seconds() - started
    problem = _only_problem_of(result, VICTIM)
    assert (problem.rule, problem.severity) == (rule, "lỗi")
    assert problem.message.startswith(message)
    assert problem.sheet == sheet
    if cell is not None:
        assert problem.cell == cell
    assert spent < 5, f"{spent:.1f} s of CPU"


def test_an_ods_of_a_few_hundred_bytes_that_spans_nine_million_cells_is_refused(
    data_dir: Path,
):
    (data_dir / "2018" / VICTIM).unlink()
    path = hostile.ods(data_dir / "2018" / "336-thai-binh-2018.ods", hostile.ods_block(3000, 3000))
    assert path.stat().st_size < 1000
    problem = _only_problem_of(check_year(2018, data_dir), path.name)
    assert (problem.rule, problem.sheet, problem.cell) == ("too_many_cells", "Chỉ tiêu", "DKJ3000")


def test_a_6_kb_xls_with_a_value_in_its_far_corner_is_refused(data_dir: Path):
    (data_dir / "2018" / VICTIM).unlink()
    path = hostile.xls_far_cell(data_dir / "2018" / "336-thai-binh-2018.xls")
    assert path.stat().st_size < 10_000
    problem = _only_problem_of(check_year(2018, data_dir), path.name)
    assert (problem.rule, problem.sheet, problem.cell) == ("too_many_cells", "Chỉ tiêu", "IV65536")


def test_a_sample_workbook_saved_as_xls_passes_the_limits(data_dir: Path):
    (data_dir / "2018" / VICTIM).unlink()
    hostile.to_xls(SOURCE, data_dir / "2018" / "336-thai-binh-2018.xls")
    result = check_year(2018, data_dir)
    assert result.problems == [] and len(result.submissions) == 8


def test_small_ods_and_a_far_but_reasonable_cell_are_read(tmp_path: Path):
    small = read_workbook(hostile.ods(tmp_path / "a.ods", hostile.ods_block(3, 4)))
    rows = small.sheets["Chỉ tiêu"]
    assert (len(rows), len(rows[0])) == (3, 4)
    far = read_workbook(hostile.far_cell(SOURCE, tmp_path / "b.xlsx", "Z300"))
    rows = far.sheets["Chỉ tiêu"]
    assert (len(rows), max(len(r) for r in rows)) == (300, 26)


def test_the_cli_names_the_file_and_says_what_to_do(data_dir: Path):
    hostile.zip_bomb(SOURCE, data_dir / "2018" / VICTIM)
    result = run("check", "--year", 2018, "--data-dir", data_dir)
    assert result.exit_code == 1
    assert (
        f"  [lỗi] {VICTIM}: tệp giải nén ra hơn 64 MB, quá lớn đối với một tệp số liệu (có thể "
        "là tệp độc hại); tệp không được đọc — hãy yêu cầu đơn vị gửi lại tệp lập từ mẫu.\n"
    ) in result.output
    assert "Traceback" not in result.output


_MEASURE = """
import json, resource, sys
from pathlib import Path
from reportgen.pipeline import check_year
result = check_year(2018, Path(sys.argv[1]))
print(json.dumps({
    "cpu_seconds": sum(  # CPU, not wall-clock: a busy machine must not fail the bound
        u.ru_utime + u.ru_stime
        for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    ),
    "peak_mb": max(
        resource.getrusage(who).ru_maxrss / 1024
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)  # readers run in children
    ),
    "rules": {p.file: p.rule for p in result.problems if p.file},
}))
"""


def _measure(data_dir: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_gibibyte_zip_bomb_is_refused_in_bounded_memory(data_dir: Path):
    hostile.zip_bomb(SOURCE, data_dir / "2018" / VICTIM, mebibytes=1024)
    figures = _measure(data_dir)
    assert figures["rules"] == {VICTIM: "zip_bomb"}
    assert figures["peak_mb"] < MEMORY_LIMIT_MB, figures
    assert figures["cpu_seconds"] < 10, figures


def test_every_hostile_workbook_at_once_stays_in_bounded_memory(data_dir: Path):
    folder = data_dir / "2018"
    victims = sorted(folder.glob("*.xlsx"))
    builders = [case[0] for name, case in CASES.items() if name != "file_over_the_size_limit"]
    for path, build in zip(victims, builders, strict=False):
        build(path)
    hostile.ods(folder / "999-ods.ods", hostile.ods_block(3000, 3000))
    hostile.xls_far_cell(folder / "999-xls.xls")
    figures = _measure(data_dir)
    assert len(figures["rules"]) == len(builders) + 2, figures
    assert figures["peak_mb"] < MEMORY_LIMIT_MB, figures
    assert figures["cpu_seconds"] < 20, figures


def test_a_string_table_declaring_four_billion_strings_is_refused(data_dir: Path):
    # calamine reserves room for the declared count up front: 96 GB, and the process aborts.
    sst = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>'
    )
    hostile.with_parts(SOURCE, data_dir / "2018" / VICTIM, xl__sharedStrings_DOT_xml=sst.encode())
    problem = _only_problem_of(check_year(2018, data_dir), VICTIM)
    assert problem.rule == "declared_count"
    assert problem.message.startswith(
        'phần "xl/sharedStrings.xml" của tệp khai báo 4.000.000.000 mục, quá giới hạn 200.000'
    )


def test_a_damaged_xls_that_crashes_the_reader_is_one_problem(data_dir: Path):
    # A range that ends before it starts: calamine reserves for 2^48 cells and aborts.
    (data_dir / "2018" / VICTIM).unlink()
    path = hostile.to_xls(SOURCE, data_dir / "2018" / "336-thai-binh-2018.xls")
    data = bytearray(path.read_bytes())
    at = data.find(b"\x00\x02\x0e\x00")  # the first sheet's DIMENSIONS record
    data[at + 4 : at + 16] = bytes.fromhex("050000000300000000000100")  # rows 5..3
    path.write_bytes(bytes(data))
    problem = _only_problem_of(check_year(2018, data_dir), path.name)
    assert problem.rule == "too_many_cells"


def test_a_reader_crash_is_one_problem_not_the_end_of_the_process(tmp_path: Path):
    from reportgen.inputs.isolate import ChildFailed, call_isolated

    with pytest.raises(ChildFailed, match="reader died"):
        call_isolated(os.abort)
    with pytest.raises(ChildFailed, match="MemoryError"):
        call_isolated(bytearray, 4 * 1024**3)  # over the child's memory ceiling
    assert call_isolated(sum, [1, 2, 3]) == 6


# The fast path reads plain sheet XML by pattern; whatever it accepts, it must count exactly
# as the full parser does, and mark every sheet holding a formula, merged range or error.
_CELL_FORMS = [
    '<c r="{ref}" s="3"/>',  # a styled empty cell: skipped by the fast path
    '<c r="{ref}"><v>7</v></c>',
    '<c r="{ref}" t="inlineStr"><is><t>Hà Nội</t></is></c>',
    '<c r="{ref}"><f>SUM(A1:A2)</f></c>',
    '<c r="{ref}" t="e"><v>#DIV/0!</v></c>',
    '<c s="1" r="{ref}"><v>7</v></c>',  # reference not first: the full parser takes over
    "<c><v>7</v></c>",  # no reference at all
    '<x:c r="{ref}"><x:v>7</x:v></x:c>',  # prefixed
]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(range(len(_CELL_FORMS))),
            st.integers(1, 3000),
            st.integers(1, 80),
        ),
        max_size=12,
    ),
    st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_the_fast_scan_agrees_with_the_full_parser(cells, merged):
    rows: dict[int, list[str]] = {}
    for form, row, col in cells:
        ref = f"{limits_column(col)}{row}"
        rows.setdefault(row, []).append(_CELL_FORMS[form].format(ref=ref))
    body = "".join(f'<row r="{r}">{"".join(rows[r])}</row>' for r in sorted(rows))
    merge = '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>' if merged else ""
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData>{merge}</worksheet>"
    ).encode()
    fast = xml_scan.CellCount({})
    marked = xml_fast_scan.scan_plain(xml, fast)
    full = xml_scan.CellCount({})
    try:
        xml_scan.parse_part(xml, zipfile.ZipInfo("xl/worksheets/sheet1.xml"), full)
    except limits.Refused:
        assert marked is None  # past a limit: only the full parser words the refusal
        return
    if marked is None:
        return  # not plain: the full parser is the one that counts
    assert fast.done == full.done
    has_detail = merged or any(
        _CELL_FORMS[form].count("<f>") or 't="e"' in _CELL_FORMS[form] for form, _, _ in cells
    )
    assert marked == bool(has_detail)


def limits_column(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
