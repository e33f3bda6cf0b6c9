"""The typography is declared once (templates/kieu-chu.toml) and both the PDF/HTML and the Word
file take it (issue 12, point 4): one value changed there changes both outputs."""

import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from reportgen.declared.typography import parse_typography, points
from reportgen.errors import TemplateProblem
from tests.conftest import DATA, ROOT, require_tool, run

DECLARED = ROOT / "templates" / "kieu-chu.toml"
ARTICLE = "ket-qua-phong-chong-mua-ban-nguoi-2018"
OFFICIAL = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-2018"


def _templates(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """Return a --templates-dir holding kieu-chu.toml with each (old line, new line) edit."""
    text = DECLARED.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    folder = tmp_path / "mau-rieng"
    folder.mkdir()
    (folder / "kieu-chu.toml").write_text(text, encoding="utf-8")
    return folder


def _build(out: Path, *args) -> Path:
    result = run("build", "--year", 2018, "--data-dir", DATA, "--out-dir", out, *args)
    assert result.exit_code == 0, result.output
    return out


def _word_height(pdf: Path, word: str) -> float:
    """Return the height (pt) of the first `word` on page 1: the font's ascent + descent."""
    require_tool("pdftotext", "poppler-utils")
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True, check=True, text=True,
    ).stdout  # fmt: skip
    found = re.search(rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}</word>', out)
    return float(found[2]) - float(found[1])


def _paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


# --- one value changed: both outputs follow ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "css", "word_size", "pdf_height"),
    [
        # As shipped: 13 pt; Liberation Serif's ascent + descent is 1.107 em.
        ('\nsize = "13pt"', "font-size: 13pt; line-height: 1.45;", Pt(13), 14.39),
        ('\nsize = "12pt"', "font-size: 12pt; line-height: 1.45;", Pt(12), 13.28),
    ],
)
def test_the_body_size_declared_once_sets_the_pdf_and_the_word_file(
    tmp_path: Path, line, css, word_size, pdf_height
):
    mau = _templates(tmp_path, ('\nsize = "13pt"', line))  # [article]: the first size
    out = _build(tmp_path / "out", "--templates-dir", mau, "--format", "html,pdf,docx")
    html = (out / f"{ARTICLE}.html").read_text(encoding="utf-8")
    assert f'html {{ font-family: "Liberation Serif", serif; {css} color: #000; }}' in html
    assert _word_height(out / f"{ARTICLE}.pdf", "Năm") == pytest.approx(pdf_height, abs=0.05)
    document = docx.Document(out / f"{ARTICLE}.docx")
    assert document.styles["Normal"].font.size == word_size
    body = document.paragraphs[2]  # after the title and the date
    assert body.text.startswith("Năm 2018, công tác phòng, chống tội phạm mua bán người")
    assert body.runs[0].font.size is None  # the body takes Normal's size


def test_a_paragraph_look_declared_once_sets_the_css_and_the_word_paragraph(tmp_path: Path):
    """The byline, declared right and bold, is made left and not bold in one line."""
    mau = _templates(
        tmp_path,
        (
            'byline = { align = "right", bold = true, space_before = "1.2em" }',
            'byline = { align = "left", bold = false, space_before = "1.2em" }',
        ),
    )
    out = _build(tmp_path / "out", "--templates-dir", mau, "--format", "html,docx")
    html = (out / f"{ARTICLE}.html").read_text(encoding="utf-8")
    assert (
        "p.byline { text-indent: 0; font-weight: normal; text-align: left; margin-top: 1.2em; }"
        in html
    )
    byline = _paragraph(docx.Document(out / f"{ARTICLE}.docx"), "Phương Thảo")
    assert byline.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert [r.bold for r in byline.runs] == [False]
    assert byline.paragraph_format.space_before == Pt(15.6)  # 1.2em of 13 pt


def test_the_shipped_byline_is_right_aligned_and_bold_in_both(tmp_path: Path):
    out = _build(tmp_path / "out", "--format", "html,docx")
    html = (out / f"{ARTICLE}.html").read_text(encoding="utf-8")
    assert (
        "p.byline { text-indent: 0; font-weight: bold; text-align: right; margin-top: 1.2em; }"
        in html
    )
    byline = _paragraph(docx.Document(out / f"{ARTICLE}.docx"), "Phương Thảo")
    assert byline.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert [r.bold for r in byline.runs] == [True]


