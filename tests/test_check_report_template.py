"""The check report's page and the preview's error page come from Jinja templates.

Staff change their wording by editing templates/kiem-tra.html.j2 (or a copy in their
--templates-dir), a mistake there is located as in any report template, and whatever a file
name or a cell holds is shown as text, never run as HTML.
"""

import re
import shutil
from html import unescape
from pathlib import Path

from openpyxl import load_workbook

from reportgen.errors import ProblemsFound, TemplateProblem
from reportgen.outputs import preview
from reportgen.outputs.preview import Preview
from reportgen.pipeline import preview_renderer
from reportgen.problems import Problem
from tests.conftest import ROOT, run

YEAR = 2018
TIEN_HAI = "342-tien-hai-2018.xlsx"
CHECK_TEMPLATE = "kiem-tra.html.j2"
HOSTILE_NAME = "<img src=x onerror=alert(1)>.xlsx"
HOSTILE_VALUE = "<script>alert(1)</script>"


def edit(path: Path, sheet: str, changes: dict) -> None:
    book = load_workbook(path)
    for ref, value in changes.items():
        book[sheet][ref] = value
    book.save(path)


def own_templates(tmp_path: Path, text: str | None = None) -> Path:
    """Return a --templates-dir holding kiem-tra.html.j2: a copy of the built-in, or text."""
    folder = tmp_path / "mau-rieng"
    folder.mkdir()
    if text is None:
        shutil.copy(ROOT / "templates" / CHECK_TEMPLATE, folder / CHECK_TEMPLATE)
    else:
        (folder / CHECK_TEMPLATE).write_text(text, encoding="utf-8")
    return folder


