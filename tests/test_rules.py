"""Cross-field rules declared in catalog.toml: checked per workbook or per row, mistakes listed."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.checks.cross_field import Rule, evaluate
from reportgen.declared.catalog import load_catalog
from reportgen.errors import ConfigError
from reportgen.pipeline import check_year
from reportgen.problems import Problem

WHERE = ("x.xlsx", "Chỉ tiêu", "342")
CELLS = {"a": "D3", "b": "D4", "c": "D5"}


def rule(**changes) -> Rule:
    fields = dict(
        name="a_le_b",
        description="a phải ≤ b",
        left=("a",),
        operator="<=",
        right=("b",),
    )
    return Rule(**(fields | changes))


def test_a_rule_that_holds_gives_nothing():
    assert evaluate(rule(), {"a": 91, "b": 126}, set(), CELLS, WHERE) is None


def test_a_broken_rule_is_located_at_its_left_cell_and_names_both():
    problem = evaluate(rule(), {"a": 1519, "b": 126}, set(), CELLS, WHERE)

    assert problem == Problem(
        "lỗi",
        "x.xlsx",
        "Chỉ tiêu",
        "D3",
        "1519",
        "a_le_b",
        "a phải ≤ b, nhưng ô D3 là 1.519, ô D4 là 126 — hãy kiểm tra lại.",
        "342",
    )


def test_sums_and_constants_and_warnings():
    sums = rule(left=("a", "b"), right=("c", "5"), severity="cảnh báo")

    problem = evaluate(sums, {"a": 3, "b": 4, "c": 1}, set(), CELLS, WHERE)

    assert problem.severity == "cảnh báo"
    assert problem.message == (
        "a phải ≤ b, nhưng ô D3 + ô D4 là 7, ô D5 + 5 là 6 — hãy kiểm tra lại."
    )
    constant = rule(right=("100",))
    message = evaluate(constant, {"a": 101}, set(), CELLS, WHERE).message
    assert message == "a phải ≤ b, nhưng ô D3 là 101 — hãy kiểm tra lại."


@pytest.mark.parametrize(
    ("missing", "values", "blank", "fails"),
    [
        ("skip_if_any_missing", {"a": 5}, {"b"}, False),
        ("skip_if_all_missing", {"a": 5}, {"b"}, True),  # blank b counts as 0
        ("skip_if_all_missing", {}, {"a", "b"}, False),
        ("never_skip", {}, {"a", "b"}, False),  # 0 <= 0 holds
        ("never_skip", {"a": 1}, {"b"}, True),
    ],
)
def test_missing_value_strategies(missing, values, blank, fails):
    problem = evaluate(rule(missing=missing), values, blank, CELLS, WHERE)

    assert (problem is not None) == fails


def test_a_value_already_wrong_skips_the_rule():
    # "b" is neither a number nor blank: its own cell already has an error.
    assert evaluate(rule(missing="never_skip"), {"a": 5}, set(), CELLS, WHERE) is None


def test_mistakes_in_declared_rules_are_all_listed(data_dir: Path):
    path = data_dir / "catalog.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + """
[[rules]]
name = "sai"
description = "sai"
left = "pbgdpl_luot - 1"
operator = "=<"
right = "khong_co"
severity = "nặng"
missing = "bo_qua"

[[rules]]
name = "bang_la"
description = "bảng lạ"
table = "vu_viec"
left = "a"
operator = "<="
right = "b"
""",
        encoding="utf-8",
    )

    with pytest.raises(ConfigError) as raised:
        load_catalog(data_dir)

    where = f"{path} [[rules]]"
    assert raised.value.messages == [
        f'{where} #4: vế "left" phải là một mã hoặc tổng các mã và số nguyên, ví dụ "a + b + 2".',
        f'{where} #4: không có mã chỉ tiêu hoặc khóa cột "khong_co".',
        f'{where} #4: "operator" phải là một trong: == != < <= > >=.',
        f'{where} #4: "severity" phải là "error" hoặc "warning".',
        f'{where} #4: "missing" phải là một trong: skip_if_any_missing, skip_if_all_missing, '
        "never_skip.",
        f'{where} #5: không có trang dòng nào có khóa "vu_viec" (xem [[tables]]).',
    ]


def test_the_shipped_rules_hold_on_the_2018_sample(data_dir: Path):
    catalog = load_catalog(data_dir)
    assert [(r.name, r.table) for r in catalog.rules] == [
        ("pbgdpl_luot_le_tong", ""),
        ("nan_nhan_ho_tro_le_tiep_nhan", ""),
        ("nguoi_tham_du_ge_so_buoi", "activities"),
    ]
    assert check_year(2018, data_dir).problems == []  # every rule evaluated, none broken

    # Each rule is evaluated: break it in Tiền Hải's workbook and it says so at its cell.
    path = data_dir / "2018" / "342-tien-hai-2018.xlsx"
    book = load_workbook(path)
    book["Chỉ tiêu"]["D3"] = 15  # pbgdpl_luot 15 > pbgdpl_tong 14
    book["Chỉ tiêu"]["D16"] = 2  # nan_nhan_ho_tro 2 > nan_nhan_tiep_nhan 0
    book["Hoạt động"]["E2"] = 0  # 0 participants in 1 session
    book.save(path)

    broken = check_year(2018, data_dir).problems

    assert [(p.severity, p.sheet, p.cell, p.value, p.rule) for p in broken] == [
        ("lỗi", "Chỉ tiêu", "D3", "15", "pbgdpl_luot_le_tong"),
        ("cảnh báo", "Chỉ tiêu", "D16", "2", "nan_nhan_ho_tro_le_tiep_nhan"),
        ("lỗi", "Hoạt động", "E2", "0", "nguoi_tham_du_ge_so_buoi"),
    ]


def test_two_rules_with_one_name_are_refused(data_dir: Path):
    path = data_dir / "catalog.toml"
    text = path.read_text(encoding="utf-8")
    first = text[text.index("[[rules]]") :].split("\n\n")[0]
    path.write_text(text + "\n" + first + "\n", encoding="utf-8")

    with pytest.raises(ConfigError) as raised:
        load_catalog(data_dir)

    assert raised.value.messages == [
        f'{path} [[rules]] #4: tên quy tắc "pbgdpl_luot_le_tong" đã được dùng cho một quy tắc khác.'
    ]
