"""Guards against bugs a mutation audit planted by hand and the rest of the suite let through.

Each test names, in its docstring, the hand-made bug it catches; expected values are written
out, never computed by the code under test.
"""

import datetime as dt
import hashlib
import io
import os
import shutil
import socket
import threading
import urllib.request
import zlib
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from openpyxl import load_workbook

from reportgen.checks import cache
from reportgen.checks import many_workbooks as batch
from reportgen.declared.settings import ReportSettings
from reportgen.inputs import limits, prescan
from reportgen.outputs.preview import Preview, make_server
from reportgen.outputs.word import render_docx
from reportgen.pipeline import check_year
from reportgen.problems import Problem, sort_problems
from reportgen.report.chart import bar_chart
from reportgen.vietnamese import words
from tests import hostile
from tests.conftest import DATA, ROOT, run

YEAR = 2018
TIEN_HAI = "342-tien-hai-2018.xlsx"
INDICATORS = "Chỉ tiêu"


def edit(path: Path, sheet: str, changes: dict) -> None:
    book = load_workbook(path)
    for ref, value in changes.items():
        book[sheet][ref] = value
    book.save(path)


# --- the preview server listens on 127.0.0.1 only -------------------------------------------


def test_the_preview_server_binds_the_loopback_address_only():
    """Mutant: make_server's default host "0.0.0.0" (every interface)."""
    httpd = make_server(Preview(lambda: "<html><body>x</body></html>", []), port=0)
    try:
        assert httpd.server_address[0] == "127.0.0.1"
    finally:
        httpd.server_close()


def test_reportgen_preview_serves_on_the_loopback_address_only(data_dir: Path, monkeypatch):
    """Mutant: the preview command asking make_server for host "0.0.0.0" or ""."""
    from reportgen.outputs import preview as preview_module

    bound = []

    def serve_once(server, *args, **kwargs):
        bound.append(server.server_address)
        raise KeyboardInterrupt  # what Ctrl+C does: the command says it stopped

    monkeypatch.setattr(preview_module.ThreadingHTTPServer, "serve_forever", serve_once)
    result = run("preview", "--year", YEAR, "--data-dir", data_dir, "--port", 0)

    assert result.exit_code == 0, result.output
    [(host, port)] = bound
    assert host == "127.0.0.1"
    assert result.output.startswith(f"Đang xem trước tại http://127.0.0.1:{port}/")


def test_the_preview_cannot_be_reached_on_another_address_of_this_machine():
    """Mutant: make_server binding every interface; seen from another local address."""
    httpd = make_server(Preview(lambda: "<html><body>x</body></html>", []), port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        port = httpd.server_port
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as answer:
            assert answer.status == 200
        # 127.0.0.2 is the machine itself too, but not the address the server was told to use.
        with socket.socket() as probe, pytest.raises(OSError):
            probe.settimeout(5)
            probe.connect(("127.0.0.2", port))
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- problems in cell order; error and warning counts in the check report -------------------


def _problem(cell: str, unit: str = "342", file: str = TIEN_HAI) -> Problem:
    return Problem("lỗi", file, INDICATORS, cell, "", "r", "m", unit)


def test_problems_are_sorted_by_row_then_column_as_a_person_reads():
    """Mutant: cells compared as text, D10 before D9 (and AA9 before B9)."""
    cells = ["D10", "AA9", "D9", "", "C10", "B9", "A100", "B11"]
    shuffled = [_problem(c) for c in cells] + [_problem("A1", unit="336", file="a.xlsx")]

    ordered = sort_problems(shuffled)

    assert [(p.unit, p.cell) for p in ordered] == [
        ("336", "A1"),
        ("342", ""),
        ("342", "B9"),
        ("342", "D9"),
        ("342", "AA9"),
        ("342", "C10"),
        ("342", "D10"),
        ("342", "B11"),
        ("342", "A100"),
    ]


@pytest.fixture(scope="module")
def checked_with_mistakes(tmp_path_factory) -> Path:
    """Run `reportgen check` once on 2018 with two warnings (D7) and three errors.

    D7 is a number typed as text, and 1,519 against 72 in 2017: compared although the file has
    errors (issue 14, point 6).

    The cross-field rule's error (at D3) is found after the cells' own: only sorting puts it first.
    """
    data = tmp_path_factory.mktemp("mistakes") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("~$*"))
    edit(
        data / "2018" / TIEN_HAI, INDICATORS, {"D3": 20, "D7": "1.519", "D9": "ba mươi", "D10": -1}
    )
    out = data.parent / "kiem-tra"
    result = run("check", "--year", YEAR, "--data-dir", data, "--out-dir", out)
    assert result.exit_code == 1
    assert result.output.endswith("3 lỗi, 2 cảnh báo trong 8 tệp.\n"), result.output
    return out


