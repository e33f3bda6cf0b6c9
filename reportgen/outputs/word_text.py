"""The text of HTML elements as Word runs: bold, italic, underline and size kept, spaces folded
as HTML folds them."""

import re

# Elements whose text is never a run: the page's head, the chart (the table beside it holds the
# same numbers), rules (drawn as paragraph borders), figures (the photo).
SKIP = {"head", "style", "script", "svg", "hr", "figure", "title", "meta"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "table", "ul", "ol", "div", "section", "article"}
_SPACE = re.compile(r"\s+")


def add_runs(paragraph, el, fmt: dict) -> None:
    """Add the text of an element as runs, keeping bold, italic and underline.

    `fmt` holds what the paragraph's look gives every run: bold, italic, size (points).
    """
    tag = el.tag if isinstance(el.tag, str) else ""
    fmt = dict(fmt)
    if tag in ("strong", "b", "th"):
        fmt["bold"] = True
    if tag in ("em", "i"):
        fmt["italic"] = True
    if tag == "u":
        fmt["underline"] = True
    if el.text:
        _run(paragraph, el.text, fmt)
    for child in el:
        if isinstance(child.tag, str) and child.tag not in SKIP:
            if child.tag == "br":
                paragraph.add_run().add_break()
            else:
                add_runs(paragraph, child, fmt)
        if child.tail:
            _run(paragraph, child.tail, fmt)


def _run(paragraph, text: str, fmt: dict) -> None:
    from docx.shared import Pt

    text = _SPACE.sub(" ", text)
    if not text:
        return
    run = paragraph.add_run(text)
    run.bold = fmt.get("bold")
    run.italic = fmt.get("italic")
    run.underline = fmt.get("underline")
    if fmt.get("size"):
        run.font.size = Pt(fmt["size"])


def tidy(paragraph) -> None:
    """Strip the spaces HTML ignores at the start and end of a block."""
    runs = [r for r in paragraph.runs if r.text]
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()


def text_of(el) -> str:
    """Return an element's text as a reader sees it: spaces folded, ends stripped."""
    return _SPACE.sub(" ", el.text_content()).strip()


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def is_block(el) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCKS
