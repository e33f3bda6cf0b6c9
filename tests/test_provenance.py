"""Where each figure comes from: hover titles in the HTML and out/Y/nguon-so-lieu.csv."""

import csv
import io
import re
from pathlib import Path

import lxml.html
import pytest
from openpyxl import load_workbook

from tests.conftest import DATA, run

STEM = "ket-qua-phong-chong-mua-ban-nguoi-2018"


@pytest.fixture(scope="module")
def page(built_2018: Path):
    return lxml.html.fromstring((built_2018 / f"{STEM}.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sources(built_2018: Path) -> list[dict]:
    raw = (built_2018 / "nguon-so-lieu.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_hovering_a_figure_shows_its_sum_by_unit(page):
    span = next(s for s in page.iter("span") if s.get("data-source") == "nguoi_nuoc_ngoai_tam_tru")
    assert span.text == "1.519"
    assert span.get("title") == (  # the eight units' cells D6, in the order of their codes
        "1.519 = Thành phố 812 + Quỳnh Phụ 71 + Hưng Hà 64 + Đông Hưng 97 + Thái Thụy 203 "
        "+ Tiền Hải 136 + Kiến Xương 88 + Vũ Thư 48"
    )
    assert span.tail.startswith(" người nước ngoài đang tạm trú")


def test_every_figure_of_the_article_has_a_hover_title(page):
    text = page.find(".//article").text_content()
    spans = [s for s in page.find(".//article").iter("span") if "figure" in s.get("class", "")]
    shown = {s.text for s in spans}
    # Every number of the text that is a sum of units carries its sources, "03" and "19.500" too.
    for figure in ("03", "286", "02", "300", "3.000", "19.500", "91", "126", "847", "172"):
        assert figure in shown and figure in text
    for span in spans:
        assert re.fullmatch(r"[\d.]+ = .+|[\d.]+: .+", span.get("title")), span.get("title")


def _figure(text: str) -> int:
    """Read a figure as the article writes it ("19.500", "03") without the product's code."""
    return int(text.replace(".", ""))


def test_the_csv_lists_every_figure_in_text_order_with_its_cells(page, sources):
    spans = []
    for span in page.iter("span"):
        if span.get("data-source") and span.get("data-source") not in [
            s.get("data-source") for s in spans
        ]:
            spans.append(span)
    by_figure: dict[str, list[dict]] = {}
    for row in sources:
        by_figure.setdefault(row["STT"], []).append(row)
    # Numbered 1, 2, 3 … without gaps, each number's rows together.
    assert list(dict.fromkeys(row["STT"] for row in sources)) == [
        str(i) for i in range(1, len(spans) + 1)
    ]
    assert sum(len(rows) for rows in by_figure.values()) == len(sources)
    # The first figures of the text, in the order the text gives them.
    assert [s.text for s in spans[:10]] == [
        "03", "286", "02", "300", "03", "300", "3.000", "19.500", "91", "126",
    ]  # fmt: skip
    firsts = [rows[0] for rows in by_figure.values()]
    assert [r["Giá trị"] for r in firsts[:10]] == [
        "3", "286", "2", "300", "3", "300", "3000", "19500", "91", "126",
    ]  # fmt: skip
    assert firsts[0]["Số liệu"].endswith(": số lớp/buổi")
    assert firsts[1]["Số liệu"].endswith(": số người tham dự")
    # Figure n of the CSV is the n-th figure of the text: same value, same units in order.
    for span, rows in zip(spans, by_figure.values(), strict=True):
        assert {r["Giá trị"] for r in rows} == {str(_figure(span.text))}
        assert sum(int(r["Số của đơn vị"] or 0) for r in rows) == _figure(span.text)
        title = span.get("title")
        parts = [] if ": " in title else title.split(" = ", 1)[1].split(" + ")
        shown = [_figure(part.rsplit(" ", 1)[1]) for part in parts]
        assert shown == [int(r["Số của đơn vị"]) for r in rows if int(r["Số của đơn vị"] or 0)]


def _column(sheet, header: str) -> int:
    for row in sheet.iter_rows(max_row=5):
        for cell in row:
            if cell.value == header:
                return cell.column
    raise AssertionError(f"no column {header} in {sheet.title}")


def test_each_source_cell_holds_the_number_the_csv_names(sources):
    """Open the workbooks as a person would, and find each number where the CSV says."""
    books: dict[str, object] = {}
    checked = 0
    for row in sources:
        # Each workbook opened once (setdefault would open it again for every row of the CSV).
        if row["Tệp"] not in books:
            books[row["Tệp"]] = load_workbook(DATA / "2018" / row["Tệp"])
        book = books[row["Tệp"]]
        sheet = book[row["Trang"]]
        value = int(row["Số của đơn vị"])
        if row["Ô"].startswith("dòng "):
            header = {"Ấn phẩm": "Số lượng"}.get(sheet.title)
            if header is None:
                header = (
                    "Số lớp/buổi" if row["Số liệu"].endswith("số lớp/buổi") else "Số người tham dự"
                )
            cell = sheet.cell(int(row["Ô"].split()[1]), _column(sheet, header))
        else:
            cell = sheet[row["Ô"]]
        assert int(cell.value) == value, row
        checked += 1
    assert checked == len(sources) > 100


def test_a_changed_cell_changes_the_title_and_the_csv(data_dir: Path, tmp_path: Path):
    path = data_dir / "2018/340-dong-hung-2018.xlsx"
    book = load_workbook(path)
    sheet = book["Chỉ tiêu"]
    cell = next(r[3] for r in sheet.iter_rows(min_row=2) if r[0].value == "con_lai")
    cell.value = 1000
    book.save(path)
    out = tmp_path / "out"
    assert run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    title = re.search(r'data-source="con_lai" title="([^"]+)"', html)[1]
    assert "+ Đông Hưng 1.000 +" in title
    text = (out / "nguon-so-lieu.csv").read_text(encoding="utf-8-sig")
    assert f"Huyện Đông Hưng,1000,340-dong-hung-2018.xlsx,Chỉ tiêu,{cell.coordinate}" in text
