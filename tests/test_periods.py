"""Report periods: 6 tháng, quý, 9 tháng besides the year, each in its own folder, compared
"so với cùng kỳ" of the year before (issue 16, points 1, 2 and 5)."""

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.blank_forms import write_templates
from reportgen.declared.periods import load_periods, period_for
from reportgen.errors import ConfigError
from reportgen.outputs.folders import blanks_folder
from reportgen.pipeline import check_year
from reportgen.problems import ERROR, Problem
from tests.conftest import DATA, ROOT, run

SIX = "6-thang"
HALF_2019 = "ket-qua-phong-chong-mua-ban-nguoi-2019-6-thang.html"


def _text(markup: str) -> str:
    """Return HTML as a reader sees it, on one line: blocks apart, inline tags dropped."""
    markup = re.sub(r"</?(?:p|h1|h2|div|tr|td|th|figcaption|svg)\b[^>]*>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", markup))).strip()


def article_text(path: Path) -> str:
    """Return the article's text (no appendix) as a reader sees it, on one line."""
    return _text(path.read_text(encoding="utf-8").split("<article>")[1].split("</article>")[0])


def page_text(path: Path) -> str:
    """Return the whole page's text, appendix included."""
    return _text(path.read_text(encoding="utf-8").split("<body>")[1])


