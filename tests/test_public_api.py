"""The library as a script calls it: reportgen.check_year, build_report, write_templates.

Issue 12 moved their code into stage modules; `import reportgen` must still offer them.
"""

from pathlib import Path

import reportgen
from tests.conftest import DATA


def test_check_year_checks_every_workbook_and_the_year_before():
    result = reportgen.check_year(2019, DATA)
    codes = [p.name.split("-")[0] for p in result.files]  # one workbook per unit, by name
    assert codes == ["336", "338", "339", "340", "341", "342", "343", "344"]
    assert (result.errors, result.warnings) == (0, 0)
    assert result.previous is not None and result.previous.year == 2018


def test_build_report_writes_the_formats_asked_for_and_the_sources(tmp_path: Path):
    out = tmp_path / "out"
    result = reportgen.build_report(2019, DATA, out_dir=out, formats=("html", "fragment"))
    assert [p.name for p in result.paths] == [
        "ket-qua-phong-chong-mua-ban-nguoi-2019.html",
        "ket-qua-phong-chong-mua-ban-nguoi-2019-than-bai.html",
        "nguon-so-lieu.csv",
    ]
    assert result.problems == []
    assert "<html" not in (out / "ket-qua-phong-chong-mua-ban-nguoi-2019-than-bai.html").read_text()


def test_write_templates_writes_blanks_only_for_the_units_yet_to_send(data_dir: Path, tmp_path):
    for name in ("340-dong-hung-2019.xlsx", "344-vu-thu-2019.xlsx"):
        (data_dir / "2019" / name).unlink()
    out = tmp_path / "mau"
    result = reportgen.write_templates(2019, data_dir, out)
    assert [(p.name, written) for p, written in result.written] == [
        ("340-dong-hung-2019.xlsx", True),
        ("344-vu-thu-2019.xlsx", True),
        ("bao-cao.toml", False),  # the year's own files are there already: kept
        ("nhan-dinh.md", False),
    ]
    assert [unit.code for unit, _ in result.has_file] == ["336", "338", "339", "341", "342", "343"]
