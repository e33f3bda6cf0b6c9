"""Properties of the parsers of numbers, names and text, for any input (hypothesis).

`make test` tries a hundred inputs per property, `make fuzz` thousands (HYPOTHESIS_PROFILE).
"""

import datetime as dt
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from hypothesis import assume, example, given
from hypothesis import strategies as st

from reportgen import workbook_layout as layout
from reportgen.checks.cells import parse_count
from reportgen.checks.rule_table import NEGATIVE, NOT_WHOLE, NUMBER_AS_TEXT
from reportgen.declared.settings import read_settings
from reportgen.inputs import prescan, xml_scan
from reportgen.names import collation_key, fold, name_key, name_variants
from reportgen.vietnamese import long_date, number, padded, percent

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng
VOWELS = set("aăâeêioôơuưy")


@st.composite
def syllables(draw) -> str:
    """A Vietnamese-looking syllable: letters of the alphabet, at most one tone, NFC."""
    letters = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=6))
    tone = draw(st.sampled_from(["", *TONES]))
    vowel = next((i for i, c in enumerate(letters) if c in VOWELS), None)
    if tone and vowel is not None:
        letters = letters[: vowel + 1] + tone + letters[vowel + 1 :]
    return unicodedata.normalize("NFC", letters)


names = st.lists(syllables(), min_size=1, max_size=4).map(" ".join)
cased_names = st.tuples(names, st.sampled_from([str.lower, str.title, str.upper])).map(
    lambda pair: pair[1](pair[0])
)
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.datetimes(),
    st.dates(),
    st.binary(max_size=20),
)


# --- parse_count ------------------------------------------------------------------------------


def _consistent(result) -> None:
    value, error, warning = result
    assert (value is None) == (error is not None)
    assert warning is None or value is not None
    assert value is None or (isinstance(value, int) and value >= 0)


@given(anything)
@example("9" * 5000)
@example("1" + ".000" * 1500)
@example(float("inf"))
@example(float("nan"))
@example(1e308)
def test_parse_count_never_raises_and_is_consistent(value):
    _consistent(parse_count(value))


@given(st.text(alphabet="0123456789 .,-\u00a0", max_size=40))
def test_a_count_read_from_text_keeps_its_digits(text):
    value, _, _ = result = parse_count(text)
    _consistent(result)
    if value is not None:
        assert value == int(re.sub(r"\D", "", text))


@given(st.integers(min_value=0, max_value=10**15))
def test_counts_read_back_whatever_form_they_were_typed_in(n):
    assert parse_count(n) == (n, None, None)
    assert parse_count(float(n)) == (n, None, None) or n > 2**53
    assert parse_count(str(n)) == (n, None, NUMBER_AS_TEXT)
    assert parse_count(number(n)) == (n, None, NUMBER_AS_TEXT)  # "1.519", as the report writes
    assert parse_count(number(n).replace(".", " ")) == (n, None, NUMBER_AS_TEXT)


@given(st.integers(min_value=-(10**15), max_value=-1))
def test_negative_counts_are_refused(n):
    assert parse_count(n) == (None, NEGATIVE, None)
    assert parse_count(str(n)) == (None, NEGATIVE, None)


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer()))
def test_fractions_are_refused(x):
    assert parse_count(x) == (None, NOT_WHOLE, None)


# --- names ------------------------------------------------------------------------------------


@given(st.text())
def test_keys_of_any_text_ignore_its_unicode_form_and_surrounding_spaces(text):
    assert fold(fold(text)) == fold(text)
    for variant in (unicodedata.normalize("NFD", text), unicodedata.normalize("NFC", text)):
        assert fold(variant) == fold(text)
        assert name_key(variant) == name_key(text)
        assert collation_key(variant) == collation_key(text)
    assert name_key(f" {text}\t") == name_key(text)
    assert "." not in name_key(text) and name_key(text) == name_key(text).strip()


@given(cased_names)
def test_fold_ignores_case_diacritics_and_unicode_form(name):
    key = fold(name)
    assert key.isascii()
    assert key == fold(name.lower()) == fold(unicodedata.normalize("NFD", name))
    assert key == fold(f"  {name.replace(' ', '   ')} ")


@given(cased_names)
def test_name_variants_hold_the_typed_name_and_its_key(name):
    variants = name_variants(name)
    assert variants[0] == fold(name).replace(".", "").strip()
    assert name_key(name) in variants
    assert len(variants) == len(set(variants))


@given(names, st.sampled_from(["Xã", "Phường", "Thị trấn", "Huyện", "Thành phố", "TP.", "TX."]))
def test_an_administrative_prefix_does_not_change_a_names_key(name, prefix):
    assume(name_key(name) == fold(name).replace(".", ""))  # the name itself has no prefix
    assert name_key(f"{prefix} {name}") == name_key(name)


@given(cased_names)
def test_collation_ignores_case_and_unicode_form(name):
    key = collation_key(name)
    assert key == collation_key(name.lower()) == collation_key(unicodedata.normalize("NFD", name))


