"""Outputs are all written or none: a failure at any step leaves the previous report as it was."""

import errno
import os
import shutil
from pathlib import Path

import pydyf
import pytest

import reportgen.outputs.write
from reportgen.outputs.write import write_files, write_new_file
from tests.conftest import run
from tests.test_end_to_end import STEM, _set_indicator


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def _build(data_dir: Path, out: Path):
    return run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out)


@pytest.fixture
def previous(data_dir: Path, tmp_path: Path, built_2018: Path):
    """A built report, then inputs changed so that the next build would differ."""
    out = tmp_path / "out"
    shutil.copytree(built_2018, out)
    before = _snapshot(out)
    _set_indicator(data_dir / "2018/336-thai-binh-2018.xlsx", "nguoi_nuoc_ngoai_tam_tru", 900)
    return data_dir, out, before


def _report_files(snapshot) -> dict:
    return {k: v for k, v in snapshot.items() if k.startswith(STEM)}


def test_a_pdf_step_failing_partway_leaves_the_old_report(previous, monkeypatch):
    data_dir, out, before = previous
    written = []
    original = pydyf.PDF.write_line

    def write_line(self, content, output):
        written.append(len(content))
        if sum(written) > 20_000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, content, output)

    monkeypatch.setattr(pydyf.PDF, "write_line", write_line)
    result = _build(data_dir, out)
    assert result.exit_code == 1
    assert result.output.startswith("Không tạo được tệp PDF: ")
    assert sum(written) > 20_000  # the PDF was indeed cut off partway
    assert _report_files(_snapshot(out)) == _report_files(before)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_failing_switch_leaves_the_previous_set(previous, monkeypatch):
    # The new set replaces the folder in one step (write.write_set); before that step failed
    # partway through per-file renames, which were put back one by one.
    data_dir, out, before = previous

    def exchange(first, second):
        raise PermissionError(errno.EACCES, "Permission denied", str(second))

    monkeypatch.setattr(reportgen.outputs.write, "_exchange", exchange)
    result = _build(data_dir, out)
    assert result.exit_code == 1
    assert result.output == (
        f"Không ghi được tệp {out}: không có quyền ghi vào đó — hãy đóng tệp nếu"
        " đang mở, hoặc chọn thư mục khác\n"
    )
    assert _report_files(_snapshot(out)) == _report_files(before)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == [".out.lock"]


def test_a_full_disk_while_staging_changes_nothing(previous, monkeypatch):
    data_dir, out, before = previous
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    result = _build(data_dir, out)
    assert result.exit_code == 1
    assert result.output == (
        f"Không ghi được tệp {out / STEM}.pdf: ổ đĩa đã đầy — hãy xóa bớt tệp rồi chạy lại\n"
    )
    assert _report_files(_snapshot(out)) == _report_files(before)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_write_files_into_an_empty_folder_removes_what_it_wrote_on_failure(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    calls = []

    def fsync(fd):  # the second file cannot be written
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError):
        write_files({out / "a.txt": b"a", out / "b.txt": b"b"})
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_write_new_file_never_leaves_a_half_written_file(tmp_path, monkeypatch):
    def fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError):
        write_new_file(tmp_path / "mau.xlsx", b"x" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_write_new_file_never_overwrites(tmp_path):
    target = tmp_path / "mau.xlsx"
    target.write_bytes(b"cua don vi")
    assert write_new_file(target, b"mau trong") is False
    assert target.read_bytes() == b"cua don vi"
    assert write_new_file(tmp_path / "moi.xlsx", b"mau trong") is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mau.xlsx", "moi.xlsx"]
