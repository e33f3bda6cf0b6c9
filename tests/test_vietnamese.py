"""The Vietnamese formatting filters."""

import datetime as dt
from types import SimpleNamespace

import pytest

from reportgen.vietnamese import (
    by_unit,
    join_vi,
    long_date,
    measure,
    number,
    padded,
    percent,
    place_kind,
    short_date,
    words,
)


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (7, "7"), (1519, "1.519"), (19500, "19.500"), (12.5, "12,5")]
)
def test_number(value, text):
    assert number(value) == text


@pytest.mark.parametrize(
    ("value", "text"), [(0, "00"), (3, "03"), (10, "10"), (286, "286"), (3000, "3.000")]
)
def test_padded(value, text):
    assert padded(value) == text


def test_percent():
    assert percent(0.25) == "25%"
    assert percent(0.125, 1) == "12,5%"


def test_dates():
    assert short_date(dt.date(2018, 12, 2)) == "02/12/2018"
    assert long_date(dt.date(2018, 12, 2)) == "ngày 02 tháng 12 năm 2018"
    assert long_date(dt.date(2019, 2, 15)) == "ngày 15 tháng 02 năm 2019"
    assert long_date(dt.date(2019, 3, 5)) == "ngày 05 tháng 3 năm 2019"


@pytest.mark.parametrize(
    ("items", "text"),
    [([], ""), (["A"], "A"), (["A", "B"], "A và B"), (["A", "B", "C"], "A, B và C")],
)
def test_join_vi(items, text):
    assert join_vi(items) == text


def test_place_kind():
    xa, phuong = SimpleNamespace(kind="xã"), SimpleNamespace(kind="phường")
    assert place_kind([xa, xa]) == "xã"
    assert place_kind([phuong, xa]) == "xã, phường"
    assert place_kind([SimpleNamespace(kind="")]) == "xã, phường"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "không"),
        (3, "ba"),
        (10, "mười"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1005, "một nghìn không trăm linh năm"),
        (1519, "một nghìn năm trăm mười chín"),
        (2018, "hai nghìn không trăm mười tám"),
        (19500, "mười chín nghìn năm trăm"),
        (1_000_000, "một triệu"),
        (1_002_000, "một triệu không trăm linh hai nghìn"),
        (3_000_000_000, "ba tỷ"),
        (2_000_000_000_000, "hai nghìn tỷ"),
        (12.5, "12,5"),
    ],
)
def test_words(value, text):
    assert words(value) == text


def test_percent_rounds_halves_up():
    assert percent(0.125) == "13%"
    assert percent(1 / 3) == "33%"
    assert percent(2) == "200%"


def test_measure_names_the_shared_measure_word():
    lop = SimpleNamespace(measure="lớp")
    buoi = SimpleNamespace(measure="buổi")
    group = SimpleNamespace(type=buoi)
    assert measure([lop, lop]) == "lớp"
    assert measure([lop, group, lop]) == "lớp, buổi"
    assert measure(["tờ", "cuốn", "tờ"]) == "tờ, cuốn"
    assert measure([]) == ""


def test_by_unit_shares_one_bracket_per_unit():
    def place(name, unit):
        return SimpleNamespace(name=name, unit_short=unit)

    places = [place("An Ninh", "Quỳnh Phụ"), place("Đông Hoàng", "Tiền Hải")]
    places.append(place("Nam Thịnh", "Tiền Hải"))
    assert by_unit(places) == [
        ("Quỳnh Phụ", ["An Ninh"]),
        ("Tiền Hải", ["Đông Hoàng", "Nam Thịnh"]),
    ]
