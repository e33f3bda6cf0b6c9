"""Render the report's HTML from the templates, in a sandbox with strict names.

Templates are written by the province's staff, and a --templates-dir may come from anyone,
so a template is treated as untrusted code. It runs in Jinja's sandbox narrowed to a
whitelist (it reads report data and calls the few helpers given to it, nothing that reaches
functions, classes, modules or files), and in a forked child with a CPU-time and a memory
ceiling, so that an endless loop or a giant string costs one located message, not the run.
"""

import base64
import datetime as dt
import decimal
import difflib
import functools
import logging
import mimetypes
import os
import posixpath
import re
import signal
import stat
import traceback
import types
from dataclasses import asdict, fields, is_dataclass
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment, SecurityError
from jinja2.utils import Namespace
from markupsafe import Markup

from reportgen import messages as msg
from reportgen.declared.typography import read_typography
from reportgen.errors import TemplateProblem
from reportgen.inputs.isolate import MAX_CHILD_MEMORY, ChildFailed, call_isolated
from reportgen.report.aggregate import ReportData, change
from reportgen.report.chart import bar_chart, trend_chart
from reportgen.report.provenance import traced_filter
from reportgen.vietnamese import FILTERS, number

log = logging.getLogger(__name__)

BUILTIN_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
MAIN_TEMPLATE = "report.html.j2"
OFFICIAL_TEMPLATE = "official.html.j2"
# The filters that print a figure: given a traced Figure they add its breakdown on hover.
_FIGURE_FILTERS = ("number", "padded")

# Bounds of one render (the 2018 article renders in about 0.1 s, to 2 MB of HTML, fonts
# included). Memory: the child may add isolate.MAX_CHILD_MEMORY to what it inherits.
TEMPLATE_CPU_SECONDS = 20
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024  # one template file; images and fonts go in assets/
MAX_HTML_CHARS = 32_000_000  # the whole HTML, images included


def template_dirs(override: Path | None = None) -> list[Path]:
    """Return the template search path: the user's folder first, then the built-in one."""
    dirs = [override] if override else []
    return [*dirs, BUILTIN_TEMPLATES]


class _BadTemplateFile(jinja2.TemplateError):
    """A template exists but cannot be used: not a regular file, too large, not UTF-8."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


class _TemplateFiles(jinja2.FileSystemLoader):
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

    def bad(message: str, **values) -> _BadTemplateFile:
        return _BadTemplateFile(message.format(name=name, path=filename, **values))

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


# What a template may hold and read: plain data, our own frozen records, Jinja's helpers.
_DATA = (str, int, float, decimal.Decimal, dt.date, dt.time, dt.timedelta, tuple, list, dict,
         set, frozenset, type(None))  # fmt: skip
_JINJA_VALUES = (jinja2.Undefined, Macro, BlockReference, LoopContext, Namespace,
                 TemplateReference, jinja2.environment.TemplateModule)  # fmt: skip
_JINJA_HOLDERS = (jinja2.Undefined, LoopContext, Namespace, TemplateReference, BlockReference,
                  jinja2.environment.TemplateModule)  # fmt: skip
_LOOP_ATTRIBUTES = frozenset(
    "index index0 revindex revindex0 first last length depth depth0 previtem nextitem "
    "cycle changed".split()
)


def _ours(value) -> bool:
    """Return True for an instance of one of reportgen's frozen dataclasses (report data)."""
    cls = type(value)
    return (
        is_dataclass(cls)
        and cls.__module__.startswith("reportgen.")
        and cls.__dataclass_params__.frozen
    )


def _record(value) -> bool:
    return isinstance(value, _DATA) or _ours(value)


def _bound_to_data(value) -> bool:
    """Return True for a method of a plain data value: "a".upper, list.append, date.isoformat.

    Not a class method (int.from_bytes, date.today: bound to a class), nor a builtin function
    (bound to a module), nor a method of our own records: templates read their fields only,
    so that a method added to one later is not open to every template.
    """
    if not isinstance(value, (types.MethodType, types.BuiltinMethodType)):
        return False
    owner = getattr(value, "__self__", None)
    if owner is None or isinstance(owner, (type, types.ModuleType)):
        return False
    return isinstance(owner, (*_DATA, LoopContext))


