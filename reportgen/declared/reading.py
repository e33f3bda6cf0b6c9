"""Read a declarative file (TOML, CSV) and the typed fields of its entries.

A file that is missing, special, unreadable or not valid TOML is a ConfigError; a field of the
wrong type is one message added to a list, so that every mistake of a file is shown at once.
"""

import tomllib
from pathlib import Path

from reportgen import messages as msg
from reportgen.declared.toml_errors import explain
from reportgen.errors import ConfigError
from reportgen.inputs.regular import NotRegularFile, read_error, read_regular
from reportgen.visible import strip_controls, visible


def read_declared(path: Path) -> bytes:
    """Return a declarative file's bytes; a missing, special or unreadable one is a ConfigError."""
    shown = visible(str(path))
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise ConfigError([msg.CONFIG_MISSING.format(path=shown)]) from None
    except NotRegularFile:
        raise ConfigError([msg.CONFIG_NOT_A_FILE.format(path=shown)]) from None
    except OSError as exc:
        raise ConfigError(
            [msg.CONFIG_UNREADABLE.format(path=shown, error=read_error(exc))]
        ) from None


def read_toml(path: Path) -> dict:
    """Return a declarative TOML file's tables; any mistake in reading it is a ConfigError."""
    shown = visible(str(path))
    try:
        return tomllib.loads(read_declared(path).decode())
    except UnicodeDecodeError:
        raise ConfigError([f"{shown}: {msg.SETTINGS_ENCODING}"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([msg.CONFIG_SYNTAX.format(path=shown, error=explain(exc))]) from None


def field(entry: dict, key: str, kind: type, where: str, errors: list[str], default=None):
    """Return entry[key] when of the kind; else add a message to errors and return kind().

    A key left out takes the default; without one (None) it is a mistake. A text with control
    characters is one too: it would reach the blank workbook and the report (as in cells).
    """
    value = entry.get(key, default)
    if value is None or not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        errors.append(msg.CONFIG_FIELD.format(where=where, key=key))
        return kind()
    if isinstance(value, str) and strip_controls(value)[1]:
        errors.append(msg.CONFIG_FIELD_CONTROLS.format(where=where, key=key))
        return kind()
    return value


def texts(entry: dict, keys: tuple[str, ...], where: str, errors: list[str]) -> dict[str, str]:
    """Return the text fields an entry must have, by key ("" and a message for each mistake)."""
    return {key: field(entry, key, str, where, errors) for key in keys}


def span(
    entry: dict, where: str, errors: list[str], first: int | None = None, last: int | None = None
) -> dict[str, int]:
    """Return an entry's years `from` and `to` as first_year and last_year.

    first and last are the years of one left out; None: it must be written.
    """
    return {
        "first_year": field(entry, "from", int, where, errors, first),
        "last_year": field(entry, "to", int, where, errors, last),
    }
