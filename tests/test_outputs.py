"""The appendix, the Word file, the web-portal fragment and --format."""

import re
import unicodedata
from pathlib import Path

import lxml.html
import pytest

from reportgen.declared.catalog import load_catalog
from reportgen.pipeline import check_year
from reportgen.report.chart import bar_chart
from tests.conftest import DATA, pdf_text, run

ARTICLE = "ket-qua-phong-chong-mua-ban-nguoi-2018"
OFFICIAL = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-2018"
_SPACE = re.compile(r"\s+")


def _text(el) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


def _count(text: str) -> int:
    """Read a count as the report writes it, dots between thousands ("1.519")."""
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", text), text
    return int(text.replace(".", ""))


def html_paragraphs(html: str) -> list[str]:
    """Return the text of each paragraph and heading outside tables and figures, in order."""
    root = lxml.html.fromstring(html)
    found = []
    for el in root.find("body").iter("p", "h1", "h2", "h3", "h4"):
        if any(a.tag in ("table", "figure") for a in el.iterancestors()):
            continue
        if _text(el):
            found.append(_text(el))
    return found


def docx_paragraphs(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    return [_SPACE.sub(" ", p.text).strip() for p in document.paragraphs if p.text.strip()]


# --- the appendix ---


@pytest.fixture(scope="module")
def submissions():
    return sorted(check_year(2018, DATA).submissions, key=lambda s: s.unit.code)


def test_the_appendix_table_has_every_indicator_by_unit(built_2018: Path, submissions):
    root = lxml.html.fromstring((built_2018 / f"{ARTICLE}.html").read_text(encoding="utf-8"))
    table = root.find_class("by-unit")[0]
    header = [_text(th) for th in table.find("thead").iter("th")]
    assert header == ["Chỉ tiêu", *(s.unit.short for s in submissions), "Toàn tỉnh"]
    body = [tr for tr in table.find("tbody").iter("tr") if "group" not in tr.get("class", "")]
    indicators = load_catalog(DATA).indicators_for(2018)
    assert len(body) == len(indicators)
    for tr, ind in zip(body, indicators, strict=True):
        cells = [_count(_text(td)) for td in tr.iter("td")]
        values = [s.indicators[ind.code] for s in submissions]
        assert _text(tr.find("th")) == f"{ind.label} ({ind.measure})"
        assert cells == values + [sum(values)]
    foreigners = next(tr for tr in body if _text(tr.find("th")).startswith("Người nước ngoài"))
    assert [_text(td) for td in foreigners.iter("td")] == [
        "812", "71", "64", "97", "203", "136", "88", "48", "1.519",
    ]  # fmt: skip


def test_the_chart_draws_one_bar_per_unit_to_scale(built_2018: Path):
    root = lxml.html.fromstring((built_2018 / f"{ARTICLE}.html").read_text(encoding="utf-8"))
    charts = [el for el in root.iter("svg")]
    assert len(charts) >= 2
    first = charts[0]
    assert first.get("aria-label").startswith("Người nước ngoài đang tạm trú")
    texts = [t.text for t in first.iter("text")]  # a name, then its value
    assert texts[0::2] == [
        "Thành phố", "Quỳnh Phụ", "Hưng Hà", "Đông Hưng", "Thái Thụy", "Tiền Hải", "Kiến Xương",
        "Vũ Thư",
    ]  # fmt: skip
    assert texts[1::2] == ["812", "71", "64", "97", "203", "136", "88", "48"]
    # The largest full width (216 of the 360 wide box), the others in proportion: 216 x v / 812.
    assert [r.get("width") for r in first.iter("rect")] == [
        "216.0", "18.9", "17.0", "25.8", "54.0", "36.2", "23.4", "12.8",
    ]  # fmt: skip


def test_the_appendix_is_in_the_pdf_after_the_article(built_2018: Path):
    text = pdf_text(built_2018 / f"{ARTICLE}.pdf")
    assert text.index("Phương Thảo") < text.index("PHỤ LỤC") < text.index("Biểu đồ:")
    assert "Kiến Xương" in text.split("Biểu đồ:")[1]  # the chart's labels are real text


def test_no_appendix_leaves_it_out(tmp_path: Path):
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", DATA, "--out-dir", out, "--no-appendix")
    assert result.exit_code == 0, result.output
    html = (out / f"{ARTICLE}.html").read_text(encoding="utf-8")
    assert "PHỤ LỤC" not in html and "<svg" not in html and "<table" not in html
    assert "PHỤ LỤC" not in pdf_text(out / f"{ARTICLE}.pdf")


@pytest.fixture(scope="module")
def built_communes(tmp_path_factory) -> tuple[Path, list]:
    """A province reporting by commune: 14 units, more than the table's 12 columns."""
    from tests.synthetic import make_province

    data = make_province(tmp_path_factory.mktemp("communes") / "data", 14, parallel=False)
    out = data.parent / "out"
    result = run("build", "--year", 2018, "--data-dir", data, "--out-dir", out)
    assert result.exit_code == 0, result.output
    assert "[lỗi]" not in result.output  # warnings only (random victims helped > received)
    checked = sorted(check_year(2018, data).submissions, key=lambda s: s.unit.code)
    return out, checked


def test_with_many_units_the_appendix_has_a_row_per_unit(built_communes):
    out, submissions = built_communes
    root = lxml.html.fromstring((out / f"{ARTICLE}.html").read_text(encoding="utf-8"))
    tables = root.find_class("by-row")
    indicators = load_catalog(DATA).indicators_for(2018)
    groups = list(dict.fromkeys(ind.group for ind in indicators))
    assert len(tables) == len(groups)
    seen = []
    for table in tables:
        header = [_text(th) for th in table.find("thead").iter("th")]
        assert header[0] == "Đơn vị"
        columns = [i for i in indicators if f"{i.label} ({i.measure})" in header[1:]]
        assert len(columns) == len(header) - 1
        seen += columns
        rows = list(table.find("tbody").iter("tr"))
        assert [_text(tr.find("th")) for tr in rows] == [
            *(s.unit.short for s in submissions),
            "Toàn tỉnh",
        ]
        for tr, s in zip(rows, submissions, strict=False):
            assert [_count(_text(td)) for td in tr.iter("td")] == [
                s.indicators[i.code] for i in columns
            ]
        totals = [sum(s.indicators[i.code] for s in submissions) for i in columns]
        assert [_count(_text(td)) for td in rows[-1].iter("td")] == totals
    assert seen == list(indicators)  # every indicator once, in the catalog's order


def test_with_many_units_each_chart_shows_the_ten_largest(built_communes):
    out, submissions = built_communes
    root = lxml.html.fromstring((out / f"{ARTICLE}.html").read_text(encoding="utf-8"))
    chart = next(root.iter("svg"))
    labels = [t.text for t in chart.iter("text")][0::2]  # a name, then its value
    values = {s.unit.short: s.indicators["nguoi_nuoc_ngoai_tam_tru"] for s in submissions}
    assert len(labels) == 10
    drawn = [values[name] for name in labels]
    assert drawn == sorted(drawn, reverse=True)
    assert min(drawn) >= sorted(values.values(), reverse=True)[9]
    caption = _text(root.find_class("chart")[0].find("figcaption"))
    assert caption.endswith("(10 đơn vị có số liệu cao nhất ở mỗi chỉ tiêu)")
    text = pdf_text(out / f"{ARTICLE}.pdf")
    assert "Thử Nghiệm 14" in text.split("PHỤ LỤC")[1]


def test_chart_labels_are_escaped_and_zero_values_draw():
    class Row:
        def __init__(self, short, value):
            self.unit = type("U", (), {"short": short})()
            self.values = {"x": value}

    svg = str(bar_chart([Row("<b>A&B</b>", 0), Row("Vũ Thư", 0)], "x", 'tiêu "đề"'))
    assert "&lt;b&gt;A&amp;B&lt;/b&gt;" in svg and "<b>" not in svg
    assert 'aria-label="tiêu &#34;đề&#34;"' in svg
    assert svg.count('width="0.0"') == 2


# --- the Word file ---


@pytest.mark.parametrize(
    ("folder", "stem"), [("built_2018_all", ARTICLE), ("built_official", OFFICIAL)]
)
def test_the_docx_holds_the_same_paragraphs_as_the_html(request, folder: str, stem: str):
    out = request.getfixturevalue(folder)
    html = (out / f"{stem}.html").read_text(encoding="utf-8")
    paragraphs = docx_paragraphs(out / f"{stem}.docx")
    assert paragraphs == html_paragraphs(html)
    assert all(unicodedata.is_normalized("NFC", p) for p in paragraphs)
    assert any("1.519 người nước ngoài" in p for p in paragraphs)


def test_the_docx_has_headings_and_the_appendix_table(built_official: Path, submissions):
    import docx

    document = docx.Document(str(built_official / f"{OFFICIAL}.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    # No nhan-dinh.md in 2018: I. Kết quả, II. Phương hướng (tests/test_official_form.py: I-V).
    assert headings[0].startswith("I. ") and any(h.startswith("II. ") for h in headings)
    assert "Phụ lục" in headings
    table = next(t for t in document.tables if t.cell(0, 0).text == "Chỉ tiêu")
    assert [c.text for c in table.rows[0].cells] == [
        "Chỉ tiêu",
        *(s.unit.short for s in submissions),
        "Toàn tỉnh",
    ]
    header_block = document.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header_block.rows[0].cells[1].text
    assert "Nơi nhận:" in document.tables[1].rows[0].cells[0].text
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_two_docx_builds_give_the_same_bytes(built_2018_all: Path, tmp_path: Path):
    result = run(
        "build", "--year", 2018, "--data-dir", DATA, "--out-dir", tmp_path, "--format", "docx"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{ARTICLE}.docx",
        "nguon-so-lieu.csv",
        "nhat-ky.log",
    ]
    assert (tmp_path / f"{ARTICLE}.docx").read_bytes() == (
        built_2018_all / f"{ARTICLE}.docx"
    ).read_bytes()


# --- the fragment for the web portal ---


def test_the_fragment_is_the_article_body_alone(built_2018_all: Path):
    fragment = (built_2018_all / f"{ARTICLE}-than-bai.html").read_text(encoding="utf-8")
    for tag in ("<html", "<head", "<body", "<style", "<meta", "<script", "@font-face"):
        assert tag not in fragment
    assert "PHỤ LỤC" not in fragment
    page = lxml.html.fromstring((built_2018_all / f"{ARTICLE}.html").read_text(encoding="utf-8"))
    body = lxml.html.fragment_fromstring(fragment, create_parent="div")
    assert _text(body) == _text(page.find(".//article"))
    assert "1.519" in fragment


def test_the_fragment_of_the_official_build_is_still_the_article(built_official: Path):
    fragment = (built_official / f"{ARTICLE}-than-bai.html").read_text(encoding="utf-8")
    assert fragment.startswith("<h1>Kết quả công tác phòng, chống mua bán người năm 2018</h1>")
    assert "Nơi nhận" not in fragment


# --- --format ---


@pytest.mark.parametrize("value", ["html,word", "", "pdf;html"])
def test_an_unknown_format_is_a_usage_error(value: str):
    result = run("build", "--year", 2018, "--format", value)
    assert result.exit_code == 2
    assert result.output.rstrip().endswith(
        "Giá trị của --format phải là một trong: html, pdf, docx, fragment."
    )


def test_format_writes_only_what_is_asked(tmp_path: Path):
    result = run(
        "build", "--year", 2018, "--data-dir", DATA, "--out-dir", tmp_path,
        "--format", "fragment, html",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{ARTICLE}-than-bai.html",
        f"{ARTICLE}.html",
        "nguon-so-lieu.csv",
        "nhat-ky.log",
    ]