def _readable(value) -> bool:
    return _record(value) or isinstance(value, _JINJA_VALUES) or _bound_to_data(value)


def _holder(obj) -> bool:
    """Return True for what a template may read attributes or items of."""
    return _record(obj) or isinstance(obj, _JINJA_HOLDERS)


def _refuse(obj, attribute) -> SecurityError:
    return SecurityError(
        f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe."
    )


# The generators of the templates being rendered (main, extended, included), outermost first.
_RENDERING: list = []


def _tracked(render_func):
    """Wrap a template's render function: its generator is noted while it runs."""

    def tracked(context):
        events = render_func(context)
        _RENDERING.append(events)
        try:
            yield from events
        finally:
            _RENDERING.remove(events)

    return tracked


class _TrackedTemplate(jinja2.Template):
    """A template whose render notes what is being rendered, for the time limit's message."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        template = super()._from_namespace(environment, namespace, globals)
        # Blocks are left as they are: super() finds a block by identity among the context's.
        template.root_render_func = _tracked(template.root_render_func)
        return template


def _suspended_template_line() -> tuple[str, int] | None:
    """Return (file, line) of the innermost template rendered, when it is suspended.

    A template's output passes up through the templates that include it, one piece at a
    time, so the time limit may strike in an including template while the one that loops
    waits at its last output: that one's line is the one to show. When the innermost is
    running, the traceback has its line already.
    """
    if not _RENDERING:
        return None
    events = _RENDERING[-1]
    frame = events.gi_frame
    if frame is None or not events.gi_suspended:
        return None
    template = frame.f_globals.get("__jinja_template__")
    if template is None:
        return None
    return template.filename, template.get_corresponding_lineno(frame.f_lineno)


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox narrowed to a whitelist, so that a later mistake is caught too.

    Jinja's own refuses names that start with "_" but lets a template read any other
    attribute of whatever it reaches: a functools.partial's .args, a Path's .read_text.
    Here a template reads attributes of data values and of our frozen records only, and
    only when the attribute is itself data (or a method of data, or a macro); it calls
    only the helpers given to it, macros and methods of data.
    """

    template_class = _TrackedTemplate

    def getattr(self, obj, attribute: str):
        if not _holder(obj):  # a function, a class, a macro…: nothing to read, even if absent
            raise _refuse(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        if not _holder(obj):
            raise _refuse(obj, argument)
        return super().getitem(obj, argument)

    def is_safe_attribute(self, obj, attr: str, value) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, LoopContext):
            return attr in _LOOP_ATTRIBUTES
        return _holder(obj) and _readable(value)

    def is_safe_callable(self, obj) -> bool:
        if not super().is_safe_callable(obj):
            return False
        if isinstance(obj, (Macro, BlockReference, LoopContext, jinja2.Undefined)):
            return True  # calling an Undefined raises its own located message
        if any(obj is helper for helper in self.globals.values()):
            return True
        wrapped = getattr(obj, "__wrapped__", None)  # str.format, sandboxed by Jinja
        if isinstance(obj, types.FunctionType) and wrapped is not None:
            return _bound_to_data(wrapped) and wrapped.__name__ in ("format", "format_map")
        return _bound_to_data(obj)

    def unsafe_undefined(self, obj, attribute: str):
        # Refuse at once: Jinja's Undefined would let `is defined` or a list's repr pass.
        raise _refuse(obj, attribute)


def _new_dict(**items) -> dict:
    """dict(a=1) in a template: Jinja's global is the dict class itself."""
    return items


