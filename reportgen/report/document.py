"""The whole report of one style rendered to HTML: which template, wording and context."""

from dataclasses import dataclass
from pathlib import Path

from reportgen import messages as msg
from reportgen.declared.catalog import Catalog
from reportgen.declared.periods import ANNUAL, folder_name
from reportgen.errors import TemplateProblem
from reportgen.report.aggregate import ReportData
from reportgen.report.provenance import figures_in, in_text_order, sources_csv
from reportgen.report.render import MAIN_TEMPLATE, OFFICIAL_TEMPLATE, render_html


@dataclass(frozen=True)
class Rendered:
    """The report rendered: all the outputs are made from, nothing left to render."""

    html: str  # the report in the style asked for
    article: str  # the article's HTML (the portal fragment's source): html unless official
    sources: bytes  # nguon-so-lieu.csv: each figure the HTML shows, in its order, with its cells
    scope: str  # what names the files: "2019", "2019-6-thang"
    template: str  # the template html started from, named when a converter cannot use it
    article_template: str = MAIN_TEMPLATE


def render_report(
    data: ReportData,
    catalog: Catalog,
    dirs: list[Path],
    style: str = "article",
    appendix: bool = True,
    article: bool = False,
) -> Rendered:
    """Render the report of a style and, with article, the article too when the style differs."""
    html = _render(data, catalog, dirs, style, appendix)
    other = article and style != "article"
    article_html = _render(data, catalog, dirs, "article", True) if other else html
    sources = sources_csv(in_text_order(figures_in(data), html))
    scope = folder_name(data.year, _period_code(data))
    return Rendered(html, article_html, sources, scope, template_of(style))


def template_of(style: str) -> str:
    """Return the template a style starts from."""
    return OFFICIAL_TEMPLATE if style == "official" else MAIN_TEMPLATE


def _render(data: ReportData, catalog: Catalog, dirs: list[Path], style: str, appendix: bool):
    """Render the whole report of one style to an HTML string.

    The official style fills its header, signature and recipients from bao-cao.toml [official].
    """
    extra = {
        "appendix": appendix,
        "indicators": {
            ind.code: ind for ind in catalog.indicators_for(data.year, _period_code(data))
        },
        "official": data.settings.official if style == "official" else None,
        "activity_types": catalog.choices("activity_types"),
    }
    if style == "article":
        dirs = with_wording(dirs, data.settings.wording)
    return render_html(data, dirs, template_of(style), extra)


def with_wording(dirs: list[Path], wording: str) -> list[Path]:
    """Put the article's own wording folder (bao-cao.toml `wording`) before the built-in templates.

    It is looked up as wording/<name> in each template folder, the user's first; its section
    files replace the built-in ones for the article only (the official document keeps the
    common wording).
    """
    if not wording:
        return dirs
    for folder in dirs:
        candidate = folder / "wording" / wording
        if candidate.is_dir():
            return [*dirs[:-1], candidate, dirs[-1]]
    shown = ", ".join(str(d) for d in dirs)
    raise TemplateProblem(msg.WORDING_NOT_FOUND.format(name=wording, dirs=shown))


def _period_code(data: ReportData) -> str:
    """Return the code of the report's period: "nam" for the whole year."""
    return data.period.code if data.period is not None else ANNUAL
