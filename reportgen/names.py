"""Normalise and compare Vietnamese names the way a clerk would."""

import functools
import re
import unicodedata

_PREFIXES = (
    "thanh pho",
    "tp.",
    "tp",
    "huyen",
    "h.",
    "thi xa",
    "tx.",
    "tx",
    "thi tran",
    "tt.",
    "tt",
    "phuong",
    "p.",
    "xa",
    "x.",
)


# What a clerk may write before the unit's own name: its committee ("UBND xã …").
_BODIES = ("uy ban nhan dan", "ubnd", "ub")
# After "qu" the letters i and y are one sound and both spellings are in use ("Vũ Quí",
# "Vũ Quý"); elsewhere i and y tell names apart, so only this syllable-final pair is folded.
_QUI = re.compile(r"\bqui\b")


def nfc(text: str) -> str:
    """Return text in NFC with runs of white space collapsed and ends stripped."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@functools.lru_cache(maxsize=1 << 16)  # headers and names repeat in every workbook
def fold(text: str) -> str:
    """Return a key that ignores case, diacritics, punctuation and spacing."""
    text = unicodedata.normalize("NFD", nfc(text).lower()).replace("đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w.]+", " ", text)
    return _QUI.sub("quy", re.sub(r"\s+", " ", text).strip())


def strip_prefix(key: str) -> str:
    """Drop one administrative prefix ("huyện", "TP", "xã"…) from a folded key, and the
    committee's name before it ("UBND xã", "Ủy ban nhân dân phường")."""
    for body in _BODIES:
        if key.startswith(body + " ") and key[len(body) :].strip(" ."):
            key = key[len(body) :].strip()
            break
    for prefix in _PREFIXES:
        if key.startswith(prefix + " ") or (prefix.endswith(".") and key.startswith(prefix)):
            rest = key[len(prefix) :].strip(" .")
            if rest:
                return rest
    return key.strip(" .")


_DISTRICT_PREFIXES = ("thanh pho", "tp", "huyen", "h", "thi xa", "tx")


def names_a_district(text: str) -> bool:
    """Return True when a typed name starts with a district-level kind ("huyện", "TP.", "thị
    xã"), after any committee ("UBND"): such a name is no commune's, even with a commune's
    name after it ("Huyện Thái Thụy" is not "Xã Thái Thụy")."""
    key = fold(text).replace(".", " ")
    for body in _BODIES:
        if key.startswith(body + " "):
            key = key[len(body) :].strip()
            break
    return any(key.startswith(prefix + " ") for prefix in _DISTRICT_PREFIXES)


def name_key(text: str) -> str:
    """Return the key under which two spellings of one place name are equal."""
    return strip_prefix(fold(text)).replace(".", "")


@functools.lru_cache(maxsize=1 << 16)
def name_variants(text: str) -> tuple[str, ...]:
    """Return the keys a typed name may stand for: as typed, then without its prefix.

    Both are needed: "Xã Phương Công" is "phuong cong" once "xã" is dropped, while
    "Phương Công" alone must not lose "Phương" as if it were the prefix "phường".
    """
    key = fold(text)
    exact = key.replace(".", "").strip()
    stripped = name_key(text)
    return (exact,) if stripped == exact else (exact, stripped)


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn
_TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng


def collation_key(text: str) -> tuple:
    """Return a key that sorts Vietnamese names in dictionary order (a < ă < â … d < đ)."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", nfc(text).lower()):
        if ch in _TONES:
            tones.append(_TONES.index(ch) + 1)
        elif ch in _LETTER_MARKS and letters:
            base = letters.pop()
            marked = {
                "a": {"ă": "ă", "â": "â"},
                "e": {"â": "ê"},
                "o": {"â": "ô", "ơ": "ơ"},
                "u": {"ơ": "ư"},
            }.get(base, {}).get(_LETTER_MARKS[ch], base)
            letters.append(marked)
        elif not unicodedata.combining(ch):
            letters.append(ch)
            tones.append(0)
    primary = tuple(_ALPHABET.index(c) if c in _ALPHABET else 100 + ord(c) for c in letters)
    return primary, tuple(tones)


# Folded kinds of place and how clerks shorten them: "BCĐ 138 H. Vũ Thư" names a district.
_KIND_WORDS = {
    "tinh": ("tinh",),
    "thanh pho": ("thanh pho", "tp"),
    "huyen": ("huyen", "h"),
    "thi xa": ("thi xa", "tx"),
    "thi tran": ("thi tran", "tt"),
    "phuong": ("phuong", "p"),
    "xa": ("xa", "x"),
}


def mentions(text: str, kind: str, name: str) -> str | None:
    """Say how a longer typed name mentions a place: "kind" when its name follows its own
    kind ("BCĐ 138 huyện Vũ Thư" mentions huyện Vũ Thư), "bare" when the name stands with no
    kind before it ("BCĐ 138 Vũ Thư"), None when it is not there or follows another kind
    ("Công an tỉnh Thái Bình" does not mention thành phố Thái Bình).
    """
    words = fold(text).replace(".", " ").split()
    target = fold(name).replace(".", " ").split()
    own = _KIND_WORDS.get(fold(kind), (fold(kind),))
    others = {w for ws in _KIND_WORDS.values() for w in ws} - set(own)
    found = None
    for i in range(len(words) - len(target) + 1):
        if words[i : i + len(target)] != target:
            continue
        before = words[:i]
        kind_before = next(
            (k for k in (*own, *others) if before[-len(k.split()) :] == k.split()), None
        )
        if kind_before in own:
            return "kind"
        if kind_before is None:
            found = "bare"
    return found