def build(data_dir: Path, out: Path, year: int = 2019, period: str = SIX) -> str:
    result = run(
        "build", "--year", year, "--period", period, "--data-dir", data_dir, "--out-dir", out,
        "--format", "html",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def half_2019(tmp_path_factory) -> Path:
    """The 6-month 2019 report built from the shipped data; return its HTML file."""
    out = tmp_path_factory.mktemp("half2019")
    build(DATA, out)
    return out / HALF_2019


# --- periods.toml ---


@pytest.mark.parametrize(
    ("code", "year", "name", "start", "end"),
    [
        ("nam", 2019, "năm 2019", dt.date(2018, 12, 15), dt.date(2019, 12, 14)),
        ("6-thang", 2019, "6 tháng đầu năm 2019", dt.date(2018, 12, 15), dt.date(2019, 6, 14)),
        ("9-thang", 2026, "9 tháng đầu năm 2026", dt.date(2025, 12, 15), dt.date(2026, 9, 14)),
        ("quy-1", 2026, "quý I năm 2026", dt.date(2025, 12, 15), dt.date(2026, 3, 14)),
        ("quy-2", 2026, "quý II năm 2026", dt.date(2026, 3, 15), dt.date(2026, 6, 14)),
        ("quy-4", 2026, "quý IV năm 2026", dt.date(2026, 9, 15), dt.date(2026, 12, 14)),
    ],
)
def test_each_period_has_its_vietnamese_name_and_the_regimes_span(code, year, name, start, end):
    period = period_for(load_periods(DATA), code, year)
    assert (period.name, period.start, period.end) == (name, start, end)


def test_a_data_folder_without_periods_toml_knows_the_whole_year_only(tmp_path: Path):
    assert list(load_periods(tmp_path)) == ["nam"]
    with pytest.raises(ConfigError) as caught:
        period_for(load_periods(tmp_path), SIX, 2019)
    assert caught.value.messages == [
        'Không có kỳ báo cáo "6-thang" — các kỳ đã khai báo trong periods.toml: nam.'
    ]


def test_an_unknown_period_is_named_with_the_known_ones_and_nothing_is_written(tmp_path: Path):
    result = run("build", "--year", 2019, "--period", "7-thang", "--data-dir", DATA)
    assert result.exit_code == 1
    assert result.output.strip() == (
        'Không có kỳ báo cáo "7-thang" — các kỳ đã khai báo trong periods.toml: nam, quy-1, '
        "quy-2, quy-3, quy-4, 6-thang, 9-thang."
    )
    assert not (tmp_path / "out").exists()


def test_a_mistake_in_periods_toml_is_located(data_dir: Path):
    text = (data_dir / "periods.toml").read_text(encoding="utf-8")
    (data_dir / "periods.toml").write_text(text.replace('end = "14/3"', 'end = "31/2"'), "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_periods(data_dir)
    assert caught.value.messages == [
        f'{data_dir / "periods.toml"} [[periods]] #2: trường "end" phải là ngày/tháng, '
        'ví dụ "15/12".'
    ]


# --- the 6-month report of 2019 (data/2019-6-thang, compared with data/2018-6-thang) ---


def test_the_six_month_report_says_its_period_in_the_title_and_the_lead(half_2019: Path):
    text = article_text(half_2019)
    assert text.startswith(
        "Kết quả công tác phòng, chống mua bán người 6 tháng đầu năm 2019 20/06/2019 "
        "6 tháng đầu năm 2019 (từ ngày 15/12/2018 đến ngày 14/6/2019), công tác phòng, chống "
        "tội phạm mua bán người đã được các cấp, các ngành trên địa bàn tỉnh đặc biệt quan tâm."
    )
    assert (
        "<title>Kết quả công tác phòng, chống mua bán người 6 tháng đầu năm 2019</title>"
        in half_2019.read_text(encoding="utf-8")
    )


def test_the_six_month_report_compares_with_the_same_period_of_the_year_before(half_2019: Path):
    text = article_text(half_2019)
    assert (
        "6 tháng đầu năm 2019, các lực lượng chức năng đã phát hiện, xử lý 02 vụ/05 đối tượng "
        "mua bán người, xác định 04 nạn nhân bị mua bán; so với cùng kỳ năm 2018, tăng 02 vụ, "
        "05 đối tượng." in text
    )
    assert (
        "Từ đầu năm đến nay, đã xác minh, giải cứu, tiếp nhận 03 nạn nhân bị mua bán trở về "
        "(trong đó giải cứu 01 nạn nhân), tăng 03 nạn nhân so với cùng kỳ năm 2018; 100% nạn "
        "nhân đã được hỗ trợ theo quy định." in text
    )
    assert "so với năm" not in text


def test_the_six_month_figures_are_the_six_month_workbooks(half_2019: Path):
    text = article_text(half_2019)
    assert "quản lý chặt chẽ 1.608 người nước ngoài" in text
    assert "Đã tổ chức kiểm tra 450 lượt cơ sở kinh doanh" in text
    assert "Cơ quan điều tra đã khởi tố 01 vụ/03 bị can; 01 vụ đang tiếp tục xác minh." in text


def test_the_appendix_names_the_period(half_2019: Path):
    text = page_text(half_2019)
    assert "Số liệu phòng, chống mua bán người 6 tháng đầu năm 2019 theo đơn vị" in text
    assert "Biểu đồ: Một số chỉ tiêu chính theo đơn vị, 6 tháng đầu năm 2019" in text


def test_without_the_same_period_of_the_year_before_there_is_no_comparison(
    data_dir: Path, tmp_path: Path
):
    shutil.rmtree(data_dir / "2018-6-thang")  # data/2018 (the year) is there: not compared
    build(data_dir, tmp_path / "out")
    text = article_text(tmp_path / "out" / HALF_2019)
    assert (
        "6 tháng đầu năm 2019, các lực lượng chức năng đã phát hiện, xử lý 02 vụ/05 đối tượng "
        "mua bán người, xác định 04 nạn nhân bị mua bán. Các vụ việc" in text
    )
    assert "so với" not in text


def test_the_year_keeps_comparing_with_the_year_before(tmp_path: Path):
    build(DATA, tmp_path, period="nam")
    text = article_text(tmp_path / "ket-qua-phong-chong-mua-ban-nguoi-2019.html")
    assert "xác định 07 nạn nhân bị mua bán; so với năm 2018, tăng 04 vụ, 09 đối tượng." in text
    assert "Trong năm, đã xác minh, giải cứu, tiếp nhận 06 nạn nhân" in text


def test_a_span_set_in_bao_cao_toml_is_the_one_the_lead_says(data_dir: Path, tmp_path: Path):
    settings = data_dir / "2019-6-thang" / "bao-cao.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "period_end = 2019-06-20\n", encoding="utf-8"
    )
    build(data_dir, tmp_path / "out")
    text = article_text(tmp_path / "out" / HALF_2019)
    assert "6 tháng đầu năm 2019 (từ ngày 15/12/2018 đến ngày 20/6/2019), công tác" in text


def test_the_check_of_a_period_reads_its_own_folder_and_its_facts_say_the_period():
    result = check_year(2019, DATA, period=SIX)
    assert result.errors == 0
    assert [p.name for p in result.files][:2] == [
        "336-thai-binh-2019-6-thang.xlsx",
        "338-quynh-phu-2019-6-thang.xlsx",
    ]
    assert {f.period for s in result.submissions for f in s.facts} == {"6-thang"}
    assert result.previous.year == 2018
    assert result.previous.files[0].name == "336-thai-binh-2018-6-thang.xlsx"


def test_the_check_command_takes_the_period_and_writes_to_its_own_out_folder(tmp_path: Path):
    result = run("check", "--year", 2019, "--period", SIX, "--data-dir", DATA)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Bảng kiểm tra: out/2019-6-thang/kiem-tra-2019-6-thang.xlsx; tệp gửi từng đơn vị: "
        "out/2019-6-thang/gui-don-vi",
        "Đã nộp, không có lỗi: 8 đơn vị.",
        "Đã nộp, còn lỗi: 0 đơn vị.",
        "Chưa nộp: 0 đơn vị.",
        "Không có lỗi, không có cảnh báo trong 8 tệp.",
    ]
    assert (tmp_path / "out" / "2019-6-thang" / "kiem-tra-2019-6-thang.xlsx").is_file()
    page = (tmp_path / "out" / "2019-6-thang" / "kiem-tra-2019-6-thang.html").read_text("utf-8")
    assert (
        "<title>Kết quả kiểm tra số liệu phòng, chống mua bán người 6 tháng đầu năm 2019</title>"
        in page
    )


