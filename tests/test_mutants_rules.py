"""The cross-field rules at the edges mutation testing (`make mutate`) found unguarded.

What is checked here is what a clerk or the catalog's editor reads: which rules a catalog
may declare and the message of each mistake, when a rule is evaluated and where its problem
points, and the two comparisons with the year before. The values are written out.
"""

import pytest

from reportgen.checks.cross_field import (
    Rule,
    YearOverYear,
    copied_rows,
    evaluate,
    parse_rules,
    parse_side,
    parse_year_over_year,
    year_over_year,
)
from reportgen.checks.records import Place, Row, Submission
from reportgen.declared.catalog import Choice
from reportgen.declared.units import Unit
from reportgen.fact_table import Fact
from reportgen.problems import ERROR, WARNING, Problem

PATH = "data/catalog.toml"
CODES = {"a", "b", "c"}
WHERE = ("x.xlsx", "Chỉ tiêu", "342")
UNIT = Unit("340", "huyện", "Đông Hưng", "Đông Hưng", (), 1990, 9999)
OTHER = Unit("341", "huyện", "Thái Thụy", "Thái Thụy", (), 1990, 9999)
TAP_HUAN = Choice("tap_huan", "Lớp tập huấn")
HOI_NGHI = Choice("hoi_nghi", "Hội nghị tuyên truyền")


def entry(**changes) -> dict:
    return {"name": "a_le_b", "description": "a phải ≤ b", "left": "a", "operator": "<="} | {
        "right": "b",
        **changes,
    }


# --- declaring rules ---


def test_a_side_is_a_sum_with_or_without_spaces():
    assert parse_side("a + b + 3") == ("a", "b", "3")
    assert parse_side("a+b") == ("a", "b")
    assert parse_side("a - 1") is None


def test_a_rule_without_severity_or_missing_is_an_error_skipped_when_a_value_is_blank():
    rules, errors = parse_rules([entry()], PATH, CODES, {})
    assert errors == []
    assert rules == (
        Rule("a_le_b", "a phải ≤ b", ("a",), "<=", ("b",), ERROR, "skip_if_any_missing", ""),
    )


def test_a_declared_severity_and_missing_strategy_are_kept():
    rules, _ = parse_rules([entry(severity="warning", missing="never_skip")], PATH, CODES, {})
    assert [(r.severity, r.missing) for r in rules] == [(WARNING, "never_skip")]


def test_every_entry_is_checked_after_one_that_is_not_a_table_or_names_no_sheet():
    entries = ["a_le_b", entry(table="vu_viec"), entry(operator="=<")]
    rules, errors = parse_rules(entries, PATH, CODES, {"cases": {"offenders"}})
    assert rules == ()
    assert errors == [
        f'{PATH} [[rules]] #1: thiếu hoặc sai kiểu trường "name".',
        f'{PATH} [[rules]] #2: không có trang dòng nào có khóa "vu_viec" (xem [[tables]]).',
        f'{PATH} [[rules]] #3: "operator" phải là một trong: == != < <= > >=.',
    ]


def test_an_empty_description_and_a_built_in_name_are_refused():
    entries = [entry(description=""), entry(name="year_over_year")]
    _, errors = parse_rules(entries, PATH, CODES, {})
    assert errors == [
        f'{PATH} [[rules]] #1: thiếu hoặc sai kiểu trường "description".',
        f'{PATH} [[rules]] #2: tên quy tắc "year_over_year" trùng với mã một quy tắc có sẵn '
        "của chương trình (xem docs/kiem-tra.md) — hãy đặt tên khác.",
    ]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"factor": 5}, YearOverYear(5.0, 0)),
        ({"factor": 2, "min_value": 0}, YearOverYear(2.0, 0)),
        ({"factor": 1.5, "min_value": 60}, YearOverYear(1.5, 60)),
        ({"factor": 1, "min_value": 0}, None),
        ({"factor": True}, None),
        ({"factor": 5, "min_value": -1}, None),
        ({"factor": 5, "min_value": True}, None),
        ({"factor": 5, "min_value": 2.5}, None),
    ],
)
def test_the_year_over_year_factor_must_exceed_1_and_the_minimum_be_a_whole_number(table, expected):
    message = (
        f"{PATH} [year_over_year]: factor phải là một số lớn hơn 1 và min_value một số nguyên ≥ 0."
    )
    assert parse_year_over_year(table, PATH) == (expected, [] if expected else [message])


# --- evaluating a rule ---


def rule(**changes) -> Rule:
    return Rule("a_gt_b", "a phải > b", ("a",), ">", ("b",), **changes)


def test_every_value_blank_skips_only_a_rule_that_says_so():
    blank = {"a", "b"}
    assert evaluate(rule(missing="skip_if_all_missing"), {}, blank, {}, WHERE) is None
    problem = evaluate(rule(missing="never_skip"), {}, blank, {"a": "D3"}, WHERE)
    assert problem.message == "a phải > b, nhưng ô D3 là 0, ô b là 0 — hãy kiểm tra lại."


def test_a_rule_on_values_without_cells_names_its_keys_and_points_at_no_cell():
    problem = evaluate(rule(), {"a": 1, "b": 2}, set(), {}, WHERE)
    assert problem == Problem(
        ERROR,
        "x.xlsx",
        "Chỉ tiêu",
        "",
        "1",
        "a_gt_b",
        "a phải > b, nhưng ô a là 1, ô b là 2 — hãy kiểm tra lại.",
        "342",
    )


# --- a figure far from the unit's own year before ---


