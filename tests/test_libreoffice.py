"""A blank workbook from `reportgen template`, filled in and saved by LibreOffice, checks clean.

Needs LibreOffice's soffice (Debian package libreoffice-calc; .ci/run installs it). The clerk's
typing is done with openpyxl, formulas included; LibreOffice then opens the file, calculates
and saves it in each format staff use, as a clerk pressing Save would.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.declared.catalog import load_catalog
from reportgen.pipeline import check_year
from tests.conftest import DATA, run
from tests.fill import fill_workbook

YEAR = 2019


def soffice_convert(sources: list[Path], fmt: str, out_dir: Path, profile: Path) -> list[Path]:
    """Open workbooks with LibreOffice headless and save them as fmt; fail loudly without it."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail(
            "soffice is not installed (Debian package libreoffice-calc; .ci/run installs it)"
        )
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out_dir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [out_dir / f"{source.stem}.{fmt}" for source in sources]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_template_filled_and_saved_by_libreoffice_checks_clean(data_dir: Path, tmp_path, fmt):
    folder = data_dir / str(YEAR)
    shutil.rmtree(folder)  # the shipped 2019 sample; this test fills fresh blank workbooks
    shutil.rmtree(data_dir / "2018")  # and its figures are not meant to compare with 2018's
    assert run("template", "--year", YEAR, "--data-dir", data_dir).exit_code == 0
    (folder / "bao-cao.toml").write_text('date = 2019-12-20\nauthor = "Ban chỉ đạo"\n', "utf-8")
    codes = [i.code for i in load_catalog(DATA).indicators_for(YEAR)]
    typed = tmp_path / "typed"
    typed.mkdir()
    for path in sorted(Path("mau-trong/2019").glob("*.xlsx")):  # the blanks' own folder
        values = dict.fromkeys(codes, 3) | {"pbgdpl_luot": "=2+2", "pbgdpl_tong": "=SUM(4,5)"}
        filled = fill_workbook(
            path.read_bytes(),
            values,
            {
                "Hoạt động": [["Lớp tập huấn", "kỹ năng tuyên truyền", "hội viên", 2, 60, None]],
                "Ấn phẩm": [["Bản tin", "cuốn", "=100*3"]],
            },
            preparer="Nguyễn Văn A",
            prepared_on="20/12/2019",
        )
        (typed / path.name).write_bytes(filled)
        path.unlink()
    saved = soffice_convert(sorted(typed.iterdir()), fmt, tmp_path / "saved", tmp_path / "lo")
    for path in saved:
        shutil.copy(path, folder / path.name)
    assert sorted(p.suffix for p in folder.iterdir()) == sorted(
        [f".{fmt}"] * 8 + [".toml", ".md"]  # bao-cao.toml, nhan-dinh.md
    )

    result = run("check", "--year", YEAR, "--data-dir", data_dir)

    assert result.output == (
        "Bảng kiểm tra: out/2019/kiem-tra-2019.xlsx; tệp gửi từng đơn vị: out/2019/gui-don-vi\n"
        "Đã nộp, không có lỗi: 8 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
        "Không có lỗi, không có cảnh báo trong 8 tệp.\n"
    )
    assert result.exit_code == 0
    checked = check_year(YEAR, data_dir)
    for submission in checked.submissions:
        assert submission.indicators["pbgdpl_luot"] == 4  # formulas read as their results
        assert submission.indicators["pbgdpl_tong"] == 9
        assert submission.rows["publications"][0].values["quantity"] == 300
        assert submission.preparer == "Nguyễn Văn A"


def test_libreoffice_keeps_the_protection_and_the_dropdowns(data_dir: Path, tmp_path):
    out = tmp_path / "mau"
    for sent in (data_dir / str(YEAR)).glob("*.xlsx"):
        sent.unlink()  # `template` makes blanks only for units that have sent nothing
    assert run("template", "--year", YEAR, "--data-dir", data_dir, "--out-dir", out).exit_code == 0
    [saved] = soffice_convert(
        [out / "342-tien-hai-2019.xlsx"], "xlsx", tmp_path / "saved", tmp_path / "lo"
    )

    wb = load_workbook(saved)

    assert wb["Chỉ tiêu"].protection.sheet
    assert wb["Chỉ tiêu"]["D3"].protection.locked is False
    assert wb["Chỉ tiêu"]["B3"].protection.locked is True
    lists = [dv for dv in wb["Hoạt động"].data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 2  # activity type and commune
