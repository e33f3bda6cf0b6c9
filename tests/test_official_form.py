"""The official form's details (issue 15, points 2, 3 and 4): staff text in sections I–V,
the reporting period, số, signer and placeholders checked, the Phụ lục's tables and pages."""

import re
import shutil
from pathlib import Path

import pytest

from reportgen.blank_forms import settings_skeleton
from reportgen.declared.periods import load_periods, period_for
from reportgen.declared.settings import read_settings
from reportgen.inputs.assessment import Assessment, Block, decode_assessment, parse_assessment
from tests.conftest import ROOT, pdf_text, run
from tests.test_official import page_text

STEM = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-{year}"

STAFF_TEXT = """\
# Ghi chú của cán bộ: không in ra.
## Tình hình
Tình hình tội phạm mua bán người cơ bản được kiềm chế <script>alert(1)</script>.

## Tồn tại, hạn chế, nguyên nhân
- Công tác nắm tình hình ở cơ sở có nơi chưa kịp thời.
- Kinh phí cho công tác hỗ trợ nạn nhân còn hạn chế.

## Phương hướng, nhiệm vụ
Tiếp tục triển khai Chương trình phòng, chống mua bán người giai đoạn 2021 - 2025.

## Đề xuất, kiến nghị
- Đề nghị Bộ Công an mở lớp tập huấn nghiệp vụ cho lực lượng cơ sở.
"""


def _official(data_dir: Path, year: int, **changes: str) -> None:
    """Rewrite lines of the year's [official] table: key = TOML value."""
    path = data_dir / str(year) / "bao-cao.toml"
    text = path.read_text(encoding="utf-8")
    for key, value in changes.items():
        text, count = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
        if not count:
            text += f"\n{key} = {value}\n" if "[official]" in text else ""
    path.write_text(text, encoding="utf-8")


def _messages(data_dir: Path, year: int = 2018) -> list[str]:
    _, problems = read_settings(data_dir, year, official_required=True)
    return [p.text() for p in problems if p.is_error]


def _html(out: Path, year: int) -> str:
    return (out / f"{STEM.format(year=year)}.html").read_text(encoding="utf-8")


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- point 4: the [official] table ----------------------------------------------------------


def test_a_number_without_its_leading_zero_is_a_located_error(data_dir: Path):
    _official(data_dir, 2018, number='"5/BC-BCĐ"')
    assert _messages(data_dir) == [
        '2018/bao-cao.toml: số văn bản "5/BC-BCĐ" phải có số thứ tự hai chữ số trở lên và ký '
        'hiệu, ví dụ "05/BC-BCĐ" (không phải "5/BC-BCĐ").'
    ]
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--style", "official")
    assert result.exit_code == 1
    assert 'số văn bản "5/BC-BCĐ" phải có số thứ tự hai chữ số' in result.output
    assert not Path("out").exists()


def test_a_deputy_signing_on_behalf_of_the_committee_is_refused(data_dir: Path):
    _official(data_dir, 2018, signer_authority='"TM. BAN CHỈ ĐẠO"', signer_title='"PHÓ TRƯỞNG BAN"')
    assert _messages(data_dir) == [
        '2018/bao-cao.toml: người ký là "PHÓ TRƯỞNG BAN" (cấp phó) nên không ký "TM. BAN CHỈ '
        'ĐẠO" — cấp phó ký thay người đứng đầu: hãy ghi signer_authority = "KT. TRƯỞNG BAN".'
    ]


def test_a_deputy_without_kt_is_refused(data_dir: Path):
    _official(data_dir, 2018, signer_authority='""', signer_title='"PHÓ TRƯỞNG BAN THƯỜNG TRỰC"')
    assert _messages(data_dir) == [
        '2018/bao-cao.toml: người ký là "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" (cấp phó) nên phải có '
        'quyền hạn ký "KT. TRƯỞNG BAN" — hãy ghi signer_authority = "KT. TRƯỞNG BAN".'
    ]


