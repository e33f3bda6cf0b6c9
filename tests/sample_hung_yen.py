"""Sample workbooks for Hưng Yên's 104 communes and wards, 2025 and 2026: invented figures.

They live in examples/hung-yen/, never in data/: an office that puts its real files into
data/2026/ must never get invented figures or comparisons. Regenerate with
    .venv/bin/python -m tests.sample_hung_yen
which also copies the declarative files (catalog.toml, units.toml and the lists it names)
from data/, so that `make report YEAR=2026 DATA=examples/hung-yen` reads the same map.

Figures come from a seeded random generator, per year and unit code, within commune-sized
bounds; the cases are written out. 2025: 03 vụ/05 đối tượng, 4 victims received, all
Điều 150; 2026: 05 vụ/09 đối tượng, 7 victims received, 04 vụ Điều 150 and 01 vụ Điều 151 —
so the 2026 article reads "tăng 02 vụ … so với năm 2025", both years covering the same 104
units. The tin báo, tố giác received (from 2025) are one per case plus a few that led to none.
"""

import datetime as dt
import random
import shutil
from pathlib import Path

from reportgen.declared.units import load_registry
from tests.samples import UnitSample, write_year

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "hung-yen"
YEARS = (2025, 2026)

TAP_HUAN = (
    "Lớp tập huấn",
    "kỹ năng nhận diện, tố giác hành vi mua bán người",
    "cán bộ, công chức xã, phường",
)
NOI_CHUYEN = (
    "Buổi nói chuyện chuyên đề",
    "phòng, chống mua bán người và xâm hại trẻ em",
    "học sinh trung học cơ sở",
)
CHUYEN_DE = (
    "Lớp chuyên đề",
    "phòng, chống mua bán người, lừa đảo tuyển dụng lao động qua mạng",
    "hội viên phụ nữ, đoàn viên thanh niên",
)
HOI_NGHI = ("Hội nghị tuyên truyền", "phòng, chống mua bán người", "người dân")
KINDS = (TAP_HUAN, NOI_CHUYEN, CHUYEN_DE, HOI_NGHI)
BAN_TIN = ("Bản tin sinh hoạt hội viên", "cuốn")
TO_GAP = ("“Cảnh giác với việc làm lương cao ở nước ngoài”", "tờ gấp")

# Cases by year and unit code; columns as in the commune-level "Vụ án" sheet: summary,
# route, offenders, victims, stage, offence (no commune column: the unit is the place).
D150, D151 = "Điều 150 (Mua bán người)", "Điều 151 (Mua bán người dưới 16 tuổi)"
CASES = {
    2025: {
        "11953": [["Lừa 02 phụ nữ sang Trung Quốc bán làm vợ", "Trung Quốc", 2, 2, "Đã xét xử",
                   D150]],
        "12826": [
            ["Môi giới đưa 01 lao động sang Cam-pu-chia rồi bán", "Cam-pu-chia", 2, 1,
             "Đã truy tố", D150],
        ],
        "12586": [["Nghi vấn lừa 01 thanh niên sang Mi-an-ma", "Mi-an-ma", 1, 1, "Đang xác minh",
                   D150]],
    },
    2026: {
        "13141": [
            ["Lừa 02 lao động sang Cam-pu-chia làm việc tại cơ sở lừa đảo trực tuyến",
             "Cam-pu-chia", 3, 2, "Đã khởi tố", D150],
        ],
        "13225": [
            ["Đưa 01 phụ nữ sang Trung Quốc bán làm vợ", "Trung Quốc", 2, 1, "Đã truy tố", D150],
            ["Môi giới 01 thanh niên sang Mi-an-ma rồi bán", "Mi-an-ma", 1, 1, "Đã khởi tố", D150],
        ],
        "11953": [
            ["Lừa 02 phụ nữ sang Trung Quốc sinh con thuê rồi bán", "Trung Quốc", 2, 2,
             "Đã xét xử", D150],
        ],
        "12970": [["Nghi vấn đưa 01 trẻ em sang Trung Quốc", "Trung Quốc", 1, 1, "Đang xác minh",
                   D151]],
    },
}  # fmt: skip

