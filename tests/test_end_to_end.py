"""The 2018 sample data reproduces the published article, as a reader of the PDF sees it."""

import re
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, pdf_text, run

STEM = "ket-qua-phong-chong-mua-ban-nguoi-2018"
# The article's typos that the brief allows us to fix, and the stray double stop.
TYPO_FIXES = {
    "đồng bộ đồng bộ": "đồng bộ",
    "ngước ngoài": "nước ngoài",
    "ban ninh trật tự": "an ninh trật tự",
    "tuyên phổ biến": "tuyên truyền, phổ biến",
    "(Tiền Hải)..": "(Tiền Hải).",
    "trẻ em...và": "trẻ em... và",
}
FIGURES = [
    "03 lớp tập huấn cho 286 ban chủ nhiệm câu lạc bộ",
    "02 buổi nói chuyện chuyên đề",
    "cho 300 nữ sinh viên Trường Đại học Thái Bình và công nhân tại xã Đông Kinh, Đông Hưng",
    "03 lớp chuyên đề",
    "cho 300 phụ nữ tại 3 xã Phú Xuân (Thành phố), Quang Bình (Kiến Xương), Tây Giang (Tiền Hải)",
    "3.000 cuốn Bản tin sinh hoạt hội viên",
    "19.500 tờ gấp Hãy phòng ngừa xâm hại tình dục trẻ em",
    "91 lượt /126 lượt người nước ngoài",
    "1.519 người nước ngoài đang tạm trú",
    "847 lượt cơ sở kinh doanh",
    "72 trường hợp phụ nữ lấy chồng nước ngoài",
    "7 trường hợp công dân xuất cảnh trái phép",
    "52 công dân lao động nhập cảnh trái phép",
    "172 trường hợp là con lai",
    "chưa phát hiện, xử lý các vụ án, việc liên quan đến mua bán người",
]


