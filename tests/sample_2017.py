"""The 2017 sample workbooks: a plausible year before 2018, with one case.

Regenerate data/2017/ with:  .venv/bin/python -m tests.sample_2017
Only two kinds of activity (lớp tập huấn, hội nghị tuyên truyền): the other kinds
must not be mentioned. One case in Quỳnh Phụ, taken to trial; two victims received.
"""

import datetime as dt
from pathlib import Path

from tests.samples import UnitSample, write_year

YEAR = 2017
TAP_HUAN = (
    "Lớp tập huấn",
    "nghiệp vụ tuyên truyền phòng, chống mua bán người",
    "cán bộ Hội Liên hiệp Phụ nữ cơ sở",
)
HOI_NGHI = ("Hội nghị tuyên truyền", "phòng, chống mua bán người", "người dân")
BAN_TIN = ("Bản tin sinh hoạt hội viên", "cuốn")
TO_ROI = ("Cảnh giác với thủ đoạn của bọn tội phạm mua bán người", "tờ rơi")

# code: UnitSample(indicator values in tests.samples.CODES order, preparer,
#                  activities, publications, cases)
UNITS = {
    "336": UnitSample(
        (24, 33, 705, 221, 5, 0, 2, 12),
        "Nguyễn Thị Hương",
        [[*TAP_HUAN, 1, 120, None]],
        [[*BAN_TIN, 400], [*TO_ROI, 2500]],
    ),
    "338": UnitSample(
        (9, 12, 66, 79, 11, 3, 8, 22, 1, 1, 1),
        "Trần Văn Hải",
        [[*HOI_NGHI, 1, 160, "An Ninh"]],
        [[*BAN_TIN, 300], [*TO_ROI, 1500]],
        [
            [
                "Lừa đưa 01 phụ nữ sang Trung Quốc bán làm vợ",
                "An Ninh",
                "Trung Quốc",
                2,
                1,
                "Đã xét xử",
            ]
        ],
    ),
    "339": UnitSample(
        (6, 9, 58, 86, 7, 1, 5, 17), "Phạm Thị Lan", [], [[*BAN_TIN, 250], [*TO_ROI, 1200]]
    ),
    "340": UnitSample(
        (7, 11, 84, 90, 8, 2, 6, 20), "Vũ Đức Thắng", [], [[*BAN_TIN, 300], [*TO_ROI, 1500]]
    ),
    "341": UnitSample(
        (11, 15, 176, 85, 10, 1, 9, 21, 1, 0, 1),
        "Đỗ Thị Thu",
        [[*TAP_HUAN, 1, 95, None], [*HOI_NGHI, 1, 150, "Thụy Hải"], [*HOI_NGHI, 1, 140, "Thái Đô"]],
        [[*BAN_TIN, 350], [*TO_ROI, 1800]],
    ),
    "342": UnitSample(
        (9, 13, 121, 72, 12, 1, 6, 25),
        "Bùi Văn Nam",
        [[*HOI_NGHI, 1, 130, "Nam Thịnh"], [*HOI_NGHI, 1, 120, "Đông Hoàng"]],
        [[*BAN_TIN, 300], [*TO_ROI, 1500]],
    ),
    "343": UnitSample(
        (8, 12, 79, 80, 9, 0, 7, 23), "Hoàng Thị Mai", [], [[*BAN_TIN, 250], [*TO_ROI, 1000]]
    ),
    "344": UnitSample(
        (5, 8, 41, 64, 6, 1, 3, 16), "Lê Văn Quý", [], [[*BAN_TIN, 250], [*TO_ROI, 1000]]
    ),
}


def make_sample(data_dir: Path, out_dir: Path) -> list[Path]:
    """Write the 8 filled 2017 workbooks and the year's settings into out_dir."""
    return write_year(
        data_dir,
        out_dir,
        YEAR,
        UNITS,
        prepared_on=dt.datetime(2017, 11, 24),
        date=dt.date(2017, 12, 5),
        author="Minh Hằng",
    )


if __name__ == "__main__":
    for path in make_sample(Path("data"), Path("data/2017")):
        print(path)
