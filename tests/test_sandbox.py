"""Templates are sandboxed and bounded: no way to files or code, no endless or giant render.

Each hostile template goes through the real build (the CLI, a --templates-dir override) and
must end in one located Vietnamese message, exit 1, no output, nothing outside out/ touched.
"""

import os
import resource
import threading
import urllib.request
from html import unescape
from pathlib import Path

import pytest

from reportgen.outputs.preview import Preview, make_server
from reportgen.pipeline import preview_renderer
from reportgen.report import render
from tests.conftest import DATA, run

SECTION = "sections/04-quan-ly-cu-tru.html.j2"
WHERE = f'Mẫu "{SECTION}", dòng 1: '
PASSWD = "root:x:0:0"


@pytest.fixture(scope="module")
def _module_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _shared_cache(_module_cache: Path, monkeypatch) -> None:
    """Share one cache of checked workbooks among this file's builds: they read the same data."""
    monkeypatch.setenv("REPORTGEN_CACHE", str(_module_cache))


def _override(folder: Path, text: str | bytes, name: str = SECTION) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return folder


def _build(templates: Path, out: Path, *extra: str):
    return run(
        "build", "--year", 2018, "--data-dir", DATA, "--out-dir", out,
        "--templates-dir", templates, "--format", "html", *extra,
    )  # fmt: skip


def _all_text(root: Path) -> str:
    """Return everything written under a folder, as text, to look for leaked content."""
    texts = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():  # a link a test made is not an output
            texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


ESCAPES = [
    # functools.partial: its arguments were the real template folders (Path objects).
    "{{ asset_url.args[0][0].joinpath('/etc/passwd').read_text() }}",
    "{{ asset_url.args[0][0].parent.joinpath('marker.txt').unlink() }}",
    "{{ asset_url.args }}",
    "{{ asset_url.func }}",
    "{{ asset_url.keywords }}",
    "{{ asset_url|attr('args') }}",
    "{{ asset_url|attr('func')|attr('__globals__') }}",
    "{{ '{0.args}'.format(asset_url) }}",
    "{{ '{0.args[0][0]}'.format(asset_url) }}",
    "{{ '{0.__class__}'.format(year) }}",
    "{{ '{0.__class__.__mro__}'.format(year) }}",
    "{{ asset_url.__globals__ }}",
    "{{ asset_url.__closure__ }}",
    "{{ bar_chart.__globals__['__builtins__'] }}",
    "{{ bar_chart.__module__ }}",
    "{{ year.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ lipsum(1) }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ namespace.mro() }}",
    "{{ range.__class__ }}",
    "{{ range.__globals__ }}",
    "{{ dict.mro() }}",
    "{{ dict.fromkeys }}",
    "{% for x in [1] %}{{ loop.__class__ }}{% endfor %}",
    "{% for x in [1] %}{{ loop.changed.__self__ }}{% endfor %}",
    "{{ self.__dict__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ settings.date.today() }}",
    "{{ settings.date.today }}",
    "{{ [settings]|map(attribute='__class__')|list }}",
    "{{ ''.join.__self__ }}",
    "{{ (1).from_bytes }}",
]


