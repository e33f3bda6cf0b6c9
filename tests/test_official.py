"""The official form (--style official): the layout Nghị định 30/2020/NĐ-CP asks for."""

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.conftest import DATA, require_tool, run
from tests.test_end_to_end import flatten

STEM = "bao-cao-ket-qua-phong-chong-mua-ban-nguoi-2018"
MM = 72 / 25.4  # PDF points per millimetre


def official_settings() -> dict:
    with (DATA / "2018/bao-cao.toml").open("rb") as fh:
        return tomllib.load(fh)["official"]


def page_words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """Return (xMin, yMin, xMax, yMax, word) of one page, from poppler's pdftotext -bbox."""
    require_tool("pdftotext", "poppler-utils")
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [
        (float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pattern, out)
    ]


def page_text(pdf: Path, page: int) -> str:
    return " ".join(w[4] for w in page_words(pdf, page))


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])


@pytest.fixture(scope="module")
def pdf(built_official: Path) -> Path:
    return built_official / f"{STEM}.pdf"


def test_page_one_has_the_header_block_in_its_two_columns(pdf: Path):
    settings = official_settings()
    words = page_words(pdf, 1)
    text = page_text(pdf, 1)
    for line in [*settings["issuer"], f"Số: {settings['number']}"]:
        assert line in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert f"{settings['place']}, ngày 02 tháng 12 năm 2018" in text
    assert "BÁO CÁO Kết quả công tác phòng, chống mua bán người năm 2018" in text
    # The issuing body stands left of the national motto, on the same lines.
    issuer = next(w for w in words if w[4] == "UBND")
    nation = next(w for w in words if w[4] == "CỘNG")
    assert issuer[2] < nation[0]
    assert abs(issuer[1] - nation[1]) < 3
    # Quốc hiệu over Tiêu ngữ over the place and date, all in the right column.
    motto = next(w for w in words if w[4] == "Độc")
    date = next(w for w in words if w[4] == "ngày")
    assert nation[1] < motto[1] < date[1] and motto[0] > issuer[2]
    # "BÁO CÁO" is centred on the text block (left margin 30 mm, right 15 mm).
    bao = [w for w in words if w[4] in ("BÁO", "CÁO")]
    middle = (bao[0][0] + bao[-1][2]) / 2
    assert abs(middle - (30 * MM + (210 - 15) * MM) / 2) < 3


def test_numbered_sections_nơi_nhận_and_signer(pdf: Path):
    settings = official_settings()
    text = flatten(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True).stdout.decode()
    )
    positions = [
        text.find(h)
        for h in (
            # No nhan-dinh.md in 2018: sections I (Tình hình), III (Tồn tại) and V (Kiến nghị)
            # are left out, and the numbers follow (tests/test_official_form.py has all five).
            "I. KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG MUA BÁN NGƯỜI",
            "1. Công tác chỉ đạo, tuyên truyền",
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            "Nơi nhận:",
            "Phụ lục SỐ LIỆU PHÒNG, CHỐNG MUA BÁN NGƯỜI NĂM 2018 THEO ĐƠN VỊ",
        )
    ]
    assert -1 not in positions and positions == sorted(positions)
    for line in settings["recipients"]:
        assert f"- {line}" in text
    for line in (settings["signer_authority"], settings["signer_title"], settings["signer_name"]):
        assert line in text
    assert "Phương Thảo" not in text  # the article's byline has no place in the document
    assert "1.519 người nước ngoài" in text  # the body is the article's own wording


def test_margins_and_page_numbers_from_page_two(pdf: Path):
    body = page_words(pdf, 2)
    number, words = body[0], body[1:]
    assert number[4] == "2" and number[3] < 20 * MM  # in the top margin
    assert abs((number[0] + number[2]) / 2 - (30 * MM + 195 * MM) / 2) < 3  # centred
    assert min(w[0] for w in words) == pytest.approx(30 * MM, abs=1.5)
    assert max(w[2] for w in words) == pytest.approx(195 * MM, abs=1.5)  # justified text
    assert max(w[3] for w in words) <= (297 - 20) * MM + 1
    first = page_words(pdf, 1)
    assert first[0][4] != "1" and min(w[1] for w in first) > 20 * MM - 1  # no number on page 1
    # The Phụ lục is numbered on its own (its first page bears no number).
    appendix = next(n for n in range(1, pages(pdf) + 1) if page_text(pdf, n).startswith("Phụ lục"))
    for page in range(3, appendix):
        assert page_words(pdf, page)[0][4] == str(page)
    for page in range(appendix + 1, pages(pdf) + 1):
        assert page_words(pdf, page)[0][4] == str(page - appendix + 1)


