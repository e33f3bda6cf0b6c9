"""The article's body alone, as HTML to paste into the provincial web portal."""

import lxml.html


def article_body(html: str) -> str:
    """Return what the page's <article> holds: no <html>, <head>, styles or fonts."""
    root = lxml.html.document_fromstring(html)
    article = root.find(".//article")
    if article is None:
        article = root.find("body")
    parts = [article.text or ""]
    parts += [lxml.html.tostring(child, encoding="unicode", method="html") for child in article]
    return "".join(parts).strip() + "\n"
