"""The PDF renderer: fetches only our own assets; markup from a workbook stays text."""

import datetime as dt
import hashlib
import logging
import os
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import weasyprint
import weasyprint.pdf.fonts
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import ROOT, pdf_text, run
from tests.test_end_to_end import STEM, flatten

SECTION = "sections/07-phuong-huong.html.j2"
SECRET = "BI-MAT-KHONG-DUOC-LOT-RA"


class _CountingServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that counts every connection made to it."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.connections = 0

    def verify_request(self, request, client_address):
        self.connections += 1
        return True


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    srv = _CountingServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def test_the_renderer_fetches_nothing_but_the_templates_assets(tmp_path, server, caplog):
    secret = tmp_path / "bi-mat.txt"
    secret.write_text(SECRET, encoding="utf-8")
    mine = tmp_path / "mau"
    (mine / "sections").mkdir(parents=True)
    (mine / "assets").mkdir()
    (mine / "assets" / "ghi-chu.txt").write_text("GHI-CHU-DUOC-PHEP", encoding="utf-8")
    (mine / "assets" / "loi-tat.txt").symlink_to(secret)
    web = f"http://127.0.0.1:{server.server_port}"
    refused = [
        f"{web}/anh.png",
        f"https://127.0.0.1:{server.server_port}/anh.png",
        f"{web}/kieu.css",
        f"{web}/nhap.css",
        f"{web}/nen.png",
        f"{web}/phong.ttf",
        "file:///etc/passwd",
        secret.as_uri(),
        f"file://{mine}/assets/../../bi-mat.txt",
        (mine / "assets" / "loi-tat.txt").as_uri(),
        "ftp://127.0.0.1/x.txt",
    ]
    injected = f"""
<img src="{refused[0]}"><img src="{refused[1]}">
<link rel="stylesheet" href="{refused[2]}">
<style>
@import url("{refused[3]}");
p {{ background: url("{refused[4]}") }}
@font-face {{ font-family: Ngoai; src: url("{refused[5]}") }}
</style>
<img src="{refused[6]}">
<link rel="attachment" href="{refused[7]}">
<link rel="attachment" href="{refused[8]}">
<link rel="attachment" href="{refused[9]}">
<img src="{refused[10]}">
<link rel="attachment" href="{(mine / "assets" / "ghi-chu.txt").as_uri()}">
"""
    original = (ROOT / "templates" / SECTION).read_text(encoding="utf-8")
    (mine / SECTION).write_text(original + injected, encoding="utf-8")
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING, logger="reportgen"):
        result = run(
            "build", "--year", 2018, "--data-dir", ROOT / "data", "--out-dir", out,
            "--templates-dir", mine,
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert server.connections == 0
    warned = [r.getMessage() for r in caplog.records if r.name == "reportgen.outputs.pdf"]
    for url in refused:
        assert any(f"mẫu báo cáo dẫn tới {url} — không tải" in w for w in warned), url
    # WeasyPrint's own English echo of each refusal is not shown to the user.
    assert not [
        r for r in caplog.records if r.name.startswith("weasyprint") and "refused" in r.getMessage()
    ]
    reader = PdfReader(out / f"{STEM}.pdf")
    assert {
        name: [bytes(c) for c in contents] for name, contents in reader.attachments.items()
    } == {"ghi-chu.txt": [b"GHI-CHU-DUOC-PHEP"]}
    assert "1.519 người nước ngoài" in flatten(pdf_text(out / f"{STEM}.pdf"))
    # The server was listening all along: a request does reach it.
    urllib.request.urlopen(f"{web}/kiem-tra", timeout=5).read()
    assert server.connections == 1


def _add_publication(path: Path, title: str) -> None:
    wb = load_workbook(path)
    wb["Ấn phẩm"].append([title, "tờ", 7])
    wb.save(path)


@pytest.mark.parametrize(
    "value", ["<img src=x onerror=alert(1)>", "{{ 7*7 }}", "<b>đậm</b> & {% if 1 %}"]
)
def test_markup_typed_in_a_workbook_stays_text_in_html_and_pdf(data_dir, tmp_path, value):
    _add_publication(data_dir / "2018/340-dong-hung-2018.xlsx", f"Tờ rơi {value}")
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out)
    assert result.exit_code == 0, result.output
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"Tờ rơi {escaped}" in html
    assert "<img" not in html and "<b>" not in html
    assert f"Tờ rơi {value}" in flatten(pdf_text(out / f"{STEM}.pdf"))


def _attachment_template(tmp_path: Path) -> Path:
    mine = tmp_path / "mau"
    (mine / "sections").mkdir(parents=True)
    (mine / "assets").mkdir()
    (mine / "assets" / "so-lieu.txt").write_text("Số liệu kèm theo", encoding="utf-8")
    original = (ROOT / "templates" / SECTION).read_text(encoding="utf-8")
    link = f'<link rel="attachment" href="{(mine / "assets" / "so-lieu.txt").as_uri()}">'
    (mine / SECTION).write_text(original + link, encoding="utf-8")
    return mine


def test_same_inputs_give_the_same_bytes_whatever_the_clock_zone_and_folders(
    data_dir, tmp_path, monkeypatch
):
    # fontTools subsets the fonts where libharfbuzz-subset is missing; it stamps them with
    # the clock. Take that path whatever this machine has (test_two_builds... takes the other).
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    mine = _attachment_template(tmp_path)
    first, second = tmp_path / "lan-1", tmp_path / "lan-2"
    args = ("build", "--year", 2018, "--templates-dir", mine, "--out-dir")
    assert run(*args, first, "--data-dir", ROOT / "data").exit_code == 0

    # The second build: another day, another time zone, another copy of the inputs.
    later = time.time() + 3 * 365 * 86400
    monkeypatch.setattr(time, "time", lambda: later)

    class _Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.fromtimestamp(later, tz)

    monkeypatch.setattr(weasyprint, "datetime", _Later)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    time.tzset()
    try:
        for path in data_dir.rglob("*"):
            os.utime(path, (later, later))
        assert run(*args, second, "--data-dir", data_dir).exit_code == 0
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    for name in (f"{STEM}.html", f"{STEM}.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert list(PdfReader(second / f"{STEM}.pdf").attachments) == ["so-lieu.txt"]


def test_pdf_dates_and_identifier_come_from_the_inputs(data_dir, tmp_path):
    settings = data_dir / "2018" / "bao-cao.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("2018-12-02", "2019-01-15"), encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    reader = PdfReader(out / f"{STEM}.pdf")
    assert (reader.metadata["/CreationDate"], reader.metadata["/ModDate"]) == ("D:20190115",) * 2
    html = (out / f"{STEM}.html").read_bytes()
    assert reader.trailer["/ID"][0] == hashlib.sha256(html).hexdigest()[:32]
    assert "15/01/2019" in flatten(pdf_text(out / f"{STEM}.pdf"))
