"""Trends: the report's period over the years before it, a table and small bar charts in the
appendix, same territory only, years with errors left out with a warning (issue 16, point 3)."""

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.pipeline import report_data
from reportgen.problems import WARNING, Problem
from reportgen.report.chart import trend_chart
from tests.conftest import DATA, run
from tests.sample_2018_6_thang import UNITS as HALF_2018
from tests.samples import write_year

TREND_HEAD = "Diễn biến giai đoạn 2017–2019"


def appendix_text(path: Path) -> str:
    """Return the appendix's text as a reader sees it, on one line."""
    markup = path.read_text(encoding="utf-8").split('<section class="appendix">')[1]
    markup = re.sub(r"<svg\b.*?</svg>", " ", markup, flags=re.S)
    markup = re.sub(r"</?(?:p|tr|td|th|figcaption|div)\b[^>]*>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", markup))).strip()


def spoil_2017(data_dir: Path) -> None:
    """Type text for a number in Đông Hưng's 2017 workbook: one error in 2017."""
    path = data_dir / "2017" / "340-dong-hung-2017.xlsx"
    wb = load_workbook(path)
    row = next(r for r in wb["Chỉ tiêu"].iter_rows(min_row=2) if r[0].value == "pbgdpl_luot")
    row[3].value = "nhiều"
    wb.save(path)


