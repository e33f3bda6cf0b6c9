"""Shared fixtures: a private copy of data/, the built 2018 report, PDF text."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from reportgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# Property tests: a hundred inputs each in `make test`, thousands in `make fuzz`. Failing
# inputs are kept in .hypothesis/ and tried first next time.
_EXAMPLES = DirectoryBasedExampleDatabase(ROOT / ".hypothesis" / "examples")
settings.register_profile("default", max_examples=100, deadline=None, database=_EXAMPLES)
settings.register_profile("fuzz", max_examples=3_000, deadline=None, database=_EXAMPLES)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pdf_text(path: Path) -> str:
    """Return the PDF's text through poppler's pdftotext; fail loudly when it is missing."""
    if shutil.which("pdftotext") is None:
        pytest.fail(
            "pdftotext is not installed (Debian package poppler-utils; .ci/run installs it)"
        )
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def run(*args: str):
    """Run the CLI in-process and return click's Result."""
    return CliRunner().invoke(
        main, [str(a) for a in args], prog_name="reportgen", catch_exceptions=False
    )


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path: Path, tmp_path_factory, monkeypatch) -> None:
    """Run each test from its own folder, so that default outputs (out/<năm>) land there.

    Each test also gets its own, empty cache of checked workbooks, outside that folder.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REPORTGEN_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Return a private copy of data/ that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("~$*"))
    return target


@pytest.fixture(scope="session")
def built_2018(tmp_path_factory) -> Path:
    """Build the 2018 report once from the shipped sample data; return the output folder."""
    out = tmp_path_factory.mktemp("out2018")
    result = run("build", "--year", "2018", "--data-dir", DATA, "--out-dir", out)
    assert result.exit_code == 0, result.output
    return out


ALL_FORMATS = "html,pdf,docx,fragment"


@pytest.fixture(scope="session")
def built_2018_all(tmp_path_factory) -> Path:
    """Build the 2018 article in every format; return the output folder."""
    out = tmp_path_factory.mktemp("all2018")
    result = run(
        "build", "--year", "2018", "--data-dir", DATA, "--out-dir", out, "--format", ALL_FORMATS
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def built_official(tmp_path_factory) -> Path:
    """Build the 2018 report as an official document, in every format; return the folder."""
    out = tmp_path_factory.mktemp("official2018")
    result = run(
        "build",
        "--year",
        "2018",
        "--data-dir",
        DATA,
        "--out-dir",
        out,
        "--style",
        "official",
        "--format",
        ALL_FORMATS,
    )
    assert result.exit_code == 0, result.output
    return out


def require_tool(name: str, package: str) -> str:
    """Return a command's path; fail loudly when it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (Debian package {package}; .ci/run installs it)")
    return path
