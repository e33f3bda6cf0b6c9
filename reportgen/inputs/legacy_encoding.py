"""Recognise text typed in the legacy Vietnamese encodings TCVN3 (ABC) and VNI, and convert it.

Before Unicode, Vietnamese was typed with 8-bit fonts: TCVN3/ABC (".VnTime", TCVN 5712:1993,
table VN3) and VNI ("VNI-Times"). Excel stores what such a keyboard typed as the Windows-1252
characters of those bytes, so "Thái Bình" typed in TCVN3 arrives as "Th¸i B×nh" and in VNI as
"Thaùi Bình". The tables below are the published charts of both encodings (the ones Unikey and
the vietunicode project use); tests/test_legacy_encoding.py round-trips every Vietnamese letter
through each of them and compares them with an independent, corpus-derived table.

Detection works word by word and never guesses: text is taken as legacy only when some word is
not a Vietnamese syllable as it stands but becomes one once converted, and no converted word
stops being one. Text with any letter beyond Latin-1 (ơ, ư, đ, ạ…) is Unicode already.
"""

import functools
import re
import unicodedata

TCVN3 = "tcvn3"
VNI = "vni"

# --- TCVN3 (one byte per letter) -----------------------------------------------------------
_TCVN3_UNICODE = (
    "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ"
    "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ" "ĂÂĐÊÔƠƯ"
)  # fmt: skip
_TCVN3_BYTES = (
    "µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®" "ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé" "¬êíëìî"
    "ïóñòô" "\xadõøö÷ù" "úýûüþ" "¡¢§£¤¥¦"
)  # fmt: skip
TCVN3_TO_UNICODE: dict[str, str] = dict(zip(_TCVN3_BYTES, _TCVN3_UNICODE, strict=True))

# --- VNI (a base letter followed by one mark character) ------------------------------------
# Marks after a, e, o, u, y: sắc, huyền, hỏi, ngã, nặng.
_TONE_MARKS = "ùøûõï"
# Marks after a, e, o giving â, ê, ô: the circumflex alone, then with each tone.
_CIRCUMFLEX_MARKS = "âáàåãä"
# Marks after a giving ă: the breve alone, then with each tone.
_BREVE_MARKS = "êéèúüë"
_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng (order of the marks)


