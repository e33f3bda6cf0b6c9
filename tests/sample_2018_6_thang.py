"""The 2018 6-month sample workbooks (6 tháng đầu năm 2018), the "cùng kỳ" of 2019's.

Regenerate data/2018-6-thang/ with:  .venv/bin/python -m tests.sample_2018_6_thang
Consistent with the 2018 year (tests/sample_2018.py), about half of it; like the year, no
case and no victim.
"""

import datetime as dt
from pathlib import Path

from tests.sample_2018 import BAN_TIN, CHUYEN_DE, TAP_HUAN, TO_GAP
from tests.samples import UnitSample, write_year

YEAR = 2018
PERIOD = "6-thang"

# code: UnitSample(indicator values in tests.samples.CODES order, preparer,
#                  activities, publications); the three victim figures are 0.
UNITS = {
    "336": UnitSample(
        (15, 20, 790, 120, 3, 0, 1, 14),
        "Nguyễn Thị Hương",
        [[*TAP_HUAN, 1, 101, None]],
        [[*BAN_TIN, 250], [*TO_GAP, 2000]],
    ),
    "338": UnitSample((4, 5, 70, 41, 5, 1, 4, 24), "Trần Văn Hải", [], [[*BAN_TIN, 200]]),
    "339": UnitSample(
        (3, 5, 62, 45, 4, 0, 3, 19),
        "Phạm Thị Lan",
        [[*TAP_HUAN, 1, 94, None]],
        [[*BAN_TIN, 150], [*TO_GAP, 1000]],
    ),
    "340": UnitSample((4, 6, 95, 49, 4, 0, 3, 22), "Vũ Đức Thắng", [], [[*BAN_TIN, 200]]),
    "341": UnitSample(
        (6, 8, 198, 46, 4, 1, 3, 23), "Đỗ Thị Thu", [], [[*BAN_TIN, 200], [*TO_GAP, 1000]]
    ),
    "342": UnitSample(
        (5, 7, 131, 39, 6, 0, 4, 27),
        "Bùi Văn Nam",
        [[*CHUYEN_DE, 1, 100, "Tây Giang"]],
        [[*BAN_TIN, 150], [*TO_GAP, 1000]],
    ),
    "343": UnitSample((4, 6, 85, 43, 5, 0, 4, 25), "Hoàng Thị Mai", [], [[*BAN_TIN, 150]]),
    "344": UnitSample((3, 5, 47, 35, 3, 0, 2, 18), "Lê Văn Quý", [], [[*BAN_TIN, 150]]),
}


def make_sample(data_dir: Path, out_dir: Path) -> list[Path]:
    """Write the 8 filled workbooks of 6 tháng đầu năm 2018 and their settings into out_dir."""
    return write_year(
        data_dir,
        out_dir,
        YEAR,
        UNITS,
        prepared_on=dt.datetime(2018, 6, 11),
        date=dt.date(2018, 6, 20),
        author="Phương Thảo",
        period=PERIOD,
    )


if __name__ == "__main__":
    for path in make_sample(Path("data"), Path("data/2018-6-thang")):
        print(path)
