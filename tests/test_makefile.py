"""The Makefile is the staff's entry point: it speaks Vietnamese and never guesses a year."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _make(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("YEAR", "MAKEFLAGS")}
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("target", ["report", "check", "template", "preview"])
def test_a_year_target_without_year_says_what_to_type_and_builds_nothing(target, tmp_path):
    result = _make(target, f"DATA={tmp_path}")
    assert result.returncode == 2
    assert f"Hãy ghi năm báo cáo, ví dụ: make {target} YEAR=2026" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_make_help_lists_the_targets_in_vietnamese():
    result = _make("help")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Các lệnh (ghi năm bằng YEAR=…, ví dụ: make report YEAR=2026):"
    assert "  make report     Lập báo cáo out/YEAR/*.html, *.pdf từ data/YEAR/*.xlsx" in lines
    assert "  make test       Chạy bộ kiểm thử" in lines
