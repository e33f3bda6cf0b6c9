"""The rule table is data shipped with the package: read once, every rule named in code exists."""

import ast
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from reportgen.checks import cache
from reportgen.checks import rule_table as pr

ROOT = Path(__file__).resolve().parent.parent
LINE = '{code} = {{ severity = "error", label = "Nhãn", message = "{message}" }}\n'


def test_a_rule_declared_in_two_kinds_is_refused():
    text = "[sheet]\n" + LINE.format(code="blank", message="BLANK_NUMBER")
    text += "[cell]\n" + LINE.format(code="blank", message="BLANK_NUMBER")

    with pytest.raises(ValueError, match="'blank' is declared twice"):
        pr.parse_table(text)


def test_a_rule_whose_message_is_not_in_messages_is_refused():
    text = "[cell]\n" + LINE.format(code="new_rule", message="NO_SUCH_TEMPLATE")

    with pytest.raises(ValueError, match="new_rule names no message in messages/"):
        pr.parse_table(text)


def test_a_rule_is_read_with_its_kind_severity_label_and_template():
    text = (
        '[unit]\nunit_blank = { severity = "warning", label = "Chưa ghi", message = "UNIT_BLANK" }'
    )

    [spec] = pr.parse_table(text).values()

    assert spec == pr.RuleSpec(
        "unit_blank",
        "cảnh báo",
        pr.Kind.UNIT,
        "Chưa ghi",
        "chưa nhập tên đơn vị báo cáo.",
    )


def test_every_rule_the_code_names_is_declared_in_the_table():
    """A misspelt `pr.NOT_A_NUMBR` would only fail when that check runs: caught here."""
    named = set()
    for path in [
        *ROOT.glob("reportgen/**/*.py"),
        *ROOT.glob("tests/*.py"),
        *ROOT.glob("bench/*.py"),
    ]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "reportgen.checks.rule_table":
                named |= {alias.name for alias in node.names}
            elif isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "pr":
                named.add(node.attr)
    assert {"MISSING_UNIT", "NOT_A_NUMBER", "problem"} <= named  # both forms are found

    assert sorted(name for name in named if not hasattr(pr, name)) == []


def test_no_decision_is_made_by_matching_a_rule_code():
    """Decisions compare spec_of(problem) with a spec or its kind, never Problem.rule."""
    found = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in ROOT.glob("reportgen/**/*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"\.rule\s*(==|!=|\bin\b|\bnot in\b)|\brule in \(", line)
    ]

    assert found == []


def test_the_rule_table_is_shipped_with_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

    shipped = project["tool"]["setuptools"]["package-data"]["reportgen.checks"]

    assert pr.TABLE_FILE in shipped
    assert (ROOT / "reportgen" / "checks" / pr.TABLE_FILE).is_file()


def test_a_change_to_the_rule_table_is_a_code_change(tmp_path: Path, monkeypatch):
    """A reworded message must not be served from cached problems of the old wording."""
    copy = tmp_path / "reportgen"
    shutil.copytree(ROOT / "reportgen", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "__file__", str(copy / "checks" / "cache.py"))
    before = cache.code_digest.__wrapped__()
    table = copy / "checks" / pr.TABLE_FILE
    table.write_text(table.read_text("utf-8").replace("Số âm", "Số âm!"), encoding="utf-8")

    assert cache.code_digest.__wrapped__() != before
