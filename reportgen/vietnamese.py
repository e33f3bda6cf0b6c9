"""Vietnamese number, date and list formatting for templates (Babel's CLDR data underneath).

Each function is registered as a Jinja filter under the name in FILTERS.
"""

import datetime as dt
import decimal
from collections.abc import Iterable

from babel.numbers import format_decimal, format_percent

LOCALE = "vi"


def number(value) -> str:
    """Format a number the Vietnamese way: 1519 -> "1.519", 12.5 -> "12,5"."""
    if isinstance(value, int) and not isinstance(value, bool):
        # Exact at any size: Babel's decimal context fails from 10^25 (a mistyped count).
        return f"{value:,}".replace(",", ".")
    return format_decimal(value, locale=LOCALE)


def padded(value: int, width: int = 2) -> str:
    """Zero-pad a small count as these reports do: 3 -> "03"; 12 -> "12"; 1519 -> "1.519"."""
    if 0 <= value < 10 ** (width - 1):
        return str(value).zfill(width)
    return number(value)


def percent(value: float, decimals: int = 0) -> str:
    """Format a ratio as a percentage: 0.25 -> "25%"; 0.125 -> "13%"; decimals=1 -> "12,5%".

    Halves round up, as people round by hand (Babel alone would round half to even).
    """
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return format_percent(decimal.Decimal(str(value)), format=pattern, locale=LOCALE)


def rate(value: float) -> str:
    """Format a change as a percentage with one decimal at most: 0.125 -> "12,5%"; 0.5 -> "50%".

    A change too small to show as 0,1% reads "dưới 0,1%", never "0%": it is not none.
    """
    if 0 < value < 0.0005:
        return "dưới " + percent(0.001, 1)
    text = percent(value, 1)
    return text.replace(",0%", "%")


def times(now: int, before: int) -> str:
    """Say how many times `before` fits in `now`, for "gấp … lần": 10/4 -> "2,5"; 211/4 -> "hơn 52".

    From ten times on, a writer gives the whole part ("gấp hơn 52 lần"); below, one decimal.
    """
    whole, rest = divmod(now, before)
    if rest == 0:
        return number(whole)
    if whole >= 10:
        return "hơn " + number(whole)
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        tenths = (decimal.Decimal(now) / decimal.Decimal(before)).quantize(decimal.Decimal("0.1"))
    if tenths == tenths.to_integral_value():
        return "hơn " + number(whole) if tenths == whole else number(int(tenths))
    return format_decimal(tenths, format="#,##0.0", locale=LOCALE)


def short_date(value: dt.date) -> str:
    """Format a date as "02/12/2018"."""
    return value.strftime("%d/%m/%Y")


def long_date(value: dt.date) -> str:
    """Format a date as Nghị định 30/2020 writes it: "ngày 02 tháng 12 năm 2018".

    The day is padded below 10; the month is padded only for 1 and 2.
    """
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def join_vi(items: Iterable, sep: str = ", ", last: str = " và ") -> str:
    """Join a list the Vietnamese way: ["A", "B", "C"] -> "A, B và C"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return sep.join(items[:-1]) + last + items[-1]


_PLACE_KINDS = ("xã", "phường", "thị trấn")


def place_kind(places) -> str:
    """Name the kind shared by several places: "xã"; "xã, phường" when they are mixed."""
    kinds = set()
    for place in places:
        kinds |= {place.kind} if place.kind in _PLACE_KINDS else {"xã", "phường"}
    return ", ".join(k for k in _PLACE_KINDS if k in kinds)


def unit_kinds(units) -> str:
    """Name the kinds of several units, the most common first: "huyện, thành phố"; "xã, phường"."""
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.kind] = counts.get(unit.kind, 0) + 1
    return ", ".join(sorted(counts, key=lambda kind: -counts[kind]))


def by_unit(places) -> list[tuple[str, list[str]]]:
    """Group places under their unit's short name, keeping the order they come in.

    [Phú Xuân (Thành phố), Đông Hoàng (Tiền Hải), Nam Thịnh (Tiền Hải)] ->
    [("Thành phố", ["Phú Xuân"]), ("Tiền Hải", ["Đông Hoàng", "Nam Thịnh"])]
    """
    groups: dict[str, list[str]] = {}
    for place in places:
        groups.setdefault(place.unit_short, []).append(place.name)
    return list(groups.items())


def measure(items) -> str:
    """Name the measure word shared by counted things: "lớp"; "lớp, buổi" when they differ.

    Each item is an activity type (with .measure), or anything with .type.measure
    (an activity group), or a plain string; first seen first.
    """
    words: list[str] = []
    for item in items:
        word = item if isinstance(item, str) else getattr(item, "measure", None)
        if word is None:
            word = item.type.measure
        if word and word not in words:
            words.append(word)
    return ", ".join(words)


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", " nghìn", " triệu", " tỷ")


def _below_hundred(n: int) -> str:
    tens, unit = divmod(n, 10)
    if tens == 0:
        return _DIGITS[unit]
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 5:
        return f"{head} lăm"
    if unit == 1 and tens > 1:
        return f"{head} mốt"
    if unit == 4 and tens > 1:
        return f"{head} tư"
    return f"{head} {_DIGITS[unit]}"


def _below_thousand(n: int, full: bool) -> str:
    """Say 0 < n < 1000; `full` says "không trăm" for a group that follows a higher one."""
    hundreds, rest = divmod(n, 100)
    if hundreds == 0 and not full:
        return _below_hundred(rest)
    head = f"{_DIGITS[hundreds]} trăm"
    if rest == 0:
        return head
    if rest < 10:
        return f"{head} linh {_DIGITS[rest]}"
    return f"{head} {_below_hundred(rest)}"


def words(value: int) -> str:
    """Say a whole number in Vietnamese words, as written in documents of the North.

    3 -> "ba"; 15 -> "mười lăm"; 21 -> "hai mươi mốt"; 24 -> "hai mươi tư";
    105 -> "một trăm linh năm"; 2018 -> "hai nghìn không trăm mười tám".
    A number that is not whole is written in figures instead ("12,5").
    """
    if value != int(value):
        return number(value)
    n = int(value)
    if n < 0:
        return "âm " + words(-n)
    if n < 1000:
        return _below_thousand(n, full=False) if n else _DIGITS[0]
    if n >= 1000**4:
        # Past the billions, Vietnamese says "nghìn tỷ", "triệu tỷ": repeat the scale.
        high, low = divmod(n, 1000**3)
        return f"{words(high)} tỷ" + (f" {_groups(low, full=True)}" if low else "")
    return _groups(n, full=False)


def _groups(n: int, full: bool) -> str:
    """Say 0 < n < 10**12 group by group, skipping groups that are zero."""
    parts, groups = [], []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    for i in range(len(groups) - 1, -1, -1):
        if groups[i]:
            first = not parts and not full
            parts.append(_below_thousand(groups[i], full=not first) + _GROUPS[i])
    return " ".join(parts)


FILTERS = {
    "number": number,
    "padded": padded,
    "percent": percent,
    "rate": rate,
    "times": times,
    "short_date": short_date,
    "long_date": long_date,
    "join_vi": join_vi,
    "place_kind": place_kind,
    "by_unit": by_unit,
    "unit_kinds": unit_kinds,
    "measure": measure,
    "words": words,
}
