"""Checks as a person makes them: the HTML in a real headless Chromium, the PDF pages as images.

Screenshots and page images are kept under out/kiem-tra/ for a person to look at.
"""

import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from reportgen.outputs.preview import Preview, make_server
from reportgen.pipeline import preview_renderer
from tests.browser import Browser
from tests.conftest import ROOT, require_tool

SHOTS = ROOT / "out" / "kiem-tra"
ARTICLE = "ket-qua-phong-chong-mua-ban-nguoi-2018"
OFFICIAL = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-2018"
PAGES = [("built_2018", ARTICLE), ("built_official", OFFICIAL)]
WIDTHS = [375, 1280]


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


_METRICS = """(() => {
  const p = [...document.querySelectorAll("article p")].find(e => e.textContent.length > 200);
  const chart = document.querySelector("svg.bars").getBoundingClientRect();
  const table = document.querySelector(".table-wrap").getBoundingClientRect();
  return {
    pageWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    fontPx: parseFloat(getComputedStyle(p).fontSize),
    lineChars: p.getBoundingClientRect().width / (parseFloat(getComputedStyle(p).fontSize) / 2),
    textLeft: p.getBoundingClientRect().left,
    textRight: p.getBoundingClientRect().right,
    chart: [chart.left, chart.right, chart.width],
    table: [table.left, table.right],
    fontsLoaded: [...document.fonts].filter(f => f.status === "loaded").length,
  };
})()"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("folder", "stem"), PAGES)
def test_the_page_loads_clean_with_its_fonts_and_reads_well(request, browser, folder, stem, width):
    page = request.getfixturevalue(folder) / f"{stem}.html"
    browser.open(page.as_uri(), width)
    assert browser.errors() == []
    # The fonts really drawn, as the browser reports them, not just as the CSS asks.
    for selector in ("article p", "article strong, article h2, h1", "svg.bars text", "td"):
        assert browser.fonts_of(selector) == [("Liberation Serif", True)], selector
    m = browser.evaluate(_METRICS)
    assert m["fontsLoaded"] >= 2
    assert m["pageWidth"] <= m["viewport"]  # nothing makes the whole page scroll sideways
    assert m["fontPx"] >= 16
    assert m["textLeft"] >= 8 and m["textRight"] <= width - 8  # text clear of the edges
    assert m["lineChars"] <= 110  # lines short enough to read at 1280 px
    left, right, chart_width = m["chart"]
    assert left >= 0 and right <= width and chart_width >= min(300, width - 40)
    assert m["table"][0] >= 0 and m["table"][1] <= width  # the wide table scrolls in its box
    title = browser.evaluate(
        'document.querySelector("span.figure[data-source=nguoi_nuoc_ngoai_tam_tru]").title'
    )
    assert title.startswith("1.519 = Thành phố 812 + ")
    shot = browser.screenshot(SHOTS / f"{stem}-{width}px.png")
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000


def test_the_preview_reloads_itself_in_the_browser(browser, tmp_path: Path):
    mine = tmp_path / "mau"
    (mine / "sections").mkdir(parents=True)
    section = mine / "sections/07-phuong-huong.html.j2"
    shutil.copy(ROOT / "templates/sections/07-phuong-huong.html.j2", section)
    render, watched = preview_renderer(2018, ROOT / "data", mine)
    httpd = make_server(Preview(render, watched), port=0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        browser.open(f"http://127.0.0.1:{httpd.server_port}/", 1280)
        assert "Trong thời gian tới," in browser.evaluate("document.body.innerText")
        text = section.read_text(encoding="utf-8").replace("Trong thời gian tới,", "Năm tới,")
        section.write_text(text, encoding="utf-8")
        browser.wait_for('document.body.innerText.includes("Năm tới, Ban chỉ đạo 138")', 15)
        assert browser.errors() == []
    finally:
        httpd.shutdown()
        httpd.server_close()


def _pages(pdf: Path) -> int:
    require_tool("pdfinfo", "poppler-utils")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(ln for ln in info.stdout.splitlines() if ln.startswith("Pages:")).split()[1])


def _gray_page(pdf: Path, page: int, dpi: int = 40) -> tuple[int, int, bytes]:
    """Render one PDF page to 8-bit gray pixels with poppler's pdftoppm."""
    require_tool("pdftoppm", "poppler-utils")
    raw = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    # A binary PGM: "P5", width, height, maxval, then one byte per pixel.
    fields, rest = raw.split(maxsplit=4)[:4], raw.split(maxsplit=4)[4]
    assert fields[0] == b"P5" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    return width, height, rest[: width * height]


@pytest.mark.parametrize(("folder", "stem"), PAGES)
def test_no_pdf_page_is_blank(request, folder: str, stem: str):
    pdf = request.getfixturevalue(folder) / f"{stem}.pdf"
    count = _pages(pdf)
    assert count >= 3
    for page in range(1, count + 1):
        width, height, pixels = _gray_page(pdf, page)
        assert (width, height) == (331, 468)  # A4 at 40 dpi
        ink = sum(1 for p in pixels if p < 128) / len(pixels)
        assert ink > 0.005, f"page {page} of {pdf.name} is blank"
    # Page 1 at screen resolution, for a person to compare with the decree's layout.
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf)]
        + [str(SHOTS / f"{stem}-trang-1")],
        check=True,
    )
    assert (SHOTS / f"{stem}-trang-1.png").stat().st_size > 20_000
