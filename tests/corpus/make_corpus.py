"""Write the corpus of bad (and a few good) workbooks that tests/test_corpus.py checks.

Regenerate with .venv/bin/python -m tests.corpus.make_corpus [NAME...] (after
pip install -e '.[dev,corpus]'); names given, only those files are written.
Needs LibreOffice (soffice; Debian package libreoffice-calc) for the files it saves: .xls,
.ods and re-saved .xlsx, as staff using LibreOffice send them. The produced files are
committed, so the tests need neither LibreOffice nor msoffcrypto-tool.

Each case starts from Tiền Hải's 2018 sample workbook (data/2018/342-tien-hai-2018.xlsx) and
changes it the way a clerk would. Its layout, used by the cases below:
  "Thông tin":  B2 unit name, B3 unit code, B4 year, B5 preparer, B6 date.
  "Chỉ tiêu":   A = code, D = value; D3 pbgdpl_luot (10), D4 pbgdpl_tong (14),
                D6 nguoi_nuoc_ngoai_tam_tru (136), D14 nan_nhan_tiep_nhan (0),
                D16 nan_nhan_ho_tro (0).
  "Hoạt động":  row 2: Lớp chuyên đề | topic | phụ nữ | 1 | 100 | Tây Giang.
  "Ấn phẩm":    rows 2-3: Bản tin sinh hoạt hội viên | cuốn | 300; Hãy phòng ngừa… | tờ gấp | 2000.
"""

import datetime as dt
import io
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

from reportgen.blank_forms import workbook_filename
from reportgen.blank_workbook import blank_workbook
from reportgen.declared.catalog import load_catalog
from reportgen.declared.units import load_registry
from reportgen.inputs.legacy_encoding import TCVN3, VNI, from_unicode

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "data/2018/342-tien-hai-2018.xlsx"
OUT = Path(__file__).resolve().parent / "files"

INFO, INDICATORS, ACTIVITIES, PUBLICATIONS = "Thông tin", "Chỉ tiêu", "Hoạt động", "Ấn phẩm"


def _book():
    return load_workbook(BASE)