@pytest.mark.parametrize("text", ESCAPES)
def test_a_template_cannot_reach_code_or_files(tmp_path: Path, text: str):
    marker = tmp_path / "marker.txt"
    marker.write_text("still here", encoding="utf-8")
    mine = _override(tmp_path / "mau", text)
    out = tmp_path / "out"
    result = _build(mine, out)
    assert result.exit_code == 1
    assert result.output.startswith(WHERE), result.output
    assert result.output.count("\n") == 1  # one message, no traceback
    assert "Traceback" not in result.output and "object" not in result.output
    assert not out.exists()
    assert marker.read_text(encoding="utf-8") == "still here"
    assert PASSWD not in result.output and PASSWD not in _all_text(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{{ asset_url.args }}",
            WHERE + 'mẫu không được phép dùng "args" — mẫu chỉ đọc được số liệu của báo cáo, '
            "không đến được hàm, tệp hay mã của chương trình.",
        ),
        (
            "{{ settings.date.today() }}",
            WHERE + 'mẫu không được phép dùng "today" — mẫu chỉ đọc được số liệu của báo cáo, '
            "không đến được hàm, tệp hay mã của chương trình.",
        ),
        ("{{ lipsum(1) }}", WHERE + 'không có tên "lipsum".'),
        (
            "{{ year.__class__ }}",
            WHERE + 'mẫu không được phép dùng tên bắt đầu bằng "_".',
        ),
    ],
)
def test_a_refusal_says_what_and_where_in_vietnamese(tmp_path: Path, text: str, message: str):
    result = _build(_override(tmp_path / "mau", text), tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == message + "\n"


def test_what_the_shipped_templates_use_still_works(tmp_path: Path):
    text = (
        "{% set ns = namespace(n=0) %}{% set seen = [] %}"
        "{% for u in units %}{% set ns.n = ns.n + 1 %}{% do seen.append(u.unit.short) %}"
        "{% if loop.first %}[{{ loop.index }}/{{ loop.length }}]{% endif %}"
        "{% if loop.changed(u.unit.kind) %}*{% endif %}{% endfor %}"
        "<p>n={{ ns.n }} {{ seen|join_vi }} {{ settings.date.isoformat() }} "
        "{{ total.get('con_lai', 0)|number }} {{ range(3)|list }} {{ dict(a=1).a }} "
        "{{ '{0} {1}'.format(year, total.con_lai|number) }} {{ 'abc'.upper() }} "
        "{{ total.con_lai.facts|length }} {{ units|map(attribute='unit.short')|first }}</p>"
        "{% for u in units %}{{ loop.cycle('<', '>') }}{% endfor %}"
        "{% macro box() %}[{{ caller() }}]{% endmacro %}{% call box() %}hộp{% endcall %}"
        "|{{ units|sum(attribute='values.con_lai') }}|{{ (units|groupby('unit.kind'))|length }}|"
    )
    mine = _override(tmp_path / "mau", text)
    out = tmp_path / "out"
    result = _build(mine, out)
    assert result.exit_code == 0, result.output
    html = (out / "ket-qua-phong-chong-mua-ban-nguoi-2018.html").read_text(encoding="utf-8")
    assert "[1/8]*" in html
    assert "n=8 Thành phố, " in html
    assert " 2018-12-02 " in html
    assert "[0, 1, 2] 1 2018 " in html
    assert " ABC " in html
    assert "&lt;&gt;&lt;&gt;&lt;&gt;&lt;&gt;[hộp]|172|2|" in html


def test_super_and_blocks_still_work_in_an_override(tmp_path: Path):
    mine = _override(
        tmp_path / "mau",
        '{% extends "default:report.html.j2" %}'
        "{% block title %}Riêng — {{ super() }}{% endblock %}",
        "report.html.j2",
    )
    out = tmp_path / "out"
    result = _build(mine, out)
    assert result.exit_code == 0, result.output
    html = (out / "ket-qua-phong-chong-mua-ban-nguoi-2018.html").read_text(encoding="utf-8")
    assert "<title>Riêng — " in html


# --- bounds: time and memory ---


@pytest.fixture(name="one_second")
def _one_second_fixture(monkeypatch):
    """Lower the render's CPU limit to one second (and the grace after it), to stay fast."""
    one_second(monkeypatch)


def one_second(monkeypatch):
    """Lower the render's CPU limit to one second, to stay fast.

    The grace before the hard kill stays as shipped: the child needs it to say where the
    template was, and on a busy machine one second of grace was not always enough.
    """
    monkeypatch.setattr(render, "TEMPLATE_CPU_SECONDS", 1)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


STOPPED = (
    "mẫu chạy quá 1 giây nên bị dừng (ở dòng này hoặc trong mẫu mà dòng này gọi đến) — "
    "hãy xem lại các vòng lặp {% for %} lồng nhau.\n"
)


def test_an_endless_loop_is_stopped_at_its_line(tmp_path: Path, one_second):
    loop = "a\n{% for i in range(100000) %}{% for j in range(100000) %}{% set k = j %}"
    result = _build(_override(tmp_path / "mau", loop + "{% endfor %}{% endfor %}"), tmp_path / "o")
    assert result.exit_code == 1
    assert result.output == f'Mẫu "{SECTION}", dòng 2: ' + STOPPED


def test_an_endless_loop_that_writes_is_stopped_and_the_old_report_kept(
    tmp_path: Path, monkeypatch
):
    out = tmp_path / "out"
    # The good build runs under the real limit: on a busy machine one second may not do.
    assert _build(_override(tmp_path / "tot", "Tốt."), out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    one_second(monkeypatch)
    loop = "a\n{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}"
    spent = _children_cpu()
    result = _build(_override(tmp_path / "mau", loop + "{% endfor %}{% endfor %}"), out)
    assert result.exit_code == 1
    # Its output grows as it runs: on a busy machine the hard limit may end the child before
    # it can say its line; then the message names the main template (both are located).
    assert result.output in (
        f'Mẫu "{SECTION}", dòng 2: ' + STOPPED,
        'Mẫu "report.html.j2" (hoặc một mẫu nó gọi đến) bị dừng vì chạy quá 1 giây hoặc dùng '
        "quá 512 MB bộ nhớ — hãy xem lại các vòng lặp và phép tính lớn vừa sửa.\n",
    )
    assert _children_cpu() - spent < 20  # stopped near its one second, not run for hours
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize(
    "text",
    [
        "{{ 'x' * 10**10 }}",
        "{{ (range(100000)|list) * 100000 }}",
        "{% set big = 'x' * 10**7 %}{{ ([big] * 200)|join }}",
    ],
)
def test_a_giant_value_is_stopped_with_its_place(tmp_path: Path, text: str):
    result = _build(_override(tmp_path / "mau", text), tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (
        WHERE + "mẫu dùng quá nhiều bộ nhớ nên bị dừng — hãy xem lại các phép nhân chuỗi "
        "hoặc danh sách rất lớn.\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_huge_range_is_refused_in_vietnamese(tmp_path: Path):
    result = _build(_override(tmp_path / "mau", "{{ range(10**9)|list }}"), tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == WHERE + "range() chỉ được tạo tối đa 100.000 số.\n"


def test_a_long_computation_in_one_step_is_stopped_naming_the_template(tmp_path: Path, one_second):
    # One big power is a single step of C code: the render cannot say the line, only stop.
    result = _build(_override(tmp_path / "mau", "{{ 3 ** 100000000 }}"), tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (
        'Mẫu "report.html.j2" (hoặc một mẫu nó gọi đến) bị dừng vì chạy quá 1 giây hoặc dùng '
        "quá 512 MB bộ nhớ — hãy xem lại các vòng lặp và phép tính lớn vừa sửa.\n"
    )


def test_a_report_far_larger_than_any_real_one_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(render, "MAX_HTML_CHARS", 3_000_000)
    text = "{% for i in range(20) %}{{ 'x' * 100000 }}{% endfor %}"
    result = _build(_override(tmp_path / "mau", text), tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.startswith('Mẫu "report.html.j2" tạo ra một báo cáo quá lớn (')
    assert "triệu ký tự, tối đa 3 triệu) — hãy xem lại các vòng lặp" in result.output


# --- errors located whatever the folder and the file ---


def test_a_relative_templates_dir_names_the_edited_file_and_line(tmp_path: Path):
    _override(Path("mau-rieng"), "Dòng một\n{{ total.con_lay|number }}\n")
    result = _build(Path("mau-rieng"), Path("out"))
    assert result.exit_code == 1
    assert result.output == (
        f'Mẫu "{SECTION}", dòng 2: không có tên "con_lay". Có phải "con_lai"?\n'
    )


def test_a_relative_templates_dir_locates_a_refusal(tmp_path: Path):
    _override(Path("mau-rieng"), "a\nb\n{{ asset_url.args }}")
    result = _build(Path("mau-rieng"), Path("out"))
    assert result.exit_code == 1
    assert result.output.startswith(f'Mẫu "{SECTION}", dòng 3: mẫu không được phép dùng "args"')


def test_a_template_not_in_utf8_is_named(tmp_path: Path):
    mine = _override(tmp_path / "mau", "Công tác".encode("cp1258"))
    result = _build(mine, tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (
        f'Mẫu "{SECTION}" ({mine / SECTION}) không được lưu bằng bảng mã UTF-8 — hãy mở bằng '
        "trình soạn thảo, chọn Lưu thành (Save As) với Encoding là UTF-8 rồi lưu lại. "
        'Mẫu "report.html.j2" gọi đến nó ở dòng 27.\n'
    )


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_template_that_is_not_a_file_is_named(tmp_path: Path, kind: str):
    mine = tmp_path / "mau"
    (mine / "sections").mkdir(parents=True)
    if kind == "folder":
        (mine / SECTION).mkdir()
    else:
        os.mkfifo(mine / SECTION)  # opening it would wait for a writer for ever
    result = _build(mine, tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (
        f'Mẫu "{SECTION}" ({mine / SECTION}) không phải là một tệp thường (có thể là thư mục) '
        '— hãy xóa hoặc đổi tên nó. Mẫu "report.html.j2" gọi đến nó ở dòng 27.\n'
    )


def test_a_template_file_far_too_large_is_refused(tmp_path: Path):
    mine = _override(tmp_path / "mau", "x" * (3 * 1024 * 1024))
    result = _build(mine, tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (
        f'Mẫu "{SECTION}" ({mine / SECTION}) quá lớn (3 MB, tối đa 2 MB) — một tệp mẫu chỉ '
        'chứa câu chữ; ảnh và phông chữ đặt trong thư mục assets/. Mẫu "report.html.j2" gọi '
        "đến nó ở dòng 27.\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "gọi lồng nhau quá sâu"),
        ("{{ 10.0 ** 1000 }}", "số quá lớn để tính"),
        ("{{ 'đ'.encode('ascii') }}", "không mã hóa được chữ"),
        ("{{ year|words(1, 2, 3) }}", "dòng 1: "),
    ],
)
def test_other_runtime_errors_stay_located_and_in_vietnamese(tmp_path: Path, text, message):
    result = _build(_override(tmp_path / "mau", text), tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.startswith(WHERE)
    assert message in result.output
    assert "Lỗi không lường trước" not in result.output


# --- the year's settings file, read bounded ---


def _settings_error(data_dir: Path, tmp_path: Path) -> str:
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists()
    return result.output


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_settings_file_that_is_not_a_file_is_one_located_error(data_dir, tmp_path, kind):
    settings = data_dir / "2018" / "bao-cao.toml"
    settings.unlink()
    if kind == "folder":
        settings.mkdir()
    else:
        os.mkfifo(settings)  # reading it would wait for a writer for ever
    assert (
        "  [lỗi] 2018/bao-cao.toml: đây không phải là một tệp bình thường (là thư mục, đường "
        "ống hoặc thiết bị) nên không được đọc — hãy xóa hoặc đổi tên nó, rồi chạy "
        '"make template YEAR=2018" để tạo lại tệp.\n'
    ) in _settings_error(data_dir, tmp_path)


def test_a_settings_file_far_too_large_is_one_located_error(data_dir, tmp_path):
    settings = data_dir / "2018" / "bao-cao.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "#" * 200_000, encoding="utf-8")
    assert (
        "  [lỗi] 2018/bao-cao.toml: tệp quá lớn (198 kB, tối đa 64 kB) — "
        "tệp này chỉ cần vài dòng.\n"
    ) in _settings_error(data_dir, tmp_path)


def test_an_unreadable_settings_file_is_one_located_error(data_dir, tmp_path, monkeypatch):
    # Tests run as root, who may read any file: the refusal is simulated at the open.
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("bao-cao.toml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("reportgen.inputs.regular.os.open", refuse)
    output = _settings_error(data_dir, tmp_path)
    assert (
        "  [lỗi] 2018/bao-cao.toml: không đọc được tệp (không có quyền đọc tệp) — hãy kiểm tra "
        "quyền đọc của tệp hoặc chép lại tệp vào thư mục, rồi chạy lại.\n"
    ) in output
    assert "Không ghi được" not in output and "Lỗi không lường trước" not in output


# --- preview: the same messages on the page, and the server goes on ---


def test_preview_shows_a_refusal_and_a_stopped_loop_on_the_page(tmp_path, data_dir, one_second):
    mine = _override(tmp_path / "mau", "a\n{{ asset_url.args }}")
    render_page, watched = preview_renderer(2018, data_dir, mine)
    httpd = make_server(Preview(render_page, watched), port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()  # pages are rendered in the server's threads, as in `reportgen preview`
    url = f"http://127.0.0.1:{httpd.server_port}/"
    try:
        page = unescape(_get(url))
        assert "Chưa hiện được báo cáo: mẫu có lỗi" in page
        assert f'Mẫu "{SECTION}", dòng 2: mẫu không được phép dùng "args"' in page
        loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% set k = j %}"
        _override(mine, loop + "{% endfor %}{% endfor %}")
        os.utime(mine / SECTION, (1, 1))  # a new modification time: the page is rendered again
        page = unescape(_get(url))
        assert f'Mẫu "{SECTION}", dòng 1: ' + STOPPED.strip() in page
        _override(mine, "Đã sửa.")
        os.utime(mine / SECTION, (2, 2))
        assert "Đã sửa." in _get(url)
    finally:
        httpd.shutdown()
        httpd.server_close()


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return answer.read().decode("utf-8")


def test_a_template_that_links_to_a_file_elsewhere_is_refused(tmp_path: Path):
    mine = tmp_path / "mau"
    (mine / "sections").mkdir(parents=True)
    (mine / SECTION).symlink_to("/etc/passwd")
    result = _build(mine, tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (
        f'Mẫu "{SECTION}" ({mine / SECTION}) là liên kết đến một tệp nằm ngoài thư mục mẫu — '
        "hãy chép chính tệp đó vào thư mục mẫu thay cho liên kết. "
        'Mẫu "report.html.j2" gọi đến nó ở dòng 27.\n'
    )
    assert PASSWD not in _all_text(tmp_path)


def test_a_link_inside_the_templates_folder_still_works(tmp_path: Path):
    mine = _override(tmp_path / "mau", "Câu dùng chung.", "chung.html.j2")
    (mine / "sections").mkdir()
    (mine / SECTION).symlink_to(mine / "chung.html.j2")
    out = tmp_path / "out"
    assert _build(mine, out).exit_code == 0
    html = (out / "ket-qua-phong-chong-mua-ban-nguoi-2018.html").read_text(encoding="utf-8")
    assert "Câu dùng chung." in html


@pytest.mark.parametrize("name", ["../../../../../../etc/passwd", "/etc/passwd"])
def test_asset_url_reads_only_the_templates_assets(tmp_path: Path, name: str):
    result = _build(_override(tmp_path / "mau", f"{{{{ asset_url('{name}') }}}}"), tmp_path / "o")
    assert result.exit_code == 1
    assert result.output.startswith(f'Không tìm thấy mẫu "assets/{name}" (thư mục mẫu: ')
    assert result.output.endswith(f'. Mẫu "{SECTION}" gọi đến nó ở dòng 1.\n')
    assert PASSWD not in _all_text(tmp_path)


@pytest.mark.parametrize(
    ("kind", "said"),
    [("docx", "Word (.docx)"), ("fragment", "thân bài cho cổng thông tin (fragment)")],
)
def test_html_a_converter_cannot_use_names_the_template(tmp_path: Path, kind: str, said: str):
    mine = _override(tmp_path / "mau", "", "report.html.j2")  # prints nothing at all
    out = tmp_path / "out"
    result = _build(mine, out, "--format", f"html,{kind}")
    assert result.exit_code == 1
    assert result.output == (
        f'Mẫu "report.html.j2" tạo ra HTML không chuyển được sang {said} — mẫu không in ra gì, '
        "hoặc in ra ký tự điều khiển (ví dụ \\x01); hãy xem lại phần vừa sửa.\n"
    )
    assert not out.exists()


def test_methods_of_our_records_are_not_open_to_templates(tmp_path: Path):
    # Fields and properties are data; a method of a record (Unit.keys here) is not offered.
    text = "{{ units[0].unit.official_name }}\n{{ units[0].unit.keys() }}"
    result = _build(_override(tmp_path / "mau", text), tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.startswith(f'Mẫu "{SECTION}", dòng 2: mẫu không được phép dùng "keys"')
