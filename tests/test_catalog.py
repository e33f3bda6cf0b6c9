"""Units and indicators are dated, declarative data."""

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.declared.catalog import load_catalog
from reportgen.declared.toml_errors import explain
from reportgen.declared.units import load_registry
from reportgen.errors import ConfigError
from reportgen.names import collation_key, name_key
from tests.conftest import DATA


def test_2018_has_thai_binhs_eight_units_sorted_by_code():
    units = load_registry(DATA).units_for(2018)
    assert [u.official_name for u in units] == [
        "Thành phố Thái Bình",
        "Huyện Quỳnh Phụ",
        "Huyện Hưng Hà",
        "Huyện Đông Hưng",
        "Huyện Thái Thụy",
        "Huyện Tiền Hải",
        "Huyện Kiến Xương",
        "Huyện Vũ Thư",
    ]
    assert units[0].short == "Thành phố"


def test_district_units_end_with_the_2025_reform():
    registry = load_registry(DATA)
    assert len(registry.units_for(2024)) == 8
    assert [u.code for u in registry.units_for(2025)][:2] == ["11953", "11977"]
    assert all(u.is_commune for u in registry.units_for(2025))


def test_commune_lists_are_dated():
    registry = load_registry(DATA)
    assert len(registry.communes_for(2018)) == 286
    assert len(registry.communes_for(2021)) == 260


@pytest.mark.parametrize("spelling", ["TP Thái Bình", "Thành phố Thái Bình", "tp. thai binh"])
def test_city_spellings_match(spelling):
    [city] = [u for u in load_registry(DATA).units if u.code == "336"]
    assert name_key(spelling) in city.keys()


@pytest.mark.parametrize("spelling", ["H. Tiền Hải", "tien hai", "Huyện  TIỀN HẢI", "Tiền Hải"])
def test_district_spellings_match(spelling):
    [unit] = [u for u in load_registry(DATA).units if u.code == "342"]
    assert name_key(spelling) in unit.keys()


def test_catalog_declares_every_indicator_the_templates_use():
    codes = {i.code for i in load_catalog(DATA).indicators}
    assert {"nguoi_nuoc_ngoai_tam_tru", "kiem_tra_co_so_kinh_doanh", "con_lai"} <= codes


def test_a_broken_catalog_lists_every_mistake(tmp_path: Path):
    (tmp_path / "catalog.toml").write_text(
        '[[indicators]]\ncode = "a b"\nlabel = "x"\nmeasure = "y"\ntype = "integer"\n'
        '[[indicators]]\nlabel = "thiếu mã"\nmeasure = "y"\ntype = "integer"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as exc:
        load_catalog(tmp_path)
    assert len(exc.value.messages) == 2
    assert 'thiếu hoặc sai kiểu trường "code"' in exc.value.messages[0]
    assert 'mã chỉ tiêu "a b" chỉ được gồm' in exc.value.messages[1]


def test_vietnamese_alphabetical_order():
    names = ["Tây Giang", "Quang Bình", "Đông Kinh", "Dũng Nghĩa", "Ân Thi", "An Bình"]
    assert sorted(names, key=collation_key) == [
        "An Bình",
        "Ân Thi",
        "Dũng Nghĩa",
        "Đông Kinh",
        "Quang Bình",
        "Tây Giang",
    ]


def test_commune_names_that_start_like_a_prefix_still_match(data_dir: Path):
    # "Phương Công" (Tiền Hải) begins with "Phương", which folds like the prefix "phường".
    from reportgen.checks.cells import resolve_place
    from reportgen.checks.collector import Collector

    registry = load_registry(DATA)
    [unit] = [u for u in registry.units if u.code == "342"]
    communes = registry.commune_index(2018)
    out = Collector("x.xlsx")
    for typed in ["Phương Công", "Xã Phương Công", "xa phuong cong", "Tây Giang", "X. Tây Giang"]:
        place = resolve_place(out, "Hoạt động", "F2", typed, communes, unit)
        assert (place.kind, place.unit.short) == ("xã", "Tiền Hải"), typed
    assert out.problems == []


def test_an_indicator_can_be_dated(tmp_path: Path):
    text = (DATA / "catalog.toml").read_text(encoding="utf-8")
    text = text.replace('code = "con_lai"', 'code = "con_lai"\nfrom = 2019')
    (tmp_path / "catalog.toml").write_text(text, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert "con_lai" not in {i.code for i in catalog.indicators_for(2018)}
    assert "con_lai" in {i.code for i in catalog.indicators_for(2019)}


@pytest.mark.parametrize(
    ("mistake", "said"),
    [
        ('code = "a"\ncode = "b"\n', "dòng 2, cột 11: một tên được khai báo hai lần"),
        ("[[indicators]\n", "dòng 1, cột 13: thiếu ]] ở cuối tên bảng"),
        (
            'label = "Số vụ\n',
            "dòng 1, cột 15: thiếu dấu ngoặc kép đóng chuỗi chữ trước khi xuống dòng",
        ),
        ("measures = [1, 2\n", "cuối tệp: thiếu dấu ] đóng danh sách"),
        ("group Nạn nhân\n", "dòng 1, cột 7: thiếu dấu = sau tên"),
    ],
)
def test_a_toml_mistake_is_said_in_vietnamese_with_its_line(tmp_path: Path, mistake, said):
    (tmp_path / "catalog.toml").write_text(mistake, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_catalog(tmp_path)
    path = tmp_path / "catalog.toml"
    assert raised.value.messages == [f"Tệp {path} viết sai cú pháp TOML, {said}."]


@given(st.text(max_size=40))
def test_every_toml_mistake_is_worded_in_vietnamese(text: str):
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        said = explain(exc)
        assert not re.search(r"\b(line|column|end of|Invalid|Expected|Cannot)\b", said)
        assert said.split(":")[-1].strip()


def test_a_control_character_in_a_declared_text_is_refused_where_it_is(tmp_path: Path):
    """A BEL pasted into a sheet's doc reached the blank workbook, where openpyxl refused it
    with an English "Lỗi không lường trước" from `template`; it is a catalog mistake."""
    text = (DATA / "catalog.toml").read_text(encoding="utf-8")
    doc = 'doc = "Mỗi dòng là một loại ấn phẩm'
    assert doc in text
    (tmp_path / "catalog.toml").write_text(
        text.replace(doc, 'doc = "Mỗi dòng\\u0007 là một loại ấn phẩm', 1), encoding="utf-8"
    )
    with pytest.raises(ConfigError) as exc:
        load_catalog(tmp_path)
    assert exc.value.messages == [
        f'{tmp_path / "catalog.toml"} [[tables]] #2: trường "doc" có ký tự điều khiển '
        "(không in ra được) — hãy xóa ký tự đó."
    ]
