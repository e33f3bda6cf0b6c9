"""Where each figure of the report comes from: its hover split and nguon-so-lieu.csv.

aggregate() makes each figure the templates print a Figure (reportgen/fact_table.py): a whole
number that carries the facts it is the sum of. The number filters print a Figure with its
split by unit as a hover title ("1.519 = Thành phố 812 + Đông Hưng 97 + …") and its key in
data-source; sources_csv() lists the figures the HTML prints, in reading order, with their
facts. Both read the same facts the sum was made of. Templates need no change for this:
{{ total.x|number }} is enough.
"""

import csv
import dataclasses
import io
import re

from markupsafe import Markup

from reportgen import messages as msg
from reportgen.fact_table import INDICATORS, Fact, Figure
from reportgen.vietnamese import number


def breakdown(figure: Figure) -> str:
    """Return the sum by unit: "1.519 = Thành phố 812 + Đông Hưng 97" (units giving 0 left out)."""
    parts = [
        msg.FIGURE_PART.format(unit=unit.short, value=number(value))
        for unit, value in figure.by_unit()
    ]
    if not parts:
        return msg.FIGURE_ZERO.format(value=number(int(figure)))
    return msg.FIGURE_SUM.format(value=number(int(figure)), parts=" + ".join(parts))


def traced_filter(format_value):
    """Wrap a number filter: a Figure prints inside a span whose title is its breakdown."""

    def wrapper(value, *args, **kwargs):
        text = format_value(value, *args, **kwargs)
        if not isinstance(value, Figure):
            return text
        return Markup('<span class="figure" data-source="{}" title="{}">{}</span>').format(
            value.key, breakdown(value), text
        )

    wrapper.__doc__ = format_value.__doc__
    return wrapper


def figures_in(value) -> list[Figure]:
    """Return every Figure inside the report data (dataclasses, dicts, tuples), once each."""
    found: dict[str, Figure] = {}

    def walk(item) -> None:
        if isinstance(item, Figure):
            found.setdefault(item.key, item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            for field in dataclasses.fields(item):
                walk(getattr(item, field.name))
        elif isinstance(item, dict):
            for inner in item.values():
                walk(inner)
        elif isinstance(item, tuple | list):
            for inner in item:
                walk(inner)

    walk(value)
    return list(found.values())


def in_text_order(figures: list[Figure], html: str) -> list[Figure]:
    """Return the figures the HTML prints, each once, in the order a reader meets them.

    Which figures a document prints, and where, is the templates' choice (the 2018 article
    prints no case count; the official document does), so the facts alone cannot say it.
    A template may compute a sentence before it places it, so the order the filters ran in
    is not the reading order either (the 2018 article's filters see a group's participants
    before its sessions): the spans' data-source attributes are.
    """
    by_key = {f.key: f for f in figures}
    printed = dict.fromkeys(re.findall(r'data-source="([^"]*)"', html))
    return [by_key[key] for key in printed if key in by_key]


def _where(fact: Fact) -> str:
    """Return the cell of an indicator ("D9"), or the row of a row sheet ("dòng 7")."""
    return fact.cell if fact.table == INDICATORS else msg.FIGURE_ROW.format(row=fact.row)


# What makes Excel (or LibreOffice) read a CSV field as a formula: the OWASP list.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """Return a text field as a spreadsheet shows it, never as a formula: "'=…" for "=…".

    File, sheet and unit names come from outside: a file named =HYPERLINK(…).xlsx would be a
    live link in Excel. The leading quote is the usual neutraliser (Excel hides it and shows
    the text). Numbers are written as numbers, so a negative one is never quoted.
    """
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def sources_csv(figures: list[Figure]) -> bytes:
    """Return nguon-so-lieu.csv: one line per figure and fact, figures in the given order.

    The facts of a figure come in reading order: file, sheet, then row and column.
    UTF-8 with a byte-order mark and CRLF line ends, so that Excel opens the Vietnamese right.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(msg.SOURCES_HEADER)
    for n, figure in enumerate(figures, 1):
        shown = int(figure)  # a plain number: Excel reads "1.519" as 1,519 in some locales
        label = csv_text(figure.label)
        if not figure.facts:
            writer.writerow([n, label, shown, "", "", "", "", ""])
        for f in figure.facts:
            unit = figure.units[f.unit].official_name
            texts = [csv_text(t) for t in (unit, f.file, f.sheet, _where(f))]
            unit, file, sheet, where = texts
            writer.writerow([n, label, shown, unit, f.value, file, sheet, where])
    return out.getvalue().encode("utf-8-sig")
