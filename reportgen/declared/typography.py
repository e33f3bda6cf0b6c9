"""The report's typography, declared once (templates/kieu-chu.toml) for the CSS and the .docx.

The stylesheets print these values through Jinja (`typography.article.size`, a paragraph
kind's `.css`), and outputs/word_styles.py sets the Word styles from the same record, so the
PDF, the HTML and the Word file cannot drift apart. The file is found on the template search
path like a template (the user's --templates-dir first) and read through the same bounded,
link-refusing loader; every value is checked against a narrow grammar, so what reaches the CSS
is a length, a number, a keyword or a plain font name, never markup.
"""

import re
import tomllib
from dataclasses import dataclass

from reportgen import messages as msg
from reportgen.declared.toml_errors import explain
from reportgen.errors import TemplateProblem
from reportgen.visible import visible

TYPOGRAPHY_FILE = "kieu-chu.toml"
STYLES = ("article", "official")
ALIGNS = ("left", "right", "center", "justify")
# Lengths as CSS writes them. Sizes and margins are absolute; a space or an indent may be in
# em (times the paragraph's own font size, as in CSS); a rule's width is a share of its column.
_LENGTH = re.compile(r"(\d{1,4}(?:\.\d{1,3})?)(pt|mm|cm|em|%)")
_ABSOLUTE = ("pt", "mm", "cm")
_RELATIVE = (*_ABSOLUTE, "em")
_FONT = re.compile(r"[^\W_][\w -]{0,62}")  # letters, digits, spaces, hyphens: no CSS syntax
_POINTS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54}
_LOOK_KEYS = ("size", "bold", "italic", "align", "indent", "space_before")


@dataclass(frozen=True)
class Look:
    """How one kind of paragraph looks; an empty or None field leaves the body's value."""

    size: str = ""  # "13pt"
    bold: bool | None = None
    italic: bool | None = None
    align: str = ""  # one of ALIGNS
    indent: str = ""
    space_before: str = ""
    css: str = ""  # the same, as CSS declarations: "font-size: 13pt; text-align: center;"


@dataclass(frozen=True)
class Page:
    """One style's page and body text (the article, the official document)."""

    size: str
    line_height: float  # times the font size
    margins: tuple[str, str, str, str]  # top, right, bottom, left
    indent: str
    space_after: str
    page_number_size: str
    looks: dict[str, Look]  # paragraph kinds: the common ones and this style's own


@dataclass(frozen=True)
class Table:
    """The appendix tables (table.by-unit); the last three are Word's column rules."""

    size: str
    line_height: float
    label_min_width: str
    label_max_chars: int
    number_min_chars: int
    char_width: str


@dataclass(frozen=True)
class Rule:
    """The short line under the issuing body and under the subject (hr.rule)."""

    width: str  # "32%" of its column
    thickness: str


@dataclass(frozen=True)
class Typography:
    font_pdf: str
    font_word: str
    article: Page
    official: Page
    table: Table
    rule: Rule


def read_typography(env) -> Typography:
    """Read kieu-chu.toml from a Jinja environment's template search path (jinja2 errors pass)."""
    text, filename, _ = env.loader.get_source(env, TYPOGRAPHY_FILE)
    return parse_typography(text, visible(filename or TYPOGRAPHY_FILE))


