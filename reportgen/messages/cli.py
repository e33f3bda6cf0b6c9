"""Words of the command line: counts, usage, click's own words in Vietnamese."""

# --- command line ---
# "3 lỗi, không có cảnh báo trong 8 tệp." — a count of 0 is said in words (problems.summary)
SUMMARY = "{errors}, {warnings} trong {files} tệp."
ERRORS = "{count} lỗi"
NO_ERRORS = "không có lỗi"
WARNINGS = "{count} cảnh báo"
NO_WARNINGS = "không có cảnh báo"
UNIT_HEADER = "{unit}:"
GENERAL_HEADER = "Chung:"
NOTHING_WRITTEN = "Chưa ghi báo cáo vì còn {errors} lỗi. Hãy sửa các lỗi trên rồi chạy lại."
MISSING_HINT = 'Để vẫn lập báo cáo khi thiếu đơn vị, chạy lại với "--allow-missing".'
WROTE = "Đã ghi: {path}"
PROGRESS_LABEL = "Đang đọc và kiểm tra"
SKIPPED_EXISTING = "Đã có, không ghi đè: {path}"
NO_UNITS = "Không có đơn vị nào phải báo cáo năm {year} (xem data/units.toml)."
RENDER_FAILED = "Không tạo được tệp PDF: {error}"
REFUSED_URL = (
    "Cảnh báo: mẫu báo cáo dẫn tới {url} — không tải, vì chỉ được dùng tệp trong thư mục "
    "assets của mẫu (hoặc URL data:); phần đó bị bỏ trống trong tệp PDF."
)
UNEXPECTED = (
    "Lỗi không lường trước: {error}. Chạy lại với -v để xem chi tiết và báo cho người quản trị."
)
WRITE_FAILED = "Không ghi được tệp {path}: {error}"
# What the operating system said, by errno name; others are shown as the system words them.
OS_ERRORS = {
    "ENOSPC": "ổ đĩa đã đầy — hãy xóa bớt tệp rồi chạy lại",
    "EACCES": "không có quyền ghi vào đó — hãy đóng tệp nếu đang mở, hoặc chọn thư mục khác",
    "EPERM": "không có quyền ghi vào đó — hãy đóng tệp nếu đang mở, hoặc chọn thư mục khác",
    "EROFS": "ổ đĩa chỉ cho phép đọc — hãy chọn thư mục khác",
    "ENOTDIR": "một phần của đường dẫn là tệp, không phải thư mục",
    "EISDIR": "đã có một thư mục cùng tên",
    "ENOENT": "không có thư mục đó",
    "ENAMETOOLONG": "tên tệp quá dài",
    "EADDRINUSE": "cổng đang được chương trình khác dùng",
}


# --- command-line usage (click's own words, in Vietnamese) ---
USAGE_PREFIX = "Cách dùng: "
REQUIRED = "[bắt buộc]"
HELP_OPTION = "Hiện hướng dẫn này rồi thoát."
ABORTED = "Đã dừng."
SEE_HELP = 'Xem hướng dẫn: "{command} --help".'
NO_SUCH_OPTION = "Không có tùy chọn {option}."
DID_YOU_MEAN_OPTION = "Có phải {options}?"
MISSING_OPTION = "Thiếu tùy chọn {option}."
BAD_INTEGER = "Giá trị của {option} phải là một số nguyên, ví dụ 2018."
BAD_PATH = "Giá trị của {option} phải là một thư mục có thật."
BAD_VALUE = "Giá trị của {option} không hợp lệ."
NO_SUCH_COMMAND = 'Không có lệnh "{command}". Các lệnh: build, check, export, preview, template.'
BAD_USAGE = "Lệnh gõ chưa đúng."


# --- the command line's help: click's own words (cli/vietnamese.py) ---
OPTIONS_METAVAR = "[TÙY CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH ..."
HELP_HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh"}
