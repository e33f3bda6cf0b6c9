"""One checked workbook as a cache entry: plain JSON data, sealed with a digest, checked on load.

The cache folder is a folder like any other: whoever can write there must not be able to run
code (a pickle can), nor slip a wrong figure into a report. So an entry holds only JSON data,
converted field by field from the dataclasses of check.py (no class is named in the file);
it carries the SHA-256 of the workbook bytes it was made from and a SHA-256 of its own
content and key; and reading it back checks the seal, the input digest and the type of every
field. Anything unexpected is a miss: the workbook is read again and the entry rewritten.

The seal is a plain digest, not a signature: it catches a damaged or hand-edited entry, not
someone who recomputes it on purpose (who could as well edit the workbook).
"""

import dataclasses
import hashlib
import json

from reportgen.checks.records import Place, Row, Submission, WorkbookCheck
from reportgen.declared.catalog import Choice, Unit
from reportgen.fact_table import Fact
from reportgen.problems import Problem

FORMAT = 4  # bumped whenever the layout below changes: older entries are then misses
MAX_ENTRY_BYTES = 32 * 1024 * 1024  # a district's entry is a few kB; larger ones are not kept

Outcome = WorkbookCheck | Problem


class BadEntry(ValueError):
    """An entry that is damaged, edited, of another input or another format."""


def entry_bytes(key: str, input_sha256: str, outcome: Outcome) -> bytes:
    """Return the entry of one outcome: JSON holding the data, its key, input and seal.

    Raise BadEntry when the outcome holds a value the format has no place for (then it is
    simply not cached).
    """
    payload = {
        "format": FORMAT,
        "key": key,
        "input_sha256": input_sha256,
        "outcome": _outcome(outcome),
    }
    data = _canonical(payload)
    if len(data) > MAX_ENTRY_BYTES:
        raise BadEntry("entry too large")
    return _canonical({"sha256": _seal(data), "payload": payload})


def read_entry(data: bytes, key: str, input_sha256: str) -> Outcome:
    """Return the outcome an entry holds; raise BadEntry unless every check passes.

    key and input_sha256 are those the caller looked it up for: an entry copied under another
    name, or made from other bytes, is refused like a damaged one.
    """
    if len(data) > MAX_ENTRY_BYTES:
        raise BadEntry("entry too large")
    try:
        entry = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BadEntry(f"not JSON: {exc}") from exc
    seal, payload = _fields(entry, "sha256", "payload")
    if seal != _seal(_canonical(payload)):
        raise BadEntry("seal does not match the content")
    version, stored_key, stored_input, outcome = _fields(
        payload, "format", "key", "input_sha256", "outcome"
    )
    if version != FORMAT or stored_key != key or stored_input != input_sha256:
        raise BadEntry("entry of another format, key or input")
    return _read_outcome(outcome)


def _canonical(value) -> bytes:
    # Key order is kept as built (dict order shows in the report), so no sort_keys: a parsed
    # entry dumps back to the same bytes, which is what the seal covers.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a file name that is not UTF-8 (surrogate escapes)
        raise BadEntry("text that is not UTF-8") from exc