def make_environment(dirs: list[Path]) -> SandboxedEnvironment:
    """Create the sandboxed, autoescaping, strict Jinja environment over a search path."""
    # No bytecode cache: templates are compiled in the render's child process, which ends with
    # the render, and compiled code is never read from disk (it would run whatever is there).
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({"default": _TemplateFiles(str(BUILTIN_TEMPLATES))}, delimiter=":"),
            _TemplateFiles([str(d) for d in dirs]),
        ]
    )
    env = _Sandbox(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(FILTERS)
    env.filters["change"] = change
    for name in _FIGURE_FILTERS:
        env.filters[name] = traced_filter(FILTERS[name])
    # Jinja's default globals: range (the sandbox's, at most MAX_RANGE numbers) and namespace
    # stay; dict becomes a plain function; lipsum, cycler and joiner go (no template uses them).
    for name in ("lipsum", "cycler", "joiner"):
        env.globals.pop(name, None)
    env.globals["dict"] = _new_dict
    env.globals["bar_chart"] = bar_chart
    env.globals["trend_chart"] = trend_chart
    env.globals["asset_url"] = _asset_url_for(tuple(dirs))
    return env


def _asset_url_for(dirs: tuple[Path, ...]):
    """Return asset_url(name) for templates: a plain function, not a partial over the folders."""

    def asset_url_(name: str) -> Markup:
        return asset_url(dirs, str(name))

    return asset_url_


def find_asset(dirs: tuple[Path, ...], name: str) -> Path:
    """Return the first assets/<name> on the search path."""
    for d in dirs:
        path = (d / "assets" / name).resolve()
        if path.is_relative_to((d / "assets").resolve()) and path.is_file():
            return path
    raise TemplateProblem(msg.TEMPLATE_NOT_FOUND.format(name=f"assets/{name}", dirs=_show(dirs)))


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


def _show(dirs) -> str:
    return ", ".join(str(d) for d in dirs)


def render_html(
    data: ReportData,
    dirs: list[Path],
    template: str = MAIN_TEMPLATE,
    extra: dict | None = None,
) -> str:
    """Render the report to an HTML string; template mistakes raise TemplateProblem.

    `extra` adds names to the template context (the appendix, the official settings).
    The render runs in a forked child with TEMPLATE_CPU_SECONDS of CPU time and
    isolate.MAX_CHILD_MEMORY of memory; only text (the HTML, or the message) comes back:
    the figures the HTML prints are found by their data-source spans (provenance).
    """
    try:
        kind, text = call_isolated(
            _render_in_child, data, dirs, template, extra, cpu_seconds=TEMPLATE_CPU_SECONDS
        )
    except OSError as exc:  # no child could be made (fork: out of memory, too many processes)
        raise TemplateProblem(msg.TEMPLATE_NO_CHILD) from exc
    except ChildFailed as exc:  # killed at the hard CPU limit, or out of memory outside Python
        log.debug("template render failed: %s", exc)
        raise TemplateProblem(
            msg.TEMPLATE_STOPPED.format(
                name=template,
                seconds=TEMPLATE_CPU_SECONDS,
                megabytes=MAX_CHILD_MEMORY // (1024 * 1024),
            )
        ) from exc
    if kind != "ok":
        raise TemplateProblem(text)
    return text


class _TimeUp(Exception):
    """The render used its CPU time (raised by the SIGXCPU handler, inside the template)."""

    def __init__(self, position: tuple[str, int] | None = None):
        super().__init__()
        self.position = position  # (template file, line) the render had reached, when found


def _time_up(signum, frame) -> None:
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)  # once: the hard limit ends the rest
    raise _TimeUp(_suspended_template_line())


def _render_in_child(data, dirs, template, extra) -> tuple[str, str]:
    """Render in the forked child; return ("ok", html) or ("problem", text)."""
    if hasattr(signal, "SIGXCPU"):  # not on Windows, where there is no fork either
        signal.signal(signal.SIGXCPU, _time_up)  # the render stops where the template is
    try:
        html = _render(data, dirs, template, extra)
    except TemplateProblem as exc:
        return "problem", str(exc)
    if len(html) > MAX_HTML_CHARS:
        text = msg.TEMPLATE_OUTPUT_TOO_BIG.format(
            name=template, size=_millions(len(html)), limit=_millions(MAX_HTML_CHARS)
        )
        return "problem", text
    return "ok", html


