"""The checked facts for analysts: `reportgen export` (.xlsx, CSV) and reportgen.facts().

Expected values are written out. The 2018 total of foreigners under management, 1.519, is the
article's (tests/golden/article-2018.txt); the per-year sums of every figure (17932, 26304,
29367) were counted from the workbooks with openpyxl alone, outside reportgen.
"""

import csv
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

import reportgen
from reportgen.cli.options import EXPORT_FORMATS
from reportgen.errors import ConfigError, ProblemsFoundInYears
from reportgen.outputs import export
from tests.conftest import DATA, ROOT, run

FOREIGNERS = "nguoi_nuoc_ngoai_tam_tru"
FOREIGNERS_LABEL = "Người nước ngoài đang tạm trú, học tập, làm việc tại địa bàn được quản lý"
HEADER = ("năm", "kỳ", "mã đơn vị", "đơn vị", "bảng", "nhóm", "chỉ tiêu", "tên chỉ tiêu",
          "giá trị", "tệp", "trang", "ô", "dòng")  # fmt: skip
DONG_HUNG_FOREIGNERS = (2018, "nam", "340", "Huyện Đông Hưng", None, None, FOREIGNERS,
                        FOREIGNERS_LABEL, 97, "340-dong-hung-2018.xlsx", "Chỉ tiêu", "D6",
                        6)  # fmt: skip
# A row-sheet fact: the "cuốn" bulletin of Đông Hưng, grouped by title and measure.
DONG_HUNG_BULLETIN = (2018, "nam", "340", "Huyện Đông Hưng", "publications",
                      "ban tin sinh hoat hoi vien / cuon", "quantity", "Số lượng", 400,
                      "340-dong-hung-2018.xlsx", "Ấn phẩm", "C2", 2)  # fmt: skip
# Each unit's foreigners under management in 2018, as the workbooks hold them (cell D6).
FOREIGNERS_2018 = {"336": 812, "338": 71, "339": 64, "340": 97, "341": 203, "342": 136,
                   "343": 88, "344": 48}  # fmt: skip
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(scope="module")
def exported_2018(tmp_path_factory) -> Path:
    """Export 2018 as CSV and .xlsx once; return the output folder."""
    out = tmp_path_factory.mktemp("export2018")
    result = run("export", "--year", 2018, "--format", "csv,xlsx", "--data-dir", DATA,
                 "--out-dir", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Đã ghi: {out}/so-lieu-2018.xlsx\n"
        f"Đã ghi: {out}/so-lieu-2018.csv\n"
        f"Đã ghi: {out}/so-lieu-2018-theo-don-vi.csv\n"
    )
    return out


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel reads it right
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _sheet(path: Path, name: str) -> list[tuple]:
    return list(load_workbook(path)[name].iter_rows(values_only=True))


def test_the_2018_csv_has_the_foreigners_of_each_unit_with_file_and_cell(exported_2018):
    rows = _csv_rows(exported_2018 / "so-lieu-2018.csv")
    assert tuple(rows[0]) == HEADER
    foreigners = [r for r in rows[1:] if r[6] == FOREIGNERS]
    assert {r[2]: int(r[8]) for r in foreigners} == FOREIGNERS_2018
    assert sum(int(r[8]) for r in foreigners) == 1519
    assert len(foreigners) == 8
    for r in foreigners:
        assert (r[10], r[11]) == ("Chỉ tiêu", "D6")
    assert [r[9] for r in foreigners] == [
        "336-thai-binh-2018.xlsx",
        "338-quynh-phu-2018.xlsx",
        "339-hung-ha-2018.xlsx",
        "340-dong-hung-2018.xlsx",
        "341-thai-thuy-2018.xlsx",
        "342-tien-hai-2018.xlsx",
        "343-kien-xuong-2018.xlsx",
        "344-vu-thu-2018.xlsx",
    ]
    expected = ["" if v is None else str(v) for v in DONG_HUNG_FOREIGNERS]
    assert expected in rows
    assert ["" if v is None else str(v) for v in DONG_HUNG_BULLETIN] in rows


