"""TCVN3 and VNI: both tables round-trip every letter, and detection never touches Unicode text."""

import csv
import tomllib
import unicodedata

import pytest
from viparse.normalize.tcvn3 import TCVN3 as VIPARSE_TCVN3
from viparse.normalize.vni import VNI as VIPARSE_VNI

from reportgen.declared.catalog import load_catalog
from reportgen.inputs.legacy_encoding import (
    TCVN3,
    TCVN3_TO_UNICODE,
    VNI,
    detect,
    from_unicode,
    is_syllable,
    to_unicode,
)
from tests.conftest import DATA, ROOT

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
LOWER = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES] + ["đ"]
LETTERS = LOWER + [c.upper() for c in LOWER]
TCVN3_CAPITALS = "ĂÂĐÊÔƠƯ"  # the only capitals with a code of their own in TCVN3


def test_the_alphabet_has_134_letters_with_diacritics():
    assert len({c for c in LETTERS if c.lower() not in "aeiouy"}) == 134


@pytest.mark.parametrize("letter", LETTERS)
def test_vni_round_trips_every_letter(letter):
    typed = from_unicode(letter, VNI)
    if letter.lower() in "aeiouyìí":
        assert typed == letter  # plain vowels, ì and í are the same characters in VNI
    else:
        assert typed != letter
    assert to_unicode(typed, VNI) == letter
    assert to_unicode(f"X{typed}X", VNI) == f"X{letter}X"


@pytest.mark.parametrize("letter", LETTERS)
def test_tcvn3_round_trips_every_letter(letter):
    typed = from_unicode(letter, TCVN3)
    assert len(typed) == 1
    if letter.islower() or letter in TCVN3_CAPITALS or letter in "AEIOUY":
        assert to_unicode(typed, TCVN3) == letter
    else:
        # A capital toned letter is the small letter's code drawn by a ".VnTimeH" font: it
        # reads back as a capital inside a word typed in capitals.
        assert typed == from_unicode(letter.lower(), TCVN3)
        assert to_unicode(f"TH{typed}N", TCVN3) == f"TH{letter}N"


def test_tcvn3_codes_are_74_distinct_latin1_characters():
    codes = list(TCVN3_TO_UNICODE)
    assert len(codes) == len(set(codes)) == 74
    assert all(0xA1 <= ord(c) <= 0xFE for c in codes)
    assert set(TCVN3_TO_UNICODE.values()) == {c for c in LETTERS if c.islower()} - set(
        "aeiouy"
    ) | set(TCVN3_CAPITALS)


@pytest.mark.parametrize(
    ("table", "encoding"),
    [(VIPARSE_TCVN3, TCVN3), (VIPARSE_VNI, VNI)],
    ids=["tcvn3", "vni"],
)
def test_tables_agree_with_an_independent_corpus_derived_table(table, encoding):
    # viparse derives its tables from real government documents; it lacks ẳ in VNI.
    assert len(table.pairs) > 70
    for typed, letter in table.pairs:
        assert to_unicode(typed, encoding) == letter, typed


@pytest.mark.parametrize(
    ("typed", "encoding", "unicode"),
    [
        ("Th¸i B×nh", TCVN3, "Thái Bình"),
        ("HuyÖn TiÒn H¶i", TCVN3, "Huyện Tiền Hải"),
        ("TH¸I B×NH", TCVN3, "THÁI BÌNH"),
        ("Líp tËp huÊn kü n¨ng tuyªn truyÒn", TCVN3, "Lớp tập huấn kỹ năng tuyên truyền"),
        ("ng\xadêi n\xadíc ngoµi", TCVN3, "người nước ngoài"),
        ("Thaùi Bình", VNI, "Thái Bình"),
        ("Huyeän Tieàn Haûi", VNI, "Huyện Tiền Hải"),
        ("HUYEÄN VUÕ THÖ", VNI, "HUYỆN VŨ THƯ"),
        ("Ñoâng Höng, 12 ngöôøi", VNI, "Đông Hưng, 12 người"),
    ],
)
def test_legacy_text_is_detected_and_converted(typed, encoding, unicode):
    assert detect(typed) == (encoding, unicode)


def _vietnamese_texts() -> list[str]:
    texts = []
    for path in sorted((DATA / "communes").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                texts += [row["ten_xa"], row["ten_xa_day_du"], row["ten_huyen"]]
    units = tomllib.loads((DATA / "units.toml").read_text(encoding="utf-8"))
    for unit in units["units"]:
        texts += [unit["name"], unit["short"], *unit["aliases"]]
    catalog = load_catalog(DATA)
    texts += [i.label for i in catalog.indicators] + [i.group for i in catalog.indicators]
    texts += [c.label for choices in catalog.choice_lists.values() for c in choices]
    texts += [c.header for t in catalog.tables for c in t.columns]
    article = (ROOT / "tests/golden/article-2018.txt").read_text(encoding="utf-8")
    texts += [line for line in article.splitlines() if line.strip()]
    return texts


def test_unicode_vietnamese_is_never_taken_for_a_legacy_encoding():
    texts = _vietnamese_texts()
    assert len(texts) > 1000
    assert [t for t in texts if detect(t) is not None] == []


def _as_vntime_shows(text: str) -> str:
    """Return text as a ".VnTime" font can show it: capital toned letters come out small."""
    return "".join(
        c.lower() if c.isupper() and c not in TCVN3_CAPITALS and not c.isascii() else c
        for c in text
    )


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_names_typed_in_a_legacy_encoding_are_read_back_or_left_alone(encoding):
    names = sorted({t for t in _vietnamese_texts() if len(t) < 60})
    typed = {n: from_unicode(n, encoding) for n in names}
    typed = {n: t for n, t in typed.items() if t != n}
    read = {}
    for name, text in typed.items():
        found = detect(text)
        shown = _as_vntime_shows(name) if encoding == TCVN3 else name
        # Never read as something else; a name that is a Vietnamese word either way ("Hoàng"
        # is "Hồng" typed in VNI) is left as typed.
        assert found in (None, (encoding, shown)), (name, text, found)
        read[name] = found is not None
    assert len(read) > 500
    assert sum(read.values()) / len(read) > 0.9  # measured: TCVN3 96%, VNI 93%


def test_every_vietnamese_word_is_a_syllable():
    words = {
        w
        for text in _vietnamese_texts()
        for w in "".join(c if c.isalpha() else " " for c in text).split()
        if not w.isascii()
    }
    assert len(words) > 300
    assert sorted(w for w in words if not is_syllable(w)) == []


@pytest.mark.parametrize(
    "text",
    ["Café Hà Nội", "Zalo", "São Paulo", "Müller", "1.519", "19 500", "× 3", "Hoà Bình", "©"],
)
def test_other_text_is_left_alone(text):
    assert detect(text) is None
