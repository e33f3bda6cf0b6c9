"""The run log: one line per build and per check, naming the inputs and outputs by hash."""

import datetime as dt
import hashlib
import logging
import shutil
from pathlib import Path

from tests.conftest import ROOT, run
from tests.test_end_to_end import STEM

LOG = "nhat-ky.log"


def _sha(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _fields(line: str) -> list[str]:
    fields = line.split("\t")
    assert len(fields) == 6, line
    return fields


def test_a_build_then_a_check_append_a_line_each(data_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    before = dt.datetime.now().astimezone().replace(microsecond=0)
    result = run("check", "--year", 2018, "--data-dir", data_dir, "--out-dir", out)
    assert result.exit_code == 0
    lines = (out / LOG).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    build, check = (_fields(line) for line in lines)

    assert build[1:3] == ["lập báo cáo", "năm 2018"]
    assert check[1:3] == ["kiểm tra", "năm 2018"]
    when = dt.datetime.fromisoformat(check[0])
    assert when.tzinfo is not None and abs((when - before).total_seconds()) < 60
    workbooks = sorted((data_dir / "2018").glob("*.xlsx"))
    inputs = [f"2018/{p.name}={_sha(p)}" for p in workbooks]
    inputs.append(f"2018/bao-cao.toml={_sha(data_dir / '2018/bao-cao.toml')}")
    inputs += [f"{name}={_sha(data_dir / name)}" for name in ("catalog.toml", "units.toml")]
    for line in (build, check):
        assert line[3].startswith("vào: " + "; ".join(inputs))
    assert f"mẫu {ROOT / 'templates'}=sha256:" in build[3]
    report = [out / f"{STEM}.html", out / f"{STEM}.pdf", out / "nguon-so-lieu.csv"]
    assert build[4] == "ra: " + "; ".join(f"{p.name}={_sha(p)}" for p in report)
    checked = [out / "kiem-tra-2018.xlsx", out / "kiem-tra-2018.html"]
    missing = out / "gui-don-vi" / "chua-nop.txt"  # the list of units yet to send (issue 14)
    assert check[4] == "ra: " + "; ".join(
        [*(f"{p.name}={_sha(p)}" for p in checked), f"gui-don-vi/chua-nop.txt={_sha(missing)}"]
    )
    assert build[5] == check[5] == "0 lỗi, 0 cảnh báo"


def test_a_check_with_problems_logs_their_count_under_out_year(data_dir: Path, tmp_path: Path):
    (data_dir / "2018/342-tien-hai-2018.xlsx").unlink()
    shutil.copy(data_dir / "2018/340-dong-hung-2018.xlsx", data_dir / "2018/khac.xlsx")
    for _ in range(2):
        assert run("check", "--year", 2018, "--data-dir", data_dir).exit_code == 1
    lines = (tmp_path / "out/2018" / LOG).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[0].split("\t")[1:] == lines[1].split("\t")[1:]
    fields = _fields(lines[0])
    assert "2018/khac.xlsx=sha256:" in fields[3] and "tien-hai" not in fields[3]
    assert fields[5] == "2 lỗi, 0 cảnh báo"


def test_a_failed_build_writes_no_line_and_no_report(data_dir: Path, tmp_path: Path):
    (data_dir / "2018/342-tien-hai-2018.xlsx").unlink()
    out = tmp_path / "out"
    assert run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out).exit_code == 1
    assert not out.exists()


def test_a_log_that_cannot_be_written_warns_but_keeps_the_report(
    data_dir: Path, tmp_path: Path, caplog
):
    out = tmp_path / "out"
    (out / LOG).mkdir(parents=True)  # a folder where the log file should be
    with caplog.at_level(logging.WARNING, logger="reportgen"):
        result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out)
    assert result.exit_code == 0
    assert (out / f"{STEM}.pdf").is_file()
    assert [r.getMessage() for r in caplog.records if r.name == "reportgen.outputs.runlog"] == [
        f"Cảnh báo: không ghi được nhật ký {out / LOG}: Is a directory"
    ]
