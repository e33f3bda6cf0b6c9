"""Append one line per build or check to out/<year>/nhat-ky.log: which inputs made which outputs.

The line carries the clock (when the run happened); the report itself never does.
"""

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path

from reportgen import messages as msg
from reportgen.checks.cache import file_sha256
from reportgen.visible import shown_name, visible

log = logging.getLogger(__name__)

LOG_FILE = "nhat-ky.log"
DIGEST_CHARS = 16  # of the SHA-256, in hex: compare with the start of `sha256sum FILE`


def record_run(
    out_dir: Path,
    command: str,
    result,
    data_dir: Path,
    outputs: Iterable[Path] = (),
    template_dirs: Iterable[Path] = (),
    now: dt.datetime | None = None,
    shown: Path | None = None,
) -> Path | None:
    """Append the run's line to out_dir/nhat-ky.log; warn (never fail) if it cannot be written.

    `result` is the CheckResult of the run; `command` is "build" or "check". `shown` is the
    folder to name in a warning when out_dir is the hidden new version of it (write.write_set).
    """
    # A workbook is named by the digest of the bytes it was checked from (result.digests).
    used = result.digests
    inputs = [
        (shown_name(_relative(p, data_dir)), used[p][:DIGEST_CHARS] if used.get(p) else _digest(p))
        for p in [*result.files, *result.other_inputs]
        if p.is_file()  # never a FIFO; a missing nhan-dinh.md is no input
    ]
    inputs += [(msg.RUN_LOG_TEMPLATES.format(folder=d), _folder_digest(d)) for d in template_dirs]
    line = msg.RUN_LOG_LINE.format(
        time=(now or dt.datetime.now()).astimezone().isoformat(timespec="seconds"),
        command=msg.RUN_LOG_COMMANDS[command],
        year=result.year,
        inputs=visible(_entries(inputs)) or msg.RUN_LOG_NONE,
        outputs=_entries((_output_name(p, out_dir), _digest(p)) for p in outputs)
        or msg.RUN_LOG_NONE,
        errors=result.errors,
        warnings=result.warnings,
    )
    path = out_dir / LOG_FILE
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", newline="\n") as fh:
            fh.write(line + "\n")  # one write of one line: runs side by side do not interleave
    except OSError as exc:
        shown_path = (shown or out_dir) / LOG_FILE
        log.warning(msg.RUN_LOG_FAILED.format(path=shown_path, error=exc.strerror or exc))
        return None
    return path


def _entries(pairs) -> str:
    return "; ".join(
        f"{name}=sha256:{digest}" if digest else f"{name}={msg.RUN_LOG_UNREADABLE}"
        for name, digest in pairs
    )


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _digest(path: Path) -> str:
    try:
        return file_sha256(path)[:DIGEST_CHARS]
    except OSError:  # not allowed to read it, as the check has already reported
        return ""


def _folder_digest(folder: Path) -> str:
    """Return one digest of every file under a folder, names included."""
    total = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        total.update(f"{name}\0{_digest(path)}\n".encode("utf-8", "surrogateescape"))
    return total.hexdigest()[:DIGEST_CHARS]


def _output_name(path: Path, out_dir: Path) -> str:
    """Return an output's name in its folder: "gui-don-vi/340-dong-hung.xlsx" for a subfolder's."""
    try:
        return path.relative_to(out_dir).as_posix()
    except ValueError:
        return path.name
