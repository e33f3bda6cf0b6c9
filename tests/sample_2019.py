"""The 2019 sample workbooks: every kind of activity, four cases, victims received.

Regenerate data/2019/ with:  .venv/bin/python -m tests.sample_2019
Cases: 04 vụ/09 đối tượng, 7 victims; three to Trung Quốc, one to Ma-lai-xi-a; one
at each stage (xác minh, khởi tố, truy tố, xét xử). Victims: 6 received, 3 rescued,
6 supported. 2018 had none of these, so the comparison reads "tăng …".
"""

import datetime as dt
from pathlib import Path

from tests.samples import UnitSample, write_year

YEAR = 2019
TAP_HUAN = (
    "Lớp tập huấn",
    "kỹ năng phát hiện, tiếp nhận, xác minh và hỗ trợ nạn nhân bị mua bán",
    "cán bộ công an, tư pháp, hội phụ nữ cơ sở",
)
NOI_CHUYEN = (
    "Buổi nói chuyện chuyên đề",
    "phòng, chống mua bán người và xâm hại trẻ em",
    "học sinh trung học phổ thông",
)
CHUYEN_DE = (
    "Lớp chuyên đề",
    "tuyên truyền phòng, chống mua bán người, bạo lực gia đình",
    "hội viên phụ nữ",
)
HOI_NGHI = ("Hội nghị tuyên truyền", "phòng, chống mua bán người", "người dân")
BAN_TIN = ("Bản tin sinh hoạt hội viên", "cuốn")
TO_GAP = ("Nói không với mua bán người", "tờ gấp")

# code: UnitSample(indicator values in tests.samples.CODES order, preparer,
#                  activities, publications, cases)
UNITS = {
    "336": UnitSample(
        (33, 41, 896, 262, 7, 0, 2, 15, 1, 0, 1),
        "Nguyễn Thị Hương",
        [[*TAP_HUAN, 1, 110, None]],
        [[*BAN_TIN, 600], [*TO_GAP, 4000]],
    ),
    "338": UnitSample(
        (10, 12, 79, 90, 12, 1, 7, 25, 2, 1, 2),
        "Trần Văn Hải",
        [[*NOI_CHUYEN, 1, 450, "Quỳnh Côi"]],
        [[*BAN_TIN, 400], [*TO_GAP, 2500]],
        [["Lừa bán 02 phụ nữ sang Trung Quốc làm vợ", "An Ninh", "Trung Quốc", 3, 2, "Đã xét xử"]],
    ),
    "339": UnitSample(
        (8, 11, 70, 95, 9, 1, 5, 20),
        "Phạm Thị Lan",
        [[*NOI_CHUYEN, 1, 420, "Hưng Nhân"]],
        [[*BAN_TIN, 350], [*TO_GAP, 2500]],
    ),
    "340": UnitSample(
        (9, 13, 105, 104, 10, 1, 6, 23, 1, 1, 1),
        "Vũ Đức Thắng",
        [[*HOI_NGHI, 1, 150, "Đông Kinh"]],
        [[*BAN_TIN, 400], [*TO_GAP, 3000]],
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
        (14, 17, 221, 99, 11, 2, 6, 24, 2, 1, 2),
        "Đỗ Thị Thu",
        [
            [*TAP_HUAN, 1, 105, None],
            [*HOI_NGHI, 1, 170, "Thụy Hải"],
            [*HOI_NGHI, 1, 160, "Thái Đô"],
        ],
        [[*BAN_TIN, 450], [*TO_GAP, 3000]],
        [
            [
                "Đưa 01 phụ nữ sang Trung Quốc bán làm vợ",
                "Thụy Hải",
                "Trung Quốc",
                2,
                1,
                "Đã truy tố",
            ],
            [
                "Môi giới đưa 02 lao động nữ sang Trung Quốc rồi bán",
                "Thái Đô",
                "Trung Quốc",
                2,
                2,
                "Đã khởi tố",
            ],
        ],
    ),
    "342": UnitSample(
        (12, 15, 148, 85, 13, 0, 6, 28),
        "Bùi Văn Nam",
        [[*TAP_HUAN, 1, 98, None], [*HOI_NGHI, 1, 140, "Nam Thịnh"]],
        [[*BAN_TIN, 350], [*TO_GAP, 3000]],
    ),
    "343": UnitSample(
        (10, 14, 95, 93, 12, 1, 5, 26),
        "Hoàng Thị Mai",
        [[*CHUYEN_DE, 1, 90, "Vũ Quí"]],
        [[*BAN_TIN, 350], [*TO_GAP, 1500]],
    ),
    "344": UnitSample(
        (7, 10, 53, 77, 8, 0, 3, 19),
        "Lê Văn Quý",
        [[*CHUYEN_DE, 1, 85, "Song Lãng"]],
        [[*BAN_TIN, 300], [*TO_GAP, 1500]],
    ),
}


def make_sample(data_dir: Path, out_dir: Path) -> list[Path]:
    """Write the 8 filled 2019 workbooks and the year's settings into out_dir."""
    return write_year(
        data_dir,
        out_dir,
        YEAR,
        UNITS,
        prepared_on=dt.datetime(2019, 11, 25),
        date=dt.date(2019, 12, 6),
        author="Phương Thảo",
    )


if __name__ == "__main__":
    for path in make_sample(Path("data"), Path("data/2019")):
        print(path)
