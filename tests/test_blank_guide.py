"""The blank guides a clerk who cannot run anything (issues 12 and 15): each row sheet says
what one row is (the catalog's `doc`), the "Hướng dẫn" sheet names every choice column of the
year from the catalog, and the case summary may be left empty.

The blanks are read back with openpyxl, as Excel would show them.
"""

from pathlib import Path

import pytest

from reportgen.declared.catalog import load_catalog
from reportgen.errors import ConfigError
from tests.conftest import DATA


def _catalog_with(tmp_path: Path, old: str, new: str) -> Path:
    """Write data/catalog.toml with one text replaced into tmp_path; return the folder."""
    text = (DATA / "catalog.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "catalog.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


# --- the catalog keeps `doc` -----------------------------------------------------------------


def test_the_catalog_keeps_what_one_row_of_each_sheet_is():
    docs = {t.sheet: t.doc for t in load_catalog(DATA).tables}
    assert docs == {
        "Hoạt động": "Mỗi dòng là một (hoặc nhiều) lớp, buổi tuyên truyền cùng nội dung, cùng "
        "đối tượng, tại cùng một nơi.",
        "Ấn phẩm": "Mỗi dòng là một loại ấn phẩm tuyên truyền đã phát hành.",
        "Vụ án": "Mỗi dòng là một vụ án, vụ việc mua bán người phát hiện trong năm.",
    }


def test_a_doc_that_is_not_text_is_refused_with_where_it_is(tmp_path: Path):
    folder = _catalog_with(
        tmp_path,
        'doc = "Mỗi dòng là một loại ấn phẩm tuyên truyền đã phát hành."',
        "doc = 3",
    )
    with pytest.raises(ConfigError) as exc:
        load_catalog(folder)
    assert exc.value.messages == [
        f'{folder / "catalog.toml"} [[tables]] #2: thiếu hoặc sai kiểu trường "doc".'
    ]


def test_a_table_without_doc_is_accepted(tmp_path: Path):
    folder = _catalog_with(
        tmp_path, 'doc = "Mỗi dòng là một loại ấn phẩm tuyên truyền đã phát hành."\n', ""
    )
    assert [t.doc for t in load_catalog(folder).tables][1] == ""
