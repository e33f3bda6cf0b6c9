"""Inputs are never modified: build, check and template leave every byte of data/ as it was."""

import os
import sys
from pathlib import Path

from tests.conftest import run

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_watch: dict = {"root": None, "opened": []}


def _audit(event: str, args) -> None:
    # Every open() and os.open() in this process passes here: record those that could write.
    if event != "open" or _watch["root"] is None or not isinstance(args[0], (str, Path)):
        return
    path, mode, flags = args
    writes = any(c in mode for c in "wax+") if isinstance(mode, str) else flags & _WRITE_FLAGS
    if writes and Path(os.path.abspath(path)).is_relative_to(_watch["root"]):
        _watch["opened"].append(Path(os.path.abspath(path)))


if not getattr(sys, "_reportgen_audit", False):
    sys.addaudithook(_audit)  # hooks cannot be removed; _watch["root"] switches it off
    sys._reportgen_audit = True


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _bytes_changed(before: dict, after: dict) -> int:
    """Count the bytes of the files in `before` that differ, or are gone, in `after`."""
    changed = 0
    for name, (data, _) in before.items():
        new = after.get(name, (b"", 0))[0]
        changed += sum(a != b for a, b in zip(data, new, strict=False))
        changed += abs(len(data) - len(new))
    return changed


def _watching(root: Path, *args):
    _watch["root"], _watch["opened"] = root.resolve(), []
    try:
        return run(*args), list(_watch["opened"])
    finally:
        _watch["root"] = None


def test_build_check_and_template_never_change_an_input(data_dir: Path, tmp_path: Path):
    # A complete year: `template` would add the staff-text skeleton where there is none.
    (data_dir / "2018/nhan-dinh.md").write_text("## Tình hình\n", encoding="utf-8")
    before = _state(data_dir)
    commands = [
        ("check", "--year", 2018, "--data-dir", data_dir, "--out-dir", tmp_path / "out"),
        ("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", tmp_path / "out"),
        ("template", "--year", 2018, "--data-dir", data_dir),
    ]
    for command in commands:
        result, opened = _watching(data_dir, *command)
        assert result.exit_code == 0, result.output
        assert opened == [], command[0]
    after = _state(data_dir)
    assert _bytes_changed(before, after) == 0
    assert after == before  # same files, same bytes, same modification times


def test_template_adds_only_missing_files_and_touches_no_other(data_dir: Path):
    (data_dir / "2018/342-tien-hai-2018.xlsx").unlink()
    (data_dir / "2018/nhan-dinh.md").write_text("## Tình hình\n", encoding="utf-8")
    before = _state(data_dir)
    result, opened = _watching(data_dir, "template", "--year", 2018, "--data-dir", data_dir)
    assert result.exit_code == 0, result.output
    after = _state(data_dir)
    # The blank goes to its own folder (issue 14), only for the unit that has sent nothing.
    assert opened == []
    assert after == before
    assert sorted(p.name for p in Path("mau-trong/2018").iterdir()) == ["342-tien-hai-2018.xlsx"]
