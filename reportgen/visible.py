"""Keep what an input holds from acting on a terminal or an output: controls out, names escaped.

A cell or a file name is typed by someone outside the project. Characters that draw nothing
but act (terminal escapes, a newline that starts a forged line, bidi overrides that reorder a
line, C0/C1 controls that XML refuses) are removed from cell text, with a warning, and shown
escaped ("\\x1b") anywhere else a user reads them.
"""

import re
import unicodedata

# C0 but tab, line feed and carriage return (which XML allows and cells use as line breaks);
# DEL and C1; the bidi embeddings, overrides and isolates, and the directional marks, which
# reorder what a line shows; the non-characters XML refuses; lone surrogates.
_CELL_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufffe\uffff\ud800-\udfff]"
)
# On a line a user reads, tab and the line breaks are controls too.
_LINE_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufffe\uffff\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def strip_controls(text: str) -> tuple[str, int]:
    """Return cell text without control characters, and how many were removed."""
    return _CELL_CONTROLS.subn("", text)


def _escape(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Return text as one line a user can read: every control character shown escaped.

    "b\\n[lỗi] x.xlsx" stays on one line, "\\x1b[31m" colours nothing, and a file name
    that is not UTF-8 shows its bytes (b"\\xff.xlsx" as "\\xff.xlsx").
    """
    return _LINE_CONTROLS.sub(_escape, text)


def shown_name(name: str) -> str:
    """Return a file name as messages, reports and logs show it: NFC, controls escaped."""
    return unicodedata.normalize("NFC", visible(name))
