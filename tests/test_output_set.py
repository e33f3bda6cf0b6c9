"""A run replaces the out folder as one set: killed at any step, the folder holds the whole
previous set or the whole new one; one run at a time writes it; the next run cleans up.

The kills are real: a build runs in a child process with REPORTGEN_TEST_PAUSE_AT naming a
step of reportgen/outputs/write.py, stops there (saying so on stderr), and gets SIGKILL.
"""

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reportgen.outputs.write
from reportgen.outputs.write import PAUSE_ENV
from tests.conftest import DATA, run
from tests.test_end_to_end import STEM, _set_indicator

LOG = "nhat-ky.log"
REPORT = [f"{STEM}.html", f"{STEM}.pdf", "nguon-so-lieu.csv"]
# The check's set: its table, and the folder of files to send back to the units (issue 14).
CHECK = ["kiem-tra-2018.html", "kiem-tra-2018.xlsx", "gui-don-vi"]
# A child that cannot exchange two folders in one step (as on macOS or NFS): two renames.
TWO_RENAMES = (
    "import reportgen.outputs.write as w; w._exchange = lambda first, second: False; "
    "from reportgen.cli import main; main()"
)
PLAIN = "from reportgen.cli import main; main()"


def _content(path: Path) -> bytes | dict:
    """Return a file's bytes, or a folder's {name: content}."""
    if path.is_dir():
        return {p.name: _content(p) for p in sorted(path.iterdir())}
    return path.read_bytes()


def _files(folder: Path) -> dict[str, bytes | dict]:
    return _content(folder)


def _hidden_beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}"))


@pytest.fixture(scope="module")
def new_inputs(tmp_path_factory) -> Path:
    """The sample data with one figure changed, so that a new build differs from built_2018."""
    data = tmp_path_factory.mktemp("changed") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("~$*"))
    _set_indicator(data / "2018/336-thai-binh-2018.xlsx", "nguoi_nuoc_ngoai_tam_tru", 900)
    return data


@pytest.fixture(scope="module")
def new_set(new_inputs: Path, tmp_path_factory) -> dict[str, bytes]:
    """The bytes of a finished build of the changed inputs (its log line carries the clock)."""
    out = tmp_path_factory.mktemp("newset")
    assert run("build", "--year", 2018, "--data-dir", new_inputs, "--out-dir", out).exit_code == 0
    files = _files(out)
    del files[LOG]
    return files


@pytest.fixture
def out(tmp_path: Path, built_2018: Path) -> Path:
    """An out folder holding a finished build of the sample data: the previous set."""
    folder = tmp_path / "out"
    shutil.copytree(built_2018, folder)
    return folder


def _assert_previous(out: Path, built_2018: Path) -> None:
    assert _files(out) == _files(built_2018)


def _assert_new(out: Path, built_2018: Path, new_set: dict[str, bytes], runs: int = 1) -> None:
    files = _files(out)
    log = files.pop(LOG).decode("utf-8")
    assert files == new_set
    previous = (built_2018 / LOG).read_text(encoding="utf-8")
    assert log.startswith(previous)
    assert len(log.splitlines()) == len(previous.splitlines()) + runs


_children: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _no_child_left():
    """Kill a child a failed test left paused, so that it writes nothing later."""
    yield
    while _children:
        proc = _children.pop()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdin.close()
        proc.stderr.close()


def _start(data: Path, out: Path, pause: str | None, code: str = PLAIN):
    env = {k: v for k, v in os.environ.items() if k != PAUSE_ENV}
    if pause:
        env[PAUSE_ENV] = pause
    args = ["build", "--year", "2018", "--data-dir", str(data), "--out-dir", str(out)]
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        encoding="utf-8",
    )
    _children.append(proc)
    return proc


def _wait_for(proc: subprocess.Popen, line: str) -> None:
    """Read the child's stderr until `line`; fail with what it said if it ends first."""
    seen = []
    for got in proc.stderr:
        if got.rstrip("\n") == line:
            return
        seen.append(got)
    proc.wait()
    pytest.fail(f"exit {proc.returncode} before {line!r}: {''.join(seen)}")


def _kill_at(data: Path, out: Path, step: str, code: str = PLAIN) -> None:
    proc = _start(data, out, step, code)
    _wait_for(proc, f"{PAUSE_ENV}={step}")
    proc.kill()
    proc.communicate()


@pytest.mark.parametrize(
    ("step", "left"),
    [
        ("locked", []),  # holding the lock, nothing written yet
        ("staging", ["new"]),  # the HTML written into the new version, not the PDF
        ("staged", ["new"]),  # the whole new version, log line included, ready beside it
    ],
)
def test_killed_before_the_switch_the_previous_set_stays(
    out, built_2018, new_inputs, new_set, step, left
):
    _kill_at(new_inputs, out, step)
    _assert_previous(out, built_2018)
    leftovers = _hidden_beside(out)
    assert leftovers.pop(0) == ".out.lock"
    assert [name.split(".")[2].split("-")[0] for name in leftovers] == left

    result = run("build", "--year", 2018, "--data-dir", new_inputs, "--out-dir", out)
    assert result.exit_code == 0, result.output
    _assert_new(out, built_2018, new_set)
    assert _hidden_beside(out) == [".out.lock"]


