"""The files of the template folders: the search path, the template loader, the assets.

A template folder may come from anyone (--templates-dir), so a file found there is read
bounded and refused with a message that names it when it cannot be used: a link to a file
outside its folder, a FIFO or a folder named like a template, a file too large, not UTF-8.
"""

import base64
import functools
import mimetypes
import os
import posixpath
import stat
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from markupsafe import Markup

from reportgen import messages as msg
from reportgen.errors import TemplateProblem
from reportgen.vietnamese import number

BUILTIN_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
MAIN_TEMPLATE = "report.html.j2"
OFFICIAL_TEMPLATE = "official.html.j2"
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024  # one template file; images and fonts go in assets/


def template_dirs(override: Path | None = None) -> list[Path]:
    """Return the template search path: the user's folder first, then the built-in one."""
    dirs = [override] if override else []
    return [*dirs, BUILTIN_TEMPLATES]


def show_dirs(dirs) -> str:
    """Return the search path as a message shows it: "mau-rieng, …/templates"."""
    return ", ".join(str(d) for d in dirs)


class BadTemplateFile(jinja2.TemplateError):
    """A template exists but cannot be used: not a regular file, too large, not UTF-8."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


class TemplateFiles(jinja2.FileSystemLoader):
    """Jinja's file loader, which also says why a template found cannot be read.

    Jinja's own skips a folder or a FIFO named like a template (taking the built-in one
    instead, silently) and reads any size; a FIFO must never be opened for reading (it waits
    for a writer for ever, using no CPU, so no CPU limit would end it).
    """

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            filename = posixpath.join(searchpath, *pieces)
            found = _read_template(template, filename, searchpath)
            if found is None:
                continue
            text, mtime = found

            def uptodate(filename=filename, mtime=mtime) -> bool:
                try:
                    return os.path.getmtime(filename) == mtime
                except OSError:
                    return False

            return text, os.path.normpath(filename), uptodate
        raise jinja2.TemplateNotFound(template)


def _read_template(name: str, filename: str, root: str) -> tuple[str, float] | None:
    """Return a template file's text and time; None when there is no such file."""

    def bad(message: str, **values) -> BadTemplateFile:
        return BadTemplateFile(message.format(name=name, path=filename, **values))

    real = os.path.realpath(filename)
    if os.path.lexists(filename) and not real.startswith(os.path.realpath(root) + os.sep):
        raise bad(msg.TEMPLATE_OUTSIDE)  # a link to a file elsewhere (/etc/passwd…)
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise bad(msg.TEMPLATE_FILE_UNREADABLE) from exc
    try:
        info = os.fstat(fd)  # of what was opened: no window for a swap
        if not stat.S_ISREG(info.st_mode):
            raise bad(msg.TEMPLATE_NOT_FILE)
        if info.st_size > MAX_TEMPLATE_BYTES:
            size, limit = _megabytes(info.st_size), _megabytes(MAX_TEMPLATE_BYTES)
            raise bad(msg.TEMPLATE_FILE_TOO_BIG, size=size, limit=limit)
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise bad(msg.TEMPLATE_FILE_UNREADABLE) from exc
    finally:
        os.close(fd)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad(msg.TEMPLATE_NOT_UTF8) from exc
    # As Jinja's own loader reads a template (text mode): Windows line ends become "\n".
    return text.replace("\r\n", "\n").replace("\r", "\n"), info.st_mtime


def _megabytes(size: int) -> str:
    return number(round(size / (1024 * 1024), 1))


def template_loader(dirs: list[Path]) -> jinja2.BaseLoader:
    """Return the loader over a search path; "default:name" always names the built-in file."""
    return jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({"default": TemplateFiles(str(BUILTIN_TEMPLATES))}, delimiter=":"),
            TemplateFiles([str(d) for d in dirs]),
        ]
    )


def find_asset(dirs: tuple[Path, ...], name: str) -> Path:
    """Return the first assets/<name> on the search path."""
    for d in dirs:
        path = (d / "assets" / name).resolve()
        if path.is_relative_to((d / "assets").resolve()) and path.is_file():
            return path
    raise TemplateProblem(
        msg.TEMPLATE_NOT_FOUND.format(name=f"assets/{name}", dirs=show_dirs(dirs))
    )


@functools.lru_cache(maxsize=32)
def _data_url(path: Path, mtime: float) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".ttf":
        mime = "font/ttf"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def asset_url(dirs: tuple[Path, ...], name: str) -> Markup:
    """Return an asset (font, image) as a data: URL so the HTML stands alone."""
    path = find_asset(dirs, name)
    return Markup(_data_url(path, path.stat().st_mtime))
