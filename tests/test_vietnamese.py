"""The Vietnamese formatting filters."""

import datetime as dt
from types import SimpleNamespace

import pytest

from reportgen.vietnamese import join_vi, long_date, number, padded, percent, place_kind, short_date


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
