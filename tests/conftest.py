"""Shared fixtures: a private copy of data/, the built 2018 report, PDF text.

The costly builds are session fixtures, made once and read by every test file that needs
them; tests that change what they build make their own. `make test` runs the suite on two
workers (pytest-xdist, --dist loadfile): a test file runs on one worker, so its module
fixtures are built once, and files that share a costly session fixture run on one worker
(SHARED_GROUPS), so it is built once too.
"""

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
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


# Test files that read the same costly session fixture run on the same worker.
SHARED_GROUPS = {
    "test_collection.py": "hung-yen-2026",  # fresh_2026: 104 blanks
    "test_hung_yen.py": "hung-yen-2026",
    "test_docx_form.py": "official-2019",  # built_official_2019
    "test_official_form.py": "official-2019",
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With --dist loadfile: one test file (or SHARED_GROUPS group) per work unit, in the order
    of the files.

    Not xdist_group marks with --dist loadgroup: with pytest 9.2 they group nothing, silently
    (pytest-xdist issue 1386). The files keep their order rather than being sorted by their
    number of tests, which would leave the costly files with few tests (LibreOffice, the fuzz)
    to the end, on one worker.
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FileGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return SHARED_GROUPS.get(Path(path).name, path)

    config.option.loadscopereorder = False
    return FileGroups(config, log)


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory):
    """Session fixtures get a cache of their own too, never .reportgen-cache/ in the repo
    (which two workers would share)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPORTGEN_CACHE", str(tmp_path_factory.mktemp("session-cache")))
        yield


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


def declarations(target: Path) -> Path:
    """Copy data/'s declarative files (no year folder) into target; return it."""
    target.mkdir(parents=True)
    for name in ("catalog.toml", "units.toml"):
        shutil.copy(DATA / name, target / name)
    for folder in ("communes", "units"):
        shutil.copytree(DATA / folder, target / folder)
    return target


@dataclass
class Fresh:
    """A fresh run for 2026: `template`, then `check`, from one folder (the default paths)."""

    root: Path
    data: Path
    template: Result
    check: Result


@pytest.fixture(scope="session")
def fresh_2026(tmp_path_factory) -> Fresh:
    """Run `template` (Hưng Yên's 104 blanks: the costly part, done once) and `check` in a new
    folder. tests/test_collection.py reads the run, tests/test_hung_yen.py fills the blanks."""
    root = tmp_path_factory.mktemp("fresh")
    data = declarations(root / "data")
    here = os.getcwd()
    os.chdir(root)  # default out folders are relative: mau-trong/2026, out/2026
    try:
        template = run("template", "--year", 2026, "--data-dir", "data")
        check = run("check", "--year", 2026, "--data-dir", "data")
    finally:
        os.chdir(here)
    return Fresh(root, data, template, check)


@pytest.fixture(scope="session")
def hung_yen_cache(tmp_path_factory) -> Path:
    """One cache of checked workbooks for the tests that read Hưng Yên's 104 workbooks again
    and again (tests/test_collection.py, tests/test_hung_yen.py): entries are keyed by each
    file's name and content, the declarations and the code, so a changed file is read anew."""
    return tmp_path_factory.mktemp("hung-yen-cache")


@pytest.fixture(scope="session")
def built_official_2019(tmp_path_factory) -> Path:
    """Build the 2019 report as an official document (HTML, PDF, Word); return the folder."""
    out = tmp_path_factory.mktemp("official2019")
    result = run("build", "--year", "2019", "--data-dir", DATA, "--out-dir", out,
                 "--style", "official", "--format", "html,pdf,docx")  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def require_tool(name: str, package: str) -> str:
    """Return a command's path; fail loudly when it is missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (Debian package {package}; .ci/run installs it)")
    return path
