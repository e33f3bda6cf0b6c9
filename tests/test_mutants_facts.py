"""The fact table at the edges mutation testing (`make mutate`) found unguarded.

What is checked here reaches the user as the hover split of a figure, the order and the
cells of nguon-so-lieu.csv, and the facts the analysts' export lists; values written out.
"""

from reportgen.checks.records import Place, Row, Submission
from reportgen.declared.catalog import Choice, Column, Table
from reportgen.declared.units import Unit
from reportgen.fact_table import (
    Fact,
    Figure,
    group_key,
    indicator_facts,
    row_facts,
    submission_facts,
)

UNIT = Unit("340", "huyện", "Đông Hưng", "Đông Hưng", (), 1990, 9999)
TAP_HUAN = Choice("tap_huan", "Lớp tập huấn")
ACTIVITIES = Table(
    key="activities",
    sheet="Hoạt động",
    doc="",
    columns=(
        Column("type", "Loại hoạt động", "choice", True, choices="activity_types"),
        Column("sessions", "Số lớp/buổi", "integer", True),
        Column("participants", "Số người tham dự", "integer", True),
    ),
    group=("type",),
)


def fact(unit: str, value: int, file: str = "f.xlsx", cell: str = "D9") -> Fact:
    row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return Fact(2018, "nam", unit, "", "", "a", value, file, "Chỉ tiêu", cell, row)


def test_a_figure_lists_its_cells_file_by_file_then_row_by_row_then_column_by_column():
    cells = [("b.xlsx", "D10"), ("b.xlsx", "AA9"), ("b.xlsx", "D9"), ("a.xlsx", "D12")]
    cells.append(("b.xlsx", "C9"))
    figure = Figure("a", "A", [fact("340", 1, file, cell) for file, cell in cells], {})
    assert [(f.file, f.cell) for f in figure.facts] == [
        ("a.xlsx", "D12"),
        ("b.xlsx", "C9"),
        ("b.xlsx", "D9"),
        ("b.xlsx", "AA9"),
        ("b.xlsx", "D10"),
    ]


def test_the_hover_split_sums_each_units_part_and_leaves_out_a_part_of_0():
    units = {"336": "Thành phố", "338": "Quỳnh Phụ", "340": "Đông Hưng"}
    facts = [fact("340", 4), fact("336", 3), fact("338", 0), fact("336", 2, cell="D10")]
    figure = Figure("a", "A", facts, units)
    assert figure == 9
    assert figure.by_unit() == [("Thành phố", 5), ("Đông Hưng", 4)]


def test_a_blank_a_commune_and_a_whole_number_each_have_their_own_part_of_the_group_key():
    place = Place("Phú  Xuân", "phường", UNIT)
    assert group_key(("type", "topic"), {"type": TAP_HUAN, "topic": None}) == "tap_huan\n"
    assert group_key(("type", "commune"), {"type": TAP_HUAN, "commune": place}) == (
        "tap_huan\nphu xuan"
    )
    # a catalog may group by a whole-number column: 5 and 7 are two lines, not one sum
    five = group_key(("title", "quantity"), {"title": "Bản tin", "quantity": 5})
    seven = group_key(("title", "quantity"), {"title": "Bản tin", "quantity": 7})
    assert (five, seven) == ("ban tin\n5", "ban tin\n7")


def test_an_indicator_fact_keeps_a_sheet_name_with_an_exclamation_mark_and_a_missing_cell():
    cells = {"a": "Số liệu!2018!D9"}
    assert list(indicator_facts(2018, "340", "340.xlsx", {"a": 3, "b": 4}, cells)) == [
        Fact(2018, "nam", "340", "", "", "a", 3, "340.xlsx", "Số liệu!2018", "D9", 9),
        Fact(2018, "nam", "340", "", "", "b", 4, "340.xlsx", "", "", 0),
    ]


def test_a_blank_number_gives_no_fact_and_a_number_without_a_cell_gives_an_empty_cell():
    checked = Row({"type": TAP_HUAN, "sessions": 2, "participants": None}, "f.xlsx", "HĐ", 4)
    checked.cells.update({"sessions": "D4", "participants": "E4"})
    by_hand = Row({"type": TAP_HUAN, "sessions": 1, "participants": 30}, "f.xlsx", "HĐ", 5)
    facts = list(row_facts(2018, "340", [ACTIVITIES], {"activities": [checked, by_hand]}))
    assert facts == [
        Fact(2018, "nam", "340", "activities", "tap_huan", "rows", 1, "f.xlsx", "HĐ", "", 4),
        Fact(2018, "nam", "340", "activities", "tap_huan", "sessions", 2, "f.xlsx", "HĐ", "D4", 4),
        Fact(2018, "nam", "340", "activities", "tap_huan", "rows", 1, "f.xlsx", "HĐ", "", 5),
        Fact(2018, "nam", "340", "activities", "tap_huan", "sessions", 1, "f.xlsx", "HĐ", "", 5),
        Fact(
            2018, "nam", "340", "activities", "tap_huan", "participants", 30, "f.xlsx", "HĐ", "", 5
        ),
    ]


def test_a_submission_made_by_hand_gives_facts_of_its_year_unit_and_file():
    row = Row({"type": TAP_HUAN, "sessions": 2, "participants": 40}, "340.xlsx", "HĐ", 3)
    sub = Submission("340.xlsx", UNIT, 2018, "", "", indicators={"a": 3})
    sub.cells["a"] = "Chỉ tiêu!D9"
    sub.rows["activities"] = [row]
    where = [(f.year, f.unit, f.file, f.key, f.value) for f in submission_facts(sub, [ACTIVITIES])]
    assert where == [
        (2018, "340", "340.xlsx", "a", 3),
        (2018, "340", "340.xlsx", "rows", 1),
        (2018, "340", "340.xlsx", "sessions", 2),
        (2018, "340", "340.xlsx", "participants", 40),
    ]
