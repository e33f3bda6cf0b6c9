"""Problems come from one declared table: codes, labels and severities, and the docs agree."""

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from reportgen.checks import rule_table as pr
from reportgen.declared.catalog import load_catalog
from reportgen.errors import ConfigError
from reportgen.pipeline import check_year
from reportgen.problems import ERROR, WARNING, Problem

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "kiem-tra.md"
BEGIN, END = "<!-- bảng quy tắc: begin -->", "<!-- bảng quy tắc: end -->"


def _docs_table() -> str:
    """Return the rule list as docs/kiem-tra.md shows it, one line per spec of the table."""
    lines = ["| Mã quy tắc | Quy tắc (nhãn) | Mức |", "|---|---|---|"]
    lines += [f"| `{s.code}` | {s.label} | {s.severity} |" for s in pr.RULES.values()]
    lines.append(f"| tên trong `[[rules]]` | {pr.CROSS_FIELD.label} | theo khai báo |")
    return "\n".join(lines)


def test_docs_list_every_rule_of_the_table_with_its_label():
    text = DOCS.read_text(encoding="utf-8")
    listed = text[text.index(BEGIN) + len(BEGIN) : text.index(END)].strip()

    assert listed == _docs_table(), "paste the expected table into docs/kiem-tra.md"


def test_labels_a_clerk_reads_are_short_vietnamese():
    for spec in (*pr.RULES.values(), pr.CROSS_FIELD):
        assert unicodedata.is_normalized("NFC", spec.label), spec
        assert unicodedata.is_normalized("NFC", spec.message), spec
        assert 0 < len(spec.label) <= 30 and "_" not in spec.label, spec
        assert spec.severity in (ERROR, WARNING), spec


def test_a_problem_is_made_from_its_spec_and_keyword_arguments():
    made = pr.problem(
        pr.NOT_A_NUMBER,
        file="342-tien-hai-2018.xlsx",
        sheet="Chỉ tiêu",
        cell="D6",
        value="ba mươi",
        unit="342",
        fill={"value": "ba mươi", "low": 0},
    )

    assert made == Problem(
        "lỗi", "342-tien-hai-2018.xlsx", "Chỉ tiêu", "D6", "ba mươi", "not_a_number",
        '"ba mươi" không phải là số — hãy nhập số nguyên ≥ 0.', "342",
    )  # fmt: skip
    assert pr.spec_of(made) is pr.NOT_A_NUMBER


def test_a_catalog_rule_reads_as_a_cross_field_rule_with_its_own_name():
    made = Problem("cảnh báo", "x.xlsx", "Chỉ tiêu", "D16", "2", "nan_nhan_ho_tro_le_tiep_nhan",
                   "…", "342")  # fmt: skip

    assert pr.spec_of(made).kind is pr.Kind.CROSS_FIELD
    assert pr.spec_of(made).label == "Đối chiếu số liệu"


def test_a_catalog_rule_named_like_a_built_in_rule_is_refused(data_dir: Path):
    path = data_dir / "catalog.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r'name = "pbgdpl_luot_le_tong"', 'name = "blank"', text), encoding="utf-8"
    )

    with pytest.raises(ConfigError) as raised:
        load_catalog(data_dir)

    assert raised.value.messages == [
        f'{path} [[rules]] #1: tên quy tắc "blank" trùng với mã một quy tắc có sẵn của chương '
        "trình (xem docs/kiem-tra.md) — hãy đặt tên khác."
    ]


def test_missing_and_duplicate_units_are_found_once_by_the_check(data_dir: Path):
    folder = data_dir / "2018"
    (folder / "344-vu-thu-2018.xlsx").unlink()
    shutil.copy(folder / "342-tien-hai-2018.xlsx", folder / "tien-hai-ban-cu.xlsx")

    result = check_year(2018, data_dir, allow_missing=True)

    completeness = result.completeness
    assert [u.code for u in completeness.missing] == ["344"]
    assert completeness.duplicated == {"342"}
    assert [c.file for c in completeness.checks["342"]] == [
        "342-tien-hai-2018.xlsx",
        "tien-hai-ban-cu.xlsx",
    ]
    assert [(p.severity, p.rule, p.unit) for p in completeness.problems] == [
        ("lỗi", "duplicate_unit", "342"),
        ("cảnh báo", "missing_unit", "344"),  # --allow-missing
    ]
    assert result.missing == completeness.missing
