"""The cache folder holds data, never code, and never decides a figure on its own.

Issue 11: a crafted entry ran code (pickle), an edited entry published a wrong figure with
exit 0, and a workbook changed during a run poisoned the cache and the run log.
"""

import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

from jinja2.bccache import bc_magic
from openpyxl import load_workbook

from reportgen.checks import many_workbooks as batch
from reportgen.checks.cache import code_digest
from reportgen.pipeline import check_year
from tests.conftest import ROOT, run

YEAR = 2018
TIEN_HAI = "342-tien-hai-2018.xlsx"


class _Payload:
    """Unpickling this makes a folder: the marker that code from the cache ran."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def _d6(path: Path) -> tuple[str, int]:
    """Return the indicator code of row 6 of "Chỉ tiêu" and its value, read with openpyxl."""
    ws = load_workbook(path)["Chỉ tiêu"]
    return ws["A6"].value, ws["D6"].value


def _with_d6(path: Path, value: int, target: Path) -> bytes:
    wb = load_workbook(path)
    wb["Chỉ tiêu"]["D6"] = value
    wb.save(target)
    return target.read_bytes()


def _tien_hai(result):
    [submission] = [s for s in result.submissions if s.file == TIEN_HAI]
    return submission


def _count_reads(monkeypatch) -> list[str]:
    read: list[str] = []
    real = batch.inspect_path
    monkeypatch.setattr(batch, "inspect_path", lambda p, *a: read.append(p.name) or real(p, *a))
    return read


def test_a_crafted_pickle_or_compiled_template_in_the_cache_never_runs(
    data_dir: Path, tmp_path: Path, monkeypatch
):
    cache = tmp_path / "cache"
    monkeypatch.setenv("REPORTGEN_CACHE", str(cache))
    args = ("build", "--year", YEAR, "--data-dir", data_dir, "--format", "html")
    assert run(*args, "--out-dir", tmp_path / "a").exit_code == 0
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert len(entries) >= 16  # 2018 and 2017 (compared)
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(_Payload(marker))
    for entry in entries:  # every entry, under its own name and under a pickle's name
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)
    # Where Jinja's bytecode cache of earlier versions looked for compiled templates: a file
    # there was unpickled, then unmarshalled and run.
    compiled = cache / f"templates-{code_digest()[:16]}"
    compiled.mkdir(exist_ok=True)
    for template in (ROOT / "templates").rglob("*.j2"):
        name = template.relative_to(ROOT / "templates").as_posix()
        key = hashlib.sha1(f"{name}|{os.path.normpath(template)}".encode()).hexdigest()
        (compiled / f"__jinja2_{key}.cache").write_bytes(bc_magic + payload)

    result = run(*args, "--out-dir", tmp_path / "b")

    assert result.exit_code == 0, result.output
    assert not marker.exists()
    page = "ket-qua-phong-chong-mua-ban-nguoi-2018.html"
    assert (tmp_path / "b" / page).read_bytes() == (tmp_path / "a" / page).read_bytes()
    # The crafted entries were replaced by good ones; the pickles and old templates deleted.
    assert not list(cache.rglob("*.pickle")) and not compiled.exists()
    for entry in cache.glob("*.json"):
        assert isinstance(json.loads(entry.read_bytes()), dict)


def test_an_edited_entry_is_ignored_and_the_figure_comes_from_the_workbook(
    data_dir: Path, monkeypatch
):
    code, value = _d6(data_dir / str(YEAR) / TIEN_HAI)
    assert (code, value) == ("nguoi_nuoc_ngoai_tam_tru", 136)
    check_year(YEAR, data_dir)
    cache = Path(os.environ["REPORTGEN_CACHE"])
    [entry] = [p for p in cache.glob("*.json") if f'"file":"{TIEN_HAI}"' in p.read_text("utf-8")]
    text = entry.read_text(encoding="utf-8")
    assert text.count(f'"{code}":136,') == 1
    entry.write_text(text.replace(f'"{code}":136,', f'"{code}":1136,'), encoding="utf-8")
    read = _count_reads(monkeypatch)

    edited = check_year(YEAR, data_dir)

    assert read == [TIEN_HAI]
    assert _tien_hai(edited).indicators[code] == 136
    assert f'"{code}":136,' in entry.read_text(encoding="utf-8")  # written again, right
    # An edit whose seal is recomputed still has to hold the right kinds of value: a count
    # given as text is refused.
    document = json.loads(entry.read_text(encoding="utf-8"))
    payload = document["payload"]
    payload["outcome"]["check"]["submission"]["indicators"][code] = "1136"
    sealed = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    document["sha256"] = hashlib.sha256(sealed).hexdigest()
    entry.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    again = check_year(YEAR, data_dir)

    assert read == [TIEN_HAI, TIEN_HAI]
    assert _tien_hai(again).indicators[code] == 136
    assert check_year(YEAR, data_dir).submissions == again.submissions
    assert read == [TIEN_HAI, TIEN_HAI]  # the entry rewritten is used again


def test_a_workbook_changed_during_a_run_is_cached_and_logged_by_the_bytes_read(
    data_dir: Path, tmp_path: Path, monkeypatch
):
    path = data_dir / str(YEAR) / TIEN_HAI
    code, _ = _d6(path)
    original = path.read_bytes()
    during = _with_d6(path, 77, tmp_path / "during.xlsx")  # what the check reads
    after = _with_d6(path, 55, tmp_path / "after.xlsx")  # on disk when the run log is written
    real = batch.inspect_path
    swaps = []

    def changing(p, *args):
        if p.name != TIEN_HAI or swaps:
            return real(p, *args)
        swaps.append(p)
        path.write_bytes(during)  # after the cache was looked up, before the read
        inspected = real(p, *args)
        path.write_bytes(after)  # after the read, before the run log
        return inspected

    monkeypatch.setattr(batch, "inspect_path", changing)

    assert run("check", "--year", YEAR, "--data-dir", data_dir).exit_code == 0

    assert swaps == [path]
    log = Path("out/2018/nhat-ky.log").read_text(encoding="utf-8")
    assert f"2018/{TIEN_HAI}=sha256:{hashlib.sha256(during).hexdigest()[:16]};" in log
    monkeypatch.setattr(batch, "inspect_path", real)
    read = _count_reads(monkeypatch)
    path.write_bytes(original)
    assert _tien_hai(check_year(YEAR, data_dir)).indicators[code] == 136  # not 77: read again
    assert read == [TIEN_HAI]
    path.write_bytes(during)
    assert _tien_hai(check_year(YEAR, data_dir)).indicators[code] == 77
    assert read == [TIEN_HAI]  # the bytes read during the first run were cached as such


def test_a_rebuild_reads_no_workbook_and_the_cache_holds_only_json(data_dir: Path, monkeypatch):
    first = check_year(YEAR, data_dir)
    read = _count_reads(monkeypatch)

    again = check_year(YEAR, data_dir)

    assert read == []
    assert again.submissions == first.submissions and again.problems == first.problems
    cache = Path(os.environ["REPORTGEN_CACHE"])
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert len(files) == 16 and all(p.suffix == ".json" for p in files)
    for path in files:
        document = json.loads(path.read_bytes())
        assert list(document) == ["sha256", "payload"]


def test_a_fifo_or_a_link_to_a_device_in_place_of_an_entry_is_a_miss(
    data_dir: Path, tmp_path: Path
):
    cache = tmp_path / "cache"
    env = os.environ | {"REPORTGEN_CACHE": str(cache)}
    command = [sys.executable, "-m", "reportgen", "check", "--year", "2018"]
    command += ["--data-dir", str(data_dir)]
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    entries = sorted(cache.glob("*.json"))
    assert len(entries) == 16
    for i, entry in enumerate(entries):
        entry.unlink()
        if i % 2:
            os.mkfifo(entry)  # opening it for reading would wait for a writer forever
        else:
            entry.symlink_to("/dev/zero")  # endless

    # The timeout only stops a hung run from hanging the test suite.
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)

    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(
        "Đã nộp, không có lỗi: 8 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
        "Không có lỗi, không có cảnh báo trong 8 tệp.\n"
    )
    assert all(e.is_file() and not e.is_symlink() for e in entries)  # rewritten as entries


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(data_dir: Path, monkeypatch):
    blocker = Path(os.environ["REPORTGEN_CACHE"])
    shutil.rmtree(blocker)
    blocker.write_text("not a folder")

    result = check_year(YEAR, data_dir)

    assert result.errors == 0 and len(result.submissions) == 8


def test_every_sample_and_corpus_workbook_comes_back_from_its_entry_unchanged():
    # What the cache gives back must be what checking gives: rows with choices and places,
    # problems of every kind, unreadable files, .xls and .ods included.
    from reportgen.checks.cache_entry import entry_bytes, read_entry
    from reportgen.declared.catalog import load_catalog
    from reportgen.declared.units import load_registry

    data = ROOT / "data"
    catalog, registry = load_catalog(data), load_registry(data)
    # data/2019-6-thang: a period's folder is named for its year first.
    files = [(p, int(p.parent.name[:4])) for p in sorted(data.glob("20*/*.xlsx"))]
    files += [(p, YEAR) for p in sorted((ROOT / "tests/corpus/files").iterdir())]
    kinds = set()
    for path, year in files:
        outcome = batch.inspect_path(path, catalog, registry, year).outcome
        entry = entry_bytes("key", "input", outcome)
        assert read_entry(entry, "key", "input") == outcome, path.name
        kinds.add(type(outcome).__name__)
        if getattr(outcome, "submission", None):
            kinds.update(
                type(v).__name__
                for rows in outcome.submission.rows.values()
                for row in rows
                for v in row.values.values()
            )
    assert kinds >= {"Problem", "WorkbookCheck", "Choice", "Place", "int", "str", "NoneType"}
    assert len(files) > 60