def _millions(count: int) -> str:
    return number(round(count / 1_000_000, 1))


def _render(data, dirs, template, extra) -> str:
    """Render in this process; turn every way a template can fail into TemplateProblem."""
    env = make_environment(dirs)
    context = {f.name: getattr(data, f.name) for f in fields(data)} | (extra or {})
    try:
        context["typography"] = read_typography(env)  # kieu-chu.toml, for the stylesheets
        return env.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            msg.TEMPLATE_SYNTAX.format(
                name=exc.name or exc.filename, line=exc.lineno, error=_explain_syntax(exc, env)
            )
        ) from exc
    except jinja2.TemplateNotFound as exc:
        text = msg.TEMPLATE_NOT_FOUND.format(name=exc.name, dirs=_show(dirs))
        raise TemplateProblem(_called_from(text, exc, dirs, env, exc.name)) from exc
    except _BadTemplateFile as exc:
        raise TemplateProblem(_called_from(exc.text, exc, dirs)) from exc
    except TemplateProblem as exc:  # asset_url: no such asset in the templates' assets/
        raise TemplateProblem(_called_from(str(exc), exc, dirs)) from exc
    except jinja2.UndefinedError as exc:
        name, line = _template_position(exc, dirs)
        var = _undefined_name(exc)
        if str(exc.message or "").startswith("'None' has no attribute"):
            raise TemplateProblem(msg.TEMPLATE_NONE.format(name=name, line=line, var=var)) from exc
        text = msg.TEMPLATE_UNDEFINED.format(name=name, line=line, var=var)
        hint = _closest(var, context, data)
        if hint:
            text += msg.TEMPLATE_UNDEFINED_HINT.format(hint=hint)
        raise TemplateProblem(text) from exc
    except SecurityError as exc:
        raise TemplateProblem(_where(exc, dirs) + _refusal(exc)) from exc
    except _TimeUp as exc:
        where = _where(exc, dirs)
        if exc.position is not None:
            name = _name_in_folder(exc.position[0], dirs)
            if name is not None:
                where = msg.TEMPLATE_AT.format(name=name, line=exc.position[1])
        text = msg.TEMPLATE_TIME.format(seconds=TEMPLATE_CPU_SECONDS)
        raise TemplateProblem(where + text) from exc
    except MemoryError as exc:
        raise TemplateProblem(_where(exc, dirs) + msg.TEMPLATE_MEMORY) from exc
    except RecursionError as exc:
        raise TemplateProblem(_where(exc, dirs) + msg.TEMPLATE_RECURSION) from exc
    except OverflowError as exc:
        if str(exc).startswith("Range too big"):  # the sandbox's range() limit
            text = msg.TEMPLATE_RANGE.format(limit=number(MAX_RANGE))
        else:
            text = msg.TEMPLATE_OVERFLOW
        raise TemplateProblem(_where(exc, dirs) + text) from exc
    except UnicodeError as exc:
        raise TemplateProblem(_where(exc, dirs) + msg.TEMPLATE_UNICODE) from exc
    except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError,
            AttributeError) as exc:  # fmt: skip
        name, line = _template_position(exc, dirs)
        error = msg.TEMPLATE_DIVISION if isinstance(exc, ZeroDivisionError) else exc
        raise TemplateProblem(msg.TEMPLATE_OTHER.format(name=name, line=line, error=error)) from exc
    except OSError as exc:  # an asset that cannot be read
        text = msg.TEMPLATE_ASSET_UNREADABLE.format(path=exc.filename or "")
        raise TemplateProblem(_where(exc, dirs) + text) from exc
    except Exception as exc:  # whatever else: still located, never the CLI's generic message
        log.debug("template failed", exc_info=True)
        error = f"{type(exc).__name__}: {exc}"[:300]
        raise TemplateProblem(_where(exc, dirs) + msg.TEMPLATE_FAILED.format(error=error)) from exc


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
    known = set(context) | set(data.total)
    for value in context.values():
        if is_dataclass(value) and not isinstance(value, type):
            known |= set(asdict(value))
    close = difflib.get_close_matches(var, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None
