"""Hưng Yên after the 2025 reform: a dated province, 104 commune-level units, comparisons that
never cross a boundary change (issue 13)."""

from pathlib import Path

import pytest

from reportgen.catalog import load_registry
from reportgen.errors import ConfigError
from tests.conftest import DATA


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
