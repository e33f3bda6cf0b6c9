"""The narrative filters at the edges mutation testing (`make mutate`) found unguarded.

Each test names what a reader of the report would see change; the values are written out.
"""

from types import SimpleNamespace

import pytest

from reportgen.vietnamese import padded, rate, times, unit_kinds, words


@pytest.mark.parametrize(
    ("value", "width", "text"),
    [
        (7, 3, "007"),
        (99, 3, "099"),
        (100, 3, "100"),
        (30, 4, "0030"),
        (999, 4, "0999"),
        (1000, 4, "1.000"),
    ],
)
def test_a_wider_padding_pads_only_below_its_power_of_ten(value, width, text):
    assert padded(value, width) == text


def test_no_change_reads_0_percent_and_a_twentieth_of_a_percent_rounds_up_to_0_1():
    assert rate(0) == "0%"
    assert rate(0.0005) == "0,1%"
    assert rate(0.0004) == "dưới 0,1%"


def test_from_ten_times_on_only_the_whole_part_is_said():
    assert times(21, 2) == "hơn 10"  # 10,5 times
    assert times(19, 2) == "9,5"


def test_a_ratio_that_rounds_up_to_a_whole_number_is_said_as_that_number():
    assert times(199, 20) == "10"  # 9,95 times
    assert times(41, 20) == "2,1"  # 2,05 times
    assert times(401, 200) == "hơn 2"  # 2,005 times, shown as 2,0


def test_the_most_common_kind_of_unit_is_named_first_not_the_first_in_the_alphabet():
    units = [SimpleNamespace(kind=k) for k in ("huyện", "thành phố", "thành phố")]
    assert unit_kinds(units) == "thành phố, huyện"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (11, "mười một"),  # "mốt" only after "mươi": 21 is "hai mươi mốt"
        (1000, "một nghìn"),
        (-3, "âm ba"),
        (-1519, "âm một nghìn năm trăm mười chín"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (1_000_000_000_005, "một nghìn tỷ không trăm linh năm"),
        (1_000_002_000_000, "một nghìn tỷ không trăm linh hai triệu"),
    ],
)
def test_words_at_the_edges_of_each_scale(value, text):
    assert words(value) == text
