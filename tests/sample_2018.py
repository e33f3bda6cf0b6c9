"""The 2018 sample workbooks: the published article's figures split plausibly across the 8 units.

Regenerate data/2018/ with:  .venv/bin/python -m tests.sample_2018
Every figure sums to the article: 03 lớp tập huấn / 286 người; 02 buổi nói chuyện / 300;
03 lớp chuyên đề / 300 phụ nữ; 3.000 cuốn bản tin; 19.500 tờ gấp; 91/126 lượt;
1.519 người nước ngoài; 847 lượt cơ sở; 72, 7, 52, 172 trường hợp; no cases.
"""

import datetime as dt
from pathlib import Path

from tests.samples import UnitSample, write_year

YEAR = 2018
TAP_HUAN = (
    "Lớp tập huấn",
    "kỹ năng tuyên truyền, phổ biến giáo dục pháp luật, phòng chống tệ nạn xã hội",
    "ban chủ nhiệm câu lạc bộ",
)
NOI_CHUYEN = (
    "Buổi nói chuyện chuyên đề",
    "phẩm chất đạo đức phụ nữ Việt Nam gắn với phòng chống mua bán người",
)
CHUYEN_DE = (
    "Lớp chuyên đề",
    "nâng cao kiến thức phòng, chống tội phạm xâm hại trẻ em và người chưa thành niên vi phạm "
    "pháp luật, phòng chống bạo lực gia đình, phòng chống mua bán người cho cán bộ, hội viên, "
    "phụ nữ",
    "phụ nữ",
)
BAN_TIN = ("Bản tin sinh hoạt hội viên", "cuốn")
TO_GAP = ("Hãy phòng ngừa xâm hại tình dục trẻ em", "tờ gấp")

# code: UnitSample(indicator values in tests.samples.CODES order, preparer,
#                  activities, publications); the three victim figures are 0.
UNITS = {
    "336": UnitSample(
        (31, 40, 812, 245, 6, 0, 3, 14),
        "Nguyễn Thị Hương",
        [
            [*TAP_HUAN, 1, 101, None],
            [*NOI_CHUYEN, "nữ sinh viên Trường Đại học Thái Bình", 1, 180, None],
            [*CHUYEN_DE, 1, 100, "Phú Xuân"],
        ],
        [[*BAN_TIN, 500], [*TO_GAP, 4000]],
    ),
    "338": UnitSample(
        (8, 11, 71, 84, 10, 2, 9, 24), "Trần Văn Hải", [], [[*BAN_TIN, 400], [*TO_GAP, 2000]]
    ),
    "339": UnitSample(
        (7, 10, 64, 91, 8, 1, 6, 19),
        "Phạm Thị Lan",
        [[*TAP_HUAN, 1, 94, None]],
        [[*BAN_TIN, 350], [*TO_GAP, 2000]],
    ),
    "340": UnitSample(
        (8, 12, 97, 98, 9, 1, 7, 22),
        "Vũ Đức Thắng",
        [[*NOI_CHUYEN, "công nhân", 1, 120, "Xã Đông Kinh"]],
        [[*BAN_TIN, 400], [*TO_GAP, 2500]],
    ),
    "341": UnitSample(
        (12, 16, 203, 92, 9, 1, 7, 23),
        "Đỗ Thị Thu",
        [[*TAP_HUAN, 1, 91, None]],
        [[*BAN_TIN, 400], [*TO_GAP, 2500]],
    ),
    "342": UnitSample(
        (10, 14, 136, 79, 12, 1, 8, 27),
        "Bùi Văn Nam",
        [[*CHUYEN_DE, 1, 100, "Tây Giang"]],
        [[*BAN_TIN, 300], [*TO_GAP, 2000]],
    ),
    "343": UnitSample(
        (9, 13, 88, 87, 11, 1, 8, 25),
        "Hoàng Thị Mai",
        [[*CHUYEN_DE, 1, 100, "Quang Bình"]],
        [[*BAN_TIN, 350], [*TO_GAP, 2500]],
    ),
    "344": UnitSample(
        (6, 10, 48, 71, 7, 0, 4, 18), "Lê Văn Quý", [], [[*BAN_TIN, 300], [*TO_GAP, 2000]]
    ),
}


def make_sample(data_dir: Path, out_dir: Path) -> list[Path]:
    """Write the 8 filled 2018 workbooks and the year's settings into out_dir."""
    return write_year(
        data_dir,
        out_dir,
        YEAR,
        UNITS,
        prepared_on=dt.datetime(2018, 11, 26),
        date=dt.date(2018, 12, 2),
        author="Phương Thảo",
        caption="Hội nghị tập huấn công tác tiếp nhận, xác minh, bảo vệ và hỗ trợ nạn nhân "
        "bị mua bán người trở về.",
    )


if __name__ == "__main__":
    for path in make_sample(Path("data"), Path("data/2018")):
        print(path)
