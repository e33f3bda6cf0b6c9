"""The run log names every input of a period's check: workbooks, the staff's files, the
declarative files — each with the digest of its bytes, in that order."""

import hashlib
from pathlib import Path

from tests.conftest import run


def _entry(data_dir: Path, name: str) -> str:
    digest = hashlib.sha256((data_dir / name).read_bytes()).hexdigest()[:16]
    return f"{name}=sha256:{digest}"


def test_a_period_check_logs_its_folder_staff_files_and_every_declared_list(data_dir: Path):
    result = run("check", "--year", 2019, "--period", "6-thang", "--data-dir", data_dir)
    assert result.exit_code == 0, result.output
    # Each test runs in its own folder: the default out/<năm>-<kỳ> is there.
    [line] = (Path("out/2019-6-thang") / "nhat-ky.log").read_text(encoding="utf-8").splitlines()
    units = ("336-thai-binh", "338-quynh-phu", "339-hung-ha", "340-dong-hung")
    units += ("341-thai-thuy", "342-tien-hai", "343-kien-xuong", "344-vu-thu")
    names = [f"2019-6-thang/{u}-2019-6-thang.xlsx" for u in units]
    names += ["2019-6-thang/bao-cao.toml", "2019-6-thang/nhan-dinh.md"]
    names += ["catalog.toml", "units.toml"]
    # The lists units.toml names, whichever years they cover: each can change a check.
    names += [
        "communes/thai-binh-2017-03.csv",
        "communes/thai-binh-2021-02.csv",
        "units/hung-yen-2025-07.csv",
    ]
    assert line.split("\t")[3] == "vào: " + "; ".join(_entry(data_dir, n) for n in names)
