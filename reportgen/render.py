"""Render the report's HTML from the templates, in a sandbox with strict names."""

import base64
import difflib
import functools
import mimetypes
import re
import traceback
from dataclasses import asdict, fields, is_dataclass
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from reportgen import messages as msg
from reportgen.aggregate import ReportData, change
from reportgen.chart import bar_chart
from reportgen.errors import TemplateProblem
from reportgen.provenance import traced_filter
from reportgen.vietnamese import FILTERS

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAIN_TEMPLATE = "report.html.j2"
OFFICIAL_TEMPLATE = "official.html.j2"
# The filters that print a figure: given a traced Figure they add its breakdown on hover.
_FIGURE_FILTERS = ("number", "padded")


def template_dirs(override: Path | None = None) -> list[Path]:
    """Return the template search path: the user's folder first, then the built-in one."""
    dirs = [override] if override else []
    return [*dirs, BUILTIN_TEMPLATES]


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in this process's memory, one per template file.

    Never on disk: Jinja's compiled templates are marshalled code objects, and code loaded from
    a folder runs whatever someone wrote there. Kept in memory, a process that renders again
    (the preview server, a test run) compiles only the templates edited since; a `build`
    compiles every template once, ≈ 0.09 s of CPU (docs/performance.md).
    """

    def __init__(self):
        self._code: dict[str, bytes] = {}  # bucket key (template name and file) -> bytecode

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # a checksum of the source: an edit is a miss

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# Shared by every environment of make_environment: all are made with the same settings, on
# which compiled code depends (the bucket key covers only the template's name and file).
_COMPILED = _MemoryBytecodeCache()


def make_environment(dirs: list[Path]) -> SandboxedEnvironment:
    """Create the sandboxed, autoescaping, strict Jinja environment over a search path."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader(
                {"default": jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))}, delimiter=":"
            ),
            jinja2.FileSystemLoader([str(d) for d in dirs]),
        ]
    )
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.do"],
        bytecode_cache=_COMPILED,
    )
    env.filters.update(FILTERS)
    env.filters["change"] = change
    for name in _FIGURE_FILTERS:
        env.filters[name] = traced_filter(FILTERS[name])
    env.globals["bar_chart"] = bar_chart
    env.globals["asset_url"] = functools.partial(asset_url, tuple(dirs))
    return env


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
    """
    env = make_environment(dirs)
    context = {f.name: getattr(data, f.name) for f in fields(data)} | (extra or {})
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            msg.TEMPLATE_SYNTAX.format(
                name=exc.name or exc.filename, line=exc.lineno, error=_explain_syntax(exc, env)
            )
        ) from exc
    except jinja2.TemplateNotFound as exc:
        text = msg.TEMPLATE_NOT_FOUND.format(name=exc.name, dirs=_show(dirs))
        name, line = _template_position(exc, dirs)
        if line != "?":
            text += msg.TEMPLATE_CALLED_FROM.format(name=name, line=line)
        known = [t for t in env.list_templates() if t.endswith((".j2", ".css"))]
        close = difflib.get_close_matches(str(exc.name), known, n=1, cutoff=0.6)
        if close:
            text += msg.TEMPLATE_UNDEFINED_HINT.format(hint=close[0])
        raise TemplateProblem(text) from exc
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
        name, line = _template_position(exc, dirs)
        raise TemplateProblem(msg.TEMPLATE_UNSAFE.format(name=name, line=line)) from exc
    except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError,
            AttributeError, RecursionError) as exc:  # fmt: skip
        name, line = _template_position(exc, dirs)
        error = msg.TEMPLATE_DIVISION if isinstance(exc, ZeroDivisionError) else exc
        raise TemplateProblem(msg.TEMPLATE_OTHER.format(name=name, line=line, error=error)) from exc


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
    roots = [str(d.resolve()) for d in [*dirs, BUILTIN_TEMPLATES]]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        for root in roots:
            if frame.filename.startswith(root):
                return str(Path(frame.filename).relative_to(root)), frame.lineno
    return MAIN_TEMPLATE, "?"


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