def test_the_check_report_lists_d9_before_d10(checked_with_mistakes: Path):
    """Mutant: problems sorted with the cell as text (D10 before D9), or not sorted at all."""
    book = load_workbook(checked_with_mistakes / "kiem-tra-2018.xlsx")
    rows = list(book["Vấn đề"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[4], r[5], r[6], r[8]) for r in rows] == [
        ("lỗi", "D3", "20", "Đối chiếu số liệu", "pbgdpl_luot_le_tong"),
        ("cảnh báo", "D7", "1.519", "Số gõ dạng chữ", "number_as_text"),
        ("cảnh báo", "D7", "1519", "Khác xa năm trước", "year_over_year"),
        ("lỗi", "D9", "ba mươi", "Không phải số", "not_a_number"),
        ("lỗi", "D10", "-1", "Số âm", "negative"),
    ]


def test_the_check_report_counts_errors_and_warnings_apart(checked_with_mistakes: Path):
    """Mutant: the counts of errors and warnings swapped in the check report."""
    book = load_workbook(checked_with_mistakes / "kiem-tra-2018.xlsx")
    status = list(book["Tình trạng nộp"].iter_rows(values_only=True))
    assert status[0][6:8] == ("Số lỗi", "Số cảnh báo")
    [tien_hai] = [r for r in status if r[0] == "342"]
    assert tien_hai[6:8] == (3, 2)
    [thai_binh] = [r for r in status if r[0] == "336"]
    assert thai_binh[6:8] == (0, 0)
    page = (checked_with_mistakes / "kiem-tra-2018.html").read_text(encoding="utf-8")
    assert "<p>3 lỗi, 2 cảnh báo trong 8 tệp.</p>" in page
    assert "<th>Số lỗi</th><th>Số cảnh báo</th>" in page
    assert "<td>342-tien-hai-2018.xlsx</td><td>Bùi Văn Nam</td><td>26/11/2018</td>" in page
    assert "<td>26/11/2018</td><td>3</td><td>2</td>" in page


def test_a_stray_file_counts_its_errors_and_warnings_apart(tmp_path: Path):
    """Mutant: counts swapped in the rows of files that name no known unit."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("~$*"))
    stray = data / "2018" / "ban-cu.xlsx"
    shutil.copy(data / "2018" / TIEN_HAI, stray)
    # An unknown unit (one error) and a number typed as text (one warning), twice.
    edit(stray, "Thông tin", {"B2": "Tiền Hảii", "B3": None})
    edit(stray, INDICATORS, {"D6": "1.519", "D7": "1.000"})
    out = tmp_path / "kiem-tra"

    assert run("check", "--year", YEAR, "--data-dir", data, "--out-dir", out).exit_code == 1

    book = load_workbook(out / "kiem-tra-2018.xlsx")
    [row] = [r for r in book["Tình trạng nộp"].iter_rows(values_only=True) if r[3] == stray.name]
    assert row[2] == "Không nhận ra đơn vị"
    assert row[6:8] == (1, 2)


# --- the catalog maximum is inclusive --------------------------------------------------------


def test_a_value_exactly_at_the_catalog_maximum_is_accepted(data_dir: Path):
    """Mutant: `number >= high` refuses the maximum itself (nguoi_nuoc_ngoai_tam_tru: 1000000)."""
    edit(data_dir / "2018" / TIEN_HAI, INDICATORS, {"D6": 1_000_000})

    result = check_year(YEAR, data_dir)

    assert [p for p in result.problems if p.is_error] == []
    [tien_hai] = [s for s in result.submissions if s.file == TIEN_HAI]
    assert tien_hai.indicators["nguoi_nuoc_ngoai_tam_tru"] == 1_000_000


def test_one_above_the_catalog_maximum_is_refused(data_dir: Path):
    """Mutant: the catalog's maximum raised, or the bound not checked."""
    edit(data_dir / "2018" / TIEN_HAI, INDICATORS, {"D6": 1_000_001})

    result = check_year(YEAR, data_dir)

    assert [(p.cell, p.rule, p.message) for p in result.problems if p.is_error] == [
        (
            "D6",
            "above_max",
            '"1000001" lớn hơn mức tối đa 1000000 của chỉ tiêu này — hãy kiểm tra lại.',
        )
    ]