def test_the_head_signs_without_kt_and_on_behalf_of_the_committee(data_dir: Path):
    _official(data_dir, 2018, signer_authority='"TM. BAN CHỈ ĐẠO"', signer_title='"TRƯỞNG BAN"')
    assert _messages(data_dir) == []
    _official(data_dir, 2018, signer_authority='"KT. TRƯỞNG BAN"', signer_title='"TRƯỞNG BAN"')
    assert _messages(data_dir) == [
        '2018/bao-cao.toml: người ký là "TRƯỞNG BAN" (người đứng đầu) nên không ký "KT. TRƯỞNG '
        'BAN" (ký thay) — hãy ghi signer_authority = "" hoặc "TM. BAN CHỈ ĐẠO".'
    ]


def test_the_skeletons_placeholders_are_errors_for_the_official_style(data_dir: Path):
    skeleton = settings_skeleton(period_for(load_periods(data_dir), "nam", 2018))
    filled = "\n".join(
        line[2:]
        if line.startswith(
            ("# [official]", "# issuer", "# number", "# place", "# signer", "# recipients")
        )
        else line  # fmt: skip
        for line in skeleton.splitlines()
    ).replace('date = ""', "date = 2018-12-02")
    (data_dir / "2018/bao-cao.toml").write_text(filled, encoding="utf-8")
    assert _messages(data_dir) == [
        '2018/bao-cao.toml: mục issuer còn chữ mẫu "UBND TỈNH ..." của khung — hãy điền nội '
        "dung thật trước khi lập văn bản.",
        '2018/bao-cao.toml: mục number còn chữ mẫu "../BC-BCĐ" của khung — hãy điền nội dung '
        "thật trước khi lập văn bản.",
        '2018/bao-cao.toml: mục place còn chữ mẫu "..." của khung — hãy điền nội dung thật '
        "trước khi lập văn bản.",
        '2018/bao-cao.toml: mục signer_name còn chữ mẫu "..." của khung — hãy điền nội dung '
        "thật trước khi lập văn bản.",
        '2018/bao-cao.toml: mục recipients còn chữ mẫu "...;" của khung — hãy điền nội dung '
        "thật trước khi lập văn bản.",
    ]
    # The article does not need the table: its mistakes are warnings there, and it builds.
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--format", "html")
    assert result.exit_code == 0, result.output
    assert '[cảnh báo] 2018/bao-cao.toml: mục number còn chữ mẫu "../BC-BCĐ"' in result.output


def test_the_reporting_period_defaults_to_the_national_regimes_year(data_dir: Path, tmp_path):
    settings, _ = read_settings(data_dir, 2018, official_required=True)
    assert (
        settings.official.period_start.isoformat(),
        settings.official.period_end.isoformat(),
    ) == (
        "2017-12-15",
        "2018-12-14",
    )
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out,
                 "--style", "official", "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(Số liệu tính từ ngày 15/12/2017 đến ngày 14/12/2018)" in _plain(_html(out, 2018))


def test_the_reporting_period_is_set_in_bao_cao_toml(data_dir: Path, tmp_path):
    _official(data_dir, 2018, period_start="2017-12-01", period_end="2018-11-30")
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out,
                 "--style", "official", "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(Số liệu tính từ ngày 01/12/2017 đến ngày 30/11/2018)" in _plain(_html(out, 2018))
    _official(data_dir, 2018, period_start="2018-12-01", period_end="2018-11-30")
    assert _messages(data_dir) == [
        "2018/bao-cao.toml: kỳ báo cáo phải là hai ngày dạng năm-tháng-ngày, ngày đầu trước "
        "ngày cuối, ví dụ period_start = 2025-12-15 và period_end = 2026-12-14."
    ]


# --- point 2: the staff's text --------------------------------------------------------------