def test_the_font_is_an_embedded_times_metric_serif(pdf: Path):
    require_tool("pdffonts", "poppler-utils")
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        assert "Liberation-Serif" in row[0]
        assert row[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, with a Unicode map
    body_size = {round(w[3] - w[1], 1) for w in page_words(pdf, 2)[1:]}
    assert max(body_size) < 20  # 14 pt text, not a heading size


def test_the_number_signer_and_recipients_come_from_the_settings(data_dir: Path, tmp_path: Path):
    path = data_dir / "2018/bao-cao.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('number = "25/BC-BCĐ"', 'number = "31/BC-BCĐ"')
    text = text.replace('"Lưu: VT, BCĐ."', '"Lưu: VT, PC02."')
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out, "--style", "official"
    )
    assert result.exit_code == 0, result.output
    html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    assert "Số: 31/BC-BCĐ" in html and "- Lưu: VT, PC02." in html
    assert "25/BC-BCĐ" not in html


def test_missing_official_settings_stop_the_build_in_vietnamese(data_dir: Path, tmp_path: Path):
    path = data_dir / "2018/bao-cao.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("[official]")], encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out, "--style", "official"
    )
    assert result.exit_code == 1
    assert "2018/bao-cao.toml: chưa có phần [official]" in result.output
    assert not out.exists()
    # The article needs none of it.
    result = run("build", "--year", 2018, "--data-dir", data_dir, "--out-dir", out)
    assert result.exit_code == 0, result.output


def test_each_wrong_official_field_is_named(data_dir: Path, tmp_path: Path):
    path = data_dir / "2018/bao-cao.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('number = "25/BC-BCĐ"', "number = 25").replace(
        'signer_name = "Đại tá Nguyễn Văn Thành"', 'signer_name = ""'
    )
    path.write_text(text, encoding="utf-8")
    result = run(
        "build", "--year", 2018, "--data-dir", data_dir, "--out-dir", tmp_path / "o",
        "--style", "official",
    )  # fmt: skip
    assert result.exit_code == 1
    assert 'phần [official]: thiếu hoặc sai "number"' in result.output
    assert 'phần [official]: thiếu hoặc sai "signer_name"' in result.output
    assert "Chưa ghi báo cáo vì còn 2 lỗi." in result.output


def test_a_bad_style_is_a_usage_error():
    result = run("build", "--year", 2018, "--style", "congvan")
    assert result.exit_code == 2
    assert result.output.rstrip().endswith(
        "Giá trị của --style phải là một trong: article, official."
    )


def test_check_shows_mistakes_in_the_official_table_as_warnings(data_dir: Path, tmp_path: Path):
    path = data_dir / "2018/bao-cao.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('number = "25/BC-BCĐ"', "number = 25"), encoding="utf-8")
    said = 'phần [official]: thiếu hoặc sai "number"'
    checked = run("check", "--year", 2018, "--data-dir", data_dir, "--out-dir", tmp_path / "k")
    assert checked.exit_code == 0, checked.output  # the article needs none of it
    assert f"[cảnh báo] 2018/bao-cao.toml: {said}" in checked.output
    assert "Không có lỗi, 1 cảnh báo trong 8 tệp." in checked.output
    official = run(
        "build", "--year", 2018, "--data-dir", data_dir, "--out-dir", tmp_path / "o",
        "--style", "official",
    )  # fmt: skip
    assert official.exit_code == 1
    assert f"[lỗi] 2018/bao-cao.toml: {said}" in official.output
    assert "[cảnh báo] 2018/bao-cao.toml" not in official.output  # said once, as an error


def test_settings_saved_in_a_windows_code_page_are_one_message_not_a_crash(
    data_dir: Path, tmp_path: Path
):
    path = data_dir / "2018/bao-cao.toml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1258", errors="replace"))
    for args in (("check",), ("build", "--style", "official")):
        result = run(*args, "--year", 2018, "--data-dir", data_dir, "--out-dir", tmp_path / "o")
        assert result.exit_code == 1, result.output
        assert (
            "[lỗi] 2018/bao-cao.toml: tệp không được lưu bằng bảng mã UTF-8 — hãy mở bằng "
            "Notepad, chọn Lưu thành (Save As) với Encoding là UTF-8 rồi lưu lại." in result.output
        )
        assert "không lường trước" not in result.output