def parse_typography(text: str, shown: str = TYPOGRAPHY_FILE) -> Typography:
    """Return the typography a kieu-chu.toml declares; TemplateProblem lists every mistake."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateProblem(msg.CONFIG_SYNTAX.format(path=shown, error=explain(exc))) from None
    except RecursionError:  # arrays nested thousands deep
        raise TemplateProblem(msg.CONFIG_SYNTAX.format(path=shown, error=msg.TOML_OTHER)) from None
    read = _Reader(shown)
    read.unknown(raw, ("font", "paragraphs", *STYLES, "table", "rule"), "")
    font = read.table(raw, "font", ("pdf", "word"))
    font_pdf = read.value(font, "font", "pdf", "serif")
    font_word = read.value(font, "font", "word", "serif")
    common = read.looks(raw, "paragraphs")
    pages = {style: read.page(raw, style, common) for style in STYLES}
    table = read.table(raw, "table", _TABLE_KEYS)
    rule = read.table(raw, "rule", ("width", "thickness"))
    typography = Typography(
        font_pdf=font_pdf,
        font_word=font_word,
        article=pages["article"],
        official=pages["official"],
        table=Table(
            size=read.value(table, "table", "size", "0pt"),
            line_height=read.value(table, "table", "line_height", 1.0),
            label_min_width=read.value(table, "table", "label_min_width", "0pt"),
            label_max_chars=read.value(table, "table", "label_max_chars", 1),
            number_min_chars=read.value(table, "table", "number_min_chars", 1),
            char_width=read.value(table, "table", "char_width", "0pt"),
        ),
        rule=Rule(
            read.value(rule, "rule", "width", "0%"), read.value(rule, "rule", "thickness", "0pt")
        ),
    )
    if read.errors:
        raise TemplateProblem("\n".join(read.errors))
    return typography


_PAGE_KEYS = ("size", "line_height", "margins", "indent", "space_after", "page_number_size")
_TABLE_KEYS = ("size", "line_height", "label_min_width", "label_max_chars", "number_min_chars",
               "char_width")  # fmt: skip


class Looks(dict):
    """Paragraph kinds by name; a kind not declared looks like the body text (an empty Look)."""

    def __missing__(self, name):
        return _PLAIN


_PLAIN = Look()


class _Reader:
    """Read values out of the parsed file, noting each mistake (all are listed at once).

    Each value is named as the file names it ("article.size"); a wrong one is replaced by a
    harmless stand-in so that reading goes on to the next mistake. A table that is missing
    (None) is reported once, not once per value.
    """

    def __init__(self, shown: str):
        self.shown = shown
        self.errors: list[str] = []

    def fail(self, message: str, key: str, **values) -> None:
        self.errors.append(message.format(path=self.shown, key=key, **values))

    def unknown(self, raw: dict, keys, where: str) -> None:
        for key in raw:
            if key not in keys:
                self.fail(msg.TYPOGRAPHY_UNKNOWN, f"{where}{visible(key)}", known=", ".join(keys))

    def table(self, raw: dict | None, name: str, keys, where: str = "", optional=False):
        """Return the table raw[name] (None when missing or not a table), its keys checked."""
        value = (raw or {}).get(name)
        if raw is None or (value is None and optional):
            return None
        if not isinstance(value, dict):
            message = msg.TYPOGRAPHY_MISSING if value is None else msg.TYPOGRAPHY_TABLE
            self.fail(message, f"[{where}{name}]")
            return None
        if keys is not None:
            self.unknown(value, keys, f"{where}{name}.")
        return value

    def value(self, raw: dict | None, where: str, name: str, fallback=None):
        """Return raw[name] when it passes its check (_CHECKS), else `fallback`."""
        if raw is None:
            return fallback
        if name not in raw:
            self.fail(msg.TYPOGRAPHY_MISSING, f"{where}.{name}")
            return fallback
        check, message = _CHECKS[name]
        if check(raw[name]):
            return raw[name]
        self.fail(message, f"{where}.{name}", value=_shown(raw[name]))
        return fallback

    def page(self, raw: dict, style: str, common: dict[str, Look]) -> Page:
        table = self.table(raw, style, (*_PAGE_KEYS, "paragraphs"))
        margins = self.value(table, style, "margins", ["0mm"] * 4)
        sides = {f"margins[{i}]": side for i, side in enumerate(margins)}
        own = self.looks(table, "paragraphs", f"{style}.")
        return Page(
            size=self.value(table, style, "size", "0pt"),
            line_height=self.value(table, style, "line_height", 1.0),
            margins=tuple(self.value(sides, style, side, "0mm") for side in sides),
            indent=self.value(table, style, "indent", "0pt"),
            space_after=self.value(table, style, "space_after", "0pt"),
            page_number_size=self.value(table, style, "page_number_size", "0pt"),
            looks=Looks(common | own),
        )

    def looks(self, raw: dict | None, name: str, where: str = "") -> dict[str, Look]:
        table = self.table(raw, name, None, where, optional=bool(where)) or {}
        return {kind: self.look(value, f"{where}{name}.{visible(kind)}")
                for kind, value in table.items()}  # fmt: skip

    def look(self, raw, where: str) -> Look:
        if not isinstance(raw, dict):
            self.fail(msg.TYPOGRAPHY_TABLE, where)
            return _PLAIN
        self.unknown(raw, _LOOK_KEYS, f"{where}.")
        given = {name: self.value(raw, where, name) for name in _LOOK_KEYS if name in raw}
        given = {name: value for name, value in given.items() if value is not None}
        return Look(**given, css=_css(given))


def _is_length(*units: str):
    """Return a check: a string such as "13pt" in one of `units`."""

    def check(value) -> bool:
        found = _LENGTH.fullmatch(value) if isinstance(value, str) else None
        return found is not None and found[2] in units

    return check


def _is_font(value) -> bool:
    return isinstance(value, str) and _FONT.fullmatch(value) is not None


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 200


# What each value must be, and the message when it is not.
_SIZES = ("size", "page_number_size", "char_width", "thickness",
          *(f"margins[{i}]" for i in range(4)))  # fmt: skip
_SPACES = ("indent", "space_after", "space_before", "label_min_width")
_CHECKS = {
    **dict.fromkeys(_SIZES, (_is_length(*_ABSOLUTE), msg.TYPOGRAPHY_LENGTH)),
    **dict.fromkeys(_SPACES, (_is_length(*_RELATIVE), msg.TYPOGRAPHY_SPACE)),
    "width": (_is_length("%"), msg.TYPOGRAPHY_PERCENT),
    "line_height": (lambda v: _is_number(v) and 0.5 <= v <= 5, msg.TYPOGRAPHY_NUMBER),
    "label_max_chars": (_is_count, msg.TYPOGRAPHY_COUNT),
    "number_min_chars": (_is_count, msg.TYPOGRAPHY_COUNT),
    "margins": (lambda v: isinstance(v, list) and len(v) == 4, msg.TYPOGRAPHY_MARGINS),
    "pdf": (_is_font, msg.TYPOGRAPHY_FONT),
    "word": (_is_font, msg.TYPOGRAPHY_FONT),
    "bold": (lambda v: isinstance(v, bool), msg.TYPOGRAPHY_BOOL),
    "italic": (lambda v: isinstance(v, bool), msg.TYPOGRAPHY_BOOL),
    "align": (lambda v: v in ALIGNS, msg.TYPOGRAPHY_ALIGN),
}  # fmt: skip


# A look's keys as CSS properties, in the order printed; a flag's value is (false, true).
_CSS = (
    ("size", "font-size", None),
    ("bold", "font-weight", ("normal", "bold")),
    ("italic", "font-style", ("normal", "italic")),
    ("align", "text-align", None),
    ("indent", "text-indent", None),
    ("space_before", "margin-top", None),
)


def _css(look: dict) -> str:
    """Return a paragraph kind's look as CSS declarations: "font-size: 13pt; …"."""
    return " ".join(
        f"{prop}: {look[key] if words is None else words[look[key]]};"
        for key, prop, words in _CSS
        if key in look
    )


def _shown(value) -> str:
    """Show a wrong value as the file writes it: "13", 13, true."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{visible(value)[:60]}"'
    return visible(str(value))[:60]


def points(length: str, em: float = 0.0) -> float:
    """Return a declared length in points; `em` is the font size (pt) an "em" is relative to.

    A percentage is not a length here (it is a share of a column): points("32%") raises.
    """
    found = _LENGTH.fullmatch(length)
    if found is None or found[2] == "%":
        raise ValueError(f"not a length: {length!r}")
    amount = float(found[1])
    return amount * em if found[2] == "em" else amount * _POINTS[found[2]]


def percent(length: str) -> float:
    """Return "32%" as 32.0."""
    found = _LENGTH.fullmatch(length)
    if found is None or found[2] != "%":
        raise ValueError(f"not a percentage: {length!r}")
    return float(found[1])