# --- a zip bomb in a member that is not XML --------------------------------------------------

MIB = 1024 * 1024


def _bomb_in_member(target: Path, member: str, size: int) -> Path:
    """A sample workbook plus one extra member (not XML) that inflates to `size` zero bytes."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(MIB)
    whole, rest = divmod(size, MIB)
    middle = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = deflate.compress(bytes(rest)) + deflate.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(whole):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(bytes(rest), crc)
    parts = [
        (name, zlib.compress(data, 9, wbits=-15), zlib.crc32(data), len(data))
        for name, data in hostile.members(DATA / "2018" / TIEN_HAI).items()
    ]
    target.write_bytes(hostile._raw_zip([*parts, (member, middle * whole + tail, crc, size)]))
    return target


def test_the_documented_unpacked_limit_is_64_mb():
    """Mutant: the limit in limits.py raised above what docs/an-toan.md promises."""
    assert limits.MAX_UNPACKED_BYTES == 64 * MIB
    doc = (ROOT / "docs" / "an-toan.md").read_text(encoding="utf-8")
    assert "| Dung lượng sau khi giải nén | 64 MB |" in doc


@pytest.mark.parametrize("member", ["xl/media/image1.png", "xl/printerSettings/settings1.bin"])
def test_a_zip_bomb_in_a_member_that_is_not_xml_is_refused(tmp_path: Path, member: str):
    """Mutant: members that are not XML inflated without counting (or not at all)."""
    bomb = _bomb_in_member(tmp_path / "bom.xlsx", member, 64 * MIB + 1)

    refusal = prescan.check_limits(bomb)

    assert refusal is not None
    assert refusal.rule == "zip_bomb"
    assert refusal.message.startswith("tệp giải nén ra hơn 64 MB")


def test_a_large_member_under_the_limit_is_accepted(tmp_path: Path):
    """The other side of the boundary: 60 MiB of picture in a sample workbook is fine."""
    assert (
        prescan.check_limits(_bomb_in_member(tmp_path / "to.xlsx", "xl/media/a.png", 60 * MIB))
        is None
    )


# --- the chart's scale -----------------------------------------------------------------------


def _row(short: str, value: int):
    return SimpleNamespace(unit=SimpleNamespace(short=short), values={"x": value})


def test_the_chart_draws_bars_proportional_to_values_the_largest_full_width():
    """Mutant: bar lengths off scale (wrong span, wrong divisor, or not proportional)."""
    rows = [_row("Vũ Thư", 50), _row("Tiền Hải", 200), _row("Đông Hưng", 0), _row("Kiến Xương", 30)]

    svg = str(bar_chart(rows, "x", "Người"))

    # viewBox 360 wide: names in the first 92, the longest bar 216 long, 52 left for the value.
    assert svg.startswith('<svg class="bars" viewBox="0 0 360 92" width="360" height="92"')
    assert '<rect x="92" y="5" width="54.0" height="16" fill="#2f5f8f"/>' in svg
    assert '<rect x="92" y="27" width="216.0" height="16" fill="#2f5f8f"/>' in svg
    assert '<rect x="92" y="49" width="0.0" height="16" fill="#2f5f8f"/>' in svg
    assert '<rect x="92" y="71" width="32.4" height="16" fill="#2f5f8f"/>' in svg
    # Each value is written just right of its bar.
    assert '<text x="150.0" y="17.5" fill="#000">50</text>' in svg
    assert '<text x="312.0" y="39.5" fill="#000">200</text>' in svg
    assert '<text x="96.0" y="61.5" fill="#000">0</text>' in svg
    assert '<text x="86" y="17.5" text-anchor="end" fill="#000">Vũ Thư</text>' in svg


def test_the_chart_of_the_largest_units_keeps_the_scale():
    """Mutant: the top-n chart scaled to the smallest bar drawn, or sorted the wrong way."""
    rows = [_row(f"Xã {i}", v) for i, v in enumerate([5, 1500, 40, 1500, 750], 1)]

    svg = str(bar_chart(rows, "x", top=3))

    assert svg.count("<rect") == 3
    assert (
        '<text x="86" y="17.5" text-anchor="end" fill="#000">Xã 2</text>'
        '<rect x="92" y="5" width="216.0" height="16" fill="#2f5f8f"/>'
        '<text x="312.0" y="17.5" fill="#000">1.500</text>'
    ) in svg
    assert '<rect x="92" y="27" width="216.0"' in svg  # Xã 4: equal to Xã 2, given after it
    assert '<rect x="92" y="49" width="108.0"' in svg  # Xã 5: 750, half of 1.500


# --- the Word file: bold, page numbers, author -----------------------------------------------

PROVINCE = SimpleNamespace(committee="Ban chỉ đạo 138 tỉnh Thái Bình")
SETTINGS = ReportSettings(date=dt.date(2018, 12, 2), author="Phương Thảo")
_HTML = (
    "<html><head><title>Kết quả năm 2018</title></head><body>"
    "<p>Toàn tỉnh có <strong>1.519</strong> người, <em>tăng</em> so với năm trước.</p>"
    '<p class="byline">Phương Thảo</p>'
    "<table><tr><th>Đơn vị</th><td>Vũ Thư</td></tr></table>"
    "</body></html>"
)


def _docx(style: str = "article", settings: ReportSettings = SETTINGS):
    return docx.Document(io.BytesIO(render_docx(_HTML, style, settings, PROVINCE)))


def _runs(paragraph) -> list[tuple[str, bool | None, bool | None]]:
    return [(r.text, r.bold, r.italic) for r in paragraph.runs]


def test_the_docx_keeps_bold_and_italic_where_the_html_has_them():
    """Mutant: <strong>, a bold class or a table header cell no longer bold in Word."""
    document = _docx()
    first, byline = document.paragraphs[0], document.paragraphs[1]
    assert _runs(first) == [
        ("Toàn tỉnh có ", None, None),
        ("1.519", True, None),
        (" người, ", None, None),
        ("tăng", None, True),
        (" so với năm trước.", None, None),
    ]
    assert _runs(byline) == [("Phương Thảo", True, None)]
    header, cell = document.tables[0].rows[0].cells
    assert _runs(header.paragraphs[0]) == [("Đơn vị", True, None)]
    assert _runs(cell.paragraphs[0]) == [("Vũ Thư", None, None)]


def _page_fields(part) -> list[str]:
    return [
        el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instr")
        for el in part._element.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fldSimple"
        )
    ]


def test_the_article_numbers_its_pages_at_the_bottom_centre():
    """Mutant: the article's page number in the header, or not centred."""
    section = _docx("article").sections[0]
    assert _page_fields(section.footer) == ["PAGE"]
    assert _page_fields(section.header) == []
    assert section.footer.paragraphs[0].alignment == 1  # WD_ALIGN_PARAGRAPH.CENTER
    assert section.different_first_page_header_footer is False