def test_the_staff_text_is_split_by_its_fixed_headings():
    assessment, problems = parse_assessment(STAFF_TEXT, "2018/nhan-dinh.md")
    assert problems == []
    assert assessment == Assessment(
        situation=(
            Block(
                "p",
                (
                    "Tình hình tội phạm mua bán người cơ bản được kiềm chế "
                    "<script>alert(1)</script>.",
                ),
            ),
        ),
        shortcomings=(
            Block(
                "ul",
                (
                    "Công tác nắm tình hình ở cơ sở có nơi chưa kịp thời.",
                    "Kinh phí cho công tác hỗ trợ nạn nhân còn hạn chế.",
                ),
            ),
        ),
        directions=(
            Block(
                "p",
                (
                    "Tiếp tục triển khai Chương trình phòng, chống mua bán người "
                    "giai đoạn 2021 - 2025.",
                ),
            ),
        ),
        proposals=(
            Block("ul", ("Đề nghị Bộ Công an mở lớp tập huấn nghiệp vụ cho lực lượng cơ sở.",)),
        ),
    )


def test_an_unknown_heading_and_control_characters_are_located_warnings():
    text = (
        "## Tồn tại, hạn chế, nguyên nhân\n- Một\n\n## Kết luận\nBị bỏ.\n"
        "## Đề xuất, kiến nghị\nHai\x1b[31m.\n"
    )
    assessment, problems = parse_assessment(text, "2026/nhan-dinh.md")
    assert [p.text() for p in problems] == [
        '2026/nhan-dinh.md: dòng 4: tiêu đề "## Kết luận" không phải tiêu đề của tệp nhận '
        "định — phần chữ dưới nó bị bỏ qua; hãy dùng đúng một trong các tiêu đề: "
        '"## Tình hình", "## Tồn tại, hạn chế, nguyên nhân", "## Phương hướng, nhiệm vụ", '
        '"## Đề xuất, kiến nghị".',
        "2026/nhan-dinh.md: dòng 7: đã bỏ 1 ký tự điều khiển (không in ra được).",
    ]
    assert assessment.proposals == (Block("p", ("Hai[31m.",)),)
    assert assessment.shortcomings == (Block("ul", ("Một",)),)
    assert "Bị bỏ." not in repr(assessment)


def test_a_staff_text_too_big_or_not_utf8_is_an_error():
    _, problems = decode_assessment(b"x" * (64 * 1024 + 1), "2026/nhan-dinh.md")
    assert [p.text() for p in problems] == [
        "2026/nhan-dinh.md: tệp quá lớn (65 kB, tối đa 64 kB) — tệp nhận định chỉ chứa vài "
        "trang chữ."
    ]
    assert problems[0].is_error
    _, problems = decode_assessment(b"## T\xecnh h\xecnh\n", "f.md")  # Windows-1258
    assert problems[0].is_error and "UTF-8" in problems[0].message


