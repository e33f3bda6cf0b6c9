"""Hưng Yên after the 2025 reform: a dated province, 104 commune-level units, comparisons that
never cross a boundary change (issue 13)."""

import datetime as dt
import io
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.blank_forms import workbook_filename
from reportgen.blank_workbook import blank_workbook
from reportgen.declared.catalog import load_catalog
from reportgen.declared.units import load_registry
from reportgen.errors import ConfigError
from reportgen.names import name_key
from reportgen.pipeline import check_year
from tests.conftest import DATA, Fresh, run
from tests.conftest import declarations as _declarations
from tests.fill import fill_workbook
from tests.sample_hung_yen import EXAMPLES, SETTINGS, unit_sample
from tests.samples import CODES, write_year


@pytest.fixture(autouse=True)
def _shared_cache(hung_yen_cache: Path, monkeypatch) -> None:
    """Share one cache of checked workbooks among this file's runs: most read the same 104
    workbooks (a test of the cache itself keeps its own, tests/test_cache_units.py)."""
    monkeypatch.setenv("REPORTGEN_CACHE", str(hung_yen_cache))


def test_the_province_is_dated():
    registry = load_registry(DATA)
    assert registry.province_for(2024).name == "Thái Bình"
    assert registry.province_for(2024).committee == "Ban chỉ đạo 138 tỉnh Thái Bình"
    assert registry.province_for(2025).name == "Hưng Yên"
    assert registry.province_for(2026).committee == "Ban chỉ đạo 138 tỉnh Hưng Yên"
    assert registry.province_for(2026).local_committees == "Ban chỉ đạo 138 các xã, phường"


def test_from_2025_the_units_are_hung_yens_104_communes_and_wards():
    registry = load_registry(DATA)
    units = registry.units_for(2026)
    assert len(units) == 104
    assert sum(u.kind == "xã" for u in units) == 93
    assert sum(u.kind == "phường" for u in units) == 11
    first = units[0]
    assert (first.code, first.official_name, first.name_in_text) == (
        "11953",
        "Phường Phố Hiến",
        "phường Phố Hiến",
    )
    assert first.is_commune
    # Communes come from no list below a commune-level unit.
    assert registry.communes_for(2026) == ()
    # The district units stay as they were.
    assert [u.code for u in registry.units_for(2024)] == [
        "336", "338", "339", "340", "341", "342", "343", "344",
    ]  # fmt: skip
    assert not registry.units_for(2024)[0].is_commune


def _units_toml(tmp_path: Path, text: str) -> Path:
    (tmp_path / "units.toml").write_text(text, encoding="utf-8")
    return tmp_path


PROVINCE = (
    'name = "A"\ncommittee = "Ban chỉ đạo 138 tỉnh A"\ncommittee_short = "Ban"\n'
    'local_committees = "Ban chỉ đạo 138 các xã"\n'
)


def test_overlapping_and_missing_province_periods_are_named_with_their_year(tmp_path: Path):
    data = _units_toml(
        tmp_path,
        f"[[province]]\n{PROVINCE}from = 2020\nto = 2025\n"
        f"[[province]]\n{PROVINCE}from = 2025\nto = 2026\n"
        '[[units]]\ncode = "1"\nkind = "xã"\nname = "B"\nshort = "B"\nfrom = 2025\nto = 2027\n',
    )
    with pytest.raises(ConfigError) as exc:
        load_registry(data)
    assert exc.value.messages == [
        f"{data / 'units.toml'}: năm 2025 thuộc nhiều hơn một mục [[province]] — hãy sửa from/to.",
        f"{data / 'units.toml'}: năm 2027 có đơn vị báo cáo nhưng không thuộc mục [[province]] "
        "nào — hãy thêm hoặc sửa from/to.",
    ]


