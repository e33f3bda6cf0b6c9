"""2017 and 2019 build from the sample data; 2019 is compared with 2018 only when 2018 is usable."""

import shutil
from pathlib import Path

import pytest

from tests import sample_2017, sample_2019
from tests.conftest import DATA, pdf_text, run
from tests.samples import totals
from tests.test_end_to_end import flatten

STEM = "ket-qua-phong-chong-mua-ban-nguoi-{year}"


def build(year: int, data_dir: Path, out: Path):
    return run("build", "--year", year, "--data-dir", data_dir, "--out-dir", out)


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[int, str]:
    """Build 2017 and 2019 from the shipped data; return each PDF's text on one line."""
    result = {}
    for year in (2017, 2019):
        out = tmp_path_factory.mktemp(f"out{year}")
        built = build(year, DATA, out)
        assert built.exit_code == 0, built.output
        assert built.output == (
            f"Đã ghi: {out / STEM.format(year=year)}.html\n"
            f"Đã ghi: {out / STEM.format(year=year)}.pdf\n"
            f"Đã ghi: {out / 'nguon-so-lieu.csv'}\n"
        )
        result[year] = flatten(pdf_text(out / f"{STEM.format(year=year)}.pdf"))
    return result


def test_each_sample_year_carries_its_own_totals(texts):
    for year, sample in ((2017, sample_2017), (2019, sample_2019)):
        total = totals(sample.UNITS)
        text = texts[year]
        assert f"Kết quả công tác phòng, chống mua bán người năm {year}" in text
        assert f"; quản lý chặt chẽ {total['nguoi_nuoc_ngoai_tam_tru']:,}".replace(",", ".") in text
        assert f"kiểm tra {total['kiem_tra_co_so_kinh_doanh']} lượt cơ sở" in text
        assert f"cho {total['pbgdpl_luot']}/{total['pbgdpl_tong']} lượt người nước ngoài" in text
        assert "nắm quản lý" not in text and "đẩy mạnh tăng cường" not in text  # 2018's own words


def test_2017_reads_one_case_and_has_no_year_to_compare_with(texts):
    text = texts[2017]
    assert (
        "Năm 2017, các lực lượng chức năng đã phát hiện, xử lý 01 vụ/02 đối tượng mua bán người "
        "theo tuyến Trung Quốc, xác định 01 nạn nhân bị mua bán. Vụ việc xảy ra tại xã An Ninh, "
        "Quỳnh Phụ. Cơ quan điều tra đã khởi tố vụ án, khởi tố 02 bị can; Viện kiểm sát nhân dân "
        "đã truy tố 02 bị can; Tòa án nhân dân đã đưa vụ án ra xét xử đối với 02 bị cáo." in text
    )
    assert "so với" not in text  # there is no data/2016
    # Only the two kinds of activity held in 2017 are mentioned.
    assert "Cụ thể, đã mở 02 lớp tập huấn về nghiệp vụ tuyên truyền" in text
    assert "cho 215 lượt cán bộ Hội Liên hiệp Phụ nữ cơ sở" in text  # 2 lớp: lượt người
    assert "; tổ chức 05 hội nghị tuyên truyền" in text
    assert "buổi nói chuyện" not in text and "lớp chuyên đề" not in text
    assert "Hội nghị tập huấn công tác tiếp nhận" not in text  # no photo caption that year


def test_2019_reads_its_cases_and_compares_with_2018(texts):
    text = texts[2019]
    assert (
        "Năm 2019, các lực lượng chức năng đã phát hiện, xử lý 04 vụ/09 đối tượng mua bán người, "
        "xác định 07 nạn nhân bị mua bán; so với năm 2018, tăng 04 vụ, 09 đối tượng. "
        "Các vụ việc xảy ra tại 4 xã An Ninh (Quỳnh Phụ), Đông Kinh (Đông Hưng), Thái Đô, "
        "Thụy Hải (Thái Thụy); 03 vụ theo tuyến Trung Quốc, 01 vụ theo tuyến Ma-lai-xi-a. "
        "Cơ quan điều tra đã khởi tố 03 vụ/07 bị can; Viện kiểm sát nhân dân truy tố 02 vụ/05 bị "
        "can; Tòa án nhân dân xét xử 01 vụ/03 bị cáo; 01 vụ đang tiếp tục xác minh." in text
    )
    assert (
        "Trong năm, đã xác minh, giải cứu, tiếp nhận 06 nạn nhân bị mua bán trở về (trong đó "
        "giải cứu 03 nạn nhân), tăng 06 nạn nhân so với năm 2018; 100% nạn nhân đã được hỗ trợ "
        "theo quy định." in text
    )


def test_2019_without_2018_leaves_the_comparison_out(data_dir: Path, tmp_path: Path):
    shutil.rmtree(data_dir / "2018")
    result = build(2019, data_dir, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "cảnh báo" not in result.output
    text = flatten(pdf_text(tmp_path / "out" / f"{STEM.format(year=2019)}.pdf"))
    assert "xử lý 04 vụ/09 đối tượng mua bán người, xác định 07 nạn nhân bị mua bán. " in text
    assert "so với" not in text


def test_2019_with_a_faulty_2018_warns_and_leaves_the_comparison_out(
    data_dir: Path, tmp_path: Path
):
    (data_dir / "2018/342-tien-hai-2018.xlsx").unlink()
    result = build(2019, data_dir, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Chung:\n"
        '  [cảnh báo] Không so sánh với năm 2018 vì số liệu năm 2018 còn 1 lỗi — chạy "make '
        'check YEAR=2018" để xem.\n'
    )
    text = flatten(pdf_text(tmp_path / "out" / f"{STEM.format(year=2019)}.pdf"))
    assert "so với" not in text


def test_a_missing_settings_file_of_the_year_before_does_not_stop_the_comparison(
    data_dir: Path, tmp_path: Path
):
    (data_dir / "2018/bao-cao.toml").unlink()
    result = build(2019, data_dir, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "cảnh báo" not in result.output
    text = flatten(pdf_text(tmp_path / "out" / f"{STEM.format(year=2019)}.pdf"))
    assert "; so với năm 2018, tăng 04 vụ, 09 đối tượng." in text


def test_a_none_previous_in_a_template_is_explained(tmp_path: Path):
    mine = tmp_path / "mau"
    (mine / "sections").mkdir(parents=True)
    (mine / "sections/07-phuong-huong.html.j2").write_text(
        "Năm trước: {{ previous.year }}", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run(  # 2017 has no year before it in the sample data
        "build",
        "--year",
        2017,
        "--data-dir",
        DATA,
        "--out-dir",
        out,
        "--templates-dir",
        mine,
    )
    assert result.exit_code == 1
    assert result.output == (
        'Mẫu "sections/07-phuong-huong.html.j2", dòng 1: không có "year" vì giá trị đứng trước '
        "nó để trống (ví dụ previous khi không có số liệu năm trước) — hãy đặt câu đó trong "
        "{% if previous %} … {% endif %}.\n"
    )
    assert not out.exists()