def test_the_official_document_numbers_its_pages_at_the_top_from_page_two():
    """Mutant: the official document's page number at the bottom, or on its first page too."""
    section = _docx("official").sections[0]
    assert _page_fields(section.header) == ["PAGE"]
    assert _page_fields(section.footer) == []
    assert _page_fields(section.first_page_header) == []
    assert section.header.paragraphs[0].alignment == 1  # WD_ALIGN_PARAGRAPH.CENTER
    assert section.different_first_page_header_footer is True


def test_the_docx_names_its_author_title_and_date():
    """Mutant: the author left out, or the committee's name used although an author is given."""
    props = _docx().core_properties
    assert props.author == "Phương Thảo"
    assert props.last_modified_by == "Phương Thảo"
    assert props.title == "Kết quả năm 2018"
    assert props.created == dt.datetime(2018, 12, 2, tzinfo=dt.UTC)
    assert props.language == "vi-VN"
    anonymous = _docx(settings=ReportSettings(date=dt.date(2018, 12, 2), author=""))
    assert anonymous.core_properties.author == "Ban chỉ đạo 138 tỉnh Thái Bình"


def test_the_built_docx_is_by_the_author_in_bao_cao_toml(built_2018_all: Path):
    """The same, through `reportgen build`: data/2018/bao-cao.toml says author = "Phương Thảo"."""
    document = docx.Document(str(built_2018_all / "ket-qua-phong-chong-mua-ban-nguoi-2018.docx"))
    assert document.core_properties.author == "Phương Thảo"
    assert _page_fields(document.sections[0].footer) == ["PAGE"]