def test_the_2018_workbook_holds_the_same_facts_and_a_wide_sheet_with_totals(exported_2018):
    path = exported_2018 / "so-lieu-2018.xlsx"
    assert load_workbook(path).sheetnames == ["Số liệu", "Theo đơn vị", "Chỉ tiêu"]
    long = _sheet(path, "Số liệu")
    assert long[0] == HEADER
    assert DONG_HUNG_FOREIGNERS in long
    assert DONG_HUNG_BULLETIN in long
    assert sum(r[8] for r in long[1:] if r[6] == FOREIGNERS) == 1519

    wide = _sheet(path, "Theo đơn vị")
    column = wide[0].index(FOREIGNERS)
    assert wide[0][:5] == ("năm", "kỳ", "mã đơn vị", "đơn vị", "pbgdpl_luot")
    assert [(r[2], r[3], r[column]) for r in wide[1:]] == [
        ("336", "Thành phố Thái Bình", 812),
        ("338", "Huyện Quỳnh Phụ", 71),
        ("339", "Huyện Hưng Hà", 64),
        ("340", "Huyện Đông Hưng", 97),
        ("341", "Huyện Thái Thụy", 203),
        ("342", "Huyện Tiền Hải", 136),
        ("343", "Huyện Kiến Xương", 88),
        ("344", "Huyện Vũ Thư", 48),
        (None, "Tổng cộng", 1519),
    ]
    assert len(wide[0]) == 4 + 11  # the 11 indicators; row sheets stay in the long table

    legend = _sheet(path, "Chỉ tiêu")
    assert legend[0] == ("chỉ tiêu", "tên chỉ tiêu", "đơn vị tính", "mục")
    assert (FOREIGNERS, FOREIGNERS_LABEL, "người", "Quản lý cư trú, xuất nhập cảnh") in legend


def test_the_wide_csv_ends_each_year_with_its_total(exported_2018):
    rows = _csv_rows(exported_2018 / "so-lieu-2018-theo-don-vi.csv")
    column = rows[0].index(FOREIGNERS)
    assert rows[-1][:4] == ["2018", "nam", "", "Tổng cộng"]
    assert rows[-1][column] == "1519"
    assert len(rows) == 1 + 8 + 1


def test_two_exports_of_the_same_data_are_byte_identical(exported_2018, tmp_path):
    result = run("export", "--year", 2018, "--data-dir", DATA, "--out-dir", tmp_path)
    assert result.exit_code == 0, result.output
    for name in ("so-lieu-2018.xlsx", "so-lieu-2018.csv", "so-lieu-2018-theo-don-vi.csv"):
        assert (tmp_path / name).read_bytes() == (exported_2018 / name).read_bytes(), name


def test_several_years_go_into_one_table_in_the_last_years_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "--years", "2017-2019", "--format", "csv", "--data-dir", DATA)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "2019").iterdir()) == [
        "nhat-ky.log",
        "so-lieu-2017-2019-theo-don-vi.csv",
        "so-lieu-2017-2019.csv",
    ]
    wide = _csv_rows(tmp_path / "out" / "2019" / "so-lieu-2017-2019-theo-don-vi.csv")
    column = wide[0].index(FOREIGNERS)
    totals = [(r[0], r[column]) for r in wide if r[3] == "Tổng cộng"]
    assert totals == [("2017", "1330"), ("2018", "1519"), ("2019", "1667")]
    log = (tmp_path / "out" / "2019" / "nhat-ky.log").read_text(encoding="utf-8")
    assert [line.split("\t")[1:3] for line in log.splitlines()] == [
        ["xuất số liệu", "năm 2017"],
        ["xuất số liệu", "năm 2018"],
        ["xuất số liệu", "năm 2019"],
    ]


def test_facts_returns_the_long_table_as_a_dataframe():
    df = reportgen.facts(2018, data_dir=DATA)
    assert tuple(df.columns) == HEADER
    assert str(df["giá trị"].dtype) == "int64" and str(df["năm"].dtype) == "int64"
    foreigners = df[df["chỉ tiêu"] == FOREIGNERS]
    assert dict(zip(foreigners["mã đơn vị"], foreigners["giá trị"], strict=True)) == FOREIGNERS_2018
    row = df[(df["mã đơn vị"] == "340") & (df["ô"] == "C2") & (df["trang"] == "Ấn phẩm")]
    assert row.iloc[0].tolist() == ["" if v is None else v for v in DONG_HUNG_BULLETIN]


