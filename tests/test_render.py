"""Templates: mistakes give a located Vietnamese message and no output; values stay text."""

import datetime as dt
from pathlib import Path

import pytest

from reportgen.declared.catalog import load_catalog
from reportgen.declared.settings import ReportSettings
from reportgen.declared.units import load_registry
from reportgen.errors import TemplateProblem
from reportgen.report.aggregate import aggregate
from reportgen.report.context import PublicationGroup
from reportgen.report.render import render_html, template_dirs
from tests.conftest import DATA, ROOT, run

SECTION = "sections/04-quan-ly-cu-tru.html.j2"


def _data(**changes):
    catalog, registry = load_catalog(DATA), load_registry(DATA)
    settings = ReportSettings(dt.date(2018, 12, 2), "Phương Thảo")
    data = aggregate([], catalog, registry.province_for(2018), settings, 2018)
    return data.__class__(**{**data.__dict__, **changes})


def _override(tmp_path: Path, text: str) -> Path:
    mine = tmp_path / "mau"
    (mine / "sections").mkdir(parents=True)
    (mine / SECTION).write_text(text, encoding="utf-8")
    return mine


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Dòng một\n{{ total.con_lay|number }}\n",
            f'Mẫu "{SECTION}", dòng 2: không có tên "con_lay". Có phải "con_lai"?',
        ),
        ("{{ yaer }}", f'Mẫu "{SECTION}", dòng 1: không có tên "yaer". Có phải "year"?'),
        (
            "a\nb\n{% if year %}x{% endiff %}",
            f'Mẫu "{SECTION}", dòng 3: viết sai cú pháp — không có thẻ "endiff". Có phải "endif"?',
        ),
        (
            "{{ year|nuber }}",
            f'Mẫu "{SECTION}", dòng 1: viết sai cú pháp — không có bộ lọc "nuber". '
            'Có phải "number"?',
        ),
        (
            '{% include "khong-co.html.j2" %}',
            'Không tìm thấy mẫu "khong-co.html.j2"',
        ),
    ],
)
def test_template_mistakes_are_located_in_vietnamese(tmp_path, text, message):
    mine = _override(tmp_path, text)
    with pytest.raises(TemplateProblem) as exc:
        render_html(_data(), template_dirs(mine))
    assert str(exc.value).startswith(message)


def test_a_template_mistake_writes_nothing_and_shows_no_traceback(tmp_path: Path):
    mine = _override(tmp_path, "{{ total.con_lay }}")
    out = tmp_path / "out"
    result = run(
        "build", "--year", 2018, "--data-dir", DATA, "--out-dir", out, "--templates-dir", mine
    )
    assert result.exit_code == 1
    assert result.output == (
        f'Mẫu "{SECTION}", dòng 1: không có tên "con_lay". Có phải "con_lai"?\n'
    )
    assert not out.exists()


def test_the_sandbox_refuses_private_attributes(tmp_path: Path):
    mine = _override(tmp_path, "{{ year.__class__.__mro__ }}")
    with pytest.raises(TemplateProblem, match="không được phép"):
        render_html(_data(), template_dirs(mine))


def test_workbook_text_never_becomes_markup():
    evil = PublicationGroup("<img src=x onerror=alert(1)> {{ 7*7 }}", "tờ", 5)
    html = render_html(_data(publications=(evil,)), template_dirs())
    assert "&lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}" in html
    assert "<img" not in html


def test_an_override_can_extend_the_default_and_replace_one_block(tmp_path: Path):
    mine = tmp_path / "mau"
    mine.mkdir()
    (mine / "report.html.j2").write_text(
        '{% extends "default:report.html.j2" %}{% block title %}Báo cáo riêng{% endblock %}',
        encoding="utf-8",
    )
    html = render_html(_data(), template_dirs(mine))
    assert "<title>Báo cáo riêng</title>" in html
    assert "Trong thời gian tới, Ban chỉ đạo 138 của tỉnh" in html


def test_every_section_file_is_on_disk():
    sections = sorted(p.name for p in (ROOT / "templates/sections").iterdir())
    assert sections == [
        "01-mo-dau.html.j2",
        "02-tuyen-truyen.html.j2",
        "03-dau-tranh.html.j2",
        "04-quan-ly-cu-tru.html.j2",
        "05-tin-bao-vu-an.html.j2",
        "06-ho-tro-nan-nhan.html.j2",
        "07-phuong-huong.html.j2",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{% if year %}\n", "mẫu kết thúc khi một khối {% if %}, {% for %}… chưa được đóng."),
        ("\n{{ year / total.con_lai }}", "dòng 2: phép chia cho 0"),
    ],
)
def test_other_template_mistakes_still_name_the_file(tmp_path, text, message):
    mine = _override(tmp_path, text)
    with pytest.raises(TemplateProblem) as exc:
        render_html(_data(), template_dirs(mine))
    assert str(exc.value).startswith(f'Mẫu "{SECTION}"')
    assert message in str(exc.value)


def test_a_missing_included_file_names_the_caller_line_and_closest_file(tmp_path: Path):
    mine = _override(tmp_path, 'a\nb\n{% include "sections/07-phuong-huong.html" %}')
    with pytest.raises(TemplateProblem) as exc:
        render_html(_data(), template_dirs(mine))
    assert str(exc.value) == (
        f'Không tìm thấy mẫu "sections/07-phuong-huong.html" (thư mục mẫu: {mine}, '
        f'{ROOT / "templates"}). Mẫu "{SECTION}" gọi đến nó ở dòng 3. '
        'Có phải "sections/07-phuong-huong.html.j2"?'
    )