def unit_year(year, unit=UNIT, **indicators) -> Submission:
    return Submission(f"{unit.code}-{year}.xlsx", unit, year, "", "", indicators=indicators)


def warnings(now, before, rule) -> list[tuple[str, str]]:
    return [(p.unit, p.message) for p in year_over_year(now, before, rule, 2018)]


def test_a_new_indicator_is_not_compared_and_the_next_one_still_is():
    now = [unit_year(2018, moi=3, a=100)]
    before = [unit_year(2017, a=2)]
    assert warnings(now, before, YearOverYear(5.0, 0)) == [
        (
            "340",
            "100, năm 2017 là 2 — tăng hơn 5 lần; hãy kiểm tra lại, nếu đúng thì không cần sửa.",
        )
    ]


def test_a_jump_is_more_than_factor_times_from_the_minimum_value_on():
    now = [unit_year(2018, a=60, b=1105, c=8), unit_year(2018, OTHER, a=59)]
    before = [unit_year(2017, a=0, b=221, c=0), unit_year(2017, OTHER, a=0)]
    sixty = "60, năm 2017 là 0 — tăng hơn 5 lần; hãy kiểm tra lại, nếu đúng thì không cần sửa."
    # 0 -> 60 reaches the minimum of 60; 0 -> 59 does not; 221 -> 1105 is exactly 5 times
    assert warnings(now, before, YearOverYear(5.0, 60)) == [("340", sixty)]
    assert warnings(now, before, YearOverYear(5.0, 0)) == [
        ("340", sixty),
        ("340", "8, năm 2017 là 0 — tăng hơn 5 lần; hãy kiểm tra lại, nếu đúng thì không cần sửa."),
        (
            "341",
            "59, năm 2017 là 0 — tăng hơn 5 lần; hãy kiểm tra lại, nếu đúng thì không cần sửa.",
        ),
    ]


def test_a_factor_with_a_decimal_is_said_with_it_and_a_period_is_compared_with_the_same_period():
    fact = Fact(2018, "6-thang", "340", "", "", "a", 30, "340.xlsx", "Chỉ tiêu", "D4", 4)
    now = [Submission("340.xlsx", UNIT, 2018, "", "", facts=(fact,))]
    before = [unit_year(2017, a=10)]
    assert warnings(now, before, YearOverYear(2.5, 0)) == [
        (
            "340",
            "30, cùng kỳ năm 2017 là 10 — tăng hơn 2,5 lần; hãy kiểm tra lại, nếu đúng thì "
            "không cần sửa.",
        )
    ]


# --- a row sheet sent again unchanged ---


def activity(kind, commune, sessions, row) -> Row:
    values = {"type": kind, "topic": "Luật", "commune": commune, "sessions": sessions}
    return Row(values, f"f{row}.xlsx", "Hoạt động", row, {"type": f"A{row}", "topic": f"B{row}"})


def test_rows_that_differ_only_by_a_number_a_choice_or_a_commune_are_not_a_copy():
    an_ninh, dong_ha = Place("An Ninh", "xã", UNIT), Place("Đông Hà", "xã", UNIT)
    before = unit_year(2017)
    before.rows["activities"] = [activity(TAP_HUAN, an_ninh, 2, 4)]
    for changed in (
        activity(TAP_HUAN, an_ninh, 3, 4),
        activity(HOI_NGHI, an_ninh, 2, 4),
        activity(TAP_HUAN, dong_ha, 2, 4),
    ):
        now = unit_year(2018)
        now.rows["activities"] = [changed]
        assert copied_rows([now], [before], 2018) == []


def test_a_dash_where_the_year_before_was_blank_is_still_the_same_row():
    before, now = unit_year(2017), unit_year(2018)
    before.rows["activities"] = [activity(TAP_HUAN, None, 2, 4)]
    now.rows["activities"] = [activity(TAP_HUAN, None, 2, 4)]
    before.rows["activities"][0].values["audience"] = None
    now.rows["activities"][0].values["audience"] = "-"
    assert [(p.rule, p.cell) for p in copied_rows([now], [before], 2018)] == [("copied_rows", "A4")]


def test_a_sheet_copied_from_the_year_before_is_pointed_at_its_first_row():
    an_ninh = Place("An Ninh", "xã", UNIT)
    rows = [activity(TAP_HUAN, an_ninh, 2, 4), activity(HOI_NGHI, None, 1, 5)]
    by_hand = Row({"title": "Tờ gấp", "measure": "tờ", "quantity": 500}, "", "Ấn phẩm", 2)
    before = unit_year(2017)
    before.rows |= {"cases": [], "activities": rows, "publications": [by_hand]}
    now = unit_year(2018)
    now.rows |= {"cases": [], "activities": rows[::-1], "publications": [by_hand]}
    said = (
        "cả {n} dòng của trang giống hệt số liệu năm 2017 của đơn vị (tệp 340-2017.xlsx) — "
        "có phải số liệu năm trước? Nếu vậy, hãy thay bằng số liệu năm 2018; nếu đúng là số "
        "liệu năm nay, bỏ qua cảnh báo này."
    )
    assert copied_rows([now], [before], 2018) == [
        Problem(
            WARNING,
            "340-2018.xlsx",
            "Hoạt động",
            "A5",
            "",
            "copied_rows",
            said.format(n=2),
            "340",
        ),
        Problem(
            WARNING, "340-2018.xlsx", "Ấn phẩm", "", "", "copied_rows", said.format(n=1), "340"
        ),
    ]