def cells(page: str, tag: str) -> list[list[str]]:
    """Return the text of each table row's <tag> cells, in page order."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, flags=re.S)
    found = [[unescape(c) for c in re.findall(rf"<{tag}>(.*?)</{tag}>", r, re.S)] for r in rows]
    return [r for r in found if r]


# --- the check report --------------------------------------------------------------------


def test_the_sample_year_check_page_says_what_it_said_before(data_dir: Path):
    assert run("check", "--year", YEAR, "--data-dir", data_dir).exit_code == 0

    page = Path("out/2018/kiem-tra-2018.html").read_text(encoding="utf-8")

    assert page.startswith('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n')
    assert page.endswith("</table>\n</body>\n</html>\n")
    assert re.findall(r"<(h1|h2|p)>(.*?)</\1>", page) == [
        ("h1", "Kết quả kiểm tra số liệu phòng, chống mua bán người năm 2018"),
        ("p", "Đã nộp, không có lỗi: 8 đơn vị.<br>Đã nộp, còn lỗi: 0 đơn vị.<br>"
              "Chưa nộp: 0 đơn vị."),
        ("p", "Không có lỗi, không có cảnh báo trong 8 tệp."),
        ("h2", "Vấn đề"),
        ("p", "Không có lỗi."),
        ("h2", "Tình trạng nộp"),
    ]  # fmt: skip
    assert cells(page, "th") == [
        ["Mã", "Đơn vị", "Tình trạng", "Tệp", "Người lập", "Ngày lập", "Số lỗi",
         "Số cảnh báo", "Ghi chú"],
    ]  # fmt: skip
    rows = cells(page, "td")
    assert len(rows) == 8
    assert [rows[0], rows[7]] == [
        ["336", "Thành phố Thái Bình", "Đã nộp, không có lỗi", "336-thai-binh-2018.xlsx",
         "Nguyễn Thị Hương", "26/11/2018", "0", "0", ""],
        ["344", "Huyện Vũ Thư", "Đã nộp, không có lỗi", "344-vu-thu-2018.xlsx",
         "Lê Văn Quý", "26/11/2018", "0", "0", ""],
    ]  # fmt: skip


def test_the_problem_table_has_its_headers_and_marks_errors(data_dir: Path, tmp_path: Path):
    edit(data_dir / "2018" / TIEN_HAI, "Chỉ tiêu", {"D6": "ba mươi", "D7": "1.519"})
    out = tmp_path / "kiem-tra"

    assert run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out).exit_code == 1

    page = (out / "kiem-tra-2018.html").read_text(encoding="utf-8")
    assert cells(page, "th")[0] == [
        "Mức", "Đơn vị", "Tệp", "Trang", "Ô", "Giá trị", "Quy tắc", "Nội dung", "Mã quy tắc"
    ]  # fmt: skip
    marked = re.findall(r'<tr class="loi"><td>(.*?)</td>.*?<td>(\w+)</td></tr>', page)
    assert marked == [("lỗi", "not_a_number")]  # warnings are not marked


def test_staff_change_a_word_of_the_check_page_in_their_templates_folder(
    data_dir: Path, tmp_path: Path
):
    mine = own_templates(tmp_path)
    text = (mine / CHECK_TEMPLATE).read_text(encoding="utf-8")
    (mine / CHECK_TEMPLATE).write_text(
        text.replace("Kết quả kiểm tra số liệu", "Kết quả rà soát số liệu"), encoding="utf-8"
    )

    result = run("check", "--year", YEAR, "--data-dir", data_dir, "--templates-dir", mine)

    assert result.exit_code == 0, result.output
    page = Path("out/2018/kiem-tra-2018.html").read_text(encoding="utf-8")
    assert "<h1>Kết quả rà soát số liệu phòng, chống mua bán người năm 2018</h1>" in page
    assert "Kết quả kiểm tra số liệu" not in page


def test_a_mistake_in_the_check_template_is_located_and_nothing_is_written(
    data_dir: Path, tmp_path: Path
):
    out = tmp_path / "kiem-tra"
    assert run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    mine = own_templates(tmp_path, "<h1>Kiểm tra</h1>\n<p>{{ errorz }}</p>\n")

    result = run(
        "check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out, "--templates-dir", mine
    )

    assert result.exit_code == 1
    assert result.output == (
        'Mẫu "kiem-tra.html.j2", dòng 2: không có tên "errorz". Có phải "errors"?\n'
    )
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_syntax_mistake_in_the_check_template_is_located(data_dir: Path, tmp_path: Path):
    mine = own_templates(tmp_path, "<h1>Kiểm tra</h1>\n\n{% if errors %}có lỗi\n")
    out = tmp_path / "kiem-tra"

    result = run(
        "check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out, "--templates-dir", mine
    )

    assert result.exit_code == 1
    assert result.output == (
        'Mẫu "kiem-tra.html.j2", dòng 3: viết sai cú pháp — mẫu kết thúc khi một khối '
        "{% if %}, {% for %}… chưa được đóng.\n"
    )
    assert not out.exists()


def test_a_hostile_file_name_and_cell_value_show_as_text_in_the_check_page(
    data_dir: Path, tmp_path: Path
):
    folder = data_dir / "2018"
    (folder / HOSTILE_NAME).write_bytes(b"not a workbook")
    edit(folder / TIEN_HAI, "Chỉ tiêu", {"D6": HOSTILE_VALUE})
    out = tmp_path / "kiem-tra"

    assert run("check", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out).exit_code == 1

    page = (out / "kiem-tra-2018.html").read_text(encoding="utf-8")
    assert "<img" not in page and "<script" not in page
    assert "<td>&lt;img src=x onerror=alert(1)&gt;.xlsx</td>" in page
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in page
    texts = [r[2] for r in cells(page, "td") if len(r) == 9]
    assert "Không đọc được tệp" in texts  # the stray file's row of the completeness table


# --- the preview's error page ------------------------------------------------------------


def failing(exc: Exception):
    def render() -> str:
        raise exc

    return render


def test_the_error_page_shows_the_located_message_escaped():
    text = 'Mẫu "sections/<b>07</b>.html.j2", dòng 2: không có tên "con_lay". Có phải "con_lai"?'

    page = Preview(failing(TemplateProblem(text)), []).page()

    assert '<h1 class="preview-error">Chưa hiện được báo cáo: mẫu có lỗi</h1>' in page
    assert "<b>07</b>" not in page
    assert f"<li>{text}</li>" in unescape(page)
    assert "<p>Sửa rồi lưu tệp: trang sẽ tự tải lại.</p>" in page


def test_the_error_page_lists_data_errors_with_a_hostile_file_name_as_text():
    problem = Problem("lỗi", HOSTILE_NAME, "Chỉ tiêu", "D6", HOSTILE_VALUE, "not_a_number",
                      f'"{HOSTILE_VALUE}" không phải là số — hãy nhập số nguyên ≥ 0.')  # fmt: skip

    page = Preview(failing(ProblemsFound([problem], {})), []).page()

    assert '<h1 class="preview-error">Chưa hiện được báo cáo: số liệu có lỗi</h1>' in page
    assert "<img" not in page and "<script>alert" not in page
    assert (
        '<li>[lỗi] <img src=x onerror=alert(1)>.xlsx, trang "Chỉ tiêu", ô D6: '
        '"<script>alert(1)</script>" không phải là số — hãy nhập số nguyên ≥ 0.</li>'
    ) in unescape(page)


def test_the_error_page_does_not_come_from_the_users_templates(data_dir: Path, tmp_path: Path):
    mine = tmp_path / "mau"
    mine.mkdir()
    (mine / "report.html.j2").write_text("<p>\n{{ khong_co }}\n</p>\n", encoding="utf-8")
    (mine / "loi-xem-truoc.html.j2").write_text("{% if %}", encoding="utf-8")  # broken too
    render, watched = preview_renderer(YEAR, data_dir, mine)

    page = Preview(render, watched).page()

    assert '<h1 class="preview-error">Chưa hiện được báo cáo: mẫu có lỗi</h1>' in page
    assert '<li>Mẫu "report.html.j2", dòng 2: không có tên "khong_co".</li>' in unescape(page)


def test_the_messages_still_show_escaped_when_the_error_page_itself_cannot_render(monkeypatch):
    monkeypatch.setattr(preview, "ERROR_TEMPLATE", "khong-co.html.j2")  # a damaged installation

    page = preview.error_page([f"[lỗi] {HOSTILE_NAME}: tệp hỏng"], data_errors=True)

    assert "<img" not in page
    assert f"[lỗi] {HOSTILE_NAME}: tệp hỏng\n" in unescape(page)
    assert 'Không tìm thấy mẫu "khong-co.html.j2"' in unescape(page)