def test_the_official_form_places_the_staff_text_in_sections_i_to_v(data_dir: Path, tmp_path):
    (data_dir / "2018/nhan-dinh.md").write_text(STAFF_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out,
                 "--style", "official", "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "nhan-dinh.md" not in result.output  # nothing to note: every section is written
    html = _html(out, 2018)
    headings = re.findall(r"<h2>([^<]+)</h2>", html)
    assert headings == [
        "I. TÌNH HÌNH LIÊN QUAN ĐẾN TỘI PHẠM MUA BÁN NGƯỜI",
        "II. KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MUA BÁN NGƯỜI",
        "III. TỒN TẠI, HẠN CHẾ, NGUYÊN NHÂN",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    # Escaped, never markup; the template's generic Phương hướng paragraph gives way.
    assert "được kiềm chế &lt;script&gt;alert(1)&lt;/script&gt;." in html
    assert "<script" not in html
    assert "- Kinh phí cho công tác hỗ trợ nạn nhân còn hạn chế." in html
    assert "Trong thời gian tới, Ban Chỉ đạo 138 của tỉnh tiếp tục" not in html
    text = _plain(html)
    assert "(Số liệu chi tiết theo từng đơn vị tại Phụ lục kèm theo Báo cáo này.)" in text


def test_sections_not_written_are_left_out_with_a_note(data_dir: Path, tmp_path):
    text = "## Phương hướng, nhiệm vụ\nTiếp tục rà soát địa bàn trọng điểm.\n"
    (data_dir / "2018/nhan-dinh.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out,
                 "--style", "official", "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        '[cảnh báo] 2018/nhan-dinh.md: chưa viết phần "Tồn tại, hạn chế, nguyên nhân": văn bản '
        'bỏ phần này — hãy viết dưới tiêu đề "## Tồn tại, hạn chế, nguyên nhân".'
    ) in result.output
    assert '[cảnh báo] 2018/nhan-dinh.md: chưa viết phần "Đề xuất, kiến nghị"' in result.output
    assert re.findall(r"<h2>([^<]+)</h2>", _html(out, 2018)) == [
        "I. KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MUA BÁN NGƯỜI",
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    ]


def test_the_article_takes_the_staffs_direction_paragraph(data_dir: Path, tmp_path):
    text = "## Phương hướng, nhiệm vụ\nTiếp tục rà soát địa bàn trọng điểm.\n"
    (data_dir / "2018/nhan-dinh.md").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out,
                 "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "nhan-dinh.md" not in result.output  # the article needs no other section
    html = (out / "ket-qua-phong-chong-mua-ban-nguoi-2018.html").read_text(encoding="utf-8")
    assert '<p class="staff">Tiếp tục rà soát địa bàn trọng điểm.</p>' in html
    assert "Trong thời gian tới, Ban chỉ đạo 138 của tỉnh" not in html


def test_template_writes_a_commented_skeleton_that_says_nothing(data_dir: Path):
    shutil.rmtree(data_dir / "2019")
    result = run("template", "--year", 2019, "--data-dir", data_dir)
    assert result.exit_code == 0, result.output
    skeleton = (data_dir / "2019/nhan-dinh.md").read_text(encoding="utf-8")
    assert "## Tồn tại, hạn chế, nguyên nhân\n" in skeleton
    assert "## Đề xuất, kiến nghị\n" in skeleton
    assert parse_assessment(skeleton, "2019/nhan-dinh.md") == (Assessment(), [])


# --- the official style's wording and the Phụ lục ----------------------------------------


@pytest.fixture
def official_2019(built_official_2019: Path) -> Path:
    return built_official_2019  # built once for this file and tests/test_docx_form.py


def _table_rows(html: str, cls: str) -> list[list[str]]:
    table = html[html.index(cls) :]
    table = table[: table.index("</table>")]
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", tr)]
        for tr in re.findall(r"<tr.*?</tr>", table)
    ]


def test_the_official_style_writes_ban_chi_dao_with_a_capital(official_2019: Path):
    text = _plain(_html(official_2019, 2019))
    assert "Ban Chỉ đạo 138 tỉnh Thái Bình báo cáo kết quả" in text
    assert "Ban chỉ đạo" not in text


def test_the_appendix_has_cases_by_unit(official_2019: Path):
    rows = _table_rows(_html(official_2019, 2019), "cases-by-unit")
    assert rows == [
        ["Đơn vị", "Số vụ", "Đối tượng", "Nạn nhân", "Khởi tố (vụ)", "Truy tố (vụ)", "Xét xử (vụ)"],
        ["Thành phố", "0", "0", "0", "0", "0", "0"],
        ["Quỳnh Phụ", "1", "3", "2", "1", "1", "1"],
        ["Hưng Hà", "0", "0", "0", "0", "0", "0"],
        ["Đông Hưng", "1", "2", "2", "0", "0", "0"],
        ["Thái Thụy", "2", "4", "3", "2", "1", "0"],
        ["Tiền Hải", "0", "0", "0", "0", "0", "0"],
        ["Kiến Xương", "0", "0", "0", "0", "0", "0"],
        ["Vũ Thư", "0", "0", "0", "0", "0", "0"],
        ["Toàn tỉnh", "4", "9", "7", "3", "2", "1"],
    ]


def test_the_appendix_has_activities_by_unit(data_dir: Path, tmp_path):
    out = tmp_path / "out"
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out,
                 "--style", "official", "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = _table_rows(_html(out, 2018), "activities-by-unit")
    assert rows[0] == [
        "Đơn vị",
        "Lớp tập huấn (lớp)",
        "Buổi nói chuyện chuyên đề (buổi)",
        "Lớp chuyên đề (lớp)",
        "Hội nghị tuyên truyền (hội nghị)",
        "Người tham dự (lượt người)",
    ]
    assert rows[1] == ["Thành phố", "1", "1", "1", "0", "381"]
    assert rows[3] == ["Hưng Hà", "1", "0", "0", "0", "94"]
    assert rows[-1] == ["Toàn tỉnh", "3", "2", "3", "0", "886"]


def test_the_phu_luc_is_headed_and_numbered_on_its_own(official_2019: Path):
    pdf = official_2019 / f"{STEM.format(year=2019)}.pdf"
    pages = len(re.findall(r"\f", pdf_text(pdf)))
    first = next(n for n in range(1, pages + 1) if page_text(pdf, n).startswith("Phụ lục"))
    assert page_text(pdf, first).startswith(
        "Phụ lục SỐ LIỆU PHÒNG, CHỐNG MUA BÁN NGƯỜI NĂM 2019 THEO ĐƠN VỊ (Kèm theo Báo cáo số "
        "28/BC-BCĐ ngày 06/12/2019 của Ban Chỉ đạo 138 tỉnh Thái Bình)"
    )
    # The body's last page carries its number; the Phụ lục's second page is "2" again.
    assert page_text(pdf, first - 1).split()[0] == str(first - 1)
    assert page_text(pdf, first + 1).split()[0] == "2"


def test_104_units_get_a_row_each_in_both_tables(tmp_path):
    out = tmp_path / "out"
    data = ROOT / "examples/hung-yen"
    result = run("build", "--year", 2026, "--data-dir", data, "--out-dir", out,
                 "--style", "official", "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.output
    html = _html(out, 2026)
    for cls in ("cases-by-unit", "activities-by-unit"):
        rows = _table_rows(html, cls)
        assert len(rows) == 1 + 104 + 1  # head, a row per commune or ward, Toàn tỉnh
        assert rows[1][0] == "Phường Phố Hiến" and rows[-1][0] == "Toàn tỉnh"


def test_a_sub_heading_is_not_taken_for_a_comment():
    assessment, problems = parse_assessment("## Tình hình\nMột.\n### Chi tiết\nHai.\n", "f.md")
    assert assessment.situation == (Block("p", ("Một.",)),)
    assert [p.text() for p in problems] == [
        'f.md: dòng 3: tiêu đề "### Chi tiết" không phải tiêu đề của tệp nhận định — phần chữ '
        "dưới nó bị bỏ qua; hãy dùng đúng một trong các tiêu đề: "
        '"## Tình hình", "## Tồn tại, hạn chế, nguyên nhân", "## Phương hướng, nhiệm vụ", '
        '"## Đề xuất, kiến nghị".'
    ]


def test_a_staff_text_too_big_stops_the_build_before_it_is_read(data_dir: Path, monkeypatch):
    (data_dir / "2018/nhan-dinh.md").write_bytes(b"## T\xc3\xacnh h\xc3\xacnh\n" + b"x" * 200_000)
    read = []
    import reportgen.declared.settings

    real = reportgen.declared.settings.read_regular
    monkeypatch.setattr(
        reportgen.declared.settings,
        "read_regular",
        lambda p: read.append(f"{p.parent.name}/{p.name}") or real(p),
    )
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--format", "html")
    assert result.exit_code == 1
    assert (
        "2018/nhan-dinh.md: tệp quá lớn (196 kB, tối đa 64 kB) — tệp nhận định chỉ chứa vài "
        "trang chữ."
    ) in result.output
    assert "2018/bao-cao.toml" in read and "2018/nhan-dinh.md" not in read
