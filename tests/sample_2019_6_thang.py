"""The 2019 6-month sample workbooks (6 tháng đầu năm 2019, 15/12/2018 – 14/6/2019).

Regenerate data/2019-6-thang/ with:  .venv/bin/python -m tests.sample_2019_6_thang
Consistent with the 2019 year (tests/sample_2019.py), about half of it: the flows (people
reached, inspections, cases found) are about half the year's, the stock of foreigners under
management a little lower. Cases: 02 vụ/05 đối tượng, 4 victims — the 2019 cases of Quỳnh
Phụ (then khởi tố) and Đông Hưng (then xác minh). Victims: 3 received, 1 rescued, 3
supported. The first half of 2018 had none: the comparison reads "tăng … so với cùng kỳ
năm 2018".
"""

import datetime as dt
from pathlib import Path

from tests.sample_2019 import BAN_TIN, CHUYEN_DE, HOI_NGHI, NOI_CHUYEN, TAP_HUAN, TO_GAP
from tests.samples import UnitSample, write_year

YEAR = 2019
PERIOD = "6-thang"

# code: UnitSample(indicator values in tests.samples.CODES order, preparer,
#                  activities, publications, cases)
UNITS = {
    "336": UnitSample(
        (16, 20, 870, 130, 3, 0, 1, 15, 1, 0, 1),
        "Nguyễn Thị Hương",
        [[*TAP_HUAN, 1, 110, None]],
        [[*BAN_TIN, 300], [*TO_GAP, 2000]],
    ),
    "338": UnitSample(
        (5, 6, 75, 45, 6, 1, 3, 25, 1, 1, 1),
        "Trần Văn Hải",
        [],
        [[*BAN_TIN, 200], [*TO_GAP, 1000]],
        [["Lừa bán 02 phụ nữ sang Trung Quốc làm vợ", "An Ninh", "Trung Quốc", 3, 2, "Đã khởi tố"]],
    ),
    "339": UnitSample(
        (4, 5, 68, 47, 4, 0, 2, 20),
        "Phạm Thị Lan",
        [[*NOI_CHUYEN, 1, 420, "Hưng Nhân"]],
        [[*BAN_TIN, 150], [*TO_GAP, 1000]],
    ),
    "340": UnitSample(
        (4, 6, 101, 52, 5, 1, 3, 23, 1, 0, 1),
        "Vũ Đức Thắng",
        [],
        [[*BAN_TIN, 200], [*TO_GAP, 1500]],
        [
            [
                "Nghi vấn lừa đưa 02 lao động sang Ma-lai-xi-a",
                "Đông Kinh",
                "Ma-lai-xi-a",
                2,
                2,
                "Đang xác minh",
            ]
        ],
    ),
    "341": UnitSample(
        (7, 8, 214, 50, 5, 1, 3, 24),
        "Đỗ Thị Thu",
        [[*HOI_NGHI, 1, 170, "Thụy Hải"]],
        [[*BAN_TIN, 200], [*TO_GAP, 1500]],
    ),
    "342": UnitSample(
        (6, 7, 140, 42, 6, 0, 3, 28),
        "Bùi Văn Nam",
        [[*TAP_HUAN, 1, 98, None]],
        [[*BAN_TIN, 150], [*TO_GAP, 1500]],
    ),
    "343": UnitSample(
        (5, 7, 90, 46, 6, 0, 2, 26),
        "Hoàng Thị Mai",
        [[*CHUYEN_DE, 1, 90, "Vũ Quí"]],
        [[*BAN_TIN, 150], [*TO_GAP, 500]],
    ),
    "344": UnitSample(
        (3, 5, 50, 38, 4, 0, 1, 19),
        "Lê Văn Quý",
        [],
        [[*BAN_TIN, 150], [*TO_GAP, 500]],
    ),
}


def make_sample(data_dir: Path, out_dir: Path) -> list[Path]:
    """Write the 8 filled workbooks of 6 tháng đầu năm 2019 and their settings into out_dir."""
    return write_year(
        data_dir,
        out_dir,
        YEAR,
        UNITS,
        prepared_on=dt.datetime(2019, 6, 12),
        date=dt.date(2019, 6, 20),
        author="Phương Thảo",
        period=PERIOD,
    )


if __name__ == "__main__":
    for path in make_sample(Path("data"), Path("data/2019-6-thang")):
        print(path)