@given(st.sampled_from(ALPHABET), st.sampled_from(ALPHABET), syllables(), syllables())
def test_collation_follows_the_vietnamese_alphabet_before_tones(a, b, rest_a, rest_b):
    assume(a != b)
    first, second = sorted([a, b], key=ALPHABET.index)
    # The first letter decides, whatever tones and letters follow.
    assert collation_key(first + rest_a) < collation_key(second + rest_b)


@given(syllables())
def test_a_toneless_syllable_sorts_before_its_toned_forms(syllable):
    bare = "".join(c for c in unicodedata.normalize("NFD", syllable) if c not in TONES)
    assume(any(c in VOWELS for c in unicodedata.normalize("NFC", bare)))
    assert collation_key(unicodedata.normalize("NFC", bare)) <= collation_key(syllable)


# --- cells, formats, settings, workbook bytes -------------------------------------------------


@given(st.integers(min_value=0, max_value=16_383), st.integers(min_value=0, max_value=1_048_575))
def test_cell_references_round_trip(col, row):
    ref = layout.cell_ref(row, col)
    assert xml_scan._column_number(ref, -1) == col + 1
    assert layout.column_index(layout.column_letter(col)) == col
    assert int(re.sub(r"^[A-Z]+", "", ref)) == row + 1


@given(st.integers())
def test_numbers_are_grouped_by_dots(n):
    text = number(n)
    assert text.replace(".", "") == str(n)
    assert re.fullmatch(r"-?\d{1,3}(\.\d{3})*", text)


@given(st.integers(min_value=0))
def test_padded_counts_have_two_digits_at_least_and_read_back(n):
    text = padded(n)
    assert re.fullmatch(r"\d{2,3}|\d{1,3}(\.\d{3})+", text)
    assert int(text.replace(".", "")) == n
    assert text.startswith("0") == (n < 10)  # a leading zero only where it pads
    assert len(text) == 2 or n >= 100


@given(st.floats(min_value=0, max_value=10), st.integers(min_value=0, max_value=3))
def test_a_percentage_has_the_decimals_asked_for_and_is_within_half_a_step(ratio, decimals):
    text = percent(ratio, decimals)
    fraction = rf",\d{{{decimals}}}" if decimals else ""
    assert re.fullmatch(rf"\d{{1,3}}(\.\d{{3}})*{fraction}%", text), text
    shown = float(text[:-1].replace(".", "").replace(",", "."))
    assert abs(shown - ratio * 100) <= 0.5 * 10**-decimals + 1e-9


@given(st.dates())
def test_long_dates_read_back(day):
    found = re.fullmatch(r"ngày (\d\d) tháng (\d+) năm (\d+)", long_date(day))
    assert found and dt.date(int(found[3]), int(found[2]), int(found[1])) == day


_TOML_VALUES = st.one_of(
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat()),
    st.times().map(lambda t: t.isoformat()),
    st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.integers().map(str),
    st.just("[1, 2]"),
    st.just("{ a = 1 }"),
    st.text(max_size=20),
)


@given(st.one_of(st.binary(max_size=200), st.tuples(_TOML_VALUES, _TOML_VALUES)))
def test_any_settings_file_gives_settings_or_problems(content):
    if isinstance(content, tuple):
        content = f"date = {content[0]}\nauthor = {content[1]}\n".encode()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "2018").mkdir()
        (Path(tmp) / "2018" / "bao-cao.toml").write_bytes(content)
        settings, problems = read_settings(Path(tmp), 2018)
    assert settings.date is None or type(settings.date) is dt.date
    assert isinstance(settings.author, str)
    assert (settings.date is None) <= bool(problems)
    assert all(p.file == "2018/bao-cao.toml" and p.message for p in problems)


_RULES = {"file_too_large", "too_many_members", "zip_bomb", "xml_entities", "too_many_cells"}
_RULES |= {"declared_count", "unreadable"}


@given(st.binary(max_size=300), st.sampled_from([".xlsx", ".ods", ".xls"]))
def test_the_limit_scan_takes_any_bytes(content, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / f"x{suffix}"
        raw.write_bytes(content)
        if not zipfile.is_zipfile(raw) and not content.startswith(b"\xd0\xcf\x11\xe0"):
            # Neither a zip nor an OLE file: small, so the reader alone may refuse it.
            assert prescan.check_limits(raw) is None
        zipped = Path(tmp) / f"z{suffix}"
        with zipfile.ZipFile(zipped, "w") as archive:
            archive.writestr("xl/worksheets/sheet1.xml", content)
            archive.writestr("content.xml", b"<a>" + content)
        refusal = prescan.check_limits(zipped)
        if refusal is not None:  # a known rule, said in Vietnamese
            assert refusal.rule in _RULES
            assert refusal.message and unicodedata.is_normalized("NFC", refusal.message)
        if suffix == ".xls":  # a zip named .xls is not scanned as a zip
            assert refusal is None
