"""Every message a user reads, in Vietnamese, in one place to be reviewed together.

Placeholders in braces are filled by str.format. Messages about a cell start in
lower case: they follow "tệp, trang "…", ô C7: ".
"""

# --- declarative files (read by the IT person) ---
CONFIG_MISSING = "Không tìm thấy tệp cấu hình {path}."
CONFIG_SYNTAX = "Tệp {path} viết sai cú pháp TOML: {error}"
CONFIG_FIELD = '{where}: thiếu hoặc sai kiểu trường "{key}".'
CONFIG_COLUMN_TYPE = (
    '{where}: kiểu cột "{type}" không hợp lệ (chỉ dùng text, integer, choice, commune).'
)
CONFIG_CHOICES = '{where}: danh sách lựa chọn "{name}" không được khai báo.'
CONFIG_DUPLICATE = '{path}: mã chỉ tiêu "{code}" bị khai báo hai lần.'
CONFIG_CODE = '{path}: mã chỉ tiêu "{code}" chỉ được gồm chữ không dấu, số và dấu gạch dưới.'

# --- files in the year's folder ---
IGNORED_FILE = "Bỏ qua tệp không phải bảng tính: {file}"
NOT_A_WORKBOOK = (
    "tệp không phải là bảng tính Excel hoặc đã bị hỏng — hãy mở bằng Excel hoặc "
    "LibreOffice và lưu lại dưới dạng .xlsx."
)
UNREADABLE_WORKBOOK = (
    "không đọc được tệp (tệp hỏng, có mật khẩu hoặc không phải bảng tính) — hãy mở bằng "
    "Excel hoặc LibreOffice, bỏ mật khẩu nếu có, rồi lưu lại dưới dạng .xlsx."
)
NO_FOLDER = "Không có thư mục {folder} — hãy tạo thư mục này và chép các tệp số liệu vào đó."
SETTINGS_MISSING = (
    'không có tệp này — chạy "make template YEAR={year}" để tạo, rồi điền ngày đăng và tên tác giả.'
)
SETTINGS_SYNTAX = "tệp viết sai cú pháp: {error}"
SETTINGS_ENCODING = (
    "tệp không được lưu bằng bảng mã UTF-8 — hãy mở bằng Notepad, chọn Lưu thành (Save As) "
    "với Encoding là UTF-8 rồi lưu lại."
)
SETTINGS_DATE = (
    "chưa có ngày đăng hợp lệ — hãy ghi một dòng như: date = 2018-12-02 "
    "(năm-tháng-ngày, không có dấu ngoặc kép)."
)
SETTINGS_AUTHOR = 'tên tác giả phải đặt trong dấu ngoặc kép, ví dụ: author = "Phương Thảo".'

# --- inside a workbook ---
MISSING_SHEET = 'không có trang này trong tệp — hãy dùng mẫu do "make template" tạo ra.'
MISSING_INFO = 'không tìm thấy dòng "{label}" ở cột A — hãy dùng mẫu do "make template" tạo ra.'
MISSING_COLUMNS = 'thiếu cột {columns} ở dòng tiêu đề — hãy dùng mẫu do "make template" tạo ra.'
UNIT_BLANK = "chưa nhập tên đơn vị báo cáo."
UNIT_UNKNOWN = '"{value}" không phải là đơn vị báo cáo của năm {year}.'
DID_YOU_MEAN = ' Có phải "{name}"?'
UNIT_MISMATCH = (
    "tên đơn vị không khớp với mã đơn vị {code} ({unit}) — hãy sửa tên hoặc mã cho đúng."
)
YEAR_BLANK = "chưa nhập năm báo cáo — hãy nhập {year}."
YEAR_MISMATCH = (
    'năm báo cáo "{value}" không khớp với thư mục {year} — hãy nhập {year} hoặc chuyển '
    "tệp sang đúng thư mục."
)
UNKNOWN_CODE = 'mã chỉ tiêu "{value}" không có trong danh mục; dòng này bị bỏ qua.'
DUPLICATE_CODE = "chỉ tiêu {code} đã có ở ô {cell} — hãy xóa một trong hai dòng."
MISSING_INDICATOR = 'thiếu dòng chỉ tiêu {code} ("{label}") — hãy dùng mẫu mới nhất.'
BLANK_NUMBER = "chưa nhập — hãy nhập số (không có thì nhập 0)."
BLANK_TEXT = "chưa nhập — ô này bắt buộc."
NOT_A_NUMBER = '"{value}" không phải là số — hãy nhập số nguyên ≥ {low}.'
NOT_WHOLE = '"{value}" không phải là số nguyên — hãy nhập số nguyên ≥ {low}.'
NEGATIVE = '"{value}" là số âm — hãy nhập số nguyên ≥ {low}.'
NUMBER_AS_TEXT = '"{value}" được nhập dưới dạng chữ, đã đọc là {number} — nên nhập lại dạng số.'
BELOW_MIN = '"{value}" nhỏ hơn {low} — hãy nhập số nguyên ≥ {low}.'
ABOVE_MAX = '"{value}" lớn hơn mức tối đa {high} của chỉ tiêu này — hãy kiểm tra lại.'
UNKNOWN_CHOICE = '"{value}" không có trong danh sách — hãy chọn một trong: {allowed}.'
UNKNOWN_COMMUNE = (
    '"{value}" không có trong danh mục xã, phường, thị trấn của {unit} — hãy kiểm tra lại tên.'
)

