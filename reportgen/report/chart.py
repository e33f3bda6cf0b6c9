"""Small bar charts as inline SVG, drawn without a charting library.

The SVG names the report's own font, so WeasyPrint and browsers draw its Vietnamese
labels with the bundled Liberation Serif.
"""

from markupsafe import Markup, escape

from reportgen.vietnamese import number

WIDTH = 360  # the viewBox width; the SVG itself scales to its box
ROW = 22
LABEL = 92  # room for the unit's name, left of the bars (at least)
CHAR = 6.5  # the width of an average character of the 13 px serif labels, about half an em
VALUE_ROOM = 52  # room for the value, right of the longest bar
FONT = "Liberation Serif, serif"


def bar_chart(rows, code: str, title: str = "", top: int | None = None) -> Markup:
    """Return horizontal bars, one per unit: rows are UnitRow values, code an indicator.

    With `top`, only that many units are drawn, those with the largest values, largest first
    (units in their given order among equals): a chart of 104 communes would fill pages.
    """
    bars = [(row.unit.short, int(row.values.get(code, 0))) for row in rows]
    if top is not None:
        bars = sorted(bars, key=lambda bar: -bar[1])[: max(top, 0)]
    top = max((value for _, value in bars), default=0) or 1
    # Names of communes ("Xã Triệu Việt Vương") are longer than those of districts: widen the
    # room for them rather than let them run off the left edge.
    label = max(LABEL, round(max((len(name) for name, _ in bars), default=0) * CHAR) + 6)
    span = WIDTH - label - VALUE_ROOM
    height = ROW * len(bars) + 4
    parts = [
        f'<svg class="bars" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}"'
        f' font-family="{FONT}" font-size="13">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for i, (name, value) in enumerate(bars):
        y = 2 + i * ROW
        length = round(span * value / top, 1)
        middle = y + ROW / 2 + 4.5
        parts.append(
            f'<text x="{label - 6}" y="{middle}" text-anchor="end" fill="#000">'
            f"{escape(name)}</text>"
            f'<rect x="{label}" y="{y + 3}" width="{length}" height="{ROW - 6}" fill="#2f5f8f"/>'
            f'<text x="{label + length + 4}" y="{middle}" fill="#000">{number(value)}</text>'
        )
    parts.append(
        f'<line x1="{label}" y1="0" x2="{label}" y2="{height}" stroke="#000" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


TREND_BAR = 40  # the width of one year's column
TREND_HEIGHT = 120  # the tallest bar
TREND_ROOM = 18  # room for the value above a bar and for the year below it


def trend_chart(years, values, title: str = "") -> Markup:
    """Return vertical bars, one per year, the value above each and the year below.

    years and values are two lists of the same length (a template's trend.years and the
    figure of each of trend.reports), oldest first.
    """
    bars = [(str(year), int(value)) for year, value in zip(years, values, strict=False)]
    top = max((value for _, value in bars), default=0) or 1
    width = TREND_BAR * len(bars) + 8
    height = TREND_HEIGHT + 2 * TREND_ROOM
    parts = [
        f'<svg class="bars trend" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-label="{escape(title)}"'
        f' font-family="{FONT}" font-size="12">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    base = TREND_ROOM + TREND_HEIGHT
    for i, (year, value) in enumerate(bars):
        x = 4 + i * TREND_BAR
        middle = x + TREND_BAR / 2
        length = round(TREND_HEIGHT * value / top, 1)
        parts.append(
            f'<rect x="{x + 6}" y="{round(base - length, 1)}" width="{TREND_BAR - 12}"'
            f' height="{length}" fill="#2f5f8f"/>'
            f'<text x="{middle}" y="{round(base - length - 4, 1)}" text-anchor="middle"'
            f' fill="#000">{number(value)}</text>'
            f'<text x="{middle}" y="{base + 14}" text-anchor="middle" fill="#000">{year}</text>'
        )
    parts.append(
        f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#000" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
