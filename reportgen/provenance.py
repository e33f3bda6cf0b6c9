"""Where each figure of the report comes from: the units, files, sheets and cells it sums.

aggregate() gives plain numbers. trace() swaps the figures the templates print for
Figure values: whole numbers that also carry their sources. The number filters print a
Figure with its breakdown as a hover title ("1.519 = Thành phố 812 + Đông Hưng 97 + …")
and note it in the render's log; sources_csv() turns that log into nguon-so-lieu.csv.
Templates need no change for this: {{ total.x|number }} is enough.
"""

import csv
import io
from dataclasses import dataclass, replace

from markupsafe import Markup

from reportgen import messages as msg
from reportgen.aggregate import ReportData, activity_key, publication_key
from reportgen.catalog import Catalog, Unit
from reportgen.check import Row, Submission
from reportgen.vietnamese import number


@dataclass(frozen=True)
class Source:
    """One unit's part of a figure and the place in its workbook."""

    unit: Unit
    value: int
    file: str
    sheet: str
    cell: str  # "D5" for an indicator, "dòng 7" for a row of a row sheet


class Figure(int):
    """A whole number shown in the report, with the sources it was summed from."""

    key: str
    label: str
    sources: tuple[Source, ...]

    def __new__(cls, value: int, key: str, label: str, sources: tuple[Source, ...]):
        obj = super().__new__(cls, value)
        obj.key, obj.label, obj.sources = key, label, tuple(sources)
        return obj

    def __getnewargs__(self):
        return int(self), self.key, self.label, self.sources

    def breakdown(self) -> str:
        """Return the sum by unit: "1.519 = Thành phố 812 + Đông Hưng 97"."""
        by_unit: dict[str, list] = {}
        for source in self.sources:
            entry = by_unit.setdefault(source.unit.code, [source.unit, 0])
            entry[1] += source.value
        parts = [
            msg.FIGURE_PART.format(unit=unit.short, value=number(value))
            for _, (unit, value) in sorted(by_unit.items())
            if value
        ]
        if not parts:
            return msg.FIGURE_ZERO.format(value=number(int(self)))
        return msg.FIGURE_SUM.format(value=number(int(self)), parts=" + ".join(parts))


def _indicator_sources(subs: list[Submission], code: str) -> tuple[Source, ...]:
    sources = []
    for sub in subs:
        if code not in sub.indicators:
            continue
        sheet, _, cell = sub.cells.get(code, "").rpartition("!")
        sources.append(Source(sub.unit, sub.indicators[code], sub.file, sheet, cell))
    return tuple(sources)


def _row_sources(rows: list[tuple[Unit, Row]], value) -> tuple[Source, ...]:
    return tuple(
        Source(unit, value(row), row.file, row.sheet, msg.FIGURE_ROW.format(row=row.row))
        for unit, row in rows
    )


def _traced(value: int, key: str, label: str, sources: tuple[Source, ...]):
    """Return a Figure when the sources add up to the value; else the plain value."""
    if not isinstance(value, int) or sum(s.value for s in sources) != value:
        return value
    return Figure(value, key, label, sources)


def _rows(subs: list[Submission], table: str) -> list[tuple[Unit, Row]]:
    return [(sub.unit, row) for sub in subs for row in sub.rows.get(table, [])]


def _grouped(rows: list[tuple[Unit, Row]], key) -> dict[tuple, list[tuple[Unit, Row]]]:
    """Return the rows by the group aggregate put them in (key of a row's values)."""
    groups: dict[tuple, list[tuple[Unit, Row]]] = {}
    for unit, row in rows:
        groups.setdefault(key(row.values), []).append((unit, row))
    return groups