# --- the cache of checked workbooks ----------------------------------------------------------


def test_the_code_digest_changes_with_any_byte_of_the_code(tmp_path: Path, monkeypatch):
    """Mutant: code_digest hashing only the files' names or sizes: old results kept."""
    copy = tmp_path / "reportgen"
    shutil.copytree(ROOT / "reportgen", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "__file__", str(copy / "checks" / "cache.py"))
    same = cache.code_digest.__wrapped__()
    assert same == cache.code_digest()  # the copy is the code itself
    expected = hashlib.sha256()
    # every module of every stage folder, and the data shipped beside them, by its path
    for path in sorted([*copy.rglob("*.py"), *copy.rglob("*.toml")]):
        expected.update(path.relative_to(copy).as_posix().encode() + b"\0")
        expected.update(path.read_bytes())
    assert same == expected.hexdigest()
    target = copy / "problems.py"
    text = target.read_text(encoding="utf-8")
    changed = text.replace("errors as data", "errors as dat4", 1)  # one byte, same size
    assert changed != text and len(changed) == len(text)
    target.write_text(changed, encoding="utf-8")
    assert cache.code_digest.__wrapped__() != same


def test_a_code_change_does_not_reuse_checked_workbooks(data_dir: Path, monkeypatch):
    """Mutant: the cache key leaving out the code digest."""
    first = check_year(YEAR, data_dir)
    read = []
    real = batch.inspect_path
    monkeypatch.setattr(batch, "inspect_path", lambda p, *a: read.append(p.name) or real(p, *a))
    check_year(YEAR, data_dir)
    assert read == []  # the cache is used while nothing changes
    monkeypatch.setattr(batch, "code_digest", lambda: "another version of reportgen")

    again = check_year(YEAR, data_dir)

    assert len(read) == 8 + 8  # every workbook of 2018 and of 2017 (compared) read again
    assert again.submissions == first.submissions


def test_a_workbook_of_the_same_size_with_other_values_is_read_again(data_dir: Path):
    """Mutant: the cache keyed by the file's size (or its name) instead of its content."""
    path = data_dir / "2018" / TIEN_HAI
    seen = {}
    for value in range(130, 160):  # stop at two values whose workbooks have the same size
        edit(path, INDICATORS, {"D6": value})
        size = path.stat().st_size
        if size in seen:
            (first, before), (second, after) = seen[size], (value, path.read_bytes())
            break
        seen[size] = (value, path.read_bytes())
    assert len(before) == len(after) and before != after
    path.write_bytes(before)
    old = check_year(YEAR, data_dir)
    path.write_bytes(after)
    # A later modification time, as a save seconds later gives on any file system.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))

    new = check_year(YEAR, data_dir)

    def value(result):
        [tien_hai] = [s for s in result.submissions if s.file == TIEN_HAI]
        return tien_hai.indicators["nguoi_nuoc_ngoai_tam_tru"]

    assert (value(old), value(new)) == (first, second)


# --- numbers in words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "một"),
        (11, "mười một"),
        (21, "hai mươi mốt"),
        (31, "ba mươi mốt"),
        (15, "mười lăm"),
        (25, "hai mươi lăm"),
        (10, "mười"),
        (20, "hai mươi"),
        (14, "mười bốn"),
        (44, "bốn mươi tư"),
        (101, "một trăm linh một"),
        (111, "một trăm mười một"),
        (1000, "một nghìn"),
        (1011, "một nghìn không trăm mười một"),
        (1_000_011, "một triệu không trăm mười một"),
    ],
)
def test_numbers_in_words_as_written_in_the_north(value: int, text: str):
    """Mutant: words(11) reading "mười mốt" (mốt only after a tens word, "hai mươi mốt")."""
    assert words(value) == text
