"""Many workbooks: the cache of checked workbooks, the process pool, the progress bar."""

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.checks import many_workbooks as batch
from reportgen.declared.catalog import load_catalog
from reportgen.declared.units import load_registry
from reportgen.pipeline import check_year
from reportgen.report.aggregate import aggregate
from tests.conftest import ROOT, run
from tests.synthetic import make_province


def _by_code(unit, catalog, rnd):
    """Every indicator int(code) % 7, pbgdpl_tong 3 more than pbgdpl_luot, one publication."""
    values = {i.code: int(unit.code) % 7 for i in catalog.indicators_for(2018)}
    values["pbgdpl_tong"] = values["pbgdpl_luot"] + 3
    return values, {"Ấn phẩm": [["Bản tin", "cuốn", int(unit.code) * 10]]}


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """A data folder with 36 synthetic units, each with a filled workbook for 2018."""
    data = tmp_path_factory.mktemp("many") / "data"
    return make_province(data, 36, parallel=False, fill=_by_code)


def _totals(result, data):
    catalog, registry = load_catalog(data), load_registry(data)
    report = aggregate(
        result.submissions, catalog, registry.province_for(2018), result.settings, 2018
    )
    return report.total, report.publications


def test_parallel_and_serial_runs_give_identical_results(many: Path, monkeypatch):
    monkeypatch.setenv("REPORTGEN_CACHE", "off")
    monkeypatch.setattr(batch, "PARALLEL_FROM", 10**6)
    serial = check_year(2018, many)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    calls = []
    real_run = batch._run
    monkeypatch.setattr(
        batch, "_run", lambda paths, *a: calls.append(len(paths)) or real_run(paths, *a)
    )
    parallel = check_year(2018, many)
    assert calls == [36]
    assert parallel.problems == serial.problems == []
    assert parallel.submissions == serial.submissions
    assert _totals(parallel, many) == _totals(serial, many)
    assert _totals(serial, many)[0]["pbgdpl_tong"] == sum(i % 7 + 3 for i in range(1, 37))


def test_many_workbooks_go_through_a_process_pool(many: Path, monkeypatch):
    monkeypatch.setenv("REPORTGEN_CACHE", "off")
    monkeypatch.setattr(batch, "PARALLEL_FROM", 2)
    pools = []
    real_pool = batch.ProcessPoolExecutor
    monkeypatch.setattr(
        batch, "ProcessPoolExecutor", lambda *a, **k: pools.append(a) or real_pool(*a, **k)
    )
    result = check_year(2018, many)
    assert len(pools) == 1 and len(result.submissions) == 36
    monkeypatch.setattr(batch, "PARALLEL_FROM", 40)  # the default: 36 files stay in process
    check_year(2018, many)
    assert len(pools) == 1


def test_a_second_check_reuses_the_cache_until_an_input_changes(data_dir: Path, monkeypatch):
    first = check_year(2018, data_dir)
    read = []
    real = batch.inspect_path
    monkeypatch.setattr(batch, "inspect_path", lambda p, *a: read.append(p.name) or real(p, *a))
    again = check_year(2018, data_dir)
    assert read == []
    assert again.submissions == first.submissions and again.problems == first.problems

    path = data_dir / "2018/340-dong-hung-2018.xlsx"
    wb = load_workbook(path)
    wb["Chỉ tiêu"]["D9"] = 99
    wb.save(path)
    changed = check_year(2018, data_dir)
    assert read == ["340-dong-hung-2018.xlsx"]
    assert changed.submissions != first.submissions

    catalog = data_dir / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n# a comment\n", "utf-8")
    check_year(2018, data_dir)
    # Any change to the declarative files: every workbook again, 2018 and 2017 (compared).
    assert len(read) == 1 + 8 + 8


def test_the_cache_can_be_turned_off(data_dir: Path, monkeypatch, tmp_path):
    monkeypatch.setenv("REPORTGEN_CACHE", "off")
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--format", "html")
    assert result.exit_code == 0, result.output
    assert not any(tmp_path.rglob("*.json")) and not any(tmp_path.rglob("templates-*"))


def test_an_edited_template_shows_at_once_and_no_compiled_code_is_kept(
    data_dir: Path, monkeypatch, tmp_path
):
    cache = tmp_path / "cache"
    monkeypatch.setenv("REPORTGEN_CACHE", str(cache))
    section = ROOT / "templates/sections/07-phuong-huong.html.j2"
    mine = tmp_path / "mau" / "sections" / section.name
    mine.parent.mkdir(parents=True)
    text = section.read_text(encoding="utf-8")
    mine.write_text(text, encoding="utf-8")
    args = ("build", "--year", 2018, "--data-dir", data_dir, "--format", "html")
    args += ("--templates-dir", tmp_path / "mau", "--out-dir", tmp_path / "out")
    assert run(*args).exit_code == 0
    html = tmp_path / "out/ket-qua-phong-chong-mua-ban-nguoi-2018.html"
    before = html.read_text(encoding="utf-8")
    assert run(*args).exit_code == 0
    assert html.read_text(encoding="utf-8") == before  # compiled again in memory: same page
    mine.write_text(text.replace("Trong thời gian tới,", "Năm 2019,"), encoding="utf-8")
    assert run(*args).exit_code == 0
    after = html.read_text(encoding="utf-8")
    assert "Năm 2019, Ban chỉ đạo 138" in after and "Trong thời gian tới," not in after
    # Compiled templates are code: none is written to disk, where anyone could replace it.
    assert all(p.suffix == ".json" for p in cache.rglob("*") if p.is_file())