def build(data_dir: Path, out: Path, year: int, period: str = "nam"):
    result = run(
        "build", "--year", year, "--period", period, "--data-dir", data_dir, "--out-dir", out,
        "--format", "html",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def year_2019(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("trend2019")
    build(DATA, out, 2019)
    return out / "ket-qua-phong-chong-mua-ban-nguoi-2019.html"


def test_the_2019_appendix_shows_the_three_years_2017_to_2019(year_2019: Path):
    text = appendix_text(year_2019)
    table = text.split(TREND_HEAD, 1)[1].split("Biểu đồ:", 1)[0].strip()
    assert table == (
        "Chỉ tiêu 2017 2018 2019 "
        "Vụ mua bán người được phát hiện, xử lý (vụ) 1 0 4 "
        "Đối tượng mua bán người (đối tượng) 2 0 9 "
        "Nạn nhân được xác minh, giải cứu, tiếp nhận (người) 2 0 6 "
        "Người nước ngoài tạm trú được quản lý (người) 1.330 1.519 1.667 "
        "Lượt kiểm tra cơ sở kinh doanh có điều kiện (lượt) 777 847 905 "
        "Lượt người được phổ biến giáo dục pháp luật (lượt) 79 91 103"
    )


def test_the_2019_appendix_draws_a_small_chart_per_chosen_figure(year_2019: Path):
    text = appendix_text(year_2019)
    charts = text.split(f"Biểu đồ: {TREND_HEAD}", 1)[1]
    assert charts.strip() == (
        "Vụ mua bán người được phát hiện, xử lý (vụ) "
        "Người nước ngoài tạm trú được quản lý (người) "
        "Lượt kiểm tra cơ sở kinh doanh có điều kiện (lượt) "
        "Lượt người được phổ biến giáo dục pháp luật (lượt)"
    )
    markup = year_2019.read_text(encoding="utf-8")
    assert markup.count('<svg class="bars trend"') == 4


def test_2018_has_two_years_only_and_shows_no_trend(built_2018: Path):
    markup = (built_2018 / "ket-qua-phong-chong-mua-ban-nguoi-2018.html").read_text("utf-8")
    assert "Diễn biến" not in markup
    assert "bars trend" not in markup


def test_the_trend_chart_draws_a_bar_per_year_scaled_to_the_largest():
    svg = str(trend_chart([2017, 2018, 2019], [1, 0, 4], "Vụ"))
    assert re.findall(r'<rect [^>]*height="([\d.]+)"', svg) == ["30.0", "0.0", "120.0"]
    assert re.findall(r">([^<>]+)</text>", svg) == ["1", "2017", "0", "2018", "4", "2019"]
    assert '<svg class="bars trend" viewBox="0 0 128 156"' in svg
    assert "<title>Vụ</title>" in svg


def test_a_year_with_errors_is_left_out_of_the_trend_with_a_warning(data_dir: Path):
    spoil_2017(data_dir)
    data, _, problems = report_data(2019, data_dir)
    assert data.trend.years == (2018, 2019)
    assert [p for p in problems if p.rule == "trend_skipped"] == [
        Problem(
            WARNING,
            "",
            "",
            "",
            "",
            "trend_skipped",
            "Không đưa năm 2017 vào bảng diễn biến qua các năm vì số liệu còn 1 lỗi — chạy "
            '"make check YEAR=2017" để xem.',
        )
    ]


def test_the_warning_is_printed_and_the_report_still_written(data_dir: Path, tmp_path: Path):
    spoil_2017(data_dir)
    result = build(data_dir, tmp_path / "out", 2019)
    assert (
        "  [cảnh báo] Không đưa năm 2017 vào bảng diễn biến qua các năm vì số liệu còn 1 lỗi "
        '— chạy "make check YEAR=2017" để xem.' in result.output
    )
    markup = (tmp_path / "out" / "ket-qua-phong-chong-mua-ban-nguoi-2019.html").read_text("utf-8")
    assert "Diễn biến" not in markup  # 2018 and 2019 only: fewer than three years


def test_a_missing_year_ends_the_run_of_years(data_dir: Path):
    shutil.rmtree(data_dir / "2018")
    data, _, problems = report_data(2019, data_dir)
    assert data.trend.years == (2019,)  # 2017 is there, but not next to 2019
    assert not [p for p in problems if p.rule == "trend_skipped"]


def test_the_trend_never_crosses_a_boundary_change(data_dir: Path):
    # Declare that Vũ Thư changed in 2018: an entry ending in 2017, a new one from 2018.
    units = data_dir / "units.toml"
    text = units.read_text(encoding="utf-8")
    old = 'code = "344"\nkind = "huyện"\nname = "Vũ Thư"\nshort = "Vũ Thư"\naliases = []\n'
    assert old + "from = 2017\nto = 2024\n" in text
    text = text.replace(
        old + "from = 2017\nto = 2024\n",
        old + "from = 2017\nto = 2017\n\n[[units]]\n" + old + "from = 2018\nto = 2024\n",
    )
    units.write_text(text, encoding="utf-8")
    data, _, _ = report_data(2019, data_dir)
    assert data.trend.years == (2018, 2019)


def test_a_period_has_its_own_trend_with_the_period_in_its_headings(data_dir: Path, tmp_path: Path):
    # The first half of 2017, written like 2018's (same units, same figures).
    write_year(
        data_dir, data_dir / "2017-6-thang", 2017, HALF_2018, prepared_on=dt.datetime(2017, 6, 12),
        date=dt.date(2017, 6, 20), author="Phương Thảo", period="6-thang",
    )  # fmt: skip
    build(data_dir, tmp_path / "out", 2019, "6-thang")
    path = tmp_path / "out" / "ket-qua-phong-chong-mua-ban-nguoi-2019-6-thang.html"
    text = appendix_text(path)
    head = "Diễn biến 6 tháng đầu năm giai đoạn 2017–2019"
    table = text.split(head, 1)[1].split("Biểu đồ:", 1)[0].strip()
    assert table.startswith(
        "Chỉ tiêu 6 tháng đầu năm 2017 6 tháng đầu năm 2018 6 tháng đầu năm 2019 "
        "Vụ mua bán người được phát hiện, xử lý (vụ) 0 0 2 "
        "Đối tượng mua bán người (đối tượng) 0 0 5 "
    )
    assert "Người nước ngoài tạm trú được quản lý (người) 1.478 1.478 1.608" in table
