"""docs/architecture.md names only what exists, and every module: it cannot go stale quietly.

Paths are read from the prose (reportgen/…, templates/…, data/…, docs/…, tests/… with an
extension), from `backticks` (a file, or module.name with the name looked up in the module)
and from the pipeline picture (module.name under its stage folder).
"""

import dataclasses
import importlib
import re
from pathlib import Path

import pytest

from reportgen.fact_table import Fact
from tests.conftest import ROOT

DOC = ROOT / "docs" / "architecture.md"
PACKAGE = ROOT / "reportgen"
STAGES = ("declared", "inputs", "checks", "report", "outputs")
FILE = r"[\w./-]*\.(?:py|toml|md|j2|css|csv)"
PROSE_PATH = re.compile(rf"(?<![\w/.-])(?:reportgen|templates|data|docs|tests)/{FILE}\b")
# module.name or folder/module.name.attribute; a name in braces or with <…> is a template's
NAMED = re.compile(r"((?:[a-z_]+/)?[a-z_]+)\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")


def _text() -> str:
    return DOC.read_text(encoding="utf-8")


def _picture() -> str:
    return _text().split("```", 2)[1]


def _module_file(name: str, folder: str = "") -> Path | None:
    """Return reportgen/<folder>/<name>.py, else reportgen/<name>.py, when it exists."""
    for candidate in (PACKAGE / folder / f"{name}.py", PACKAGE / f"{name}.py"):
        if candidate.is_file():
            return candidate
    return None


def _defines(path: Path, chain: str) -> bool:
    """Return True when the module at path has the attribute chain (a dataclass field counts)."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    target = importlib.import_module(module)
    for part in chain.split("."):
        if hasattr(target, part):
            target = getattr(target, part)
        else:
            return dataclasses.is_dataclass(target) and part in {
                f.name for f in dataclasses.fields(target)
            }
    return True


def _problems_of(token: str, folder: str = "") -> list[str]:
    """Return what is wrong with one name the doc gives: a path, or module.name."""
    if re.fullmatch(rf"{FILE}|[\w./-]+/", token):
        if not any((base / token).exists() for base in (ROOT, PACKAGE, PACKAGE / folder)):
            return [f"{token}: no such file"]
        return []
    named = NAMED.fullmatch(token.removeprefix("reportgen."))
    if token.startswith("reportgen.") and named is None:
        return [] if _defines(PACKAGE / "__init__.py", token.split(".", 1)[1]) else [token]
    if named is None:
        return []  # a template's expression (`total.<code>`, `looks["byline"].css`), or code
    module, chain = named.groups()
    path = _module_file(module, folder)
    if path is None:
        return [f"{token}: no module {module}.py"] if "/" in module else []
    return [] if _defines(path, chain) else [f"{token}: {path.name} has no {chain}"]


def _backticked() -> list[str]:
    return re.findall(r"`([^`\n]+)`", _text().split("```", 2)[2])


def test_every_path_in_the_prose_exists():
    paths = PROSE_PATH.findall(_text())
    assert "reportgen/fact_table.py" in paths  # the pattern finds what it is for
    assert [p for p in paths if not (ROOT / p).exists()] == []


def test_every_backticked_file_and_module_name_exists():
    tokens = _backticked()
    assert "pipeline.build_report" in tokens and "inputs/read.py" in tokens
    assert [problem for token in tokens for problem in _problems_of(token)] == []


def test_every_name_in_the_pipeline_picture_exists_in_its_stage_folder():
    folder, wrong, seen = "", [], []
    for line in _picture().splitlines():
        if stage := re.search(rf"\b({'|'.join(STAGES)})/\s", line):
            folder = stage[1]
            seen.append(folder)
        for token in re.findall(r"(?<![\w/.-])[a-z_]+(?:/[a-z_]+)?\.[a-z_]\w*", line):
            if not token.endswith((".toml", ".md", ".csv", ".xlsx")):
                wrong += _problems_of(token, folder)
    assert seen == list(STAGES)  # each stage once, in the order of the chain
    assert wrong == []


def test_every_module_of_the_package_is_named():
    text = _text()
    named = set(PROSE_PATH.findall(text))
    for token in _backticked() + re.findall(r"[\w/]+\.py", _picture()):
        for base in (ROOT, PACKAGE):
            if token.endswith(".py") and (base / token).is_file():
                named.add((base / token).relative_to(ROOT).as_posix())
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in PACKAGE.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    }
    assert sorted(modules - named) == []


def test_the_fact_table_lists_the_record_fields_in_order():
    table = _text().split("| field | meaning |", 1)[1].split("\n\n", 1)[0]
    cells = [row.split("|")[1] for row in table.splitlines() if row.startswith("| `")]
    listed = [name for cell in cells for name in re.findall(r"`(\w+)`", cell)]
    assert listed == [f.name for f in dataclasses.fields(Fact)]


@pytest.mark.parametrize(
    "token",
    [
        "inputs/nothing.py",
        "pipeline.no_such_step",
        "checks/rule_table.NOT_A_RULE",
        "checks/records.Submission.no_field",
        "checks/gone.check",
    ],
)
def test_a_name_that_does_not_exist_is_caught(token: str):
    assert _problems_of(token) != []


def test_a_dataclass_field_without_default_counts_as_defined():
    assert _problems_of("results.CheckResult.year") == []
    assert _problems_of("fact_table.Fact.cell") == []