def test_a_broken_unit_list_is_named_with_its_file_and_line(tmp_path: Path):
    (tmp_path / "ds.csv").write_text(
        "ma_xa,ten_xa,loai_xa\n11953,Phố Hiến,phường\n11977,,xã\n", encoding="utf-8"
    )
    (tmp_path / "thieu.csv").write_text("ma_xa,ten\n1,A\n", encoding="utf-8")
    data = _units_toml(
        tmp_path,
        f"[province]\n{PROVINCE}"
        '[[unit_lists]]\nfile = "ds.csv"\nfrom = 2025\nlevel = "xã"\n'
        '[[unit_lists]]\nfile = "thieu.csv"\nfrom = 2025\nlevel = "tỉnh"\n'
        '[[unit_lists]]\nfile = "khong-co.csv"\nfrom = 2025\n',
    )
    with pytest.raises(ConfigError) as exc:
        load_registry(data)
    assert exc.value.messages == [
        f"{tmp_path / 'ds.csv'}, dòng 3: thiếu mã (ma_xa), tên (ten_xa) hoặc loại (loai_xa) "
        "của đơn vị.",
        f'{data / "units.toml"} [[unit_lists]] #2: "level" là "tỉnh" — chỉ dùng "huyện" (đơn vị '
        'có xã, phường bên dưới) hoặc "xã" (đơn vị là một xã, phường).',
        f"{tmp_path / 'thieu.csv'}: thiếu cột ten_xa, loai_xa (danh sách đơn vị cần các cột "
        "ma_xa, ten_xa, loai_xa).",
        f"Không tìm thấy tệp cấu hình {tmp_path / 'khong-co.csv'}.",
    ]


def test_a_unit_code_declared_twice_for_one_year_is_refused(tmp_path: Path):
    (tmp_path / "ds.csv").write_text("ma_xa,ten_xa,loai_xa\n7,Phố Hiến,phường\n", "utf-8")
    data = _units_toml(
        tmp_path,
        f"[province]\n{PROVINCE}"
        '[[units]]\ncode = "7"\nkind = "xã"\nname = "B"\nshort = "B"\nfrom = 2020\nto = 2025\n'
        '[[unit_lists]]\nfile = "ds.csv"\nfrom = 2025\nlevel = "xã"\n',
    )
    with pytest.raises(ConfigError) as exc:
        load_registry(data)
    assert exc.value.messages == [
        f'{data / "units.toml"}: mã đơn vị "7" được khai báo hai lần cho năm 2025.'
    ]


# --- 104 units: template -> fill -> check -> build ----------------------------------------


