"""The Jinja environment templates run in: a sandbox narrowed to what they may touch.

Templates are written by the province's staff, and a --templates-dir may come from anyone,
so a template is treated as untrusted code. It reads report data and calls the few helpers
given to it (filters, charts, asset_url, dict, range, namespace), nothing that reaches
functions, classes, modules or files. The render itself runs in a bounded child (render.py).
"""

import datetime as dt
import decimal
import types
from dataclasses import is_dataclass
from pathlib import Path

import jinja2
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.utils import Namespace
from markupsafe import Markup

from reportgen.report.chart import bar_chart, trend_chart
from reportgen.report.context import change
from reportgen.report.provenance import traced_filter
from reportgen.report.template_files import asset_url, template_loader
from reportgen.vietnamese import FILTERS

# The filters that print a figure: given a traced Figure they add its breakdown on hover.
_FIGURE_FILTERS = ("number", "padded")

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


def suspended_template_line() -> tuple[str, int] | None:
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
    env = _Sandbox(
        loader=template_loader(dirs),
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
