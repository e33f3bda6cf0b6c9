"""Messages of the outputs: check report, preview, run log, output set, export."""

# --- the check report (kiem-tra-<năm>.xlsx and .html) ---
SHEET_PROBLEMS = "Vấn đề"
SHEET_COMPLETENESS = "Tình trạng nộp"
PROBLEM_HEADERS = (
    "Mức", "Đơn vị", "Tệp", "Trang", "Ô", "Giá trị", "Quy tắc", "Nội dung", "Mã quy tắc"
)  # fmt: skip
COMPLETENESS_HEADERS = (
    "Mã",
    "Đơn vị",
    "Tình trạng",
    "Tệp",
    "Người lập",
    "Ngày lập",
    "Số lỗi",
    "Số cảnh báo",
    "Ghi chú",
)
GENERAL_UNIT = "Chung"
STATUS_MISSING = "Chưa nộp"
STATUS_DUPLICATE = "Nộp trùng"
STATUS_UNKNOWN = "Không nhận ra đơn vị"
STATUS_UNREADABLE = "Không đọc được tệp"
NOTE_DUPLICATE = "Có nhiều tệp: {files} — hãy giữ lại một tệp."


# --- live preview (reportgen preview) ---
PREVIEW_SERVING = (
    "Đang xem trước tại {url} — mở địa chỉ này trong trình duyệt; nhấn Ctrl+C để dừng."
)
PREVIEW_STOPPED = "Đã dừng xem trước."
PREVIEW_PORT = "Không mở được cổng {port} ({error}) — hãy chọn cổng khác, ví dụ: --port 8080."


# --- run log (out/<year>/nhat-ky.log): one line per run, fields separated by tabs ---
RUN_LOG_LINE = (
    "{time}\t{command}\tnăm {year}\tvào: {inputs}\tra: {outputs}\t{errors} lỗi, {warnings} cảnh báo"
)
RUN_LOG_COMMANDS = {"build": "lập báo cáo", "check": "kiểm tra", "export": "xuất số liệu"}
RUN_LOG_NONE = "không có"
RUN_LOG_TEMPLATES = "mẫu {folder}"
RUN_LOG_FAILED = "Cảnh báo: không ghi được nhật ký {path}: {error}"


# --- outputs replaced as one set (reportgen/outputs/write.py): one run at a time per out folder ---
OUTPUT_WAITING = "Một lần chạy khác đang ghi vào {folder} — đang chờ nó xong…"
OUTPUT_HOLDS = (
    "Không ghi vào {folder} được: thư mục này chứa {inner}, mà mỗi lần chạy thay cả thư mục "
    "ghi — hãy chọn một thư mục riêng cho báo cáo (mặc định out/<năm>)."
)
OUTPUT_BUSY = (
    "Một lần lập báo cáo hoặc kiểm tra khác đang ghi vào {folder} — hãy chờ nó xong rồi chạy lại."
)


# --- the checked facts for analysts: reportgen export, reportgen.facts() (export.py) ---
# The columns of the long table, in order; docs/phan-tich.md documents each.
EXPORT_COLUMNS = (
    "năm",
    "kỳ",
    "mã đơn vị",
    "đơn vị",
    "bảng",
    "nhóm",
    "chỉ tiêu",
    "tên chỉ tiêu",
    "giá trị",
    "tệp",
    "trang",
    "ô",
    "dòng",
)
EXPORT_LEGEND_COLUMNS = ("chỉ tiêu", "tên chỉ tiêu", "đơn vị tính", "mục")
EXPORT_SHEET_LONG = "Số liệu"
EXPORT_SHEET_WIDE = "Theo đơn vị"
EXPORT_SHEET_LEGEND = "Chỉ tiêu"
EXPORT_TOTAL = "Tổng cộng"
EXPORT_ROWS_LABEL = 'Số dòng của trang "{sheet}"'
EXPORT_BAD_PERIOD = 'Chưa xuất được số liệu của kỳ "{period}"; hiện chỉ có: {periods}.'
EXPORT_NOTHING_WRITTEN = "Chưa xuất số liệu vì còn {errors} lỗi. Hãy sửa các lỗi trên rồi chạy lại."
EXPORT_YEAR_HEADER = "Năm {year}:"
EXPORT_NO_YEAR = "Hãy ghi năm cần xuất, ví dụ --year 2018 hoặc --years 2017-2019."


# --- the output set (outputs/output_set.py) ---
# What a converter could not make from a template's HTML (TEMPLATE_HTML_UNUSABLE's {kind}).
KIND_DOCX = "Word (.docx)"
KIND_FRAGMENT = "thân bài cho cổng thông tin (fragment)"