def _seal(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- to plain data ---


def _outcome(outcome: Outcome) -> dict:
    if isinstance(outcome, Problem):
        return {"problem": _problem(outcome)}
    if isinstance(outcome, WorkbookCheck):
        return {
            "check": {
                "file": _s(outcome.file),
                "unit": None if outcome.unit is None else _unit(outcome.unit),
                "submission": None
                if outcome.submission is None
                else _submission(outcome.submission),
                "problems": [_problem(p) for p in outcome.problems],
                "preparer": _s(outcome.preparer),
                "prepared_on": _s(outcome.prepared_on),
                "blank": _b(outcome.blank),
                "read_facts": [_fact(f) for f in outcome.read_facts],
            }
        }
    raise BadEntry(f"not an outcome: {type(outcome).__name__}")


def _problem(p: Problem) -> dict:
    names = ("severity", "file", "sheet", "cell", "value", "rule", "message", "unit")
    return {name: _s(getattr(p, name)) for name in names}


def _unit(u: Unit) -> dict:
    return {
        "code": _s(u.code),
        "kind": _s(u.kind),
        "name": _s(u.name),
        "short": _s(u.short),
        "aliases": [_s(a) for a in u.aliases],
        "first_year": _i(u.first_year),
        "last_year": _i(u.last_year),
        "level": _s(u.level),  # a commune-level unit's places read without a district bracket
    }


def _submission(s: Submission) -> dict:
    return {
        "file": _s(s.file),
        "unit": _unit(s.unit),
        "year": _i(s.year),
        "preparer": _s(s.preparer),
        "prepared_on": _s(s.prepared_on),
        "indicators": {_s(k): _i(v) for k, v in s.indicators.items()},
        "cells": {_s(k): _s(v) for k, v in s.cells.items()},
        "rows": {_s(k): [_row(r) for r in rows] for k, rows in s.rows.items()},
        "facts": [_fact(f) for f in s.facts],
    }


_FACT_FIELDS = tuple(f.name for f in dataclasses.fields(Fact))


def _fact(f: Fact) -> list:
    """A fact as a list of its fields, in declaration order: text and whole numbers only."""
    return [_i(v) if isinstance(v, int) else _s(v) for v in dataclasses.astuple(f)]


def _row(r: Row) -> dict:
    return {
        "values": {_s(k): _value(v) for k, v in r.values.items()},
        "file": _s(r.file),
        "sheet": _s(r.sheet),
        "row": _i(r.row),
        "cells": {_s(k): _s(v) for k, v in r.cells.items()},
    }


def _flag(v) -> bool:
    if not isinstance(v, bool):
        raise BadEntry("expected true or false")
    return v


def _value(v):
    """A row's cell, checked: None, a whole number, a text, a choice or a place."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, Choice):
        fields = [_s(v.code), _s(v.label), _s(v.noun), _s(v.measure)]
        return {"choice": [*fields, _flag(v.periodical)]}
    if isinstance(v, Place):
        return {"place": [_s(v.name), _s(v.kind), _unit(v.unit)]}
    raise BadEntry(f"no place for a {type(v).__name__} in an entry")


def _s(value) -> str:
    if not isinstance(value, str):
        raise BadEntry(f"expected text, found {type(value).__name__}")
    return value


def _b(value) -> bool:
    if not isinstance(value, bool):
        raise BadEntry(f"expected true or false, found {type(value).__name__}")
    return value


def _i(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadEntry(f"expected a whole number, found {type(value).__name__}")
    return value


# --- back from plain data, every type checked ---


def _fields(obj, *names):
    """Return the values of exactly these keys of a JSON object, in this order."""
    if not isinstance(obj, dict) or list(obj) != list(names):
        raise BadEntry(f"expected the fields {names}")
    return [obj[name] for name in names]


def _list(value) -> list:
    if not isinstance(value, list):
        raise BadEntry("expected a list")
    return value


def _dict(value) -> dict:
    if not isinstance(value, dict):
        raise BadEntry("expected an object")
    return value


def _read_outcome(obj) -> Outcome:
    if isinstance(obj, dict) and list(obj) == ["problem"]:
        return _read_problem(obj["problem"])
    (check,) = _fields(obj, "check")
    file, unit, submission, problems, preparer, prepared_on, blank, read_facts = _fields(
        check, "file", "unit", "submission", "problems", "preparer", "prepared_on", "blank",
        "read_facts",
    )  # fmt: skip
    return WorkbookCheck(
        _s(file),
        None if unit is None else _read_unit(unit),
        None if submission is None else _read_submission(submission),
        [_read_problem(p) for p in _list(problems)],
        _s(preparer),
        _s(prepared_on),
        _b(blank),
        tuple(_read_fact(f) for f in _list(read_facts)),
    )


def _read_problem(obj) -> Problem:
    names = ("severity", "file", "sheet", "cell", "value", "rule", "message", "unit")
    return Problem(*(_s(v) for v in _fields(obj, *names)))


def _read_unit(obj) -> Unit:
    code, kind, name, short, aliases, first, last, level = _fields(
        obj, "code", "kind", "name", "short", "aliases", "first_year", "last_year", "level"
    )
    return Unit(
        _s(code), _s(kind), _s(name), _s(short),
        tuple(_s(a) for a in _list(aliases)), _i(first), _i(last), _s(level),
    )  # fmt: skip


def _read_submission(obj) -> Submission:
    file, unit, year, preparer, prepared_on, indicators, cells, rows, facts = _fields(
        obj, "file", "unit", "year", "preparer", "prepared_on", "indicators", "cells", "rows",
        "facts",
    )  # fmt: skip
    return Submission(
        _s(file),
        _read_unit(unit),
        _i(year),
        _s(preparer),
        _s(prepared_on),
        {_s(k): _i(v) for k, v in _dict(indicators).items()},
        {_s(k): _s(v) for k, v in _dict(cells).items()},
        {_s(k): [_read_row(r) for r in _list(v)] for k, v in _dict(rows).items()},
        tuple(_read_fact(f) for f in _list(facts)),
    )


def _read_fact(obj) -> Fact:
    values = _list(obj)
    if len(values) != len(_FACT_FIELDS):
        raise BadEntry(f"a fact has {len(_FACT_FIELDS)} fields")
    types = {f.name: f.type for f in dataclasses.fields(Fact)}
    checked = [
        _i(v) if types[name] in (int, "int") else _s(v)
        for name, v in zip(_FACT_FIELDS, values, strict=True)
    ]
    return Fact(*checked)


def _read_row(obj) -> Row:
    values, file, sheet, row, cells = _fields(obj, "values", "file", "sheet", "row", "cells")
    return Row(
        {_s(k): _read_value(v) for k, v in _dict(values).items()},
        _s(file),
        _s(sheet),
        _i(row),
        {_s(k): _s(v) for k, v in _dict(cells).items()},
    )


def _read_value(v):
    if isinstance(v, dict) and list(v) == ["choice"]:
        parts = _list(v["choice"])
        if len(parts) != 5:
            raise BadEntry("a choice has five fields")
        return Choice(*(_s(p) for p in parts[:4]), periodical=_flag(parts[4]))
    if isinstance(v, dict) and list(v) == ["place"]:
        parts = _list(v["place"])
        if len(parts) != 3:
            raise BadEntry("a place has three fields")
        return Place(_s(parts[0]), _s(parts[1]), _read_unit(parts[2]))
    return _value(v)  # None, int or str, the same checks as on the way in