def flatten(text: str) -> str:
    """Join the PDF's lines into one NFC string, dropping page-number lines."""
    lines = [ln for ln in text.splitlines() if not re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", ln)]
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", " ".join(lines))).strip()


def article_sentences() -> list[str]:
    """Return the reference article's sentences (title, date and byline excluded), typos fixed."""
    text = (ROOT / "tests/golden/article-2018.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    body = paragraphs[2:-1]  # drop the title, the date line and the byline
    assert paragraphs[-1] == "Phương Thảo"
    sentences = []
    for para in body:
        para = re.sub(r"\s+", " ", para)
        for wrong, right in TYPO_FIXES.items():
            para = para.replace(wrong, right)
        # Split into sentences, and sentences into their ";" clauses: a finer, stricter match.
        sentences += [s for s in re.split(r"(?<=\.) (?=[A-ZĐÂĂÊÔƠƯ])|(?<=;) ", para) if s]
    return sentences


@pytest.fixture(scope="module")
def text(built_2018: Path) -> str:
    return flatten(pdf_text(built_2018 / f"{STEM}.pdf"))


def test_build_writes_html_pdf_the_sources_table_and_the_log(built_2018: Path):
    assert sorted(p.name for p in built_2018.iterdir()) == [
        f"{STEM}.html",
        f"{STEM}.pdf",
        "nguon-so-lieu.csv",
        "nhat-ky.log",
    ]


def test_pdf_starts_with_title_and_date(text: str):
    assert text.startswith("Kết quả công tác phòng, chống mua bán người năm 2018 02/12/2018 ")
    # The article ends with its byline; the appendix (on by default) follows it.
    article, appendix = text.split(" PHỤ LỤC ", 1)
    assert article.endswith("Phương Thảo")
    assert appendix.startswith("Số liệu phòng, chống mua bán người năm 2018 theo đơn vị")


@pytest.mark.parametrize("figure", FIGURES)
def test_pdf_carries_each_figure_in_the_articles_form(text: str, figure: str):
    assert figure in text


def test_pdf_has_every_sentence_of_the_article_in_order(text: str):
    sentences = article_sentences()
    assert len(sentences) == 31
    position, missing = 0, []
    for sentence in sentences:
        found = text.find(sentence, position)
        if found < 0:
            missing.append(sentence)
        else:
            position = found + len(sentence)
    assert missing == []


def test_pdf_metadata_and_fonts(built_2018: Path):
    from pypdf import PdfReader

    reader = PdfReader(built_2018 / f"{STEM}.pdf")
    assert reader.metadata.title == "Kết quả công tác phòng, chống mua bán người năm 2018"
    assert reader.metadata.author == "Phương Thảo"
    assert reader.trailer["/Root"].get("/Lang") == "vi"
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    fonts = {
        str(f["/BaseFont"]).split("+")[-1]
        for p in reader.pages
        for f in (p["/Resources"]["/Font"].get_object().values())
    }
    assert fonts and all(name.startswith("Liberation-Serif") for name in fonts)


def test_html_is_standalone_vietnamese(built_2018: Path):
    html = (built_2018 / f"{STEM}.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in html
    assert "<style>" in html and "<link" not in html
    assert "url(data:font/ttf;base64," in html
    assert "http://" not in html and "https://" not in html
    assert re.sub(r"<[^>]+>", "", html).count("1.519 người nước ngoài") == 1  # tags: hover titles
    assert unicodedata.is_normalized("NFC", html)


def _set_indicator(path: Path, code: str, value) -> None:
    wb = load_workbook(path)
    ws = wb["Chỉ tiêu"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == code:
            row[3].value = value
    wb.save(path)


def test_a_figure_follows_its_workbook_value(data_dir: Path, tmp_path: Path):
    _set_indicator(data_dir / "2018/336-thai-binh-2018.xlsx", "nguoi_nuoc_ngoai_tam_tru", 900)
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out)
    assert result.exit_code == 0, result.output
    text = flatten(pdf_text(out / f"{STEM}.pdf"))
    assert "nắm quản lý chặt chẽ 1.607 người nước ngoài" in text  # 1.519 - 812 + 900
    assert "1.519" not in text


def test_missing_unit_stops_the_build(data_dir: Path, tmp_path: Path):
    (data_dir / "2018/342-tien-hai-2018.xlsx").unlink()
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out)
    assert result.exit_code == 1
    assert "Chưa có tệp số liệu của huyện Tiền Hải trong thư mục" in result.output
    assert "--allow-missing" in result.output
    assert not out.exists()


def test_allow_missing_builds_and_says_which_unit_is_missing(data_dir: Path, tmp_path: Path):
    (data_dir / "2018/342-tien-hai-2018.xlsx").unlink()
    out = tmp_path / "out"
    result = run(
        "build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out, "--allow-missing"
    )
    assert result.exit_code == 0, result.output
    text = flatten(pdf_text(out / f"{STEM}.pdf"))
    assert "Số liệu chưa bao gồm: huyện Tiền Hải." in text
    # Tiền Hải's place and figures are gone from the text: places come from the rows.
    assert "cho 200 phụ nữ tại 2 xã Phú Xuân (Thành phố), Quang Bình (Kiến Xương)." in text
    assert "Tây Giang" not in text
    assert "1.383 người nước ngoài" in text  # 1.519 - 136


def test_templates_dir_overrides_one_section(tmp_path: Path):
    mine = tmp_path / "mau"
    (mine / "sections").mkdir(parents=True)
    original = (ROOT / "templates/sections/07-phuong-huong.html.j2").read_text(encoding="utf-8")
    (mine / "sections/07-phuong-huong.html.j2").write_text(
        original.replace("Trong thời gian tới,", "Năm tới,"), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run(
        "build",
        "--year",
        2018,
        "--data-dir",
        ROOT / "data",
        "--out-dir",
        out,
        "--templates-dir",
        mine,
    )
    assert result.exit_code == 0, result.output
    text = flatten(pdf_text(out / f"{STEM}.pdf"))
    assert "Năm tới, Ban chỉ đạo 138 của tỉnh tiếp tục" in text
    assert "Trong thời gian tới" not in text
    assert "1.519 người nước ngoài" in text  # the other sections are still the built-in ones


def test_two_builds_give_the_same_bytes(built_2018: Path, tmp_path: Path):
    out = tmp_path / "again"
    result = run("build", "--year", 2018, "--data-dir", ROOT / "data", "--out-dir", out)
    assert result.exit_code == 0, result.output
    for name in (f"{STEM}.html", f"{STEM}.pdf"):
        assert (out / name).read_bytes() == (built_2018 / name).read_bytes(), name
