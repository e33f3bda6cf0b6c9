"""Render the report's HTML from the templates, in a bounded child process.

A template is untrusted code (sandbox.py says what it may touch). It renders in a forked
child with a CPU-time and a memory ceiling, so that an endless loop or a giant string costs
one located message (template_errors.py), not the run. The template files are found and
read bounded by template_files.py.
"""

import logging
import signal
from dataclasses import fields
from pathlib import Path

from reportgen import messages as msg
from reportgen.declared.typography import read_typography
from reportgen.errors import TemplateProblem
from reportgen.inputs.isolate import MAX_CHILD_MEMORY, ChildFailed, call_isolated
from reportgen.report.context import ReportData
from reportgen.report.sandbox import make_environment, suspended_template_line
from reportgen.report.template_errors import TimeUp, explain
from reportgen.report.template_files import (
    BUILTIN_TEMPLATES,
    MAIN_TEMPLATE,
    OFFICIAL_TEMPLATE,
    template_dirs,
)
from reportgen.vietnamese import number

# The render's entry points: the pipeline, the preview and the tests import them from here.
__all__ = [
    "BUILTIN_TEMPLATES",
    "MAIN_TEMPLATE",
    "MAX_HTML_CHARS",
    "OFFICIAL_TEMPLATE",
    "TEMPLATE_CPU_SECONDS",
    "make_environment",
    "render_html",
    "template_dirs",
]

log = logging.getLogger(__name__)

# Bounds of one render (the 2018 article renders in about 0.1 s, to 2 MB of HTML, fonts
# included). Memory: the child may add isolate.MAX_CHILD_MEMORY to what it inherits; one
# template file: template_files.MAX_TEMPLATE_BYTES.
TEMPLATE_CPU_SECONDS = 20
MAX_HTML_CHARS = 32_000_000  # the whole HTML, images included


def render_html(
    data: ReportData,
    dirs: list[Path],
    template: str = MAIN_TEMPLATE,
    extra: dict | None = None,
) -> str:
    """Render the report to an HTML string; template mistakes raise TemplateProblem.

    data may also be another frozen record of plain data whose fields are the template's
    names (the check report's page, the preview's error page).

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


def _time_up(signum, frame) -> None:
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)  # once: the hard limit ends the rest
    raise TimeUp(suspended_template_line())


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
    except Exception as exc:  # every failure is told where it happened (template_errors)
        text = explain(exc, env, dirs, data, context, TEMPLATE_CPU_SECONDS)
        raise TemplateProblem(text) from exc