def test_the_official_margins_declared_once_set_the_page_of_both(tmp_path: Path):
    mau = _templates(
        tmp_path,
        (
            'margins = ["20mm", "15mm", "20mm", "30mm"]',
            'margins = ["25mm", "20mm", "25mm", "35mm"]',
        ),
    )
    args = ("--templates-dir", mau, "--style", "official", "--format", "html,docx")
    out = _build(tmp_path / "out", *args)
    html = (out / f"{OFFICIAL}.html").read_text(encoding="utf-8")
    assert "@page {\n  size: A4;\n  margin: 25mm 20mm 25mm 35mm;\n" in html
    section = docx.Document(out / f"{OFFICIAL}.docx").sections[0]
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    # Word stores whole twips (1/1440 in): 25 mm is 1417 of them.
    assert [round(m / Mm(1), 1) for m in margins] == [25.0, 20.0, 25.0, 35.0]


# --- mistakes in the file: said in Vietnamese, nothing written -----------------------------


def test_a_wrong_value_is_named_with_its_file_and_key_and_nothing_is_written(tmp_path: Path):
    mau = _templates(tmp_path, ('\nsize = "13pt"', '\nsize = "13"'))
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", DATA, "--out-dir", out,
                 "--templates-dir", mau, "--format", "html,docx")  # fmt: skip
    assert result.exit_code == 1
    assert (
        f'{mau / "kieu-chu.toml"}: "article.size" phải là độ dài có đơn vị pt, mm hoặc cm trong '
        'dấu ngoặc kép, ví dụ "13pt", "20mm" — không phải "13".'
    ) in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_every_mistake_is_listed_at_once():
    text = DECLARED.read_text(encoding="utf-8")
    text = text.replace("line_height = 1.45", "line_height = 14.5")
    text = text.replace("note = { italic = true }", 'note = { italic = "có", siez = "12pt" }')
    text = text.replace('pdf = "Liberation Serif"', 'pdf = "X\\"; } body { display: none"')
    with pytest.raises(TemplateProblem) as caught:
        parse_typography(text, "kieu-chu.toml")
    assert str(caught.value).splitlines() == [
        'kieu-chu.toml: "font.pdf" phải là tên một phông chữ (chữ, số, dấu cách, dấu gạch '
        'ngang), ví dụ "Times New Roman" — không phải "X"; } body { display: none".',
        'kieu-chu.toml: không có mục "paragraphs.note.siez" (các mục được ghi: size, bold, '
        "italic, align, indent, space_before).",
        'kieu-chu.toml: "paragraphs.note.italic" phải là true (có) hoặc false (không) — không '
        'phải "có".',
        'kieu-chu.toml: "article.line_height" phải là một số từ 0.5 đến 5 (lần cỡ chữ), ví dụ '
        "1.45 — không phải 14.5.",
    ]


def test_a_missing_value_is_named():
    text = DECLARED.read_text(encoding="utf-8").replace('page_number_size = "10pt"', "")
    with pytest.raises(TemplateProblem) as caught:
        parse_typography(text, "kieu-chu.toml")
    assert str(caught.value) == (
        'kieu-chu.toml: thiếu "article.page_number_size" — chép lại dòng đó từ tệp kieu-chu.toml '
        "gốc."
    )


def test_a_paragraph_kind_not_declared_looks_like_the_body(tmp_path: Path):
    """Deleting a kind (the date under the title) leaves it plain in both outputs."""
    mau = _templates(tmp_path, ('date = { align = "center", italic = true }', ""))
    out = _build(tmp_path / "out", "--templates-dir", mau, "--format", "html,docx")
    html = (out / f"{ARTICLE}.html").read_text(encoding="utf-8")
    assert "p.date { text-indent: 0; margin-bottom: 1em;  }" in html
    date = _paragraph(docx.Document(out / f"{ARTICLE}.docx"), "02/12/2018")
    assert date.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert [r.italic for r in date.runs] == [None]


# --- lengths ----------------------------------------------------------------------------------


def test_lengths_become_points_as_css_counts_them():
    assert points("13pt") == 13
    assert points("20mm") == pytest.approx(56.693, abs=0.001)
    assert points("1cm") == pytest.approx(28.346, abs=0.001)
    assert points("1.2em", em=13) == pytest.approx(15.6)
    with pytest.raises(ValueError):
        points("32%")


def test_the_built_in_file_is_what_the_stylesheets_and_word_expect():
    typography = parse_typography(DECLARED.read_text(encoding="utf-8"))
    assert typography.article.size == "13pt"
    assert typography.official.margins == ("20mm", "15mm", "20mm", "30mm")
    assert typography.article.looks["h1"].css == (
        "font-size: 17pt; font-weight: bold; text-align: center;"
    )
    assert typography.official.looks["h2"].css == (
        "font-size: 14pt; font-weight: bold; text-indent: 1cm;"
    )
    assert "h2" not in typography.article.looks  # the article has no numbered headings
