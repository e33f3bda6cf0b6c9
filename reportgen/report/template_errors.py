"""Say where a template failed and why, in Vietnamese: 'Mẫu "x", dòng n: …'.

Every way a render can fail (a syntax mistake, a missing name or file, a sandbox refusal,
the CPU time used up, memory, recursion, a giant range, whatever else) becomes one message
that names the template file and line, with the closest known name when one is near.
"""

import difflib
import logging
import os
import re
import traceback
from dataclasses import asdict, is_dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import MAX_RANGE, SecurityError

from reportgen import messages as msg
from reportgen.errors import TemplateProblem
from reportgen.report.context import ReportData
from reportgen.report.template_files import (
    BUILTIN_TEMPLATES,
    MAIN_TEMPLATE,
    BadTemplateFile,
    show_dirs,
)
from reportgen.vietnamese import number

log = logging.getLogger(__name__)


class TimeUp(Exception):
    """The render used its CPU time (raised by the SIGXCPU handler, inside the template)."""

    def __init__(self, position: tuple[str, int] | None = None):
        super().__init__()
        self.position = position  # (template file, line) the render had reached, when found


def explain(exc: Exception, env, dirs, data: ReportData, context: dict, cpu_seconds: int) -> str:
    """Return the message for a render of data that raised exc; context: the template's names."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        error = _explain_syntax(exc, env)
        return msg.TEMPLATE_SYNTAX.format(
            name=exc.name or exc.filename, line=exc.lineno, error=error
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        text = msg.TEMPLATE_NOT_FOUND.format(name=exc.name, dirs=show_dirs(dirs))
        return _called_from(text, exc, dirs, env, exc.name)
    if isinstance(exc, BadTemplateFile):
        return _called_from(exc.text, exc, dirs)
    if isinstance(exc, TemplateProblem):  # asset_url: no such asset in the templates' assets/
        return _called_from(str(exc), exc, dirs)
    if isinstance(exc, jinja2.UndefinedError):
        return _undefined(exc, dirs, data, context)
    if isinstance(exc, SecurityError):
        return _where(exc, dirs) + _refusal(exc)
    if isinstance(exc, TimeUp):
        where = _where(exc, dirs)
        if exc.position is not None:
            name = _name_in_folder(exc.position[0], dirs)
            if name is not None:
                where = msg.TEMPLATE_AT.format(name=name, line=exc.position[1])
        return where + msg.TEMPLATE_TIME.format(seconds=cpu_seconds)
    if isinstance(exc, MemoryError):
        return _where(exc, dirs) + msg.TEMPLATE_MEMORY
    if isinstance(exc, RecursionError):
        return _where(exc, dirs) + msg.TEMPLATE_RECURSION
    if isinstance(exc, OverflowError):
        if str(exc).startswith("Range too big"):  # the sandbox's range() limit
            return _where(exc, dirs) + msg.TEMPLATE_RANGE.format(limit=number(MAX_RANGE))
        return _where(exc, dirs) + msg.TEMPLATE_OVERFLOW
    if isinstance(exc, UnicodeError):
        return _where(exc, dirs) + msg.TEMPLATE_UNICODE
    if isinstance(exc, (jinja2.TemplateError, ArithmeticError, LookupError, TypeError,
                        ValueError, AttributeError)):  # fmt: skip
        name, line = _template_position(exc, dirs)
        error = msg.TEMPLATE_DIVISION if isinstance(exc, ZeroDivisionError) else exc
        return msg.TEMPLATE_OTHER.format(name=name, line=line, error=error)
    if isinstance(exc, OSError):  # an asset that cannot be read
        return _where(exc, dirs) + msg.TEMPLATE_ASSET_UNREADABLE.format(path=exc.filename or "")
    # whatever else: still located, never the CLI's generic message
    log.debug("template failed", exc_info=exc)
    error = f"{type(exc).__name__}: {exc}"[:300]
    return _where(exc, dirs) + msg.TEMPLATE_FAILED.format(error=error)


def _undefined(exc: jinja2.UndefinedError, dirs, data: ReportData, context: dict) -> str:
    """Name the missing name, and the closest one the template could have meant."""
    name, line = _template_position(exc, dirs)
    var = _undefined_name(exc)
    if str(exc.message or "").startswith("'None' has no attribute"):
        return msg.TEMPLATE_NONE.format(name=name, line=line, var=var)
    text = msg.TEMPLATE_UNDEFINED.format(name=name, line=line, var=var)
    hint = _closest(var, context, data)
    if hint:
        text += msg.TEMPLATE_UNDEFINED_HINT.format(hint=hint)
    return text


def _where(exc: BaseException, dirs) -> str:
    """Return 'Mẫu "x", dòng n: ' (or 'Mẫu "x": ' when the line is not known)."""
    name, line = _template_position(exc, dirs)
    if line == "?":
        return msg.TEMPLATE_AT_NAME.format(name=name)
    return msg.TEMPLATE_AT.format(name=name, line=line)


def _refusal(exc: SecurityError) -> str:
    """Say what the sandbox refused: a private name, another attribute, or a call."""
    text = str(exc)
    if found := re.match(r"access to attribute '(.*?)' of", text):
        if found[1].startswith("_"):
            return msg.TEMPLATE_PRIVATE
        return msg.TEMPLATE_FORBIDDEN.format(attr=found[1])
    return msg.TEMPLATE_FORBIDDEN_CALL


def _called_from(text: str, exc: BaseException, dirs, env=None, missing=None) -> str:
    """Add where the failing template was included from, and the closest known name."""
    name, line = _template_position(exc, dirs)
    if line != "?":
        text += msg.TEMPLATE_CALLED_FROM.format(name=name, line=line)
    if env is not None and missing is not None:
        known = [t for t in env.list_templates() if t.endswith((".j2", ".css"))]
        close = difflib.get_close_matches(str(missing), known, n=1, cutoff=0.6)
        if close:
            text += msg.TEMPLATE_UNDEFINED_HINT.format(hint=close[0])
    return text


_TAGS = (
    "if elif else endif for endfor set endset macro endmacro call endcall include import from "
    "block endblock extends do filter endfilter with endwith raw endraw"
).split()


def _explain_syntax(exc: jinja2.TemplateSyntaxError, env) -> str:
    """Say what is wrong in Vietnamese, with the closest known name when there is one."""
    text = exc.message or ""
    if found := re.match(r"No filter named '(\w+)'", text):
        return _with_hint(msg.TEMPLATE_UNKNOWN_FILTER, found[1], sorted(env.filters))
    if found := re.match(r"Encountered unknown tag '(\w+)'", text):
        return _with_hint(msg.TEMPLATE_UNKNOWN_TAG, found[1], _TAGS)
    if found := re.match(r"unexpected '(.+?)'", text):
        return msg.TEMPLATE_UNEXPECTED.format(token=found[1])
    if text.lower().startswith("unexpected end of template"):
        return msg.TEMPLATE_UNCLOSED
    return text


def _with_hint(message: str, name: str, known) -> str:
    text = message.format(name=name)
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return text + (msg.TEMPLATE_UNDEFINED_HINT.format(hint=close[0]) if close else "")


def _template_position(exc: BaseException, dirs) -> tuple[str, int | str]:
    """Return the innermost template frame of the traceback: (name in its folder, line)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".py") or frame.filename.startswith("<"):
            continue
        name = _name_in_folder(frame.filename, dirs)
        if name is not None:
            return name, frame.lineno
    return MAIN_TEMPLATE, "?"


def _name_in_folder(filename: str, dirs) -> str | None:
    """Return a template file's name within its templates folder: "sections/04-….html.j2".

    File names carry the folder as given; with a relative --templates-dir they are
    relative too, so both sides are made absolute to compare.
    """
    path = os.path.abspath(filename)
    for d in [*dirs, BUILTIN_TEMPLATES]:
        for root in (os.path.abspath(d), str(Path(d).resolve())):
            if path.startswith(root + os.sep):
                return Path(os.path.relpath(path, root)).as_posix()
    return None


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    text = str(exc.message or "")
    # Jinja says "'x' is undefined" or "'dict object' has no attribute 'x'".
    parts = text.split("'")
    return parts[-2] if len(parts) >= 3 else text


def _closest(var: str, context: dict, data: ReportData) -> str | None:
    known = set(context) | set(getattr(data, "total", ()))  # a page other than the report has none
    for value in context.values():
        if is_dataclass(value) and not isinstance(value, type):
            known |= set(asdict(value))
    close = difflib.get_close_matches(var, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None