def test_the_one_liner_of_the_issue_works_in_the_venv():
    code = (
        "import reportgen; "
        "print(reportgen.facts([2017, 2018, 2019]).groupby('năm')['giá trị'].sum())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    lines = [line.split() for line in out.stdout.splitlines()]
    assert ["2017", "17932"] in lines
    assert ["2018", "26304"] in lines
    assert ["2019", "29367"] in lines


def test_the_guides_example_prints_what_the_guide_says(monkeypatch, capsys):
    guide = (ROOT / "docs" / "phan-tich.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", guide, re.S)[1]
    printed = re.search(r"In ra:\n\n```\n(.*?)```", guide, re.S)[1]
    monkeypatch.chdir(ROOT)  # the example reads data/ from where it runs
    exec(compile(code, "docs/phan-tich.md", "exec"), {})
    # Line by line, trailing spaces aside (an editor may strip them from the guide).
    out = capsys.readouterr().out
    assert [line.rstrip() for line in out.splitlines()] == printed.rstrip().split("\n")
    assert "Tổng cộng                      1330  1519  1667       4516" in printed


def _break_dong_hung(data_dir: Path) -> None:
    """Type words where Đông Hưng's foreigners go (2018, cell D6)."""
    path = data_dir / "2018" / "340-dong-hung-2018.xlsx"
    wb = load_workbook(path)
    wb["Chỉ tiêu"]["D6"] = "chín mươi bảy"
    wb.save(path)


def test_an_error_blocks_the_export_with_the_checks_listing(data_dir, tmp_path):
    _break_dong_hung(data_dir)
    out = tmp_path / "out"
    result = run("export", "--years", "2017-2018", "--data-dir", data_dir, "--out-dir", out)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Năm 2018:"  # 2017 is clean: no heading of its own
    assert lines[1] == "Huyện Đông Hưng:"
    assert lines[2].startswith('  [lỗi] 340-dong-hung-2018.xlsx, trang "Chỉ tiêu", ô D6: ')
    assert lines[-1] == "Chưa xuất số liệu vì còn 1 lỗi. Hãy sửa các lỗi trên rồi chạy lại."
    assert result.stdout == ""
    assert not out.exists()


def test_facts_refuses_data_with_errors_and_says_where(data_dir):
    _break_dong_hung(data_dir)
    with pytest.raises(ProblemsFoundInYears) as caught:
        reportgen.facts([2017, 2018], data_dir=data_dir)
    assert list(caught.value.by_year) == [2018]
    assert str(caught.value).startswith('2018: 340-dong-hung-2018.xlsx, trang "Chỉ tiêu", ô D6: ')


def test_a_period_exports_its_own_workbooks_facts():
    df = reportgen.facts(2019, period="6-thang", data_dir=DATA)
    assert set(df["kỳ"]) == {"6-thang"}
    assert set(df["tệp"]) >= {"336-thai-binh-2019-6-thang.xlsx", "344-vu-thu-2019-6-thang.xlsx"}


def test_a_periods_export_goes_to_its_own_folder_and_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "--year", 2019, "--period", "6-thang", "--format", "csv",
                 "--data-dir", DATA)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "2019-6-thang").iterdir()) == [
        "nhat-ky.log",
        "so-lieu-2019-6-thang-theo-don-vi.csv",
        "so-lieu-2019-6-thang.csv",
    ]


def test_a_period_not_declared_cannot_be_exported():
    with pytest.raises(ConfigError) as caught:
        reportgen.facts(2018, period="ca-nam", data_dir=DATA)
    assert caught.value.messages == [
        'Chưa xuất được số liệu của kỳ "ca-nam"; hiện chỉ có: nam, quy-1, quy-2, quy-3, quy-4, '
        "6-thang, 9-thang."
    ]
    # The CLI offers the formats export.py writes (it cannot import it to ask: pandas).
    assert EXPORT_FORMATS == export.FORMATS