# --- blank workbooks and the period they say ---


def test_the_blank_workbook_of_a_period_says_the_period(data_dir: Path, tmp_path: Path):
    shutil.rmtree(data_dir / "2019-6-thang")  # no unit has sent its 6-month workbook yet
    out = tmp_path / "mau"
    result = write_templates(2019, data_dir, out, period=SIX)
    assert [p.name for p, _ in result.written][:2] == [
        "336-thai-binh-2019-6-thang.xlsx",
        "338-quynh-phu-2019-6-thang.xlsx",
    ]
    wb = load_workbook(out / "340-dong-hung-2019-6-thang.xlsx")
    assert wb["Hướng dẫn"]["A1"].value == (
        "Mẫu báo cáo số liệu phòng, chống mua bán người — Huyện Đông Hưng, 6 tháng đầu năm 2019."
    )
    info = [[c.value for c in row] for row in wb["Thông tin"].iter_rows(max_col=2)]
    assert info[:5] == [
        ["Mục", "Nội dung"],
        ["Đơn vị báo cáo", "Huyện Đông Hưng"],
        ["Mã đơn vị", "340"],
        ["Năm báo cáo", 2019],
        ["Kỳ báo cáo", "6 tháng đầu năm 2019"],
    ]
    # The settings file goes to the period's data folder, where build reads it.
    assert result.folder == data_dir / "2019-6-thang"
    settings = (data_dir / "2019-6-thang" / "bao-cao.toml").read_text(encoding="utf-8")
    assert settings.startswith("# Thông tin của bài báo cáo 6 tháng đầu năm 2019.\n")
    assert "# Kỳ báo cáo mặc định từ 15/12/2018 đến 14/06/2019." in settings
    assert "# period_end = 2019-06-14\n" in settings


def test_the_blank_workbooks_of_a_period_go_to_their_own_folder_under_mau_trong():
    assert blanks_folder(2019, SIX) == Path("mau-trong") / "2019-6-thang"
    assert blanks_folder(2019) == Path("mau-trong") / "2019"


def test_the_yearly_blank_workbook_has_no_period_row(data_dir: Path, tmp_path: Path):
    shutil.rmtree(data_dir / "2019")  # no unit has sent its 2019 workbook yet
    write_templates(2019, data_dir, tmp_path)
    wb = load_workbook(tmp_path / "340-dong-hung-2019.xlsx")
    labels = [row[0].value for row in wb["Thông tin"].iter_rows(max_col=1)]
    assert labels == ["Mục", "Đơn vị báo cáo", "Mã đơn vị", "Năm báo cáo", "Người lập", "Ngày lập"]
    assert wb["Hướng dẫn"]["A1"].value.endswith("— Huyện Đông Hưng, năm 2019.")


def test_a_yearly_workbook_in_a_period_folder_is_an_error(data_dir: Path):
    folder = data_dir / "2019-6-thang"
    (folder / "340-dong-hung-2019-6-thang.xlsx").unlink()
    shutil.copy(data_dir / "2019" / "340-dong-hung-2019.xlsx", folder)
    result = check_year(2019, data_dir, period=SIX)
    assert [p for p in result.problems if p.rule == "period_mismatch"] == [
        Problem(
            ERROR,
            "340-dong-hung-2019.xlsx",
            "Thông tin",
            "",
            "",
            "period_mismatch",
            'tệp này là mẫu báo cáo cả năm (không có dòng "Kỳ báo cáo") nhưng nằm trong thư mục '
            "của kỳ 6 tháng đầu năm 2019 — hãy dùng mẫu của kỳ này (reportgen template --period "
            "6-thang) hoặc chuyển tệp sang đúng thư mục.",
            "340",
        )
    ]


def test_a_period_workbook_in_the_year_folder_is_an_error_at_its_cell(data_dir: Path):
    (data_dir / "2019" / "340-dong-hung-2019.xlsx").unlink()
    shutil.copy(data_dir / "2019-6-thang" / "340-dong-hung-2019-6-thang.xlsx", data_dir / "2019")
    result = check_year(2019, data_dir)
    assert [p for p in result.problems if p.rule == "period_mismatch"] == [
        Problem(
            ERROR,
            "340-dong-hung-2019-6-thang.xlsx",
            "Thông tin",
            "B5",
            "6 tháng đầu năm 2019",
            "period_mismatch",
            'kỳ báo cáo "6 tháng đầu năm 2019" không khớp với thư mục (cả năm) — hãy dùng mẫu '
            "của kỳ này hoặc chuyển tệp sang đúng thư mục.",
            "340",
        )
    ]


