"""Every kind of problem the inputs can have, declared once: code, severity, label, message.

A check makes a problem with `problem(SPEC, file=…, sheet=…, cell=…, value=…, fill={…})`; the
spec's message template is filled from `fill`. Code that decides something about problems
asks `spec_of(problem)` and compares the spec (`is MISSING_UNIT`) or its `kind`, never the
code string. Adding a rule is one line in `_TABLE` (its message at the end of messages.py),
then a row in docs/kiem-tra.md (tests/test_problem_rules.py checks both agree).

The code (`Problem.rule`) is what the check report's last column, the cache and the tests
keep; the label is what a clerk reads in the "Quy tắc" column.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from reportgen import messages as msg
from reportgen.problems import ERROR, WARNING, Problem


class Kind(Enum):
    """What part of the inputs a rule is about: how code groups problems."""

    FILE = "file"  # a workbook or the year's folder, before any cell is read
    SETTINGS = "settings"  # data/<year>/bao-cao.toml
    SHEET = "sheet"  # sheets, header rows, indicator lines
    UNIT = "unit"  # which unit a workbook belongs to
    CELL = "cell"  # one cell's value
    CROSS_FIELD = "cross_field"  # a [[rules]] comparison of catalog.toml
    COMPLETENESS = "completeness"  # units with no workbook, or two
    YEARS = "years"  # the comparison with the year before


@dataclass(frozen=True)
class RuleSpec:
    """One kind of problem: its code, default severity, Vietnamese label and message template."""

    code: str
    severity: str
    kind: Kind
    label: str  # Vietnamese, short: the check report's "Quy tắc" column
    message: str  # its messages.py template, filled by problem(fill=…)


# One line per rule; the short names keep each line within the width: F file, S settings,
# K sheet, U unit, C cell.
F, S, K, U, C = Kind.FILE, Kind.SETTINGS, Kind.SHEET, Kind.UNIT, Kind.CELL
_TABLE = (
    UNREADABLE := RuleSpec("unreadable", ERROR, F, "Không đọc được tệp", msg.UNREADABLE_WORKBOOK),
    NOT_A_FILE := RuleSpec("not_a_file", ERROR, F, "Không phải tệp", msg.NOT_A_FILE),
    NO_FOLDER := RuleSpec("no_folder", ERROR, F, "Chưa có thư mục năm", msg.NO_FOLDER),
    FILE_TOO_LARGE := RuleSpec("file_too_large", ERROR, F, "Tệp quá lớn", msg.FILE_TOO_LARGE),
    TOO_MANY_MEMBERS := RuleSpec(
        "too_many_members", ERROR, F, "Tệp có quá nhiều phần", msg.TOO_MANY_MEMBERS
    ),
    ZIP_BOMB := RuleSpec("zip_bomb", ERROR, F, "Tệp giải nén quá lớn", msg.ZIP_BOMB),
    XML_ENTITIES := RuleSpec("xml_entities", ERROR, F, "Tệp có thực thể XML", msg.XML_ENTITIES),
    DECLARED_COUNT := RuleSpec(
        "declared_count", ERROR, F, "Tệp khai báo quá nhiều mục", msg.DECLARED_COUNT
    ),
    TOO_MANY_CELLS := RuleSpec(
        "too_many_cells", ERROR, F, "Bảng tính quá nhiều ô", msg.TOO_MANY_CELLS
    ),
    CELL_OFF_ITS_ROW := RuleSpec(
        "cell_off_its_row", ERROR, F, "Địa chỉ ô sai dòng", msg.CELL_OFF_ITS_ROW
    ),
    SHARED_TEXT := RuleSpec("shared_text", ERROR, F, "Chữ chép lặp quá nhiều", msg.SHARED_TEXT),
    SHEET_PART_TWICE := RuleSpec(
        "sheet_part_twice", ERROR, F, "Hai trang trỏ một phần", msg.SHEET_PART_TWICE
    ),
    READER_FAILED := RuleSpec(
        "reader_failed", ERROR, F, "Việc đọc tệp phải dừng", msg.READER_FAILED
    ),
    SETTINGS := RuleSpec("settings", ERROR, S, "Tệp bao-cao.toml sai", msg.SETTINGS_MISSING),
    OFFICIAL := RuleSpec("official", ERROR, S, "Phần [official] sai", msg.OFFICIAL_MISSING),
    ASSESSMENT := RuleSpec("assessment", WARNING, S, "Nhận định của tỉnh", msg.ASSESSMENT_MISSING),
    MISSING_SHEET := RuleSpec("missing_sheet", ERROR, K, "Thiếu trang", msg.MISSING_SHEET_NO_TOOL),
    NEAR_SHEET := RuleSpec("near_sheet", ERROR, K, "Trang bị đổi tên", msg.NEAR_SHEET),
    DUPLICATE_SHEET := RuleSpec(
        "duplicate_sheet", ERROR, K, "Trùng tên trang", msg.DUPLICATE_SHEET
    ),
    MISSING_FIELD := RuleSpec(
        "missing_field", ERROR, K, "Thiếu dòng thông tin", msg.MISSING_INFO_NO_TOOL
    ),
    MISSING_COLUMN := RuleSpec(
        "missing_column", ERROR, K, "Thiếu cột", msg.MISSING_COLUMNS_NO_TOOL
    ),
    VALUE_WITHOUT_CODE := RuleSpec(
        "value_without_code", ERROR, K, "Số liệu không có mã", msg.VALUE_WITHOUT_CODE
    ),
    TOTAL_ROW := RuleSpec("total_row", ERROR, K, "Dòng tổng cộng", msg.TOTAL_ROW),
    TOTAL_FORMULA := RuleSpec("total_formula", ERROR, K, "Công thức cộng dồn", msg.TOTAL_FORMULA),
    EXAMPLE_EDITED := RuleSpec("example_edited", ERROR, K, "Dòng ví dụ bị sửa", msg.EXAMPLE_EDITED),
    DUPLICATE_COLUMN := RuleSpec("duplicate_column", ERROR, K, "Trùng cột", msg.DUPLICATE_COLUMN),
    MISSING_INDICATOR := RuleSpec(
        "missing_indicator", ERROR, K, "Thiếu chỉ tiêu", msg.MISSING_INDICATOR
    ),
    DUPLICATE_CODE := RuleSpec("duplicate_code", ERROR, K, "Trùng mã chỉ tiêu", msg.DUPLICATE_CODE),
    UNKNOWN_CODE := RuleSpec("unknown_code", WARNING, K, "Mã chỉ tiêu lạ", msg.UNKNOWN_CODE),
    UNIT_BLANK := RuleSpec("unit_blank", ERROR, U, "Chưa ghi đơn vị", msg.UNIT_BLANK),
    UNIT_UNKNOWN := RuleSpec("unit_unknown", ERROR, U, "Không nhận ra đơn vị", msg.UNIT_UNKNOWN),
    UNIT_MISMATCH := RuleSpec(
        "unit_mismatch", ERROR, U, "Tên và mã đơn vị khác nhau", msg.UNIT_MISMATCH
    ),
    YEAR_MISMATCH := RuleSpec("year_mismatch", ERROR, C, "Sai năm báo cáo", msg.YEAR_MISMATCH),
    PERIOD_MISMATCH := RuleSpec("period_mismatch", ERROR, C, "Sai kỳ báo cáo", msg.PERIOD_MISMATCH),
    BLANK := RuleSpec("blank", ERROR, C, "Ô bắt buộc để trống", msg.BLANK_NUMBER),
    NOT_A_NUMBER := RuleSpec("not_a_number", ERROR, C, "Không phải số", msg.NOT_A_NUMBER),
    NOT_WHOLE := RuleSpec("not_whole", ERROR, C, "Không phải số nguyên", msg.NOT_WHOLE),
    NEGATIVE := RuleSpec("negative", ERROR, C, "Số âm", msg.NEGATIVE),
    BELOW_MIN := RuleSpec("below_min", ERROR, C, "Nhỏ hơn mức tối thiểu", msg.BELOW_MIN),
    ABOVE_MAX := RuleSpec("above_max", ERROR, C, "Lớn hơn mức tối đa", msg.ABOVE_MAX),
    NUMBER_AS_TEXT := RuleSpec("number_as_text", WARNING, C, "Số gõ dạng chữ", msg.NUMBER_AS_TEXT),
    FORMULA_NO_VALUE := RuleSpec(
        "formula_no_value", ERROR, C, "Công thức chưa có kết quả", msg.FORMULA_NO_VALUE
    ),
    FORMULA_ERROR := RuleSpec("formula_error", ERROR, C, "Công thức ra lỗi", msg.FORMULA_ERROR),
    MERGED_NUMBER := RuleSpec("merged_number", ERROR, C, "Ô số bị gộp", msg.MERGED_NUMBER),
    UNKNOWN_CHOICE := RuleSpec(
        "unknown_choice", ERROR, C, "Giá trị ngoài danh sách", msg.UNKNOWN_CHOICE
    ),
    UNKNOWN_COMMUNE := RuleSpec(
        "unknown_commune", WARNING, C, "Tên xã, phường lạ", msg.UNKNOWN_COMMUNE
    ),
    LEGACY_TCVN3 := RuleSpec("legacy_tcvn3", WARNING, C, "Bảng mã cũ TCVN3", msg.LEGACY_TCVN3),
    LEGACY_VNI := RuleSpec("legacy_vni", WARNING, C, "Bảng mã cũ VNI", msg.LEGACY_VNI),
    CONTROL_CHARS := RuleSpec("control_chars", WARNING, C, "Ký tự điều khiển", msg.CONTROL_CHARS),
    TEXT_TOO_LONG := RuleSpec("text_too_long", ERROR, C, "Chữ quá dài", msg.TEXT_TOO_LONG),
    DATE_FORMATTED := RuleSpec(
        "date_formatted", ERROR, C, "Ô số định dạng ngày", msg.DATE_FORMATTED_NUMBER
    ),
    BLANK_TEMPLATE := RuleSpec(
        "blank_template", WARNING, Kind.COMPLETENESS, "Tệp mẫu chưa điền", msg.BLANK_TEMPLATE
    ),
    MISSING_UNIT := RuleSpec(
        "missing_unit", ERROR, Kind.COMPLETENESS, "Đơn vị chưa nộp", msg.MISSING_UNIT
    ),
    DUPLICATE_UNIT := RuleSpec(
        "duplicate_unit", ERROR, Kind.COMPLETENESS, "Nộp trùng", msg.DUPLICATE_UNIT
    ),
    YEAR_OVER_YEAR := RuleSpec(
        "year_over_year", WARNING, Kind.YEARS, "Khác xa năm trước", msg.YEAR_OVER_YEAR_UP
    ),
    COPIED_ROWS := RuleSpec(
        "copied_rows", WARNING, Kind.YEARS, "Giống hệt năm trước", msg.COPIED_ROWS
    ),
    PREVIOUS_SKIPPED := RuleSpec(
        "previous_skipped", WARNING, Kind.YEARS, "Không so với năm trước", msg.PREVIOUS_SKIPPED
    ),
    TREND_SKIPPED := RuleSpec(
        "trend_skipped", WARNING, Kind.YEARS, "Không đưa vào diễn biến", msg.TREND_SKIPPED
    ),
)

# The [[rules]] of catalog.toml: each its own code (the rule's name) and severity, one label.
CROSS_FIELD = RuleSpec("", ERROR, Kind.CROSS_FIELD, "Đối chiếu số liệu", msg.RULE_FAILED)

RULES: dict[str, RuleSpec] = {spec.code: spec for spec in _TABLE}
assert len(RULES) == len(_TABLE), "a rule code is declared twice"


def cross_field(name: str, severity: str) -> RuleSpec:
    """Return the spec of one [[rules]] entry of catalog.toml: its name is its code."""
    return RuleSpec(name, severity, Kind.CROSS_FIELD, CROSS_FIELD.label, CROSS_FIELD.message)


def spec_of(problem: Problem) -> RuleSpec:
    """Return the declared rule of a problem; a catalog [[rules]] name gives CROSS_FIELD."""
    return RULES.get(problem.rule, CROSS_FIELD)


def problem(
    spec: RuleSpec,
    *,
    file: str = "",
    sheet: str = "",
    cell: str = "",
    value: str = "",
    unit: str = "",
    severity: str | None = None,
    message: str | None = None,
    fill: Mapping[str, object] | None = None,
) -> Problem:
    """Return a problem of `spec`, its message the spec's template filled from `fill`.

    severity overrides the spec's where the run decides (--allow-missing, --style official);
    message replaces the template when a check words the case itself (a variant, a hint).
    `fill` is a mapping, not keywords: templates use {value} and {unit} too.
    """
    text = spec.message.format(**(fill or {})) if message is None else message
    return Problem(severity or spec.severity, file, sheet, cell, value, spec.code, text, unit)
