"""Say in Vietnamese what is wrong in a TOML file: tomllib words its errors in English."""

import re
import tomllib

from reportgen import messages as msg

_WHERE = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def explain(exc: tomllib.TOMLDecodeError) -> str:
    """Return where and what, e.g. 'dòng 3, cột 7: thiếu dấu = sau tên khóa'."""
    text = str(exc)
    found = _WHERE.search(text)
    what = text[: found.start()] if found else text
    if found and found[1]:
        where = msg.TOML_AT.format(line=found[1], column=found[2])
    else:
        where = msg.TOML_AT_END if found else ""
    problem = next(
        (vi for english, vi in msg.TOML_PROBLEMS if what.startswith(english)), msg.TOML_OTHER
    )
    return f"{where}: {problem}" if where else problem
