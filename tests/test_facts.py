"""The fact table: one record per figure read, and the report's figures as views of it."""

import csv
import dataclasses
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from openpyxl import load_workbook

from reportgen.declared.catalog import load_catalog
from reportgen.errors import ConfigError
from reportgen.fact_table import Fact
from reportgen.pipeline import check_year
from tests.conftest import DATA, ROOT, run

STEM = "ket-qua-phong-chong-mua-ban-nguoi-2018"
TO = '"Ấn phẩm ""Bản tin sinh hoạt hội viên"" (tờ)"'


def test_checking_a_workbook_gives_one_fact_per_figure_with_its_cell():
    result = check_year(2018, DATA, compare_previous=False)
    check = next(c for c in result.checks if c.file == "340-dong-hung-2018.xlsx")
    facts = check.facts
    assert facts == check.submission.facts
    assert len(facts) == 18  # 11 indicators; 1 activity and 2 publication rows: a row fact each
    assert (
        Fact(
            2018,
            "nam",
            "340",
            "",
            "",
            "con_lai",
            22,
            "340-dong-hung-2018.xlsx",
            "Chỉ tiêu",
            "D12",
            12,
        )
        in facts
    )
    topic = "pham chat dao duc phu nu viet nam gan voi phong chong mua ban nguoi"
    read = (("rows", 1, ""), ("sessions", 1, "D2"), ("participants", 120, "E2"))
    assert [f for f in facts if f.table == "activities"] == [
        Fact(2018, "nam", "340", "activities", f"noi_chuyen\n{topic}", key, value,
             "340-dong-hung-2018.xlsx", "Hoạt động", cell, 2)
        for key, value, cell in read
    ]  # fmt: skip


def test_a_fact_converts_to_json_and_back_unchanged():
    fact = Fact(2018, "nam", "340", "publications", "ban tin\ncuon", "quantity", 400,
                "340-dong-hung-2018.xlsx", "Ấn phẩm", "C2", 2)  # fmt: skip
    assert Fact(**json.loads(json.dumps(dataclasses.asdict(fact)))) == fact


def test_checking_and_building_never_import_pandas():
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reportgen.pipeline import check_year\n"
        "from reportgen import fact_table\n"
        "from reportgen.report import aggregate, provenance\n"
        "check_year(2018, Path(sys.argv[1]), compare_previous=False)\n"
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(DATA)], capture_output=True, text=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False", out.stderr


@pytest.fixture(scope="module")
def built_with_more_publications(tmp_path_factory) -> Path:
    """Build 2018 with a "tờ" issue of the "cuốn" bulletin, and the bulletin retyped."""
    data = tmp_path_factory.mktemp("facts") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("~$*"))
    typed = {
        # Thành phố: 6 + 4 "tờ" in rows 9 and 10 (rows 4 to 8 left empty)
        "336-thai-binh-2018.xlsx": {9: ("Bản tin sinh hoạt hội viên", "tờ", 6),
                                    10: ("Bản tin sinh hoạt hội viên", "tờ", 4)},
        # Quỳnh Phụ: a "tờ" line of 0
        "338-quynh-phu-2018.xlsx": {4: ("Bản tin sinh hoạt hội viên", "tờ", 0)},
        # Vũ Thư: the "cuốn" bulletin typed in other case, without the diacritics' case
        "344-vu-thu-2018.xlsx": {4: ("BẢN TIN SINH HOẠT HỘI VIÊN", "Cuốn", 5)},
    }  # fmt: skip
    for name, rows in typed.items():
        book = load_workbook(data / "2018" / name)
        for row, values in rows.items():
            for col, value in enumerate(values, 1):
                book["Ấn phẩm"].cell(row=row, column=col, value=value)
        book.save(data / "2018" / name)
    out = tmp_path_factory.mktemp("out")
    result = run("build", "--year", 2018, "--data-dir", data, "--out-dir", out)
    assert result.exit_code == 0, result.output
    return out


def test_a_title_with_two_measures_is_two_lines_never_one_sum(built_with_more_publications):
    html = (built_with_more_publications / f"{STEM}.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", lxml.html.fromstring(html).find(".//article").text_content())
    assert (
        "phát hành định kỳ 3.005 cuốn Bản tin sinh hoạt hội viên; "
        "19.500 tờ gấp Hãy phòng ngừa xâm hại tình dục trẻ em; "
        "10 tờ Bản tin sinh hoạt hội viên" in text
    )
    assert "3.015" not in text and "3.010" not in text


