"""Messages of the checks: cells, sheets, completeness, year-over-year, the collection loop."""

# --- the year as a whole ---
DUPLICATE_UNIT = (
    "tệp {other} cũng là của {unit} — mỗi đơn vị chỉ gửi một tệp; hãy bỏ một trong hai tệp."
)
MISSING_UNIT = "Chưa có tệp số liệu của {unit} trong thư mục {folder}."


# --- year-over-year comparison ---
PREVIOUS_SKIPPED = (
    "Không so sánh với năm {year} vì số liệu năm {year} còn {errors} lỗi — chạy "
    '"make check YEAR={year}" để xem.'
)


# Mistakes the check catches (checks/, inputs/sheets.py); docs/kiem-tra.md.
TOTAL_ROW = (
    'dòng {row} là dòng tổng ("{value}") — hãy xóa dòng này: chương trình tự cộng các dòng, '
    "để dòng tổng lại thì số liệu bị tính hai lần."
)
TOTAL_FORMULA = (
    'dòng {row} là dòng tổng (công thức "{value}" cộng các ô trong cột) — hãy xóa dòng này: '
    "chương trình tự cộng các dòng, để dòng tổng lại thì số liệu bị tính hai lần."
)
VALUE_WITHOUT_CODE = (
    'dòng {row} có giá trị "{value}" nhưng không có mã chỉ tiêu ở cột "Mã" — giá trị này không '
    "được tính. Hãy chuyển số vào đúng dòng chỉ tiêu có mã, rồi xóa dòng thêm."
)
EXAMPLE_EDITED = (
    'dòng {row} là dòng ví dụ (ô đầu bắt đầu bằng "Ví dụ:") nhưng đã bị sửa — nếu là số liệu '
    'thật, hãy xóa chữ "Ví dụ:" ở ô {cell}; nếu không, hãy xóa cả dòng.'
)
COPIED_ROWS = (
    "cả {count} dòng của trang giống hệt số liệu năm {before} của đơn vị (tệp {file}) — có "
    "phải số liệu năm trước? Nếu vậy, hãy thay bằng số liệu năm {year}; nếu đúng là số liệu "
    "năm nay, bỏ qua cảnh báo này."
)
MISSING_SHEET_NO_TOOL = (
    "không có trang này trong tệp — hãy đổi tên trang lại cho đúng, hoặc xin Ban chỉ đạo 138 "
    "tỉnh gửi mẫu mới."
)
NEAR_SHEET = (
    'không có trang này trong tệp. Có phải trang "{name}"? Hãy đổi tên trang đó lại thành '
    '"{title}" (đúng như trong mẫu), rồi gửi lại.'
)
MISSING_INFO_NO_TOOL = (
    'không tìm thấy dòng "{label}" ở cột A — hãy dùng mẫu do Ban chỉ đạo 138 tỉnh gửi, '
    "không xóa hay đổi tên các dòng của trang này."
)
MISSING_COLUMNS_NO_TOOL = (
    "thiếu cột {columns} ở dòng tiêu đề — hãy đổi tên cột lại đúng như trong mẫu, hoặc xin "
    "Ban chỉ đạo 138 tỉnh gửi mẫu mới."
)
DATE_FORMATTED_NUMBER = (
    '"{value}": ô đang định dạng ngày — hãy chọn Định dạng ô → Số (Format Cells → Number) '
    "rồi kiểm tra lại số (có lẽ là {number})."
)
DATE_NOT_NUMBER = (
    '"{value}" là ngày tháng, không phải là số — hãy nhập số nguyên ≥ {low}. Nếu đã gõ số mà '
    "ô hiện thành ngày, hãy chọn Định dạng ô → Số (Format Cells → Number)."
)
TIME_FORMATTED_NUMBER = (
    '"{value}": ô đang định dạng giờ hoặc ngày — hãy chọn Định dạng ô → Số (Format Cells → '
    "Number) rồi nhập lại số nguyên."
)


# --- problems from one declared table (checks/rule_table.toml) ---
RULE_NAME_BUILT_IN = (
    '{where}: tên quy tắc "{name}" trùng với mã một quy tắc có sẵn của chương trình '
    "(xem docs/kiem-tra.md) — hãy đặt tên khác."
)


# --- the collection loop: blanks apart from submissions, who has sent what, feedback per
# unit, one round trip (issue 14) ---
BLANK_TEMPLATE = (
    "tệp mẫu chưa điền — chưa có số liệu nào nên không tính là đã nộp. Hãy điền rồi gửi lại, "
    "hoặc chuyển tệp này ra khỏi thư mục số liệu."
)
STATUS_CLEAN = "Đã nộp, không có lỗi"
STATUS_ERRORS = "Đã nộp, còn lỗi"
NOTE_BLANK = "Chỉ có tệp mẫu chưa điền: {files}."
STATE_CLEAN = "Đã nộp, không có lỗi: {count} đơn vị."
STATE_ERRORS = "Đã nộp, còn lỗi: {count} đơn vị."
STATE_MISSING = "Chưa nộp: {count} đơn vị."
MORE_SIMILAR = "… và {count} {kind} tương tự (xem đủ trong bảng kiểm tra)"
MISSING_BLOCK = "Chưa nộp ({count} đơn vị):"
CHECK_TABLE_AT = "Bảng kiểm tra: {path}; tệp gửi từng đơn vị: {feedback}"
SETTINGS_BUILD_ONLY = " (Chỉ cần khi lập báo cáo; việc kiểm tra số liệu vẫn làm đủ.)"
TEMPLATE_INTO_DATA = (
    "Không ghi mẫu trống vào {out}: thư mục năm của số liệu ({data}) chỉ chứa tệp các đơn vị "
    "gửi về, mẫu trống để ở đó sẽ bị đọc như tệp nộp. Hãy bỏ --out-dir (mặc định "
    "mau-trong/{year}) hoặc chọn thư mục khác."
)
TEMPLATE_UNIT_HAS_FILE = "Không tạo mẫu cho {unit}: đã có tệp {file} trong {folder}."
TEMPLATE_SETTINGS = "Tệp thông tin bài báo cáo: {path}"
FEEDBACK_TITLE = "Kết quả kiểm tra tệp số liệu {period} của {unit}"  # period: "năm 2026"
FEEDBACK_INTRO = (
    "Hãy sửa các ô dưới đây trong tệp của đơn vị rồi gửi lại cho {committee}. "
    "Lỗi phải sửa; cảnh báo thì xem lại, đúng rồi thì giữ nguyên."
)
FEEDBACK_SHEET = "Cần sửa"
FEEDBACK_HEADERS = ("Mức", "Tệp", "Trang", "Ô", "Giá trị", "Cần sửa", "Quy tắc", "Mã quy tắc")
MISSING_LIST_HEAD = "Các đơn vị chưa nộp tệp số liệu {period}: {count} đơn vị."
MISSING_LIST_BLANK = " (chỉ có tệp mẫu chưa điền: {files})"
RULE_CATALOG = "Số liệu không khớp nhau"  # a cross-field rule of catalog.toml [[rules]]