def _text(html: str) -> str:
    """Return the visible text of a report: no style, no svg, no tags."""
    html = re.sub(r"<(style|svg)\b.*?</\1>", "", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.fixture(scope="module")
def year_2026(fresh_2026: Fresh, tmp_path_factory) -> Path:
    """A data folder made as an office would: `template`, each blank filled, `check`.

    The blanks and the files `template` put into data/2026 come from the session's one
    `template` run (tests/conftest.py), which tests/test_collection.py reads too.
    """
    data = _declarations(tmp_path_factory.mktemp("hung-yen") / "data")
    blanks = data.parent / "mau-trong"  # the blanks' own folder, never data/ (issue 14)
    assert fresh_2026.template.exit_code == 0, fresh_2026.template.output
    shutil.copytree(fresh_2026.root / "mau-trong/2026", blanks)
    shutil.copytree(fresh_2026.data / "2026", data / "2026")
    folder = data / "2026"
    registry = load_registry(data)
    kinds = {u.code: u.kind for u in registry.units_for(2026)}
    for path in sorted(blanks.glob("*.xlsx")):
        code = path.name.split("-")[0]
        sample = unit_sample(2026, code, kinds[code])
        rows = {"Hoạt động": sample.activities, "Ấn phẩm": sample.publications}
        if sample.cases:
            rows["Vụ án"] = sample.cases
        (folder / path.name).write_bytes(
            fill_workbook(path.read_bytes(), sample.values(), rows, sample.preparer, "20/11/2026")
        )
    (folder / "bao-cao.toml").write_text(
        SETTINGS.format(year=2026, date="2026-12-05", number="05"), encoding="utf-8"
    )
    return data


def test_template_writes_104_blanks_with_ascii_sortable_names(year_2026: Path):
    names = sorted(p.name for p in (year_2026.parent / "mau-trong").glob("*.xlsx"))
    assert len(names) == 104
    assert names[:3] == [
        "11953-pho-hien-2026.xlsx",
        "11977-tan-hung-2026.xlsx",
        "11980-hong-chau-2026.xlsx",
    ]
    assert "13141-vu-quy-2026.xlsx" in names
    assert "13225-thai-binh-2026.xlsx" in names
    assert all(name.isascii() for name in names)


def test_a_commune_blank_has_no_commune_column_and_no_hidden_list():
    registry = load_registry(DATA)
    [unit] = [u for u in registry.units_for(2026) if u.code == "13141"]
    wb = load_workbook(io.BytesIO(blank_workbook(unit, 2026, load_catalog(DATA), ())))
    assert wb.sheetnames == ["Hướng dẫn", "Thông tin", "Chỉ tiêu", "Hoạt động", "Ấn phẩm", "Vụ án"]
    assert [c.value for c in wb["Hoạt động"][2]] == [  # row 1: "Không có hoạt động …"
        "Loại hoạt động", "Nội dung", "Đối tượng tham dự", "Số lớp/buổi", "Số người tham dự",
    ]  # fmt: skip
    assert [c.value for c in wb["Vụ án"][2]] == [
        "Tóm tắt vụ việc", "Tuyến (nước đến)", "Số đối tượng", "Số nạn nhân", "Giai đoạn",
        "Tội danh",
    ]  # fmt: skip
    assert wb["Thông tin"]["B2"].value == "Xã Vũ Quý"
    guide = [row[0].value for row in wb["Hướng dẫn"].iter_rows()]
    assert guide[0] == "Mẫu báo cáo số liệu phòng, chống mua bán người — Xã Vũ Quý, năm 2026."
    assert "xã/phường tổ chức" not in " ".join(filter(None, guide))


def test_104_filled_workbooks_check_clean(year_2026: Path):
    result = run("check", "--year", 2026, "--data-dir", year_2026)
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        "Đã nộp, không có lỗi: 104 đơn vị.\nĐã nộp, còn lỗi: 0 đơn vị.\nChưa nộp: 0 đơn vị.\n"
        "Không có lỗi, không có cảnh báo trong 104 tệp.\n"
    )