@pytest.mark.parametrize("code", [PLAIN, TWO_RENAMES], ids=["exchange", "two-renames"])
def test_killed_after_the_switch_the_new_set_is_in_place(
    out, built_2018, new_inputs, new_set, code
):
    _kill_at(new_inputs, out, "switched", code)
    _assert_new(out, built_2018, new_set)
    leftovers = _hidden_beside(out)
    assert leftovers[0] == ".out.lock" and len(leftovers) == 2  # the previous version

    result = run("check", "--year", 2018, "--data-dir", new_inputs, "--out-dir", out)
    assert result.exit_code == 0, result.output
    assert _hidden_beside(out) == [".out.lock"]
    assert sorted(p.name for p in out.iterdir()) == sorted([*REPORT, *CHECK, LOG])


def test_killed_between_two_renames_the_next_run_puts_the_previous_set_back(
    out, built_2018, new_inputs
):
    _kill_at(new_inputs, out, "moved-aside", TWO_RENAMES)
    assert not out.exists()  # the only moment without a set: no exchange on this system

    result = run("check", "--year", 2018, "--data-dir", new_inputs, "--out-dir", out)
    assert result.exit_code == 0, result.output
    files = _files(out)
    assert {name: files[name] for name in REPORT} == {
        name: (built_2018 / name).read_bytes() for name in REPORT
    }
    assert sorted(files) == sorted([*REPORT, *CHECK, LOG])
    assert _hidden_beside(out) == [".out.lock"]


def test_a_second_build_waits_for_the_first_then_replaces_its_set(
    out, built_2018, new_inputs, new_set
):
    first = _start(new_inputs, out, "locked")
    _wait_for(first, f"{PAUSE_ENV}=locked")
    second = _start(new_inputs, out, None)
    _wait_for(second, f"Một lần chạy khác đang ghi vào {out} — đang chờ nó xong…")
    _assert_previous(out, built_2018)  # the second one has not written while it waits

    first.stdin.write("\n")
    first.stdin.flush()
    assert first.wait() == 0
    second.communicate()
    assert second.returncode == 0
    _assert_new(out, built_2018, new_set, runs=2)
    assert _hidden_beside(out) == [".out.lock"]


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_run_that_waits_too_long_refuses_in_vietnamese(
    out, built_2018, new_inputs, monkeypatch, command
):
    # The lock held as a running build holds it (the test above runs a real one).
    with open(out.parent / ".out.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        monkeypatch.setattr(reportgen.outputs.write, "LOCK_WAIT_SECONDS", 0)
        result = run(command, "--year", 2018, "--data-dir", new_inputs, "--out-dir", out)
    assert result.exit_code == 1
    assert result.output == (
        f"Một lần lập báo cáo hoặc kiểm tra khác đang ghi vào {out} — hãy chờ nó xong rồi"
        " chạy lại.\n"
    )
    _assert_previous(out, built_2018)


def test_check_and_build_share_out_year_and_its_log(tmp_path: Path, built_2018: Path):
    assert run("build", "--year", 2018, "--data-dir", DATA).exit_code == 0
    assert run("check", "--year", 2018, "--data-dir", DATA).exit_code == 0
    out = tmp_path / "out/2018"
    assert sorted(p.name for p in out.iterdir()) == sorted([*REPORT, *CHECK, LOG])
    checked = {name: _content(out / name) for name in CHECK}
    assert run("build", "--year", 2018, "--data-dir", DATA).exit_code == 0

    files = _files(out)
    assert {name: files[name] for name in REPORT} == {
        name: (built_2018 / name).read_bytes() for name in REPORT
    }
    assert {name: files[name] for name in CHECK} == checked  # carried over, unchanged
    commands = [line.split("\t")[1] for line in files[LOG].decode("utf-8").splitlines()]
    assert commands == ["lập báo cáo", "kiểm tra", "lập báo cáo"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".2018.lock", "2018"]


def test_a_folder_from_an_older_version_loses_its_hidden_leftovers_and_keeps_the_rest(
    out, new_inputs, new_set
):
    (out / f".{STEM}.pdf.k2j4_x9q.tmp").write_bytes(b"half a PDF")
    (out / f".{STEM}.html.a1b2c3d4.bak").write_bytes(b"an older HTML")
    (out / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    result = run("build", "--year", 2018, "--data-dir", new_inputs, "--out-dir", out)
    assert result.exit_code == 0, result.output
    files = _files(out)
    assert files.pop("ghi-chu.txt") == "của người dùng".encode()
    del files[LOG]
    assert files == new_set
    assert out.is_dir() and not out.is_symlink()


def test_an_out_folder_that_is_a_symlink_stays_one(tmp_path: Path, new_inputs, new_set):
    real = tmp_path / "chia-se/bao-cao"
    real.mkdir(parents=True)
    link = tmp_path / "out"
    link.symlink_to(real)
    result = run("build", "--year", 2018, "--data-dir", new_inputs, "--out-dir", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real
    files = _files(real)
    del files[LOG]
    assert files == new_set
    assert _hidden_beside(real) == [".bao-cao.lock"]


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_out_folder_holding_the_inputs_is_refused(data_dir: Path, tmp_path: Path, command):
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(command, "--year", 2018, "--data-dir", data_dir, "--out-dir", tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        f"Không ghi vào {tmp_path} được: thư mục này chứa {data_dir}, mà mỗi lần chạy thay cả"
        " thư mục ghi — hãy chọn một thư mục riêng cho báo cáo (mặc định out/<năm>).\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert _hidden_beside(tmp_path) == []
