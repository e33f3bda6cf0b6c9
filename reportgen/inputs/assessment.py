"""The staff's own text of a year: Tình hình, Tồn tại, Phương hướng, Kiến nghị (nhan-dinh.md).

No workbook holds what a province judges went wrong, what it plans and what it asks for: the
staff write it in data/<năm>/nhan-dinh.md under fixed headings, and the official form places
each part in its numbered section (the article uses Phương hướng). The file is read as plain
text, never as Markdown or HTML: a line is a paragraph or, starting with "- ", a bullet; the
templates escape every character, so nothing in it can become markup. Lines starting with
"#" but not "## " are comments (the skeleton's help).
"""

import unicodedata
from dataclasses import dataclass

from reportgen import messages as msg
from reportgen.checks.rule_table import ASSESSMENT, problem
from reportgen.problems import ERROR, Problem
from reportgen.visible import strip_controls, visible

ASSESSMENT_FILE = "nhan-dinh.md"
MAX_ASSESSMENT_BYTES = 64 * 1024  # some pages of text; more is not a yearly report's part
MAX_LINE_CHARS = 4000  # one paragraph; a longer line is cut with a warning

# The headings, folded for matching, and the field each fills. Order = the form's order.
SECTIONS = (
    ("situation", "Tình hình"),
    ("shortcomings", "Tồn tại, hạn chế, nguyên nhân"),
    ("directions", "Phương hướng, nhiệm vụ"),
    ("proposals", "Đề xuất, kiến nghị"),
)
# The sections the official form needs (Tình hình is optional: the figures say it).
REQUIRED = ("shortcomings", "directions", "proposals")


@dataclass(frozen=True)
class Block:
    """One paragraph, or one list of bullets, of the staff's text."""

    kind: str  # "p" or "ul"
    lines: tuple[str, ...]  # one line for "p", one per bullet for "ul"


@dataclass(frozen=True)
class Assessment:
    """The staff's text of a year, by section; an empty tuple when a section is not written."""

    situation: tuple[Block, ...] = ()
    shortcomings: tuple[Block, ...] = ()
    directions: tuple[Block, ...] = ()
    proposals: tuple[Block, ...] = ()


SKELETON = """\
# Nhận định của tỉnh năm {year} — phần chữ của báo cáo mà không bảng tính nào có.
# Viết dưới đúng các tiêu đề "## ..." bên dưới (không đổi chữ của tiêu đề).
# Mỗi dòng là một đoạn văn; dòng bắt đầu bằng "- " là một gạch đầu dòng.
# Dòng bắt đầu bằng "#" (như các dòng này) là ghi chú, không in ra.
# Phần nào để trống thì báo cáo bỏ phần đó (và trang kiểm tra ghi chú lại), không tự viết thay.

## Tình hình
# (không bắt buộc) một đoạn về tình hình chung trên địa bàn.

## Tồn tại, hạn chế, nguyên nhân
# - ...

## Phương hướng, nhiệm vụ
# - ...

## Đề xuất, kiến nghị
# - ...
"""


def _fold(text: str) -> str:
    """Return a heading as compared: NFC, lower case, spaces and commas evened out."""
    text = unicodedata.normalize("NFC", text).lower().replace(",", " ")
    return " ".join(text.split())


_HEADINGS = {_fold(title): key for key, title in SECTIONS}


def parse_assessment(text: str, file: str) -> tuple[Assessment, list[Problem]]:
    """Split the staff's text into its sections; list what is odd in it, with its line.

    file is the name shown in messages ("2026/nhan-dinh.md"). Control characters are removed
    (one warning per line), an unknown heading is a warning and its text is left out.
    """
    problems: list[Problem] = []
    sections: dict[str, list[Block]] = {key: [] for key, _ in SECTIONS}
    current: str | None = None
    bullets: list[str] = []
    outside = False  # text seen under no heading (or an unknown one)

    def flush() -> None:
        if bullets and current:
            sections[current].append(Block("ul", tuple(bullets)))
        bullets.clear()

    def warn(line: int, message: str) -> None:
        text = msg.ASSESSMENT_AT_LINE.format(line=line, message=message)
        problems.append(problem(ASSESSMENT, file=file, message=text))

    for number, raw in enumerate(text.splitlines(), 1):
        line, removed = strip_controls(unicodedata.normalize("NFC", raw))
        line = line.replace("\t", " ").strip()
        if removed:
            warn(number, msg.ASSESSMENT_CONTROLS.format(count=removed))
        level = len(line) - len(line.lstrip("#"))
        if level >= 2 and line[level : level + 1] == " ":  # a heading; only "## " is known
            flush()
            current = _HEADINGS.get(_fold(line[3:])) if level == 2 else None
            outside = current is None  # its text is the heading's warning, not another
            if current is None:
                known = ", ".join(f'"## {title}"' for _, title in SECTIONS)
                shown = visible(line[:80])
                warn(number, msg.ASSESSMENT_HEADING.format(heading=shown, known=known))
            continue
        if line.startswith("#") or not line:
            if not line:
                flush()
            continue
        if current is None:
            if not outside:  # once: the rest of that text is the same mistake
                warn(number, msg.ASSESSMENT_BEFORE_HEADING)
            outside = True
            continue
        if len(line) > MAX_LINE_CHARS:
            warn(number, msg.ASSESSMENT_LONG_LINE.format(limit=MAX_LINE_CHARS))
            line = line[:MAX_LINE_CHARS]
        if line.startswith(("- ", "* ", "+ ")):
            item = line[2:].strip()
            if item:
                bullets.append(item)
            continue
        flush()
        sections[current].append(Block("p", (line,)))
    flush()
    return Assessment(**{key: tuple(blocks) for key, blocks in sections.items()}), problems


def decode_assessment(content: bytes, file: str) -> tuple[Assessment | None, list[Problem]]:
    """Decode and parse nhan-dinh.md's bytes; refuse a file too big or not UTF-8 (an error)."""
    if len(content) > MAX_ASSESSMENT_BYTES:
        return None, [too_big(len(content), file)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [
            problem(ASSESSMENT, file=file, severity=ERROR, message=msg.ASSESSMENT_ENCODING)
        ]
    return parse_assessment(text, file)


def too_big(size: int, file: str) -> Problem:
    """Return the error of a staff text larger than MAX_ASSESSMENT_BYTES (size in bytes)."""
    shown, limit = -(-size // 1024), MAX_ASSESSMENT_BYTES // 1024
    text = msg.ASSESSMENT_TOO_BIG.format(size=shown, limit=limit)
    return problem(ASSESSMENT, file=file, severity=ERROR, message=text)


def missing_notes(assessment: Assessment | None, file: str) -> list[Problem]:
    """Return one note per section the official form needs and the staff did not write."""
    titles = dict(SECTIONS)
    if assessment is None:
        names = ", ".join(f'"{titles[k]}"' for k in REQUIRED)
        return [problem(ASSESSMENT, file=file, fill={"names": names})]
    notes = []
    for key in REQUIRED:
        if not getattr(assessment, key):
            # Phương hướng has the template's own paragraph to fall back on; the others nothing.
            text = msg.ASSESSMENT_EMPTY_DIRECTIONS if key == "directions" else msg.ASSESSMENT_EMPTY
            notes.append(problem(ASSESSMENT, file=file, message=text.format(name=titles[key])))
    return notes
