"""The Word file keeps the official form (issue 15, point 5): opened with python-docx, and
converted to PDF by LibreOffice Writer, then read with poppler (pdffonts, pdftotext)."""

import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION_START
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from tests.conftest import ROOT, require_tool

STEM = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-2019"
THEME = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


ARTICLE = "ket-qua-phong-chong-mua-ban-nguoi-2018"


@pytest.fixture(scope="module")
def built(built_official_2019: Path) -> Path:
    return built_official_2019 / f"{STEM}.docx"  # the same bytes as a --format docx build


@pytest.fixture(scope="module")
def article(built_2018_all: Path) -> Path:
    return built_2018_all / f"{ARTICLE}.docx"  # tests/test_outputs.py: same as docx alone


@pytest.fixture(scope="module")
def converted(built: Path, tmp_path_factory) -> Path:
    return _convert(built, tmp_path_factory.mktemp("lo"))


@pytest.fixture(scope="module")
def converted_article(article: Path, tmp_path_factory) -> Path:
    return _convert(article, tmp_path_factory.mktemp("lo"))


def _convert(built: Path, work: Path) -> Path:
    """Return the .docx as LibreOffice Writer prints it, with the bundled Liberation Serif
    (Times New Roman's metric twin, which fontconfig puts in its place) as the only serif added."""
    soffice = require_tool("soffice", "libreoffice-writer")
    conf = work / "fonts.conf"
    conf.write_text(
        FONTS_CONF.format(fonts=ROOT / "templates/assets/fonts", cache=work / "fc-cache"),
        encoding="utf-8",
    )
    subprocess.run(
        [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(work), str(built)],
        check=True, capture_output=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(work), "FONTCONFIG_FILE": str(conf)},
    )  # fmt: skip
    pdf = work / f"{built.stem}.pdf"
    assert pdf.is_file(), "LibreOffice Writer did not convert the .docx (libreoffice-writer?)"
    return pdf


def _pages(pdf: Path) -> list[str]:
    require_tool("pdftotext", "poppler-utils")
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return out.split("\f")[:-1]  # pdftotext ends every page with a form feed


def _lines(page: str) -> list[str]:
    return [re.sub(r"\s+", " ", line).strip() for line in page.splitlines() if line.strip()]


# --- opened with python-docx ----------------------------------------------------------------


def test_every_style_names_times_new_roman_and_no_theme_font(built: Path):
    document = docx.Document(built)
    styles = document.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        assert not [a for a in THEME if rfonts.get(qn(a))], rfonts.attrib
        assert rfonts.get(qn("w:ascii")) == "Times New Roman"
        assert rfonts.get(qn("w:hAnsi")) == "Times New Roman"
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:rFonts")).get(qn("w:cs")) == "Times New Roman"
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        assert document.styles[name].font.name == "Times New Roman"


def test_a_rule_lies_under_the_issuing_body_and_under_the_subject(built: Path):
    document = docx.Document(built)
    body = document.element.body
    ruled = [
        p
        for p in body.iter(qn("w:p"))
        if p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None
    ]
    assert len(ruled) == 2
    issuer_cell = document.tables[0].cell(0, 0)
    texts = [p.text for p in issuer_cell.paragraphs]
    assert texts == ["UBND TỈNH THÁI BÌNH", "BAN CHỈ ĐẠO 138", "", "Số: 28/BC-BCĐ"]
    assert issuer_cell.paragraphs[2]._p is ruled[0]
    after_subject = Paragraph(ruled[1].getprevious(), None)
    assert after_subject.text == "Kết quả công tác phòng, chống mua bán người năm 2019"


def test_the_phu_luc_is_a_section_of_its_own_numbered_from_one(built: Path):
    document = docx.Document(built)
    assert len(document.sections) == 2
    appendix = document.sections[1]
    assert appendix.start_type == WD_SECTION_START.NEW_PAGE
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert appendix.different_first_page_header_footer  # no number on its first page
    # The first paragraph after the body's section break is the Phụ lục's heading.
    elements = [p._p for p in document.paragraphs]
    breaks = [
        i for i, p in enumerate(elements) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    ]
    after = document.paragraphs[breaks[0] + 1]
    assert after.text == "Phụ lục"


def test_the_appendix_label_column_is_wide_and_numbers_are_sized_to_content(built: Path):
    document = docx.Document(built)
    table = next(t for t in document.tables if t.cell(0, 0).text == "Chỉ tiêu")
    widths = [c.width for c in table.columns]
    assert len(widths) == 10  # the label, 8 districts, Toàn tỉnh
    room = Mm(210 - 30 - 15)
    assert sum(widths) <= room
    assert widths[0] >= Mm(40)  # "Số lượt người nước ngoài…" wraps in few lines
    assert all(Mm(11.5) <= w <= Mm(16) for w in widths[1:]), [w / Mm(1) for w in widths]
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    cases = next(t for t in document.tables if t.cell(0, 1).text == "Số vụ")
    assert [c.text for c in cases.rows[-1].cells] == ["Toàn tỉnh", "4", "9", "7", "3", "2", "1"]


# --- printed by LibreOffice -------------------------------------------------------------


def _fonts(pdf: Path) -> list[str]:
    require_tool("pdffonts", "poppler-utils")
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True)
    return sorted({line.split()[0].split("+")[-1] for line in listing.stdout.splitlines()[2:]})


def test_libreoffice_prints_it_in_times_new_romans_metric_twin_only(converted: Path):
    assert _fonts(converted) == [
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-BoldItalic",
        "LiberationSerif-Italic",
    ]


def test_the_articles_word_file_has_no_theme_font_and_its_phu_luc_on_a_new_page(
    converted_article: Path,
):
    assert _fonts(converted_article) == [
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
    ]
    pages = _pages(converted_article)
    assert len(pages) == 3
    assert _lines(pages[1])[-2:] == ["Phương Thảo", "2"]  # the byline, the footer's number
    assert _lines(pages[2])[0] == "PHỤ LỤC"
    assert _lines(pages[2])[-1] == "3"  # the article's Phụ lục continues the numbering


def test_libreoffice_keeps_the_form_on_its_pages(converted: Path):
    pages = _pages(converted)
    assert len(pages) == 5
    first = _lines(pages[0])
    # Quốc hiệu on one line, beside the issuing body.
    assert first[0] == "UBND TỈNH THÁI BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert first[1] == "BAN CHỈ ĐẠO 138 Độc lập - Tự do - Hạnh phúc"
    # The Phụ lục starts a page, unnumbered; its next page is "2"; the last page is not blank.
    assert _lines(pages[3])[0] == "Phụ lục"
    assert _lines(pages[4])[0] == "2"
    # The appendix ends with the trend over 2017-2019 (trend.html.j2): its last figure's row.
    assert _lines(pages[4])[-1].startswith("Lượt người được phổ biến giáo dục pháp luật")