def test_a_period_declared_in_periods_toml_can_be_exported(data_dir, tmp_path):
    # Periods are data: one added to periods.toml, with its folder, exports with no Python.
    periods = data_dir / "periods.toml"
    periods.write_text(
        periods.read_text(encoding="utf-8")
        + '\n[[periods]]\ncode = "nua-nam"\nname = "6 tháng đầu năm {year}"\nstart = "15/12"\n'
        'end = "14/6"\n',
        encoding="utf-8",
    )
    # The 2019 six-month workbooks name their period "6 tháng đầu năm 2019", as this one does.
    shutil.copytree(data_dir / "2019-6-thang", data_dir / "2019-nua-nam")
    result = run("export", "--year", 2019, "--period", "nua-nam", "--format", "csv",
                 "--data-dir", data_dir, "--out-dir", tmp_path / "out")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "so-lieu-2019-nua-nam.csv").is_file()


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "Hãy ghi năm cần xuất, ví dụ --year 2018 hoặc --years 2017-2019."),
        (["--years", "2019-2017"], "Giá trị của --years không hợp lệ."),
        (
            ["--year", "2018", "--format", "pdf"],
            "Giá trị của --format phải là một trong: xlsx, csv.",
        ),
    ],
)
def test_a_mistyped_export_says_so_and_exits_2(args, message, tmp_path):
    result = run("export", "--data-dir", DATA, "--out-dir", tmp_path / "out", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_formula_like_names_stay_text_in_the_workbook_and_are_quoted_in_the_csv(data_dir, tmp_path):
    folder = data_dir / "2018"
    renamed = '=HYPERLINK("evil")-tien-hai.xlsx'
    shutil.move(folder / "342-tien-hai-2018.xlsx", folder / renamed)
    wb = load_workbook(folder / renamed)
    wb["Chỉ tiêu"].title = "@Chỉ tiêu"
    wb.save(folder / renamed)
    out = tmp_path / "out"

    result = run("export", "--year", 2018, "--data-dir", data_dir, "--out-dir", out)

    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "so-lieu-2018.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        roots = [ElementTree.fromstring(archive.read(n)) for n in sheets]
    assert sum(len(root.findall(f".//{MAIN}f")) for root in roots) == 0
    long = _sheet(out / "so-lieu-2018.xlsx", "Số liệu")
    tien_hai = [r for r in long if r[2] == "342"]
    assert {(r[9], r[10]) for r in tien_hai if r[4] is None} == {(renamed, "@Chỉ tiêu")}
    rows = _csv_rows(out / "so-lieu-2018.csv")
    tien_hai = [r for r in rows if r[2] == "342" and r[4] == ""]
    assert {(r[9], r[10]) for r in tien_hai} == {("'" + renamed, "'@Chỉ tiêu")}
    assert all(r[8].isdigit() for r in tien_hai)  # numbers stay numbers
    assert not any(r[9].startswith("'") for r in rows[1:] if r[2] != "342")


_PANDAS_PROBE = """
import sys
from reportgen.cli import main
try:
    main(sys.argv[1:], prog_name="reportgen")
except SystemExit as exc:
    code = exc.code
print(f"exit={code} pandas={'pandas' in sys.modules}")
"""


@pytest.mark.parametrize(
    "args, pandas",
    [
        (["--help"], False),
        (["export", "--help"], False),
        (["check", "--year", "2018"], False),
        (["build", "--year", "2018", "--format", "html"], False),
        (["export", "--year", "2018", "--format", "csv"], True),  # the probe can see it
    ],
)
def test_check_build_and_help_never_import_pandas(args, pandas, tmp_path):
    if args[0] != "--help" and args[1:2] != ["--help"]:
        args = [*args, "--data-dir", str(DATA), "--out-dir", str(tmp_path / "out")]
    out = subprocess.run(
        [sys.executable, "-c", _PANDAS_PROBE, *args], capture_output=True, text=True, cwd=ROOT
    )
    assert out.stdout.splitlines()[-1] == f"exit=0 pandas={pandas}", out.stderr