def trace(data: ReportData, subs: list[Submission], catalog: Catalog) -> ReportData:
    """Return the report data with its figures traced back to their cells."""
    subs = sorted(subs, key=lambda s: s.unit.code)
    labels = {ind.code: ind.label for ind in catalog.indicators}
    total = {
        code: _traced(value, code, labels.get(code, code), _indicator_sources(subs, code))
        for code, value in data.total.items()
    }
    activities = _grouped(
        _rows(subs, "activities"), lambda v: activity_key(v["type"].code, v["topic"])
    )
    groups = []
    for i, group in enumerate(data.activities, 1):
        rows = activities.get(activity_key(group.type.code, group.topic), [])
        name = msg.FIGURE_ACTIVITY.format(type=group.type.label, topic=group.topic)
        groups.append(
            replace(
                group,
                sessions=_traced(
                    group.sessions,
                    f"activities.{i}.sessions",
                    f"{name}: {msg.FIGURE_SESSIONS}",
                    _row_sources(rows, lambda r: r.values["sessions"]),
                ),
                participants=_traced(
                    group.participants,
                    f"activities.{i}.participants",
                    f"{name}: {msg.FIGURE_PARTICIPANTS}",
                    _row_sources(rows, lambda r: r.values["participants"]),
                ),
            )
        )
    publications = _grouped(
        _rows(subs, "publications"), lambda v: publication_key(v["title"], v["measure"])
    )
    pubs = []
    for i, pub in enumerate(data.publications, 1):
        rows = publications.get(publication_key(pub.title, pub.measure), [])
        pubs.append(
            replace(
                pub,
                quantity=_traced(
                    pub.quantity,
                    f"publications.{i}",
                    msg.FIGURE_PUBLICATION.format(title=pub.title, measure=pub.measure),
                    _row_sources(rows, lambda r: r.values["quantity"]),
                ),
            )
        )
    return replace(
        data,
        total=total,
        activities=tuple(groups),
        publications=tuple(pubs),
        cases=_trace_cases(data, _rows(subs, "cases"), catalog),
    )


def _trace_cases(data: ReportData, rows: list[tuple[Unit, Row]], catalog: Catalog):
    cases = data.cases
    stages = [c.code for c in catalog.choices("case_stages")]
    labels = {c.code: c.label for c in catalog.choices("case_stages")}
    rank = {code: i for i, code in enumerate(stages)}
    reached = {}
    for code, value in cases.reached.items():
        chosen = [(u, r) for u, r in rows if rank.get(r.values["stage"].code, -1) >= rank[code]]
        reached[code] = _traced(
            value,
            f"cases.reached.{code}",
            msg.FIGURE_CASES_REACHED.format(stage=_lower_first(labels.get(code, code))),
            _row_sources(chosen, lambda r: 1),
        )
    return replace(
        cases,
        count=_traced(
            cases.count, "cases.count", msg.FIGURE_CASES, _row_sources(rows, lambda r: 1)
        ),
        offenders=_traced(
            cases.offenders,
            "cases.offenders",
            msg.FIGURE_OFFENDERS,
            _row_sources(rows, lambda r: r.values["offenders"]),
        ),
        victims=_traced(
            cases.victims,
            "cases.victims",
            msg.FIGURE_VICTIMS,
            _row_sources(rows, lambda r: r.values["victims"]),
        ),
        reached=reached,
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def traced_filter(format_value, log: list[Figure]):
    """Wrap a number filter: a Figure prints inside a span whose title is its breakdown."""

    def wrapper(value, *args, **kwargs):
        text = format_value(value, *args, **kwargs)
        if not isinstance(value, Figure):
            return text
        log.append(value)
        return Markup('<span class="figure" data-source="{}" title="{}">{}</span>').format(
            value.key, value.breakdown(), text
        )

    wrapper.__doc__ = format_value.__doc__
    return wrapper


def in_text_order(figures: list[Figure], html: str) -> list[Figure]:
    """Return each printed figure once, in the order a reader meets it in the HTML."""
    unique = {f.key: f for f in reversed(figures)}
    return sorted(unique.values(), key=lambda f: html.find(f'data-source="{f.key}"'))


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
    """Return nguon-so-lieu.csv: one line per figure and source, figures in the given order.

    UTF-8 with a byte-order mark and CRLF line ends, so that Excel opens the Vietnamese right.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(msg.SOURCES_HEADER)
    for n, figure in enumerate(figures, 1):
        shown = int(figure)  # a plain number: Excel reads "1.519" as 1,519 in some locales
        label = csv_text(figure.label)
        if not figure.sources:
            writer.writerow([n, label, shown, "", "", "", "", ""])
        for s in figure.sources:
            texts = [csv_text(t) for t in (s.unit.official_name, s.file, s.sheet, s.cell)]
            unit, file, sheet, cell = texts
            writer.writerow([n, label, shown, unit, int(s.value), file, sheet, cell])
    return out.getvalue().encode("utf-8-sig")
