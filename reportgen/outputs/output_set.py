"""The files of a build, by name: the report's HTML made into each format asked for."""

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen import messages as msg
from reportgen.errors import ReportgenError, TemplateProblem

if TYPE_CHECKING:
    from reportgen.report.aggregate import ReportData
    from reportgen.report.document import Rendered

log = logging.getLogger(__name__)

# {year} is Rendered.scope: "2019", or "2019-6-thang" for a period other than the whole year.
OUTPUT_STEM = "ket-qua-phong-chong-mua-ban-nguoi-{year}"
OFFICIAL_STEM = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-{year}"
FRAGMENT_SUFFIX = "-than-bai.html"  # the article's body alone, for the web portal
SOURCES_FILE = "nguon-so-lieu.csv"
DEFAULT_FORMATS = ("html", "pdf")


def output_files(
    rendered: "Rendered",
    data: "ReportData",
    dirs: list[Path],
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    style: str = "article",
) -> dict[str, bytes]:
    """Return {file name: content} of every format asked for, and nguon-so-lieu.csv.

    The portal fragment is always cut from the article. Nothing is written.
    """
    html = rendered.html
    stem = (OFFICIAL_STEM if style == "official" else OUTPUT_STEM).format(year=rendered.scope)
    files: dict[str, bytes] = {}
    if "html" in formats:
        files[f"{stem}.html"] = html.encode("utf-8")
    if "pdf" in formats:
        from reportgen.outputs.pdf import render_pdf

        files[f"{stem}.pdf"] = render_pdf(html, dirs, data.settings.date)
    if "docx" in formats:
        from reportgen.outputs.word import render_docx

        with _made_from(rendered.template, msg.KIND_DOCX):
            files[f"{stem}.docx"] = render_docx(html, style, data.settings, data.province, dirs)
    if "fragment" in formats:
        from reportgen.outputs.fragment import article_body

        name = OUTPUT_STEM.format(year=rendered.scope) + FRAGMENT_SUFFIX
        with _made_from(rendered.article_template, msg.KIND_FRAGMENT):
            files[name] = article_body(rendered.article).encode("utf-8")
    files[SOURCES_FILE] = rendered.sources
    return files


@contextmanager
def _made_from(template: str, kind: str):
    """Say which template made HTML that a converter cannot use (empty, control characters)."""
    try:
        yield
    except ReportgenError:
        raise
    except Exception as exc:  # lxml and python-docx raise many kinds, all in English
        log.debug("cannot convert the HTML to %s", kind, exc_info=True)
        raise TemplateProblem(msg.TEMPLATE_HTML_UNUSABLE.format(name=template, kind=kind)) from exc