@pytest.fixture(scope="module")
def article_2026(year_2026: Path, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("article2026")
    result = run("build", "--year", 2026, "--data-dir", year_2026, "--out-dir", out,
                 "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.output
    return (out / "ket-qua-phong-chong-mua-ban-nguoi-2026.html").read_text(encoding="utf-8")


def test_the_2026_article_is_hung_yens(article_2026: str):
    assert '<meta name="description" content="Ban chỉ đạo 138 tỉnh Hưng Yên">' in article_2026
    text = _text(article_2026)
    assert "tỉnh Thái Bình" not in text and "tỉnh Thái Bình" not in article_2026
    # "Thái Bình" is still a ward of Hưng Yên, and printed as one: in the text, in the appendix.
    found = re.findall(r"\S+ Thái Bình", text)
    assert found[0] == "phường Thái Bình"
    assert set(found[1:]) == {"Phường Thái Bình"}
    assert "đến các sở, ngành, đoàn thể là thành viên và Ban chỉ đạo 138 các xã, phường" in text
    assert not re.search(r"\bhuyện\b", text, flags=re.I)


def test_commune_places_read_without_a_district_bracket(article_2026: str):
    text = _text(article_2026)
    assert (
        "Các vụ việc xảy ra tại phường Phố Hiến, phường Thái Bình, xã Tiền Hải, xã Vũ Quý; "
        "03 vụ theo tuyến Trung Quốc, 01 vụ theo tuyến Cam-pu-chia, 01 vụ theo tuyến Mi-an-ma."
    ) in text
    # Activities held in many communes give their number, not a list of dozens of names.
    assert re.search(r"cho [\d.]+ (lượt )?người dân tại \d+ xã, phường[;.]", text)


def test_the_appendix_has_a_row_per_unit(article_2026: str):
    tables = re.findall(r'<table class="by-unit by-row">.*?</table>', article_2026, flags=re.S)
    assert tables, "no row-per-unit table"
    rows = re.findall(r'<tr><th class="label">([^<]+)</th>', tables[0].split("<tbody>")[1])
    assert len(rows) == 104
    assert rows[:2] == ["Phường Phố Hiến", "Xã Tân Hưng"]
    assert "Phường Thái Bình" in rows and "Xã Vũ Quý" in rows


def test_the_official_2026_report_is_issued_by_hung_yens_committee(year_2026, tmp_path):
    result = run("build", "--year", 2026, "--data-dir", year_2026, "--out-dir", tmp_path,
                 "--style", "official", "--format", "html,pdf")  # fmt: skip
    assert result.exit_code == 0, result.output
    stem = tmp_path / "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-2026"
    text = _text(stem.with_suffix(".html").read_text(encoding="utf-8"))
    assert (
        "Thực hiện chức năng, nhiệm vụ được giao, Ban Chỉ đạo 138 tỉnh Hưng Yên báo cáo kết quả "
        "công tác phòng, chống mua bán người năm 2026 như sau:"
    ) in text
    assert "UBND TỈNH HƯNG YÊN" in text and "tỉnh Thái Bình" not in text
    assert stem.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")
    sources = (tmp_path / "nguon-so-lieu.csv").read_text(encoding="utf-8")
    assert "Phường Phố Hiến" in sources


# --- no comparison across a boundary change ----------------------------------------------


def test_2025_is_not_compared_with_thai_binhs_2024(tmp_path: Path):
    """data/2024 (the 8 districts) next to data/2025 (the 104 communes and wards)."""
    from tests import sample_2018

    data = _declarations(tmp_path / "data")
    write_year(data, data / "2024", 2024, sample_2018.UNITS, prepared_on=dt.datetime(2024, 11, 25),
               date=dt.date(2024, 12, 2), author="Phương Thảo")  # fmt: skip
    shutil.copytree(EXAMPLES / "2025", data / "2025")
    check = run("check", "--year", 2025, "--data-dir", data)
    assert check.exit_code == 0, check.output
    assert check.output.endswith("Không có lỗi, không có cảnh báo trong 104 tệp.\n")
    result = run("build", "--year", 2025, "--data-dir", data, "--out-dir", tmp_path / "out",
                 "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out/ket-qua-phong-chong-mua-ban-nguoi-2025.html").read_text("utf-8")
    text = _text(html)
    # 2025 has cases and victims: within one territory both would be compared.
    assert "03 vụ/05 đối tượng" in text and "tiếp nhận 04 nạn nhân" in text
    assert "2024" not in text


SMALL_2025 = (
    "ma_xa,ten_xa,loai_xa\n11953,Phố Hiến,phường\n13141,Vũ Quý,xã\n13225,Thái Bình,phường\n"
)
# A made-up later merger: Phố Hiến takes in Thái Bình and keeps its own code.
SMALL_2027 = "ma_xa,ten_xa,loai_xa\n11953,Phố Hiến,phường\n13141,Vũ Quý,xã\n"
SMALL_UNITS = f"""
[[province]]
{PROVINCE}from = 2025
[[unit_lists]]
file = "units/ba-xa.csv"
from = 2025
to = 2026
level = "xã"
[[unit_lists]]
file = "units/hai-xa.csv"
from = 2027
level = "xã"
"""
JUMP = "kiem_tra_co_so_kinh_doanh"  # catalog.toml [year_over_year]: factor 5, from 50


def _small_province(data: Path, years: dict[int, dict[str, tuple[int, list]]]) -> Path:
    """Write a 3-commune province (2 from 2027) and, per year and unit code, a workbook with
    (the JUMP indicator's value, case rows); a unit left out of a year sends nothing."""
    data.mkdir(parents=True)
    shutil.copy(DATA / "catalog.toml", data / "catalog.toml")
    (data / "units").mkdir()
    (data / "units/ba-xa.csv").write_text(SMALL_2025, encoding="utf-8")
    (data / "units/hai-xa.csv").write_text(SMALL_2027, encoding="utf-8")
    (data / "units.toml").write_text(SMALL_UNITS, encoding="utf-8")
    registry, catalog = load_registry(data), load_catalog(data)
    for year, units in years.items():
        (data / str(year)).mkdir()
        (data / str(year) / "bao-cao.toml").write_text(f"date = {year}-12-05\n", "utf-8")
        for unit in registry.units_for(year):
            if unit.code not in units:
                continue
            value, cases = units[unit.code]
            rows = {"Vụ án": cases} if cases else {}
            values = dict.fromkeys(CODES, 0) | {JUMP: value}
            filled = fill_workbook(blank_workbook(unit, year, catalog, ()), values, rows)
            (data / str(year) / workbook_filename(unit, year)).write_bytes(filled)
    return data


def _case(offenders: int) -> list:
    return ["Lừa bán người sang Trung Quốc", "Trung Quốc", offenders, 1, "Đã khởi tố",
            "Điều 150 (Mua bán người)"]  # fmt: skip


def _article(data: Path, year: int, out: Path, *options) -> str:
    result = run("build", "--year", year, "--data-dir", data, "--out-dir", out,
                 "--format", "html", *options)  # fmt: skip
    assert result.exit_code == 0, result.output
    return _text((out / f"ket-qua-phong-chong-mua-ban-nguoi-{year}.html").read_text("utf-8"))


def test_years_of_one_territory_are_compared_and_a_merger_stops_it(tmp_path: Path):
    data = _small_province(
        tmp_path / "data",
        {
            2025: {"11953": (10, [_case(2)]), "13141": (10, []), "13225": (10, [])},
            2026: {"11953": (10, [_case(2)]), "13141": (80, [_case(1)]), "13225": (10, [])},
            2027: {"11953": (120, [_case(1)]), "13141": (80, [])},
        },
    )
    # 2026 against 2025: the same three units.
    same = check_year(2026, data)
    # Phố Hiến sends the very same case row both years: "có phải số liệu năm trước?"
    assert [(p.rule, p.unit, p.value) for p in same.problems] == [
        ("copied_rows", "11953", ""),
        ("year_over_year", "13141", "80"),
    ]
    text = _article(data, 2026, tmp_path / "2026")
    assert (
        "02 vụ/03 đối tượng về tội Mua bán người (Điều 150 Bộ luật Hình sự) theo tuyến Trung Quốc"
        in text
    )
    assert "so với năm 2025, tăng 01 vụ (100%), 01 đối tượng (50%)" in text
    # 2027 against 2026: Phố Hiến kept its code but not its territory (10 -> 120 is no jump
    # of the same place), and the province's totals cover fewer units.
    merged = check_year(2027, data)
    assert merged.problems == []
    assert merged.previous is None
    text = _article(data, 2027, tmp_path / "2027")
    assert "01 vụ/01 đối tượng" in text
    assert "so với năm" not in text and "2026" not in text


def test_units_missing_this_year_are_left_out_of_last_years_side_and_the_text_says_so(
    tmp_path: Path,
):
    data = _small_province(
        tmp_path / "data",
        {
            2025: {
                "11953": (10, [_case(2)]),
                "13141": (10, []),
                "13225": (10, [_case(1), _case(1)]),
            },
            2026: {"11953": (10, [_case(1), _case(2)]), "13141": (10, [_case(3)])},
        },
    )
    text = _article(data, 2026, tmp_path / "out", "--allow-missing")
    assert "Số liệu chưa bao gồm: phường Thái Bình." in text
    # Against Phố Hiến and Vũ Quý's 2025 (01 vụ/02 đối tượng), not the three units' 03 vụ/04.
    assert (
        "03 vụ/06 đối tượng về tội Mua bán người (Điều 150 Bộ luật Hình sự) theo tuyến Trung "
        "Quốc, xác định 03 nạn nhân bị mua "
        "bán; so với năm 2025 (cùng 2 đơn vị có số liệu cả hai năm), tăng 02 vụ (gấp 3 lần), "
        "04 đối tượng (gấp 3 lần)."
    ) in text


# --- what commune clerks type for their unit ---------------------------------------------


def _typed_unit(tmp_path: Path, code: str, typed: str):
    """Check a 2025 workbook of unit `code` whose unit name reads `typed`, code cell empty;
    return its WorkbookCheck."""
    data = _small_province(tmp_path / "data", {2025: {code: (10, [])}})
    [path] = (data / "2025").glob("*.xlsx")
    wb = load_workbook(path)
    for row in wb["Thông tin"].iter_rows(min_row=2):
        if row[0].value == "Đơn vị báo cáo":
            row[1].value = typed
        elif row[0].value == "Mã đơn vị":
            row[1].value = None
    wb.save(path)
    [checked] = check_year(2025, data).checks
    return checked


@pytest.mark.parametrize(
    ("code", "typed"),
    [
        ("11953", "P. Phố Hiến"),
        ("11953", "phường Phố Hiến"),
        ("11953", "UBND phường Phố Hiến"),
        ("11953", "Ủy ban nhân dân phường Phố Hiến"),
        ("13141", "xã Vũ Quí"),
        ("13141", "UBND xã Vũ Quí"),
        ("13225", "P. Thái Bình"),
    ],
)
def test_what_commune_clerks_type_names_their_unit(tmp_path: Path, code: str, typed: str):
    checked = _typed_unit(tmp_path, code, typed)
    assert checked.problems == []
    assert checked.unit.code == code


def test_a_near_miss_is_refused_with_a_suggestion(tmp_path: Path):
    checked = _typed_unit(tmp_path, "11953", "phường Phố Hiếu")
    assert checked.unit is None
    assert [(p.cell, p.message) for p in checked.problems] == [
        (
            "B2",
            '"phường Phố Hiếu" không phải là đơn vị báo cáo của năm 2025. '
            'Có phải "Phường Phố Hiến"?',
        )
    ]


def test_qui_and_quy_are_one_name_only_after_qu():
    assert name_key("Vũ Quí") == name_key("Vũ Quý") == "vu quy"
    assert name_key("Thuỵ Anh") == name_key("Thụy Anh")  # tone mark placement
    assert name_key("Kì Sơn") != name_key("Kỳ Sơn")  # i/y elsewhere: left as typed


@pytest.mark.parametrize("typed", ["Huyện Vũ Quý", "UBND huyện Vũ Quý", "TP. Vũ Quý"])
def test_an_old_districts_name_is_not_taken_for_the_commune_of_that_name(tmp_path, typed):
    checked = _typed_unit(tmp_path, "13141", typed)
    assert checked.unit is None
    [problem] = checked.problems
    assert problem.message.endswith(
        'không phải là đơn vị báo cáo của năm 2025. Có phải "Xã Vũ Quý"?'
    )


def test_the_examples_read_the_same_map_as_data():
    """examples/hung-yen carries copies of data/'s declarative files (its own data folder);
    after an edit of data/units.toml or catalog.toml, rerun `python -m tests.sample_hung_yen`."""
    copies = sorted(
        p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*") if p.suffix in (".toml", ".csv")
    )
    copies = [p for p in copies if p.parts[0] not in ("2025", "2026")]
    assert [str(p) for p in copies] == [
        "catalog.toml",
        "communes/thai-binh-2017-03.csv",
        "communes/thai-binh-2021-02.csv",
        "units/hung-yen-2025-07.csv",
        "units.toml",
    ]
    for path in copies:
        assert (EXAMPLES / path).read_bytes() == (DATA / path).read_bytes(), path
    assert sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()) == [
        "2025", "2026", "communes", "units",
    ]  # fmt: skip


def test_chart_labels_of_long_commune_names_stay_inside_the_chart():
    from types import SimpleNamespace

    from reportgen.report.chart import bar_chart

    def row(short, value):
        return SimpleNamespace(unit=SimpleNamespace(short=short), values={"x": value})

    district = str(bar_chart([row("Kiến Xương", 5)], "x"))
    commune = str(bar_chart([row("Xã Triệu Việt Vương", 5)], "x"))
    assert '<text x="86"' in district  # as before: 92 px of room, text ending 6 px before
    # 19 characters of about 6.5 px: 124 px for the name, the bars start 6 px after it.
    assert '<text x="124"' in commune and '<rect x="130"' in commune
