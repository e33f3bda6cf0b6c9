"""Words of the blank workbook a unit clerk fills (blank_workbook.py)."""

# --- Issue 14, points 4-5: the blank that checks itself, and the mistakes still missed ---
CONFIG_EXAMPLE = '{where}: "example" phải là chữ hoặc số nguyên, ví dụ example = "Lớp tập huấn".'
# The blank workbook (blank_workbook.py). Excel caps a title at 32 characters, a text at 255.
EXAMPLE_PREFIX = "Ví dụ: "
GUIDE_EXAMPLE_ROW = (
    'Dòng màu xám bắt đầu bằng "Ví dụ:" trên các trang Hoạt động, Ấn phẩm, Vụ án chỉ để minh '
    "họa, không được tính: để nguyên hoặc xóa. Muốn dùng dòng đó cho số liệu thật thì ghi đè "
    'cả dòng (ô đầu không còn chữ "Ví dụ:").'
)
PRINT_HEADER = "{unit} — báo cáo {period}"  # period: "năm 2026", "6 tháng đầu năm 2026"
PRINT_FOOTER = "Trang &P/&N"
SIGNATURE_PREPARER = "Người lập biểu\n(ký, ghi rõ họ tên)"
SIGNATURE_HEAD = "Thủ trưởng đơn vị\n(ký, ghi rõ họ tên, đóng dấu)"
DV_WHOLE_TITLE = "Số không hợp lệ"
DV_WHOLE_ERROR = "Hãy nhập số nguyên từ {low} đến {high}, chỉ gõ chữ số (ví dụ 1200)."
DV_INDICATOR_ERROR = (
    "Hãy nhập số nguyên từ {low} đến {high}, chỉ gõ chữ số (ví dụ 1200). Không có thì nhập 0."
)
DV_WHOLE_PROMPT_TITLE = "Nhập số nguyên"
DV_WHOLE_PROMPT = "{what}: số nguyên từ {low} đến {high}."
DV_INDICATOR_PROMPT = "Số nguyên từ {low} đến {high}. Không có thì nhập 0."
DV_LIST_TITLE = "Không có trong danh sách"
DV_LIST_ERROR = "Hãy chọn một mục trong danh sách (bấm mũi tên bên phải ô): {choices}."
DV_LIST_ERROR_SHORT = "Hãy chọn một mục trong danh sách (bấm mũi tên bên phải ô)."
DV_LIST_PROMPT_TITLE = "Chọn trong danh sách"
DV_LIST_PROMPT = "{what}: bấm mũi tên bên phải ô để chọn."
DV_COMMUNE_ERROR = (
    "Hãy chọn một xã/phường/thị trấn của đơn vị trong danh sách (bấm mũi tên bên phải ô), "
    "hoặc để trống ô này."
)
DV_COMMUNE_PROMPT = (
    "{what}: chọn trong danh sách xã/phường/thị trấn của đơn vị; chung cho cả đơn vị thì để trống."
)
# --- The "Hướng dẫn" sheet and the line above each row sheet's header, from the catalog ---
# The guide: its head, one item per row sheet of the year (the catalog's doc, its choice
# columns, its optional columns, its note), then its tail. {unit} and {period} are the unit's
# name and "năm 2026" / "6 tháng đầu năm 2026".
GUIDE_HEAD = (
    "Mẫu báo cáo số liệu phòng, chống mua bán người — {unit}, {period}.",
    "",
    '1. Trang "Thông tin": kiểm tra tên đơn vị và năm; ghi người lập và ngày lập.',
    '2. Trang "Chỉ tiêu": nhập số nguyên (≥ 0) vào cột "Giá trị" (ô màu vàng). '
    'Không có thì nhập 0. Không sửa cột "Mã".',
)
GUIDE_SHEET = '{number}. Trang "{sheet}":'  # then the sheet's doc, when the catalog has one
GUIDE_ITEM = "    – {text}"  # a line under a sheet's item
# {empty}: "" for a required column, else GUIDE_MAY_BE_EMPTY
GUIDE_CHOICE = 'Cột "{header}": chọn trong danh sách (bấm mũi tên bên phải ô): {choices}{empty}.'
GUIDE_COMMUNE = 'Cột "{header}": chọn trong danh sách xã/phường/thị trấn của đơn vị{empty}.'
GUIDE_MAY_BE_EMPTY = "; không bắt buộc, có thể để trống"
OPTIONAL_COLUMN = "Cột {columns}: không bắt buộc, có thể để trống."
OPTIONAL_COLUMNS = "Các cột {columns}: không bắt buộc, có thể để trống."
GUIDE_TAIL = (
    "",
    "Chỉ nhập vào các ô màu vàng và các dòng của trang Hoạt động, Ấn phẩm, Vụ án; "
    "các ô khác được khóa để không bị sửa nhầm.",
    "Gõ chữ có dấu bằng bảng mã Unicode (Unikey: bảng mã Unicode), không dùng phông "
    ".VnTime hay VNI-Times.",
    # Not deleted either: the example row's "Ví dụ:" is in the first column, an optional one.
    "Không đổi tên, không xóa các trang và các cột (cột không bắt buộc thì để trống). "
    "Gửi lại tệp .xlsx cho Ban chỉ đạo 138 tỉnh.",
    GUIDE_EXAMPLE_ROW,
    "In trang Chỉ tiêu (và các trang có số liệu), ký, đóng dấu rồi gửi kèm bản giấy.",
)