# --- the year as a whole ---
DUPLICATE_UNIT = (
    "tệp {other} cũng là của {unit} — mỗi đơn vị chỉ gửi một tệp; hãy bỏ một trong hai tệp."
)
MISSING_UNIT = "Chưa có tệp số liệu của {unit} trong thư mục {folder}."

# --- templates ---
TEMPLATE_NOT_FOUND = 'Không tìm thấy mẫu "{name}" (thư mục mẫu: {dirs}).'
TEMPLATE_SYNTAX = 'Mẫu "{name}", dòng {line}: viết sai cú pháp — {error}'
TEMPLATE_UNDEFINED = 'Mẫu "{name}", dòng {line}: không có tên "{var}".'
TEMPLATE_UNDEFINED_HINT = ' Có phải "{hint}"?'
TEMPLATE_UNKNOWN_FILTER = 'không có bộ lọc "{name}".'
TEMPLATE_UNKNOWN_TAG = 'không có thẻ "{name}".'
TEMPLATE_UNEXPECTED = 'gặp "{token}" không đúng chỗ — kiểm tra các cặp {{{{ }}}} và {{% %}}.'
TEMPLATE_UNCLOSED = "mẫu kết thúc khi một khối {{% if %}}, {{% for %}}… chưa được đóng."
TEMPLATE_UNSAFE = 'Mẫu "{name}", dòng {line}: mẫu không được phép dùng tên bắt đầu bằng "_".'
TEMPLATE_OTHER = 'Mẫu "{name}", dòng {line}: {error}'

# --- command line ---
SUMMARY = "{errors} lỗi, {warnings} cảnh báo trong {files} tệp."
CLEAN = "Không có lỗi."
UNIT_HEADER = "{unit}:"
GENERAL_HEADER = "Chung:"
NOTHING_WRITTEN = "Chưa ghi báo cáo vì còn {errors} lỗi. Hãy sửa các lỗi trên rồi chạy lại."
MISSING_HINT = 'Để vẫn lập báo cáo khi thiếu đơn vị, chạy lại với "--allow-missing".'
WROTE = "Đã ghi: {path}"
SKIPPED_EXISTING = "Đã có, không ghi đè: {path}"
NO_UNITS = "Không có đơn vị nào phải báo cáo năm {year} (xem data/units.toml)."
NO_WORKBOOKS = "Không có tệp số liệu nào trong thư mục {folder}."
RENDER_FAILED = "Không tạo được tệp PDF: {error}"
REFUSED_URL = (
    "Cảnh báo: mẫu báo cáo dẫn tới {url} — không tải, vì chỉ được dùng tệp trong thư mục "
    "assets của mẫu (hoặc URL data:); phần đó bị bỏ trống trong tệp PDF."
)
UNEXPECTED = (
    "Lỗi không lường trước: {error}. Chạy lại với -v để xem chi tiết và báo cho người quản trị."
)
WRITE_FAILED = "Không ghi được tệp {path}: {error}"

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
NO_SUCH_COMMAND = 'Không có lệnh "{command}". Các lệnh: build, check, template.'
BAD_USAGE = "Lệnh gõ chưa đúng."

# --- input limits (a workbook refused before it is read) ---
FILE_TOO_LARGE = (
    "tệp nặng {size}, quá giới hạn {limit} của một tệp số liệu; tệp không được đọc — hãy xóa "
    "ảnh và các trang thừa rồi lưu lại."
)
TOO_MANY_MEMBERS = (
    "tệp gồm {count} phần bên trong, không phải một bảng tính bình thường; tệp không được đọc "
    "— hãy mở bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx."
)
ZIP_BOMB = (
    "tệp giải nén ra hơn {limit}, quá lớn đối với một tệp số liệu (có thể là tệp độc hại); "
    "tệp không được đọc — hãy yêu cầu đơn vị gửi lại tệp lập từ mẫu."
)
XML_ENTITIES = (
    'phần "{part}" của tệp có khai báo DTD hoặc thực thể XML, điều mà Excel không bao giờ ghi '
    "(có thể là tệp độc hại); tệp không được đọc — hãy yêu cầu đơn vị gửi lại tệp lập từ mẫu."
)
DECLARED_COUNT = (
    'phần "{part}" của tệp khai báo {count} mục, quá giới hạn {limit} (tệp hỏng hoặc độc hại); '
    "tệp không được đọc — hãy mở bằng Excel hoặc LibreOffice và lưu lại."
)
TOO_MANY_CELLS = (
    "bảng tính có hơn {limit} ô (tính từ ô A1 đến ô cuối có dữ liệu của mỗi trang), vượt "
    "giới hạn tại ô {cell}; tệp không được đọc — hãy xóa các ô thừa ở xa rồi lưu lại."
)

# --- run log (out/<year>/nhat-ky.log): one line per run, fields separated by tabs ---
RUN_LOG_LINE = (
    "{time}\t{command}\tnăm {year}\tvào: {inputs}\tra: {outputs}\t{errors} lỗi, {warnings} cảnh báo"
)
RUN_LOG_COMMANDS = {"build": "lập báo cáo", "check": "kiểm tra"}
RUN_LOG_NONE = "không có"
RUN_LOG_TEMPLATES = "mẫu {folder}"
RUN_LOG_FAILED = "Cảnh báo: không ghi được nhật ký {path}: {error}"