def _save(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def cells(sheet: str, changes: dict[str, object]) -> Callable[[], bytes]:
    """Return a builder that types values into cells of one sheet."""

    def build() -> bytes:
        wb = _book()
        for ref, value in changes.items():
            wb[sheet][ref] = value
        return _save(wb)

    return build


def edited(change: Callable) -> Callable[[], bytes]:
    """Return a builder that applies any change to the openpyxl workbook."""

    def build() -> bytes:
        wb = _book()
        change(wb)
        return _save(wb)

    return build


def libreoffice(builder: Callable[[], bytes], fmt: str) -> Callable[[], bytes]:
    """Return a builder whose workbook is opened and saved by LibreOffice in another format."""

    def build() -> bytes:
        return convert(builder(), fmt)

    return build


def convert(content: bytes, fmt: str) -> bytes:
    """Open an .xlsx with LibreOffice headless and save it as fmt (xlsx, xls, ods)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install -y --no-install-recommends libreoffice-calc")
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        src = Path(tmp) / "in" / "book.xlsx"
        src.parent.mkdir()
        src.write_bytes(content)
        out = Path(tmp) / "out"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(out),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (out / f"book.{fmt}").read_bytes()


def _merge_publication_quantities(wb) -> None:
    wb[PUBLICATIONS].merge_cells("C2:C3")


def _merge_activity_types(wb) -> None:
    ws = wb[ACTIVITIES]
    ws.append([None, "phòng chống mua bán người", "hội viên phụ nữ", 1, 60, "Nam Hà"])
    ws.merge_cells("A2:A3")


def _two_sheets_named_alike(wb) -> None:
    copy = wb.copy_worksheet(wb[INDICATORS])
    copy.title = "chi tieu"


def _no_publications_sheet(wb) -> None:
    del wb[PUBLICATIONS]


def _row_of_formulas(wb) -> None:
    wb[PUBLICATIONS].append(['="Tờ rơi phòng chống mua bán người"', '="tờ"', "=500*2"])


def _untidy_but_clear(wb) -> None:
    """Title rows above the header, blank rows, extra columns and sheets, header typos."""
    ws = wb[PUBLICATIONS]
    ws.insert_rows(1, 2)
    ws["A1"] = "ẤN PHẨM TUYÊN TRUYỀN NĂM 2018"
    ws.merge_cells("A1:C1")
    ws["A3"], ws["B3"], ws["C3"] = "TEN AN PHAM", "đơn vị  tính", "So luong:"
    ws["D3"] = "Ghi chú"
    ws["D4"] = "phát tại hội nghị"
    ws.insert_rows(5)  # a blank row between the two publications
    wb.create_sheet("Ghi chú của đơn vị")["A1"] = "Số liệu đã được lãnh đạo duyệt."
    wb[ACTIVITIES]["G1"] = "Ghi chú"


def _row_without_code(wb) -> None:
    """A row inserted in "Chỉ tiêu" above D6, with a label and a figure but no code."""
    ws = wb[INDICATORS]
    ws.insert_rows(6)
    ws["B6"], ws["C6"], ws["D6"] = "Người nước ngoài cư trú không khai báo", "người", 7


def _sheet_renamed(wb) -> None:
    wb[PUBLICATIONS].title = "Ấn phẩm 2026"


def _sheets_without_diacritics(wb) -> None:
    wb[INDICATORS].title = "Chi tieu"
    wb[ACTIVITIES].title = "Hoat dong "


def _number_as_date(wb) -> None:
    """28 typed into a cell formatted as a date: Excel shows 28/01/1900."""
    cell = wb[INDICATORS]["D6"]
    cell.value, cell.number_format = 28, "DD/MM/YYYY"


def _encrypted() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile  # optional extra "corpus"

    source = io.BytesIO(BASE.read_bytes())
    target = io.BytesIO()
    OOXMLFile(source).encrypt("matkhau", target)
    return target.getvalue()


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("ghi-chu.txt", "không phải bảng tính")
    return buffer.getvalue()


def _unfilled_template() -> bytes:
    catalog, registry = load_catalog(ROOT / "data"), load_registry(ROOT / "data")
    unit = next(u for u in registry.units_for(2018) if u.code == "342")
    assert workbook_filename(unit, 2018) == BASE.name
    return blank_workbook(unit, 2018, catalog, registry.communes_for(2018))


def _filled_template_with_formulas() -> bytes:
    """A template filled in, with formulas where a clerk adds figures up; LibreOffice saves it."""
    wb = load_workbook(io.BytesIO(_unfilled_template()))
    values = {
        "pbgdpl_luot": "=4+6",
        "pbgdpl_tong": "=SUM(7,7)",
        "nguoi_nuoc_ngoai_tam_tru": 136,
        "kiem_tra_co_so_kinh_doanh": 79,
        "phu_nu_lay_chong_nn_tham_than": 12,
        "xuat_canh_trai_phep": 1,
        "nhap_canh_trai_phep": 8,
        "con_lai": 27,
    }
    for row in wb[INDICATORS].iter_rows(min_row=2):
        if row[0].value:
            row[3].value = values.get(row[0].value, 0)
    info = wb[INFO]
    info["B5"], info["B6"] = "Bùi Văn Nam", dt.datetime(2018, 11, 26)
    wb[ACTIVITIES].append(["Lớp chuyên đề", "phòng, chống mua bán người", "phụ nữ", 1, 100, None])
    wb[PUBLICATIONS].append(["Bản tin sinh hoạt hội viên", "cuốn", 300])
    return convert(_save(wb), "xlsx")


TOPIC = "phòng, chống mua bán người"

# file name -> builder. The names say what is wrong, in Vietnamese without diacritics.
CASES: dict[str, Callable[[], bytes]] = {
    # --- one number, typed wrong ---
    "01-chu-thay-so.xlsx": cells(INDICATORS, {"D6": "ba mươi"}),
    "02-so-thap-phan-dang-chu.xlsx": cells(INDICATORS, {"D6": "12,5"}),
    "03-so-thap-phan.xlsx": cells(INDICATORS, {"D6": 2.5}),
    "04-so-am.xlsx": cells(INDICATORS, {"D6": -3}),
    "05-so-am-dang-chu.xlsx": cells(INDICATORS, {"D6": "-3"}),
    "06-o-so-trong.xlsx": cells(INDICATORS, {"D6": None}),
    "07-so-dang-chu-dau-cham.xlsx": cells(INDICATORS, {"D6": "1.519"}),
    "08-so-dang-chu-dau-cach.xlsx": cells(INDICATORS, {"D6": "19 500"}),
    "09-so-dang-chu-khoang-trang.xlsx": cells(INDICATORS, {"D6": " 12 "}),
    "10-dau-phay-ngan-nghin.xlsx": cells(INDICATORS, {"D6": "1,519"}),
    "11-vuot-muc-toi-da.xlsx": cells(INDICATORS, {"D6": 2_000_000}),
    "12-ngay-thay-so.xlsx": cells(INDICATORS, {"D6": dt.datetime(2018, 5, 1)}),
    "13-dung-sai-thay-so.xlsx": cells(INDICATORS, {"D6": True}),
    "14-cong-thuc-chua-tinh.xlsx": cells(INDICATORS, {"D6": "=100+36"}),
    "15-cong-thuc-loi-libreoffice.xlsx": libreoffice(cells(INDICATORS, {"D6": "=1/0"}), "xlsx"),
    "16-dong-cong-thuc-chua-tinh.xlsx": edited(_row_of_formulas),
    # --- the unit and the year ---
    "17-ten-don-vi-sai.xlsx": cells(INFO, {"B2": "Tiền Hảii", "B3": None}),
    "18-ten-ma-don-vi-khac-nhau.xlsx": cells(INFO, {"B3": "336"}),
    "19-don-vi-trong.xlsx": cells(INFO, {"B2": None, "B3": None}),
    "20-nam-khac.xlsx": cells(INFO, {"B4": 2017}),
    "21-nam-trong.xlsx": cells(INFO, {"B4": None}),
    # --- the shape of the workbook ---
    "22-thieu-trang.xlsx": edited(_no_publications_sheet),
    "23-thieu-cot.xlsx": cells(ACTIVITIES, {"D1": "Số buổi"}),
    "24-cot-trung-ten.xlsx": cells(PUBLICATIONS, {"D1": "Số lượng"}),
    "25-trang-trung-ten.xlsx": edited(_two_sheets_named_alike),
    "26-ma-chi-tieu-la.xlsx": cells(INDICATORS, {"A2": "vu_an_moi", "D2": 5}),
    "27-chi-tieu-hai-dong.xlsx": cells(INDICATORS, {"A7": "nguoi_nuoc_ngoai_tam_tru"}),
    "28-thieu-dong-nam.xlsx": cells(INFO, {"A4": "Năm"}),
    "29-gop-o-so.xlsx": edited(_merge_publication_quantities),
    # --- row sheets ---
    "30-loai-hoat-dong-la.xlsx": cells(ACTIVITIES, {"A2": "Lớp tập huấn kỹ năng"}),
    "31-so-buoi-bang-0.xlsx": cells(ACTIVITIES, {"D2": 0}),
    "32-o-chu-bat-buoc-trong.xlsx": cells(ACTIVITIES, {"C2": None}),
    "33-xa-cua-don-vi-khac.xlsx": cells(ACTIVITIES, {"F2": "Phú Xuân"}),
    # --- legacy encodings ---
    "34-tcvn3-ten-don-vi.xlsx": cells(INFO, {"B2": from_unicode("Huyện Tiền Hải", TCVN3)}),
    "35-tcvn3-chu-hoa.xlsx": cells(ACTIVITIES, {"C2": from_unicode("PHỤ NỮ", TCVN3)}),
    "36-vni-noi-dung.xlsx": cells(ACTIVITIES, {"B2": from_unicode(TOPIC, VNI)}),
    "37-vni-ten-xa.xlsx": cells(ACTIVITIES, {"F2": from_unicode("Tây Giang", VNI)}),
    # --- cross-field rules ---
    "38-luot-lon-hon-tong.xlsx": cells(INDICATORS, {"D3": 20}),
    "39-nguoi-it-hon-buoi.xlsx": cells(ACTIVITIES, {"D2": 5, "E2": 3}),
    "40-ho-tro-nhieu-hon-tiep-nhan.xlsx": cells(INDICATORS, {"D16": 2}),
    # --- files that cannot be read ---
    "41-tep-rac.xlsx": lambda: random.Random(41).randbytes(4096),
    "42-tep-rong.xlsx": lambda: b"",
    "43-zip-khong-phai-bang-tinh.xlsx": _zip_without_workbook,
    "44-co-mat-khau.xlsx": _encrypted,
    "45-xls-hong.xls": lambda: random.Random(45).randbytes(4096),
    # --- other formats, saved by LibreOffice ---
    "46-xls-chu-thay-so.xls": libreoffice(cells(INDICATORS, {"D6": "ba mươi"}), "xls"),
    "47-ods-so-am.ods": libreoffice(cells(INDICATORS, {"D6": -3}), "ods"),
    "48-ods-tcvn3.ods": libreoffice(cells(ACTIVITIES, {"B2": from_unicode(TOPIC, TCVN3)}), "ods"),
    "49-xls-thieu-cot.xls": libreoffice(cells(ACTIVITIES, {"D1": "Số buổi"}), "xls"),
    "50-libreoffice-so-dang-chu.xlsx": libreoffice(cells(INDICATORS, {"D6": "1.519"}), "xlsx"),
    "51-xls-gop-o-so.xls": libreoffice(edited(_merge_publication_quantities), "xls"),
    "54-ods-gop-o-so.ods": libreoffice(edited(_merge_publication_quantities), "ods"),
    "55-ods-cong-thuc-loi.ods": libreoffice(cells(INDICATORS, {"D6": "=1/0"}), "ods"),
    # --- mistakes that used to get through (issue 14) ---
    "56-dong-tong-cong-libreoffice.xlsx": libreoffice(
        cells(PUBLICATIONS, {"A4": "Tổng cộng", "B4": "tờ gấp", "C4": "=C2+C3"}), "xlsx"
    ),
    "57-dong-cong-hoat-dong.xlsx": cells(
        ACTIVITIES, {"A3": "Cộng", "D3": "=SUM(D2:D2)", "E3": "=SUM(E2:E2)"}
    ),
    "58-dong-tong-chi-cong-thuc.xlsx": libreoffice(
        cells(PUBLICATIONS, {"C4": "=SUM(C2:C3)"}), "xlsx"
    ),
    "59-chi-tieu-khong-ma.xlsx": edited(_row_without_code),
    "60-ten-trang-gan-dung.xlsx": edited(_sheet_renamed),
    "61-so-dinh-dang-ngay.xlsx": edited(_number_as_date),
    "62-ten-don-vi-chi-co-ten-rieng.xlsx": cells(INFO, {"B2": "BCĐ 138 Tiền Hải", "B3": None}),
    "63-dong-vi-du-bi-sua.xlsx": cells(
        ACTIVITIES,
        {"A3": "Ví dụ: Lớp tập huấn", "B3": TOPIC, "C3": "Hội viên phụ nữ", "D3": 2, "E3": 120},
    ),
    # --- a blank workbook from `reportgen template`, sent back unfilled ---
    "52-mau-chua-dien.xlsx": _unfilled_template,
    # --- files put beside Tiền Hải's own workbook, not instead of it ---
    "53-ban-sao-cung-don-vi.xlsx": lambda: BASE.read_bytes(),
    "~$342-tien-hai-2018.xlsx": lambda: b"\x0bBui Van Nam" + b"\x00" * 149,
    ".342-tien-hai-2018.xlsx": lambda: BASE.read_bytes(),
    "ghi-chu.docx": lambda: BASE.read_bytes(),
    # --- good files: tolerated as they are ---
    "tot-gop-o-chu.xlsx": edited(_merge_activity_types),
    "tot-bo-cuc-lech.xlsx": edited(_untidy_but_clear),
    "tot-cong-thuc-libreoffice.xlsx": _filled_template_with_formulas,
    "tot-xls.xls": libreoffice(lambda: BASE.read_bytes(), "xls"),
    "tot-ods.ods": libreoffice(lambda: BASE.read_bytes(), "ods"),
    "tot-ten-don-vi-bcd-138.xlsx": cells(INFO, {"B2": "BCĐ 138 huyện Tiền Hải"}),
    "tot-ubnd-khong-ma.xlsx": cells(INFO, {"B2": "UBND huyện Tiền Hải", "B3": None}),
    "tot-ten-trang-khong-dau.xlsx": edited(_sheets_without_diacritics),
    "tot-dong-vi-du.xlsx": cells(
        ACTIVITIES,
        {
            "A3": "Ví dụ: Lớp tập huấn",
            "B3": "Kỹ năng nhận diện thủ đoạn mua bán người",
            "C3": "Hội viên phụ nữ",
            "D3": 2,
            "E3": 120,
        },
    ),
}


def main(only: list[str]) -> None:
    """Write every case (or only the named ones), removing files no case makes any more."""
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        if old.name not in CASES:
            old.unlink()
    for name, build in CASES.items():
        if only and name not in only:
            continue
        (OUT / name).write_bytes(build())
        print(OUT / name)


if __name__ == "__main__":
    main(sys.argv[1:])
