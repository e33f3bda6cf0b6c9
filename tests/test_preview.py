"""reportgen preview: serves the HTML on 127.0.0.1 and picks up edits without a restart."""

import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.outputs.preview import VERSION_PATH, Preview, make_server
from reportgen.pipeline import preview_renderer
from tests.conftest import ROOT, run

SECTION = "sections/07-phuong-huong.html.j2"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.read().decode("utf-8")


def touch_later(path: Path) -> None:
    """Make sure a save is seen even on a file system with coarse timestamps."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    """Return a templates folder with a copy of one section, as a template editor has."""
    folder = tmp_path / "mau"
    (folder / "sections").mkdir(parents=True)
    shutil.copy(ROOT / "templates" / SECTION, folder / SECTION)
    return folder


@pytest.fixture
def server(mine: Path, data_dir: Path):
    render, watched = preview_renderer(2018, data_dir, mine)
    httpd = make_server(Preview(render, watched), port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    yield f"http://{host}:{port}"  # the address it is bound to, not the one it was asked for
    httpd.shutdown()
    httpd.server_close()


def test_a_template_edit_shows_without_a_restart(server: str, mine: Path):
    page = get(server + "/")
    assert "Trong thời gian tới, Ban chỉ đạo 138" in page
    assert "1.519" in page and "PHỤ LỤC" in page
    before = get(server + VERSION_PATH)
    section = mine / SECTION
    section.write_text(
        section.read_text(encoding="utf-8").replace("Trong thời gian tới,", "Năm tới,"),
        encoding="utf-8",
    )
    touch_later(section)
    assert get(server + VERSION_PATH) != before  # what the page's script polls for
    page = get(server + "/")
    assert "Năm tới, Ban chỉ đạo 138" in page
    assert "Trong thời gian tới" not in page


def test_a_template_mistake_shows_on_the_page_and_the_server_goes_on(server: str, mine: Path):
    section = mine / SECTION
    good = section.read_text(encoding="utf-8")
    section.write_text("Dòng một\n{{ total.con_lay|number }}\n", encoding="utf-8")
    touch_later(section)
    page = get(server + "/")
    assert "Chưa hiện được báo cáo: mẫu có lỗi" in page
    message = f'Mẫu "{SECTION}", dòng 2: không có tên "con_lay". Có phải "con_lai"?'
    assert message in unescape(page)
    assert VERSION_PATH in page  # the page keeps polling, to reload once it is fixed
    section.write_text(good, encoding="utf-8")
    touch_later(section)
    assert "Trong thời gian tới, Ban chỉ đạo 138" in get(server + "/")


def test_a_workbook_edit_shows_without_a_restart(server: str, data_dir: Path):
    assert "1.519" in get(server + "/")
    path = data_dir / "2018/336-thai-binh-2018.xlsx"
    book = load_workbook(path)
    sheet = book["Chỉ tiêu"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "nguoi_nuoc_ngoai_tam_tru")
    row[3].value = 900
    book.save(path)
    touch_later(path)
    page = get(server + "/")
    assert "1.607" in page and "1.519" not in page
    # A mistake in the data shows, located, instead of stopping the server.
    row[3].value = "ba mươi"
    book.save(path)
    touch_later(path)
    page = get(server + "/")
    assert "Chưa hiện được báo cáo: số liệu có lỗi" in page
    assert f'336-thai-binh-2018.xlsx, trang "Chỉ tiêu", ô {row[3].coordinate}' in unescape(page)


def test_the_server_listens_on_localhost_only(server: str):
    assert server.startswith("http://127.0.0.1:")
    with pytest.raises(urllib.error.HTTPError) as exc:
        get(server + "/khong-co")
    assert exc.value.code == 404


def test_preview_says_when_the_port_is_taken(data_dir: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("preview", "--year", 2018, "--data-dir", data_dir, "--port", port)
    assert result.exit_code == 1
    assert result.output.startswith(f"Không mở được cổng {port} (")
    assert "--port 8080" in result.output


def test_version_changes_only_when_a_file_changes(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x")
    preview = Preview(lambda: "<html><body>x</body></html>", [tmp_path])
    first = preview.version()
    time.sleep(0.01)
    assert preview.version() == first
    (tmp_path / "b.txt").write_text("y")
    assert preview.version() != first