def _vni_entries() -> list[tuple[str, str]]:
    """Return (VNI sequence, Unicode letter) for every lowercase Vietnamese letter but a, e…"""
    entries = []

    def add(base_vni: str, base_unicode: str, marks: str, with_bare: bool) -> None:
        if with_bare:
            entries.append((base_vni + marks[0], base_unicode))
            marks = marks[1:]
        for mark, tone in zip(marks, _TONES, strict=True):
            entries.append((base_vni + mark, unicodedata.normalize("NFC", base_unicode + tone)))

    for vowel in "aeouy":
        add(vowel, vowel, _TONE_MARKS, False)
    add("a", "â", _CIRCUMFLEX_MARKS, True)
    add("e", "ê", _CIRCUMFLEX_MARKS, True)
    add("o", "ô", _CIRCUMFLEX_MARKS, True)
    add("a", "ă", _BREVE_MARKS, True)
    entries.append(("ô", "ơ"))
    add("ô", "ơ", _TONE_MARKS, False)
    entries.append(("ö", "ư"))
    add("ö", "ư", _TONE_MARKS, False)
    # i takes no mark: its toned forms are single characters; ỵ and đ too.
    entries += [("í", "í"), ("ì", "ì"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"), ("ñ", "đ")]
    entries = [(vni, uni) for vni, uni in entries if vni != "yï"]
    entries.append(("î", "ỵ"))  # ỵ is one character, not y + mark
    return entries


_VNI_LOWER = _vni_entries()
# Upper case: upper-case base and upper-case mark ("AÙ" is Á).
_VNI_UPPER = [(vni.upper(), uni.upper()) for vni, uni in _VNI_LOWER]
UNICODE_TO_VNI: dict[str, str] = {uni: vni for vni, uni in _VNI_LOWER + _VNI_UPPER if vni != uni}
VNI_TO_UNICODE: dict[str, str] = {vni: uni for uni, vni in UNICODE_TO_VNI.items()}
# Read leniently as well what some VNI keyboards type: a capital before a lower-case mark
# ("Aù"), "yï" for ỵ, and i followed by a tone mark ("iø") for the one-character ì, í, ỉ, ĩ, ị.
for _vni, _uni in _VNI_LOWER:
    if len(_vni) == 2 and _vni[0].isascii():
        VNI_TO_UNICODE.setdefault(_vni[0].upper() + _vni[1], _uni.upper())
VNI_TO_UNICODE.update({"yï": "ỵ", "YÏ": "Ỵ", "Yï": "Ỵ"})
for _mark, _tone in zip(_TONE_MARKS, _TONES, strict=True):
    for _i in "iI":
        _toned = unicodedata.normalize("NFC", _i + _tone)
        VNI_TO_UNICODE[_i + _mark] = _toned
        VNI_TO_UNICODE[_i + _mark.upper()] = _toned

UNICODE_TO_TCVN3: dict[str, str] = {uni: tcvn for tcvn, uni in TCVN3_TO_UNICODE.items()}
# TCVN3 has no upper-case toned letters: the ".VnTimeH" fonts draw the lower-case codes as
# capitals, so "Á" is typed as the code of "á".
for _tcvn, _uni in list(TCVN3_TO_UNICODE.items()):
    if _uni.upper() not in UNICODE_TO_TCVN3:
        UNICODE_TO_TCVN3[_uni.upper()] = _tcvn

_TABLES = {TCVN3: TCVN3_TO_UNICODE, VNI: VNI_TO_UNICODE}
_SURFACE = frozenset("".join(TCVN3_TO_UNICODE) + "".join(k[-1] for k in VNI_TO_UNICODE))
_WORD = re.compile(
    "(?:[^\\W\\d_]|[" + re.escape("".join(sorted(_SURFACE))) + "])+",
    re.UNICODE,
)

# --- what a Vietnamese syllable looks like -----------------------------------------------------
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# Vowel groups that end the syllable (their last letter is a glide).
_OPEN = (
    "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu "
    "ai ao au âu ay ây eo êu ia iu oi ôi ơi ui ưi ưu ua ưa"
).split()
# Vowel groups that may be followed by a final consonant; the starred ones must be.
_CLOSED = "uyê* iê* yê* uô* ươ* oă* uâ* oo* oa oe uê uy uơ ă* â* a e ê i o ô ơ u ư y".split()
_FINAL = "ng|nh|ch|c|m|n|p|t"
_NEEDS_FINAL = "|".join(v.rstrip("*") for v in _CLOSED if v.endswith("*"))
_MAY_END = "|".join(v for v in _CLOSED if not v.endswith("*"))
_SYLLABLE = re.compile(
    f"^(?:{_ONSET})?(?:(?:{'|'.join(_OPEN)})|(?:{_NEEDS_FINAL})(?:{_FINAL})"
    f"|(?:{_MAY_END})(?:{_FINAL})?)$"
)
_TONE_SET = frozenset(_TONES)


def is_syllable(word: str) -> bool:
    """Return True when a word is spelt like one Vietnamese syllable (any case, one tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_SET]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_SET))
    return bool(_SYLLABLE.match(base))


def to_unicode(text: str, encoding: str) -> str:
    """Convert text typed in TCVN3 or VNI to Unicode NFC."""
    table = _TABLES[encoding]
    converted = _WORD.sub(lambda m: _convert_word(m.group(), table), text)
    letters = [c for c in text if c.isascii() and c.isalpha()]
    capitals = any(sum(c.isascii() for c in w) > 1 for w in _WORD.findall(text))
    if encoding == TCVN3 and capitals and all(c.isupper() for c in letters):
        # Typed in a ".VnTimeH" capitals font, whose small-letter codes are drawn as capitals.
        # Only a text in capitals with a word of two capitals says so: "Hµ" is "Hà" as well
        # as "HÀ", and "Kú B¸" is "Kỳ Bá".
        converted = converted.upper()
    return converted


def from_unicode(text: str, encoding: str) -> str:
    """Write Unicode text as a TCVN3 or VNI keyboard would have typed it (for tests and docs)."""
    table = UNICODE_TO_TCVN3 if encoding == TCVN3 else UNICODE_TO_VNI
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _convert_word(word: str, table: dict[str, str]) -> str:
    out, i = [], 0
    while i < len(word):
        pair = word[i : i + 2]
        if len(pair) == 2 and pair in table:
            out.append(table[pair])
            i += 2
        else:
            out.append(table.get(word[i], word[i]))
            i += 1
    return unicodedata.normalize("NFC", "".join(out))


@functools.lru_cache(maxsize=8192)  # headers and labels repeat in every workbook
def detect(text: str) -> tuple[str, str] | None:
    """Return (encoding, text in Unicode) when text was typed in TCVN3 or VNI, else None."""
    if not any(ch in _SURFACE for ch in text):
        return None
    if any(ord(ch) > 0xFF and ch.isalpha() for ch in text):
        return None  # a letter only Unicode has: the text is Unicode already
    words = _WORD.findall(text)
    found = []
    for encoding, table in _TABLES.items():
        decisive, plausible = 0, True
        for word in words:
            converted = _convert_word(word, table)
            if converted == word:
                continue
            if not is_syllable(converted):
                plausible = False
                break
            # A lone sign ("×", "©") is too little to go on; a word of two or more is not.
            decisive += len(word) > 1 and not is_syllable(word)
        if plausible and decisive:
            converted = to_unicode(text, encoding)
            # When both readings fit, the wrong one has turned mark characters into spurious
            # tones ("Höng" is Hưng in VNI, Hửng in TCVN3): prefer the reading with fewer.
            tones = sum(c in _TONE_SET for c in unicodedata.normalize("NFD", converted))
            found.append((decisive, -tones, encoding, converted))
    found.sort(reverse=True)
    if not found or (len(found) > 1 and found[0][:2] == found[1][:2]):
        return None  # nothing to convert, or both encodings fit equally: leave the text alone
    return found[0][2], found[0][3]