def test_check_never_imports_weasyprint(data_dir: Path):
    code = (
        "import sys; from reportgen.cli import main; "
        f"sys.argv = ['reportgen', 'check', '--year', '2018', '--data-dir', {str(data_dir)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('weasyprint' in sys.modules, 'pandas' in sys.modules)"
    )
    # Run where the test's own folder is: the check writes out/2018 below where it runs.
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=data_dir.parent
    )
    assert out.stdout.splitlines()[-1] == "False False"


def _in_terminal(args: list[str], cwd: Path) -> str:
    """Run reportgen with stderr on a pseudo-terminal; return all it printed."""
    main, secondary = pty.openpty()
    exe = Path(sys.executable).parent / "reportgen"
    proc = subprocess.Popen([str(exe), *args], stdout=secondary, stderr=secondary, cwd=cwd)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_long_check_shows_a_progress_bar_in_a_terminal_only(many: Path, tmp_path: Path):
    shown = _in_terminal(["check", "--year", "2018", "--data-dir", str(many)], tmp_path)
    assert "Đang đọc và kiểm tra" in shown and "36/36" in shown
    assert "Không có lỗi, không có cảnh báo trong 36 tệp." in shown
    quiet = _in_terminal(["-q", "check", "--year", "2018", "--data-dir", str(many)], tmp_path)
    assert "Đang đọc" not in quiet
    assert "Không có lỗi, không có cảnh báo trong 36 tệp." in quiet
    piped = subprocess.run(
        [str(Path(sys.executable).parent / "reportgen"), "check", "--year", "2018",
         "--data-dir", str(many)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert piped.stderr == ""
    assert piped.stdout == (
        "Bảng kiểm tra: out/2018/kiem-tra-2018.xlsx; tệp gửi từng đơn vị: out/2018/gui-don-vi\n"
        "Đã nộp, không có lỗi: 36 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
        "Không có lỗi, không có cảnh báo trong 36 tệp.\n"
    )


def test_the_cache_forgets_what_no_run_used_for_sixty_days(data_dir: Path, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("REPORTGEN_CACHE", str(cache))
    args = ("build", "--year", 2018, "--data-dir", data_dir, "--format", "html")
    assert run(*args, "--out-dir", tmp_path / "a").exit_code == 0
    used = sorted(cache.glob("*.json"))
    assert len(used) == 16  # 2018, and 2017 for the comparison
    long_ago = time.time() - 61 * 86_400
    stale = cache / ("0" * 64 + ".json")  # an entry of a workbook since changed
    stale.write_bytes(b"")
    old_templates = cache / "templates-0123456789abcdef"  # an earlier version's
    old_templates.mkdir()
    for path in [*used, stale]:
        os.utime(path, (long_ago, long_ago))

    assert run(*args, "--out-dir", tmp_path / "b").exit_code == 0

    assert not stale.exists() and not old_templates.exists()
    assert sorted(cache.glob("*.json")) == used  # used again: kept, and touched
    assert all(p.stat().st_mtime > long_ago + 86_400 for p in used)
    assert not list(cache.glob("templates-*"))  # compiled templates are no longer kept


def test_a_commune_list_kept_outside_communes_is_part_of_the_cache_key(data_dir: Path, monkeypatch):
    (data_dir / "danh-muc").mkdir()
    (data_dir / "communes").rename(data_dir / "danh-muc" / "xa")
    units = data_dir / "units.toml"
    units.write_text(
        units.read_text(encoding="utf-8").replace('"communes/', '"danh-muc/xa/'), "utf-8"
    )
    check_year(2018, data_dir)
    read = []
    real = batch.inspect_path
    monkeypatch.setattr(batch, "inspect_path", lambda p, *a: read.append(p.name) or real(p, *a))
    listed = data_dir / "danh-muc/xa/thai-binh-2017-03.csv"
    listed.write_text(listed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    check_year(2018, data_dir)
    assert len(read) == 8 + 8  # every workbook again, 2018 and 2017 (compared)
    assert run("check", "--year", 2018, "--data-dir", data_dir).exit_code == 0
    # The run log names the list the workbooks were checked against.
    assert "danh-muc/xa/thai-binh-2017-03.csv=sha256:" in Path("out/2018/nhat-ky.log").read_text(
        encoding="utf-8"
    )
