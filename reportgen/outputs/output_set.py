"""The files of a build, by name: the report's HTML made into each format asked for."""

import logging
from contextlib import contextmanager
from pathlib import Path

from reportgen import messages as msg
from reportgen.declared.periods import folder_name
from reportgen.errors import ReportgenError, TemplateProblem
from reportgen.report.aggregate import ReportData
from reportgen.report.document import period_code, template_of
from reportgen.report.provenance import figures_in, in_text_order, sources_csv
from reportgen.report.render import MAIN_TEMPLATE

log = logging.getLogger(__name__)

# {year} is folder_name(): "2019", or "2019-6-thang" for a period other than the whole year.
OUTPUT_STEM = "ket-qua-phong-chong-mua-ban-nguoi-{year}"
OFFICIAL_STEM = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-{year}"
FRAGMENT_SUFFIX = "-than-bai.html"  # the article's body alone, for the web portal
SOURCES_FILE = "nguon-so-lieu.csv"
DEFAULT_FORMATS = ("html", "pdf")


def output_files(
    html: str,
    article: str,
    data: ReportData,
    dirs: list[Path],
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    style: str = "article",
) -> dict[str, bytes]:
    """Return {file name: content} of every format asked for, and nguon-so-lieu.csv.

    html is the report in the style asked for; article, the article's HTML (the same unless
    the style is official), which the portal fragment is always cut from. Nothing is written.
    """
    scope = folder_name(data.year, period_code(data))  # "2019", "2019-6-thang"
    stem = (OFFICIAL_STEM if style == "official" else OUTPUT_STEM).format(year=scope)
    files: dict[str, bytes] = {}
    if "html" in formats:
        files[f"{stem}.html"] = html.encode("utf-8")
    if "pdf" in formats:
        from reportgen.outputs.pdf import render_pdf

        files[f"{stem}.pdf"] = render_pdf(html, dirs, data.settings.date)
    if "docx" in formats:
        from reportgen.outputs.word import render_docx

        with _made_from(template_of(style), msg.KIND_DOCX):
            files[f"{stem}.docx"] = render_docx(html, style, data.settings, data.province)
    if "fragment" in formats:
        from reportgen.outputs.fragment import article_body

        name = OUTPUT_STEM.format(year=scope) + FRAGMENT_SUFFIX
        with _made_from(MAIN_TEMPLATE, msg.KIND_FRAGMENT):
            files[name] = article_body(article).encode("utf-8")
    files[SOURCES_FILE] = sources_csv(in_text_order(figures_in(data), html))
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
