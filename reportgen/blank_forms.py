"""What `template` writes: a blank workbook per unit yet to send one, and the staff's files.

The blank workbooks go to mau-trong/<year>; bao-cao.toml (the settings skeleton below) and
nhan-dinh.md go into the year's data folder when missing, where `build` reads them.
"""

from dataclasses import dataclass
from pathlib import Path

from reportgen import messages as msg
from reportgen.checks.year_folder import check_workbooks
from reportgen.declared.declarations import Declarations, read_declarations
from reportgen.declared.periods import ANNUAL, Period, folder_name, period_for, year_folder
from reportgen.declared.settings import SETTINGS_FILE
from reportgen.declared.units import Unit
from reportgen.errors import ConfigError
from reportgen.inputs.assessment import ASSESSMENT_FILE
from reportgen.inputs.assessment import SKELETON as ASSESSMENT_SKELETON
from reportgen.inputs.find import find_workbooks
from reportgen.names import fold
from reportgen.outputs.folders import blanks_folder
from reportgen.outputs.write import write_new_file

SETTINGS_SKELETON = """\
# Thông tin của bài báo cáo {period}.
# date: ngày đăng, in dưới tiêu đề — năm-tháng-ngày, không có dấu ngoặc kép, ví dụ 2018-12-02
# author: tên người viết, in cuối bài — trong dấu ngoặc kép
# caption: (không bắt buộc) chú thích ảnh in sau đoạn mở đầu — trong dấu ngoặc kép
# photo: (không bắt buộc) tên tệp ảnh trong thư mục assets của mẫu; chú thích chỉ in khi có ảnh
date = ""
author = ""
caption = ""

# Chỉ cần khi lập văn bản hành chính (reportgen build --style official): bỏ dấu # ở đầu
# các dòng dưới đây rồi điền. Ngày của văn bản là "date" ở trên.
# [official]
# issuer = ["UBND TỈNH ...", "BAN CHỈ ĐẠO 138"]  # cơ quan ban hành, mỗi dòng một mục
# number = "../BC-BCĐ"                            # số và ký hiệu
# place = "..."                                   # địa danh
# signer_authority = "KT. TRƯỞNG BAN"             # quyền hạn ký; để "" nếu Trưởng ban ký
# signer_title = "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"     # chức vụ người ký
# signer_name = "..."                             # họ tên người ký
# recipients = ["...;", "Lưu: VT."]               # nơi nhận, mỗi dòng một nơi
# Kỳ báo cáo (không bắt buộc): mặc định từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}.
# period_start = {start}
# period_end = {end}
"""
# Appended for a period other than the whole year: its span, when it differs from periods.toml's.
SPAN_SKELETON = """
# Kỳ báo cáo mặc định từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}. Nếu kỳ của năm nay khác, bỏ dấu #
# ở đầu hai dòng dưới đây và sửa ngày (năm-tháng-ngày). Hai dòng này phải ở trên [official].
# period_start = {start}
# period_end = {end}
"""


@dataclass
class TemplateResult:
    """What `template` wrote, what it found already there, and the units it left out."""

    written: list[tuple[Path, bool]]  # (path, False when it was there already)
    has_file: list[tuple[Unit, str]]  # units with a file of their own in the data folder
    folder: Path  # the year's (period's) data folder, where those files are


def write_templates(
    year: int, data_dir: Path = Path("data"), out_dir: Path | None = None, period: str = ANNUAL
) -> TemplateResult:
    """Write a blank workbook per expected unit that has sent nothing yet; never overwrite.

    Blanks go to out_dir (mau-trong/<year>, of a period mau-trong/<year>-<period>), never into
    the data folder, where a blank would be read as a submission. A unit with a workbook of its
    own in the period's data folder (found by the unit it names, whatever the file's name; a
    blank left there does not count) gets none. The settings file and the staff's text are
    written into that data folder (data/<year>/, data/<year>-<period>/) when missing: `build`
    reads them there. period: a code of periods.toml; its blank workbooks say it.
    """
    from reportgen.blank_workbook import blank_workbook  # openpyxl: only this command needs it

    declared = read_declarations(data_dir)
    chosen = period_for(declared.kinds, period, year)
    units = declared.registry.units_for(year)
    if not units:
        raise ConfigError([msg.NO_UNITS.format(year=year)])
    out_dir = out_dir or blanks_folder(year, period)
    folder = year_folder(data_dir, year, period)
    sent = _units_with_files(year, data_dir, declared, chosen)
    communes = declared.registry.communes_for(year)
    written, has_file = [], []
    for unit in units:
        if unit.code in sent:
            has_file.append((unit, sent[unit.code]))
            continue
        target = out_dir / workbook_filename(unit, year, period)
        if target.exists():
            written.append((target, False))
            continue
        blank = blank_workbook(unit, year, declared.catalog, communes, chosen)
        written.append((target, write_new_file(target, blank)))
    settings = folder / SETTINGS_FILE
    written.append((settings, write_new_file(settings, settings_skeleton(chosen).encode())))
    assessment = folder / ASSESSMENT_FILE  # read from the period's data folder, like bao-cao.toml
    written.append(
        (assessment, write_new_file(assessment, ASSESSMENT_SKELETON.format(year=year).encode()))
    )
    return TemplateResult(written, has_file, folder)


def _units_with_files(
    year: int, data_dir: Path, declared: Declarations, period: Period
) -> dict[str, str]:
    """Return {unit code: file name} of the units that have a filled workbook in the folder of
    the year's period (data/<year>/, data/<year>-<period>/)."""
    files, _ = find_workbooks(data_dir, year, period.code)
    if not files:
        return {}
    sent: dict[str, str] = {}
    for check in check_workbooks(files, declared, year, period).checks:
        if check.unit and not check.blank:
            sent.setdefault(check.unit.code, check.file)
    return sent


def settings_skeleton(period: Period) -> str:
    """Return the bao-cao.toml that `template` writes for a period (its span in the comments)."""
    skeleton = SETTINGS_SKELETON.format(period=period.name, start=period.start, end=period.end)
    if not period.annual:
        skeleton += SPAN_SKELETON.format(start=period.start, end=period.end)
    return skeleton


def workbook_filename(unit: Unit, year: int, period: str = ANNUAL) -> str:
    """Return the blank workbook's file name: "340-dong-hung-2018.xlsx", of a period
    "340-dong-hung-2019-6-thang.xlsx"."""
    slug = "-".join(fold(unit.name).replace(".", "").split())
    return f"{unit.code}-{slug}-{folder_name(year, period)}.xlsx"