def test_the_hover_title_leaves_out_units_that_gave_0(built_2018, built_with_more_publications):
    page = lxml.html.fromstring((built_2018 / f"{STEM}.html").read_text(encoding="utf-8"))
    span = next(s for s in page.iter("span") if s.get("data-source") == "xuat_canh_trai_phep")
    # Thành phố and Vũ Thư typed 0
    assert span.get("title") == (
        "7 = Quỳnh Phụ 2 + Hưng Hà 1 + Đông Hưng 1 + Thái Thụy 1 + Tiền Hải 1 + Kiến Xương 1"
    )
    html = (built_with_more_publications / f"{STEM}.html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    span = next(s for s in page.iter("span") if s.get("data-source") == "publications.3")
    assert (span.text, span.get("title")) == ("10", "10 = Thành phố 10")  # Quỳnh Phụ gave 0


def test_the_csv_lists_a_figures_cells_in_reading_order(built_with_more_publications):
    text = (built_with_more_publications / "nguon-so-lieu.csv").read_text(encoding="utf-8-sig")
    lines = [line.split(",", 1)[1] for line in text.splitlines() if TO in line]
    # file by file, and in a file row 9 before row 10; the 0 of Quỳnh Phụ is listed
    assert lines == [
        f"{TO},10,Thành phố Thái Bình,6,336-thai-binh-2018.xlsx,Ấn phẩm,dòng 9",
        f"{TO},10,Thành phố Thái Bình,4,336-thai-binh-2018.xlsx,Ấn phẩm,dòng 10",
        f"{TO},10,Huyện Quỳnh Phụ,0,338-quynh-phu-2018.xlsx,Ấn phẩm,dòng 4",
    ]
    rows = list(csv.reader(io.StringIO(text)))
    bulletin = [r for r in rows if r[1] == 'Ấn phẩm "Bản tin sinh hoạt hội viên" (cuốn)']
    assert [(r[2], r[3], r[4], r[7]) for r in bulletin] == [
        ("3005", "Thành phố Thái Bình", "500", "dòng 2"),
        ("3005", "Huyện Quỳnh Phụ", "400", "dòng 2"),
        ("3005", "Huyện Hưng Hà", "350", "dòng 2"),
        ("3005", "Huyện Đông Hưng", "400", "dòng 2"),
        ("3005", "Huyện Thái Thụy", "400", "dòng 2"),
        ("3005", "Huyện Tiền Hải", "300", "dòng 2"),
        ("3005", "Huyện Kiến Xương", "350", "dòng 2"),
        ("3005", "Huyện Vũ Thư", "300", "dòng 2"),
        ("3005", "Huyện Vũ Thư", "5", "dòng 4"),
    ]


@pytest.mark.parametrize(
    ("declared", "written", "message"),
    [
        (
            'group = ["title", "measure"]',
            'group = ["title", "unit"]',
            '[[tables]] #2: "group" nêu cột "unit" nhưng trang này không có cột khóa đó.',
        ),
        (
            'group = ["stage", "route", "offence"]',
            'group = ["route", "offence"]',
            '[[tables]] #3: "group" phải có cột "stage" (báo cáo đếm theo cột này).',
        ),
        (  # without the type, the appendix would show 0 sessions of every type
            'group = ["type", "topic"]',
            'group = ["topic"]',
            '[[tables]] #1: "group" phải có cột "type" (báo cáo đếm theo cột này).',
        ),
    ],
)
def test_a_group_the_report_cannot_use_is_a_catalog_error(data_dir, declared, written, message):
    path = data_dir / "catalog.toml"
    text = path.read_text(encoding="utf-8")
    assert declared in text
    path.write_text(text.replace(declared, written), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_catalog(data_dir)
    assert caught.value.messages == [f"{path} {message}"]


def test_the_csv_numbers_the_figures_in_the_order_the_article_prints_them(built_2018):
    text = (built_2018 / "nguon-so-lieu.csv").read_text(encoding="utf-8-sig")
    first: dict[str, tuple[str, str]] = {}
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        first.setdefault(row[0], (row[1][:30], row[2]))
    # the activities (sessions, participants), the publications, then the indicators
    assert list(first.values()) == [
        ('Lớp tập huấn "kỹ năng tuyên tr', "3"),
        ('Lớp tập huấn "kỹ năng tuyên tr', "286"),
        ('Buổi nói chuyện chuyên đề "phẩ', "2"),
        ('Buổi nói chuyện chuyên đề "phẩ', "300"),
        ('Lớp chuyên đề "nâng cao kiến t', "3"),
        ('Lớp chuyên đề "nâng cao kiến t', "300"),
        ('Ấn phẩm "Bản tin sinh hoạt hội', "3000"),
        ('Ấn phẩm "Hãy phòng ngừa xâm hạ', "19500"),
        ("Số lượt người nước ngoài, phụ ", "91"),
        ("Tổng số lượt người nước ngoài,", "126"),
        ("Người nước ngoài đang tạm trú,", "1519"),
        ("Số lượt kiểm tra cơ sở kinh do", "847"),
        ("Phụ nữ lấy chồng nước ngoài về", "72"),
        ("Công dân xuất cảnh trái phép s", "7"),
        ("Công dân lao động nhập cảnh tr", "52"),
        ("Trường hợp con lai về sinh sốn", "172"),
        ("Nạn nhân bị mua bán trở về đượ", "0"),
        ("Nạn nhân được giải cứu", "0"),
        ("Nạn nhân được hỗ trợ (vốn, y t", "0"),
    ]
    assert list(first) == [str(n) for n in range(1, 20)]