# --- indicators collected only in some periods ---


def test_an_indicator_of_the_year_only_is_not_in_the_period_workbooks(data_dir: Path):
    catalog = data_dir / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    text = text.replace('code = "con_lai"\n', 'code = "con_lai"\nperiods = ["nam"]\n')
    catalog.write_text(text, encoding="utf-8")
    shutil.rmtree(data_dir / "2019")  # no workbook sent yet: every unit gets its blanks
    shutil.rmtree(data_dir / "2019-6-thang")
    write_templates(2019, data_dir, data_dir / "mau-6", period=SIX)
    write_templates(2019, data_dir, data_dir / "mau-nam")

    def codes(path: Path) -> list:
        return [
            r[0].value for r in load_workbook(path)["Chỉ tiêu"].iter_rows(min_row=2) if r[0].value
        ]

    assert "con_lai" not in codes(data_dir / "mau-6" / "340-dong-hung-2019-6-thang.xlsx")
    assert "con_lai" in codes(data_dir / "mau-nam" / "340-dong-hung-2019.xlsx")


def test_an_unknown_period_on_an_indicator_is_a_config_error(data_dir: Path):
    catalog = data_dir / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    text = text.replace('code = "con_lai"\n', 'code = "con_lai"\nperiods = ["ca-nam"]\n')
    catalog.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        check_year(2019, data_dir)
    assert caught.value.messages == [
        f'{data_dir / "catalog.toml"} [[indicators]] con_lai: kỳ báo cáo "ca-nam" trong '
        '"periods" không có trong periods.toml.'
    ]


# --- make ---


def test_make_passes_the_period_and_defaults_to_the_year():
    def dry(*args):
        result = subprocess.run(
            ["make", "--no-print-directory", "-n", "-C", str(ROOT), *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        return [line for line in result.stdout.splitlines() if "reportgen " in line]

    assert dry("report", "YEAR=2019", "PERIOD=6-thang") == [
        ".venv/bin/reportgen build --year 2019 --period 6-thang --data-dir data "
    ]
    assert dry("check", "YEAR=2019") == [
        ".venv/bin/reportgen check --year 2019 --period nam --data-dir data "
    ]
    assert dry("template", "YEAR=2019", "PERIOD=quy-1") == [
        ".venv/bin/reportgen template --year 2019 --period quy-1 --data-dir data"
    ]


def test_a_units_jump_is_told_against_the_same_period_of_the_year_before(data_dir: Path):
    path = data_dir / "2019-6-thang" / "336-thai-binh-2019-6-thang.xlsx"
    wb = load_workbook(path)
    sheet = wb["Chỉ tiêu"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "kiem_tra_co_so_kinh_doanh")
    row[3].value = 601  # 2018's first half: 120
    wb.save(path)
    result = check_year(2019, data_dir, period=SIX)
    assert [p.text() for p in result.problems] == [
        '336-thai-binh-2019-6-thang.xlsx, trang "Chỉ tiêu", ô D7: 601, cùng kỳ năm 2018 là 120 — '
        "tăng hơn 5 lần; hãy kiểm tra lại, nếu đúng thì không cần sửa."
    ]


def test_the_same_period_with_errors_is_not_compared_and_a_warning_says_how_to_check_it(
    data_dir: Path, tmp_path: Path
):
    path = data_dir / "2018-6-thang" / "340-dong-hung-2018-6-thang.xlsx"
    wb = load_workbook(path)
    row = next(r for r in wb["Chỉ tiêu"].iter_rows(min_row=2) if r[0].value == "pbgdpl_luot")
    row[3].value = "nhiều"
    wb.save(path)
    output = build(data_dir, tmp_path / "out")
    assert (
        "  [cảnh báo] Không so sánh với cùng kỳ (6 tháng đầu năm 2018) vì số liệu kỳ đó còn 1 lỗi "
        '— chạy "make check YEAR=2018 PERIOD=6-thang" để xem.' in output
    )
    assert "so với" not in article_text(tmp_path / "out" / HALF_2019)


def test_the_official_form_of_a_period_says_the_periods_dates(data_dir: Path):
    official = (data_dir / "2018" / "bao-cao.toml").read_text(encoding="utf-8")
    table = official[official.index("[official]") :]
    settings = data_dir / "2019-6-thang" / "bao-cao.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n" + table, encoding="utf-8")
    result = check_year(2019, data_dir, official=True, period=SIX)
    # Not the year's 15/12/2018-14/12/2019, which [official] would default to.
    assert result.settings.official.period_start == dt.date(2018, 12, 15)
    assert result.settings.official.period_end == dt.date(2019, 6, 14)