PREPARERS = ("Nguyễn Thị Hoa", "Trần Văn Hùng", "Lê Thị Thu", "Phạm Văn Nam", "Vũ Thị Lan")

SETTINGS = """\
# SỐ LIỆU MẪU năm {year}, tự đặt ra để thử công cụ: không phải số liệu thật.
date = {date}
author = "Số liệu mẫu — không dùng để báo cáo"

[official]
issuer = ["UBND TỈNH HƯNG YÊN", "BAN CHỈ ĐẠO 138"]
number = "{number}/BC-BCĐ"
place = "Hưng Yên"
signer_authority = "KT. TRƯỞNG BAN"
signer_title = "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
signer_name = "(tên mẫu)"
recipients = [
  "Ban Chỉ đạo 138/CP (để báo cáo);",
  "Thường trực Tỉnh ủy (để báo cáo);",
  "Các thành viên BCĐ 138 tỉnh;",
  "BCĐ 138 các xã, phường;",
  "Lưu: VT, BCĐ.",
]
"""


def unit_sample(year: int, code: str, kind: str) -> UnitSample:
    """Return one commune's invented figures and rows for a year (the same every run)."""
    rnd = random.Random(f"{year}-{code}")
    ward = kind == "phường"
    luot = rnd.randint(40, 220 if ward else 160)
    cases = CASES[year].get(code, [])
    received = sum(case[3] for case in cases)
    figures = (
        luot,
        luot + rnd.randint(0, 40),
        rnd.randint(2, 25) if ward else rnd.randint(0, 4),
        rnd.randint(4, 30) if ward else rnd.randint(1, 10),
        rnd.randint(0, 6),
        rnd.randint(0, 1),
        rnd.randint(0, 2),
        rnd.randint(0, 3),
        received,
        received // 2,
        received,
        _reports_received(year, code, len(cases)),
    )
    activities = []
    for kind_ in rnd.sample(KINDS, rnd.randint(1, 2)):
        sessions = rnd.randint(1, 3)
        activities.append([*kind_, sessions, sessions * rnd.randint(40, 120)])
    publications = [[*BAN_TIN, rnd.randint(50, 300)], [*TO_GAP, rnd.randint(200, 1500)]]
    preparer = PREPARERS[int(code) % len(PREPARERS)]
    return UnitSample(figures, preparer, activities, publications, cases)


def _reports_received(year: int, code: str, cases: int) -> int:
    """Return the tin báo, tố giác a commune received (catalog.toml, from 2025): one per case
    and now and then one that led to none. Its own generator, so that adding the figure left
    every other invented figure as it was."""
    return cases + (random.Random(f"tin-bao-{year}-{code}").random() < 0.12)


def samples(data_dir: Path, year: int) -> dict[str, UnitSample]:
    """Return every unit's sample of a year, by unit code."""
    units = load_registry(data_dir).units_for(year)
    return {u.code: unit_sample(year, u.code, u.kind) for u in units}


def copy_declarations(data_dir: Path, out: Path) -> list[Path]:
    """Copy catalog.toml, units.toml and the lists units.toml names into out."""
    registry = load_registry(data_dir)
    names = [Path("catalog.toml"), Path("units.toml")]
    names += [p.relative_to(data_dir) for p in (e.path for e in registry.commune_lists)]
    names += [p.relative_to(data_dir) for p in registry.unit_lists]
    written = []
    for name in sorted(set(names)):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data_dir / name, out / name)
        written.append(out / name)
    return written


def make_sample(data_dir: Path, out: Path, years=YEARS) -> list[Path]:
    """Write the declarative files and each year's 104 filled workbooks into out."""
    written = copy_declarations(data_dir, out)
    for year in years:
        folder = out / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        settings = folder / "bao-cao.toml"
        settings.write_text(
            SETTINGS.format(
                year=year, date=dt.date(year, 12, 5).isoformat(), number=f"{year - 2021:02d}"
            ),
            encoding="utf-8",
        )
        written.append(settings)
        written += write_year(
            data_dir,
            folder,
            year,
            samples(data_dir, year),
            prepared_on=dt.datetime(year, 11, 20),
            date=dt.date(year, 12, 5),
            author="",
        )
    return written


if __name__ == "__main__":
    for path in make_sample(ROOT / "data", EXAMPLES):
        print(path)
