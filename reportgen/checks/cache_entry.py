"""One checked workbook as a cache entry: plain JSON data, sealed with a digest, checked on load.

The cache folder is a folder like any other: whoever can write there must not be able to run
code (a pickle can), nor slip a wrong figure into a report. So an entry holds only JSON data,
converted field by field from the records of checks/records.py as declared at the end of this
module (no class is named in the file); it carries the SHA-256 of the workbook bytes it was
made from and a SHA-256 of its own content and key; and reading it back checks the seal, the
input digest and the type of every field. Anything unexpected is a miss: the workbook is read
again and the entry rewritten.

The seal is a plain digest, not a signature: it catches a damaged or hand-edited entry, not
someone who recomputes it on purpose (who could as well edit the workbook).
"""

import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from reportgen.checks.records import Place, Row, Submission, WorkbookCheck
from reportgen.declared.catalog import Choice
from reportgen.declared.units import Unit
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


# --- the layout: how each record goes into an entry and comes back, every type checked ---


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


@dataclass(frozen=True)
class _Field:
    """How one value goes into an entry (dump) and comes back from one (load)."""

    dump: Callable
    load: Callable


_TEXT, _WHOLE, _FLAG = _Field(_s, _s), _Field(_i, _i), _Field(_b, _b)


def _many(item: _Field, kind=tuple) -> _Field:
    """A sequence of items: a JSON list, back as `kind`."""
    return _Field(
        lambda v: [item.dump(x) for x in v], lambda v: kind(item.load(x) for x in _list(v))
    )


def _keyed(item: _Field) -> _Field:
    """A dict of items by text key: a JSON object."""
    return _Field(
        lambda v: {_s(k): item.dump(x) for k, x in v.items()},
        lambda v: {_s(k): item.load(x) for k, x in _dict(v).items()},
    )


def _optional(item: _Field) -> _Field:
    """An item or None (null)."""
    return _Field(
        lambda v: None if v is None else item.dump(v),
        lambda v: None if v is None else item.load(v),
    )


def _record(cls, **fields: _Field) -> _Field:
    """A dataclass: a JSON object of exactly these fields, in this order."""

    def load(obj):
        values = _fields(obj, *fields)
        return cls(**{name: f.load(v) for (name, f), v in zip(fields.items(), values, strict=True)})

    return _Field(lambda v: {name: f.dump(getattr(v, name)) for name, f in fields.items()}, load)


_FACT_FIELDS = tuple(f.name for f in dataclasses.fields(Fact))


def _fact(f: Fact) -> list:
    """A fact as a list of its fields, in declaration order: text and whole numbers only."""
    return [_i(v) if isinstance(v, int) else _s(v) for v in dataclasses.astuple(f)]


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


def _value(v):
    """A row's cell, checked: None, a whole number, a text, a choice or a place."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, Choice):
        fields = [_s(v.code), _s(v.label), _s(v.noun), _s(v.measure)]
        return {"choice": [*fields, _b(v.periodical)]}
    if isinstance(v, Place):
        return {"place": [_s(v.name), _s(v.kind), _UNIT.dump(v.unit)]}
    raise BadEntry(f"no place for a {type(v).__name__} in an entry")


def _read_value(v):
    if isinstance(v, dict) and list(v) == ["choice"]:
        parts = _list(v["choice"])
        if len(parts) != 5:
            raise BadEntry("a choice has five fields")
        return Choice(*(_s(p) for p in parts[:4]), periodical=_b(parts[4]))
    if isinstance(v, dict) and list(v) == ["place"]:
        parts = _list(v["place"])
        if len(parts) != 3:
            raise BadEntry("a place has three fields")
        return Place(_s(parts[0]), _s(parts[1]), _UNIT.load(parts[2]))
    return _value(v)  # None, int or str, the same checks as on the way in


_FACTS, _CELL = _many(_Field(_fact, _read_fact)), _Field(_value, _read_value)
# Each record's fields in the entry, in this order. A unit keeps its level: a commune-level
# unit's places read without a district bracket.
_UNIT = _record(Unit, code=_TEXT, kind=_TEXT, name=_TEXT, short=_TEXT, aliases=_many(_TEXT),
                first_year=_WHOLE, last_year=_WHOLE, level=_TEXT)  # fmt: skip
_PROBLEM = _record(Problem, severity=_TEXT, file=_TEXT, sheet=_TEXT, cell=_TEXT, value=_TEXT,
                   rule=_TEXT, message=_TEXT, unit=_TEXT)  # fmt: skip
_ROW = _record(Row, values=_keyed(_CELL), file=_TEXT, sheet=_TEXT, row=_WHOLE,
               cells=_keyed(_TEXT))  # fmt: skip
_SUBMISSION = _record(Submission, file=_TEXT, unit=_UNIT, year=_WHOLE, preparer=_TEXT,
                      prepared_on=_TEXT, indicators=_keyed(_WHOLE), cells=_keyed(_TEXT),
                      rows=_keyed(_many(_ROW, list)), facts=_FACTS)  # fmt: skip
_CHECK = _record(WorkbookCheck, file=_TEXT, unit=_optional(_UNIT),
                 submission=_optional(_SUBMISSION), problems=_many(_PROBLEM, list),
                 preparer=_TEXT, prepared_on=_TEXT, blank=_FLAG, read_facts=_FACTS)  # fmt: skip


def _outcome(outcome: Outcome) -> dict:
    if isinstance(outcome, Problem):
        return {"problem": _PROBLEM.dump(outcome)}
    if isinstance(outcome, WorkbookCheck):
        return {"check": _CHECK.dump(outcome)}
    raise BadEntry(f"not an outcome: {type(outcome).__name__}")


def _read_outcome(obj) -> Outcome:
    if isinstance(obj, dict) and list(obj) == ["problem"]:
        return _PROBLEM.load(obj["problem"])
    (check,) = _fields(obj, "check")
    return _CHECK.load(check)
