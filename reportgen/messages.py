"""Every message a user reads, in Vietnamese, in one place to be reviewed together.

Placeholders in braces are filled by str.format. Messages about a cell start in
lower case: they follow "tệp, trang "…", ô C7: ".
"""

# --- declarative files (read by the IT person) ---
CONFIG_MISSING = "Không tìm thấy tệp cấu hình {path}."
CONFIG_SYNTAX = "Tệp {path} viết sai cú pháp TOML, {error}."
CONFIG_FIELD = '{where}: thiếu hoặc sai kiểu trường "{key}".'
CONFIG_COLUMN_TYPE = (
    '{where}: kiểu cột "{type}" không hợp lệ (chỉ dùng text, integer, choice, commune).'
)
CONFIG_CHOICES = '{where}: danh sách lựa chọn "{name}" không được khai báo.'
CONFIG_DUPLICATE = '{path}: mã chỉ tiêu "{code}" bị khai báo hai lần.'
CONFIG_YEAR_OVER_YEAR = (
    "{path} [year_over_year]: factor phải là một số lớn hơn 1 và min_value một số nguyên ≥ 0."
)
CONFIG_CODE = '{path}: mã chỉ tiêu "{code}" chỉ được gồm chữ không dấu, số và dấu gạch dưới.'
RULE_TABLE = '{where}: không có trang dòng nào có khóa "{table}" (xem [[tables]]).'
RULE_SIDE = '{where}: vế "{key}" phải là một mã hoặc tổng các mã và số nguyên, ví dụ "a + b + 2".'
RULE_UNKNOWN = '{where}: không có mã chỉ tiêu hoặc khóa cột "{name}".'
RULE_OPERATOR = '{where}: "operator" phải là một trong: {operators}.'
RULE_SEVERITY = '{where}: "severity" phải là "error" hoặc "warning".'
RULE_MISSING = '{where}: "missing" phải là một trong: {values}.'
RULE_DUPLICATE = '{where}: tên quy tắc "{name}" đã được dùng cho một quy tắc khác.'

# --- files in the year's folder ---
IGNORED_FILE = "Bỏ qua tệp không phải bảng tính: {file}"
IGNORED_LOCK = "Bỏ qua tệp khóa của Excel/LibreOffice: {file}"
IGNORED_HIDDEN = "Bỏ qua tệp ẩn: {file}"
NOT_A_WORKBOOK = (
    "tệp không phải là bảng tính Excel hoặc đã bị hỏng — hãy mở bằng Excel hoặc "
    "LibreOffice và lưu lại dưới dạng .xlsx."
)
UNREADABLE_WORKBOOK = (
    "không đọc được tệp (tệp hỏng, có mật khẩu hoặc không phải bảng tính) — hãy mở bằng "
    "Excel hoặc LibreOffice, bỏ mật khẩu nếu có, rồi lưu lại dưới dạng .xlsx."
)
PASSWORD_PROTECTED = (
    "tệp có mật khẩu nên không đọc được — hãy mở bằng Excel hoặc LibreOffice, bỏ mật khẩu "
    "rồi lưu lại và gửi lại tệp."
)
NO_FOLDER = "Không có thư mục {folder} — hãy tạo thư mục này và chép các tệp số liệu vào đó."
SETTINGS_MISSING = (
    'không có tệp này — chạy "make template YEAR={year}" để tạo, rồi điền ngày đăng và tên tác giả.'
)
SETTINGS_SYNTAX = "tệp viết sai cú pháp, {error}."

# What tomllib says (in English, at the start of its message), said in Vietnamese.
TOML_AT = "dòng {line}, cột {column}"
TOML_AT_END = "cuối tệp"
TOML_OTHER = "viết sai cú pháp — xem lại dấu ngoặc kép, dấu = và dấu ngoặc vuông"
TOML_TWICE = "một tên được khai báo hai lần"
TOML_PROBLEMS = (
    ("Cannot overwrite a value", TOML_TWICE),
    ("Cannot declare", TOML_TWICE),
    ("Cannot redefine namespace", TOML_TWICE),
    ("Cannot mutate immutable namespace", TOML_TWICE),
    ("Duplicate inline table key", TOML_TWICE),
    ("Expected '=' after a key", "thiếu dấu = sau tên"),
    ("Expected ']]' at the end", "thiếu ]] ở cuối tên bảng"),
    ("Expected ']' at the end", "thiếu ] ở cuối tên bảng"),
    ("Expected newline or end of document", "sau mỗi giá trị phải xuống dòng"),
    ("Invalid date or datetime", "ngày tháng viết sai (viết năm-tháng-ngày, ví dụ 2018-12-28)"),
    (
        "Invalid value",
        'giá trị viết sai — chữ phải đặt trong dấu ngoặc kép, ví dụ author = "Phương Thảo"',
    ),
    ("Unclosed array", "thiếu dấu ] đóng danh sách"),
    ("Unclosed inline table", "thiếu dấu } đóng bảng"),
    ("Unterminated string", "thiếu dấu ngoặc kép đóng chuỗi chữ"),
    ("Unescaped '\\'", "dấu \\ trong chuỗi chữ phải viết thành \\\\"),
    ("Escaped character", "dấu \\ trong chuỗi chữ phải viết thành \\\\"),
    ("Invalid hex value", "dấu \\ trong chuỗi chữ phải viết thành \\\\"),
    ("Illegal character '\\n'", "thiếu dấu ngoặc kép đóng chuỗi chữ trước khi xuống dòng"),
    ("Illegal character", "có ký tự không được phép (ký tự điều khiển, dấu tab trong chuỗi chữ…)"),
)
SETTINGS_ENCODING = (
    "tệp không được lưu bằng bảng mã UTF-8 — hãy mở bằng Notepad, chọn Lưu thành (Save As) "
    "với Encoding là UTF-8 rồi lưu lại."
)
SETTINGS_DATE = (
    "chưa có ngày đăng hợp lệ — hãy ghi một dòng như: date = 2018-12-02 "
    "(năm-tháng-ngày, không có dấu ngoặc kép)."
)
SETTINGS_AUTHOR = 'tên tác giả phải đặt trong dấu ngoặc kép, ví dụ: author = "Phương Thảo".'
SETTINGS_CAPTION = (
    'chú thích ảnh phải đặt trong dấu ngoặc kép, ví dụ: caption = "Hội nghị tập huấn …".'
)

# --- inside a workbook ---
DUPLICATE_SHEET = (
    'trang "{second}" trùng tên với trang "{first}" — chỉ trang "{first}" được đọc; '
    "hãy xóa hoặc đổi tên một trong hai trang."
)
DUPLICATE_COLUMN = (
    'cột "{header}" có hai lần (ô {first} và ô này) — chỉ cột ở ô {first} được đọc; '
    "hãy xóa hoặc đổi tên một trong hai cột."
)
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
MERGED_NUMBER = (
    "ô số này nằm trong vùng gộp ô {range}, nên không rõ số thuộc dòng nào — hãy bỏ gộp ô "
    "và nhập số vào từng ô."
)
FORMULA_NO_VALUE = (
    "ô có công thức nhưng chưa có kết quả được lưu (tệp do một chương trình không tính công "
    "thức tạo ra) — hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại."
)
FORMULA_ERROR = 'công thức cho kết quả lỗi "{value}" — hãy sửa công thức hoặc nhập số.'
LEGACY_TCVN3 = (
    'chữ được gõ bằng bảng mã cũ TCVN3 (phông .VnTime), đã đọc là "{text}" — nên gõ lại '
    "bằng bảng mã Unicode."
)
LEGACY_VNI = (
    'chữ được gõ bằng bảng mã cũ VNI (phông VNI-Times), đã đọc là "{text}" — nên gõ lại '
    "bằng bảng mã Unicode."
)
RULE_FAILED = "{description}, nhưng {found} — hãy kiểm tra lại."
RULE_CELL = "ô {cell}"
RULE_SIDE_VALUE = "{terms} là {value}"
UNKNOWN_CHOICE = '"{value}" không có trong danh sách — hãy chọn một trong: {allowed}.'
UNKNOWN_COMMUNE = (
    '"{value}" không có trong danh mục xã, phường, thị trấn của {unit} — hãy kiểm tra lại tên.'
)

YEAR_OVER_YEAR_UP = (
    "{value}, {before} là {old} — tăng hơn {factor} lần; hãy kiểm tra lại, nếu đúng "
    "thì không cần sửa."
)
YEAR_OVER_YEAR_DOWN = (
    "{value}, {before} là {old} — giảm hơn {factor} lần; hãy kiểm tra lại, nếu đúng "
    "thì không cần sửa."
)

# --- the year as a whole ---
DUPLICATE_UNIT = (
    "tệp {other} cũng là của {unit} — mỗi đơn vị chỉ gửi một tệp; hãy bỏ một trong hai tệp."
)
MISSING_UNIT = "Chưa có tệp số liệu của {unit} trong thư mục {folder}."

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

# --- templates ---
TEMPLATE_NOT_FOUND = 'Không tìm thấy mẫu "{name}" (thư mục mẫu: {dirs}).'
TEMPLATE_CALLED_FROM = ' Mẫu "{name}" gọi đến nó ở dòng {line}.'
TEMPLATE_SYNTAX = 'Mẫu "{name}", dòng {line}: viết sai cú pháp — {error}'
TEMPLATE_UNDEFINED = 'Mẫu "{name}", dòng {line}: không có tên "{var}".'
TEMPLATE_UNDEFINED_HINT = ' Có phải "{hint}"?'
TEMPLATE_NONE = (
    'Mẫu "{name}", dòng {line}: không có "{var}" vì giá trị đứng trước nó để trống '
    "(ví dụ previous khi không có số liệu năm trước) — hãy đặt câu đó trong "
    "{{% if previous %}} … {{% endif %}}."
)
TEMPLATE_UNKNOWN_FILTER = 'không có bộ lọc "{name}".'
TEMPLATE_UNKNOWN_TAG = 'không có thẻ "{name}".'
TEMPLATE_UNEXPECTED = 'gặp "{token}" không đúng chỗ — kiểm tra các cặp {{{{ }}}} và {{% %}}.'
TEMPLATE_UNCLOSED = "mẫu kết thúc khi một khối {% if %}, {% for %}… chưa được đóng."
TEMPLATE_DIVISION = (
    "phép chia cho 0 — hãy đặt phép chia trong {% if … %} khi số chia có thể bằng 0."
)
TEMPLATE_OTHER = 'Mẫu "{name}", dòng {line}: {error}'

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

# --- year-over-year comparison ---
PREVIOUS_SKIPPED = (
    "Không so sánh với năm {year} vì số liệu năm {year} còn {errors} lỗi — chạy "
    '"make check YEAR={year}" để xem.'
)

# --- where a figure comes from (hover titles and nguon-so-lieu.csv) ---
FIGURE_SUM = "{value} = {parts}"
FIGURE_PART = "{unit} {value}"
FIGURE_ZERO = "{value}: không đơn vị nào có số liệu khác 0"
FIGURE_ROW = "dòng {row}"
FIGURE_ACTIVITY = '{type} "{topic}"'
FIGURE_SESSIONS = "số lớp/buổi"
FIGURE_PARTICIPANTS = "số người tham dự"
FIGURE_PUBLICATION = 'Ấn phẩm "{title}" ({measure})'
FIGURE_CASES = "Số vụ án, vụ việc mua bán người"
FIGURE_CASES_REACHED = "Số vụ {stage}"
FIGURE_OFFENDERS = "Số đối tượng mua bán người"
FIGURE_VICTIMS = "Số nạn nhân trong các vụ án"
SOURCES_HEADER = ("STT", "Số liệu", "Giá trị", "Đơn vị", "Số của đơn vị", "Tệp", "Trang", "Ô")

# --- the official form (--style official), from the [official] table of bao-cao.toml ---
OFFICIAL_MISSING = (
    "chưa có phần [official] cho báo cáo dạng văn bản hành chính (--style official) — hãy "
    "thêm phần này (số, người ký, nơi nhận); xem mẫu trong data/2018/bao-cao.toml."
)
OFFICIAL_TEXT = (
    'phần [official]: thiếu hoặc sai "{key}" — hãy ghi một dòng chữ trong dấu ngoặc kép, '
    'ví dụ: {key} = "…".'
)
OFFICIAL_LIST = (
    'phần [official]: thiếu hoặc sai "{key}" — hãy ghi một danh sách các dòng chữ, '
    'ví dụ: {key} = ["dòng 1", "dòng 2"].'
)
BAD_CHOICE = "Giá trị của {option} phải là một trong: {choices}."

# --- live preview (reportgen preview) ---
PREVIEW_SERVING = (
    "Đang xem trước tại {url} — mở địa chỉ này trong trình duyệt; nhấn Ctrl+C để dừng."
)
PREVIEW_STOPPED = "Đã dừng xem trước."
PREVIEW_PORT = "Không mở được cổng {port} ({error}) — hãy chọn cổng khác, ví dụ: --port 8080."

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

# --- the fact table: how rows of a row sheet group (catalog.toml [[tables]] group) ---
CONFIG_GROUP = '{where}: "group" phải là danh sách khóa cột, ví dụ group = ["type", "topic"].'
CONFIG_GROUP_COLUMN = '{where}: "group" nêu cột "{key}" nhưng trang này không có cột khóa đó.'
CONFIG_GROUP_REQUIRED = '{where}: "group" phải có cột "{key}" (báo cáo đếm theo cột này).'
# --- input hygiene: control characters, special files, names, out folder, long text ---
CONTROL_CHARS = (
    "ô có {count} ký tự điều khiển không hiện ra được (thường do chép từ trang web hoặc phần "
    'mềm khác); đã bỏ các ký tự đó và đọc là "{text}" — nên gõ lại ô này.'
)
TEXT_TOO_LONG = (
    "ô có {length} ký tự, quá giới hạn {limit} ký tự của một ô Excel — hãy rút gọn nội dung ô này."
)
ABOVE_MAX_COLUMN = '"{value}" lớn hơn mức tối đa {high} của cột "{column}" — hãy kiểm tra lại.'
NOT_A_FILE = (
    "đây không phải là một tệp bình thường (là thư mục, đường ống hoặc thiết bị) nên không "
    "được đọc — hãy xóa hoặc đổi tên nó."
)
CANNOT_READ = (
    "không đọc được tệp ({error}) — hãy kiểm tra quyền đọc của tệp hoặc chép lại tệp vào "
    "thư mục, rồi chạy lại."
)
# What the operating system said when a file could not be read, by errno name.
OS_READ_ERRORS = {
    "EACCES": "không có quyền đọc tệp",
    "EPERM": "không có quyền đọc tệp",
    "ENOENT": "tệp không còn nữa, hoặc là lối tắt (liên kết) tới tệp không có",
    "ELOOP": "lối tắt (liên kết) vòng quanh",
    "EIO": "lỗi khi đọc ổ đĩa",
}
SETTINGS_NOT_A_FILE = (
    "đây không phải là một tệp bình thường (là thư mục, đường ống hoặc thiết bị) nên không "
    'được đọc — hãy xóa hoặc đổi tên nó, rồi chạy "make template YEAR={year}" để tạo lại tệp.'
)
CONFIG_NOT_A_FILE = (
    "Tệp cấu hình {path} không phải là một tệp bình thường (là thư mục, đường ống hoặc thiết "
    "bị) — hãy xóa nó rồi chép lại tệp cấu hình."
)
CONFIG_UNREADABLE = "Không đọc được tệp cấu hình {path} ({error})."
OUT_DIR_IN_DATA = (
    "Thư mục ghi kết quả {out} nằm trong thư mục số liệu {data}: tệp ghi ra sẽ bị đọc lẫn "
    "với tệp số liệu ở lần chạy sau — hãy chọn bằng --out-dir một thư mục ở ngoài {data}."
)
RUN_LOG_UNREADABLE = "không đọc được"
SETTINGS_CONTROL_CHARS = (
    '"{key}" có {count} ký tự điều khiển không hiện ra được; đã bỏ các ký tự đó — nên gõ lại '
    "dòng này."
)

# --- dated provinces and unit lists (units.toml, issue 13) ---
NO_PROVINCE = "Không có mục [[province]] nào áp dụng cho năm {year} (xem data/units.toml)."
CONFIG_LEVEL = (
    '{where}: "level" là "{value}" — chỉ dùng "huyện" (đơn vị có xã, phường bên dưới) '
    'hoặc "xã" (đơn vị là một xã, phường).'
)
UNIT_LIST_COLUMNS = (
    "{path}: thiếu cột {columns} (danh sách đơn vị cần các cột ma_xa, ten_xa, loai_xa)."
)
UNIT_LIST_ENCODING = "{path}: tệp không phải văn bản UTF-8 — hãy lưu lại dưới dạng CSV UTF-8."
UNIT_LIST_ROW = (
    "{path}, dòng {line}: thiếu mã (ma_xa), tên (ten_xa) hoặc loại (loai_xa) của đơn vị."
)
PROVINCE_OVERLAP = "{path}: năm {year} thuộc nhiều hơn một mục [[province]] — hãy sửa from/to."
PROVINCE_MISSING = (
    "{path}: năm {year} có đơn vị báo cáo nhưng không thuộc mục [[province]] nào — "
    "hãy thêm hoặc sửa from/to."
)
UNIT_CODE_TWICE = '{path}: mã đơn vị "{code}" được khai báo hai lần cho năm {year}.'
NOT_COMPARED = (
    "Không so sánh năm {year} với năm {before}: hai năm khác địa giới hành chính (khác tỉnh "
    "hoặc khác danh sách đơn vị trong units.toml)."
)

# --- every workbook read in a child process; cell references, shared strings, sheet parts ---
READER_FAILED = (
    "tệp quá lớn hoặc bị hỏng: việc đọc tệp phải dừng vì cần hơn {memory} bộ nhớ hoặc hơn "
    "{seconds} giây, hoặc vì bộ đọc gặp lỗi; tệp không được đọc — hãy mở bằng Excel hoặc "
    "LibreOffice, lưu lại dưới dạng .xlsx rồi gửi lại."
)
CELL_OFF_ITS_ROW = (
    "ô có địa chỉ {ref} lại nằm trong dòng {row}: địa chỉ ô và số dòng không khớp nhau (tệp hỏng "
    "hoặc độc hại); tệp không được đọc — hãy mở bằng Excel hoặc LibreOffice và lưu lại."
)
SHARED_TEXT = (
    "chữ trong các ô dùng chuỗi chung (mỗi chuỗi tính một lần cho mỗi ô dùng nó) cộng lại hơn "
    "{limit}, vượt giới hạn tại ô {cell} (có thể là tệp độc hại); tệp không được đọc — hãy xóa "
    "các ô chép lặp đoạn chữ dài rồi lưu lại."
)
SHEET_PART_TWICE = (
    'trang "{second}" và trang "{first}" cùng trỏ đến một phần "{part}" của tệp (tệp hỏng hoặc '
    "độc hại); tệp không được đọc — hãy mở bằng Excel hoặc LibreOffice và lưu lại dưới dạng .xlsx."
)

# --- templates: the sandbox, the bounds of a render, template files (issue 11) ---
TEMPLATE_AT = 'Mẫu "{name}", dòng {line}: '
TEMPLATE_AT_NAME = 'Mẫu "{name}": '
TEMPLATE_PRIVATE = 'mẫu không được phép dùng tên bắt đầu bằng "_".'
TEMPLATE_FORBIDDEN = (
    'mẫu không được phép dùng "{attr}" — mẫu chỉ đọc được số liệu của báo cáo, '
    "không đến được hàm, tệp hay mã của chương trình."
)
TEMPLATE_FORBIDDEN_CALL = (
    "mẫu không được phép gọi hàm này — mẫu chỉ gọi được các bộ lọc, macro và hàm nêu trong "
    "docs/huong-dan-mau.md."
)
TEMPLATE_TIME = (
    "mẫu chạy quá {seconds} giây nên bị dừng (ở dòng này hoặc trong mẫu mà dòng này gọi đến) "
    "— hãy xem lại các vòng lặp {{% for %}} lồng nhau."
)
TEMPLATE_MEMORY = (
    "mẫu dùng quá nhiều bộ nhớ nên bị dừng — hãy xem lại các phép nhân chuỗi "
    "hoặc danh sách rất lớn."
)
TEMPLATE_STOPPED = (
    'Mẫu "{name}" (hoặc một mẫu nó gọi đến) bị dừng vì chạy quá {seconds} giây hoặc dùng quá '
    "{megabytes} MB bộ nhớ — hãy xem lại các vòng lặp và phép tính lớn vừa sửa."
)
TEMPLATE_RECURSION = (
    "các macro hoặc {% include %} gọi lồng nhau quá sâu — có thể một macro tự gọi lại chính nó."
)
TEMPLATE_RANGE = "range() chỉ được tạo tối đa {limit} số."
TEMPLATE_OVERFLOW = "số quá lớn để tính."
TEMPLATE_UNICODE = (
    "không mã hóa được chữ theo bảng mã đã chọn — hãy bỏ .encode()/.decode() khỏi mẫu."
)
TEMPLATE_ASSET_UNREADABLE = "không đọc được tệp {path}."
TEMPLATE_FAILED = "mẫu gặp lỗi khi chạy ({error})."
TEMPLATE_OUTPUT_TOO_BIG = (
    'Mẫu "{name}" tạo ra một báo cáo quá lớn ({size} triệu ký tự, tối đa {limit} triệu) — '
    "hãy xem lại các vòng lặp và ảnh vừa thêm."
)
TEMPLATE_HTML_UNUSABLE = (
    'Mẫu "{name}" tạo ra HTML không chuyển được sang {kind} — mẫu không in ra gì, hoặc in ra '
    "ký tự điều khiển (ví dụ \\x01); hãy xem lại phần vừa sửa."
)
TEMPLATE_NOT_UTF8 = (
    'Mẫu "{name}" ({path}) không được lưu bằng bảng mã UTF-8 — hãy mở bằng trình soạn thảo, '
    "chọn Lưu thành (Save As) với Encoding là UTF-8 rồi lưu lại."
)
TEMPLATE_NOT_FILE = (
    'Mẫu "{name}" ({path}) không phải là một tệp thường (có thể là thư mục) '
    "— hãy xóa hoặc đổi tên nó."
)
TEMPLATE_FILE_TOO_BIG = (
    'Mẫu "{name}" ({path}) quá lớn ({size} MB, tối đa {limit} MB) — một tệp mẫu chỉ chứa câu '
    "chữ; ảnh và phông chữ đặt trong thư mục assets/."
)
TEMPLATE_OUTSIDE = (
    'Mẫu "{name}" ({path}) là liên kết đến một tệp nằm ngoài thư mục mẫu — hãy chép chính tệp '
    "đó vào thư mục mẫu thay cho liên kết."
)
TEMPLATE_NO_CHILD = (
    "Không tạo được tiến trình để lập báo cáo từ mẫu (máy đang thiếu bộ nhớ hoặc có quá nhiều "
    "tiến trình) — hãy đóng bớt chương trình rồi chạy lại."
)
TEMPLATE_FILE_UNREADABLE = (
    'Mẫu "{name}" ({path}): không đọc được tệp — hãy kiểm tra quyền đọc của tệp.'
)
SETTINGS_TOO_BIG = "tệp quá lớn ({size} kB, tối đa {limit} kB) — tệp này chỉ cần vài dòng."

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

# --- narrative: sentences for any data, check messages in plain Vietnamese (issue 15) ---
SETTINGS_PHOTO = (
    'ảnh "{value}" phải là tên một tệp trong thư mục assets của mẫu, trong dấu ngoặc kép, '
    'không có "/", ví dụ: photo = "hoi-nghi.jpg".'
)
SETTINGS_WORDING = (
    'lời văn "{value}" phải là tên một thư mục trong templates/wording, trong dấu ngoặc kép, '
    'ví dụ: wording = "2018".'
)
WORDING_NOT_FOUND = (
    'Không tìm thấy lời văn "{name}" (bao-cao.toml, wording) — cần thư mục wording/{name} '
    "trong thư mục mẫu: {dirs}."
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

# --- Official form and the staff's text (issue 15, points 2 and 4) ---
ASSESSMENT_AT_LINE = "dòng {line}: {message}"
ASSESSMENT_CONTROLS = "đã bỏ {count} ký tự điều khiển (không in ra được)."
ASSESSMENT_HEADING = (
    'tiêu đề "{heading}" không phải tiêu đề của tệp nhận định — phần chữ dưới nó bị bỏ qua; '
    "hãy dùng đúng một trong các tiêu đề: {known}."
)
ASSESSMENT_BEFORE_HEADING = (
    'chữ này nằm ngoài các tiêu đề "## ..." nên bị bỏ qua — hãy đặt nó dưới một tiêu đề, '
    'hoặc thêm "#" ở đầu dòng nếu là ghi chú.'
)
ASSESSMENT_LONG_LINE = (
    "đoạn văn dài quá {limit} ký tự, phần sau bị cắt bỏ — hãy chia thành nhiều đoạn."
)
ASSESSMENT_TOO_BIG = (
    "tệp quá lớn ({size} kB, tối đa {limit} kB) — tệp nhận định chỉ chứa vài trang chữ."
)
ASSESSMENT_ENCODING = (
    "tệp không được lưu bằng bảng mã UTF-8 — hãy mở bằng trình soạn thảo, chọn Lưu thành "
    "(Save As) với Encoding là UTF-8 rồi lưu lại."
)
ASSESSMENT_MISSING = (
    "chưa có tệp nhận định: văn bản bỏ các phần {names} "
    '(phần "Phương hướng, nhiệm vụ" dùng đoạn chung của mẫu) — hãy viết các phần đó vào '
    'tệp này (lệnh "reportgen template" tạo sẵn khung).'
)
ASSESSMENT_EMPTY = (
    'chưa viết phần "{name}": văn bản bỏ phần này — hãy viết dưới tiêu đề "## {name}".'
)
OFFICIAL_NUMBER = (
    'số văn bản "{value}" phải có số thứ tự hai chữ số trở lên và ký hiệu, ví dụ "05/BC-BCĐ" '
    '(không phải "5/BC-BCĐ").'
)
OFFICIAL_PLACEHOLDER = (
    'mục {key} còn chữ mẫu "{value}" của khung — hãy điền nội dung thật trước khi lập văn bản.'
)
OFFICIAL_SIGNER_TM = (
    'người ký là "{title}" (cấp phó) nên không ký "{authority}" — cấp phó ký thay người đứng đầu: '
    'hãy ghi signer_authority = "KT. TRƯỞNG BAN".'
)
OFFICIAL_SIGNER_KT_MISSING = (
    'người ký là "{title}" (cấp phó) nên phải có quyền hạn ký "KT. TRƯỞNG BAN" — '
    'hãy ghi signer_authority = "KT. TRƯỞNG BAN".'
)
OFFICIAL_SIGNER_KT_HEAD = (
    'người ký là "{title}" (người đứng đầu) nên không ký "{authority}" (ký thay) — '
    'hãy ghi signer_authority = "" hoặc "TM. BAN CHỈ ĐẠO".'
)
OFFICIAL_SIGNER_AUTHORITY = (
    'quyền hạn ký "{value}" không đúng thể thức — hãy ghi "", "TM. BAN CHỈ ĐẠO", '
    '"KT. TRƯỞNG BAN", "Q. TRƯỞNG BAN", "TL. TRƯỞNG BAN" hoặc "TUQ. TRƯỞNG BAN".'
)
OFFICIAL_PERIOD = (
    "kỳ báo cáo phải là hai ngày dạng năm-tháng-ngày, ngày đầu trước ngày cuối, ví dụ "
    "period_start = 2025-12-15 và period_end = 2026-12-14."
)
ASSESSMENT_EMPTY_DIRECTIONS = (
    'chưa viết phần "{name}": văn bản dùng đoạn chung của mẫu — hãy viết dưới tiêu đề "## {name}".'
)

# --- Report periods (issue 16: periods.toml, --period, "so với cùng kỳ", trends) ---
PERIOD_NAME = (
    '{where}: trường "name" phải là tên kỳ có chỗ ghi năm {{year}}, '
    'ví dụ "6 tháng đầu năm {{year}}".'
)
PERIOD_DAY = '{where}: trường "{key}" phải là ngày/tháng, ví dụ "15/12".'
PERIOD_TWICE = '{path}: kỳ báo cáo "{code}" được khai báo hai lần.'
PERIOD_NO_ANNUAL = '{path}: thiếu kỳ báo cáo cả năm (code = "{code}").'
PERIOD_UNKNOWN = 'Không có kỳ báo cáo "{code}" — các kỳ đã khai báo trong periods.toml: {known}.'
SETTINGS_PERIOD_DATE = (
    '"{key}" phải là một ngày viết năm-tháng-ngày, không có dấu ngoặc kép, ví dụ '
    "{key} = 2019-06-14."
)
PERIOD_ANNUAL_NAME = "cả năm"
PERIOD_ROW_MISSING = (
    'tệp này là mẫu báo cáo cả năm (không có dòng "{label}") nhưng nằm trong thư mục của kỳ '
    "{period} — hãy dùng mẫu của kỳ này (reportgen template --period {code}) hoặc chuyển tệp "
    "sang đúng thư mục."
)
PERIOD_MISMATCH = (
    'kỳ báo cáo "{value}" không khớp với thư mục ({period}) — hãy dùng mẫu của kỳ này hoặc '
    "chuyển tệp sang đúng thư mục."
)
PERIOD_INDICATOR = '{where}: kỳ báo cáo "{code}" trong "periods" không có trong periods.toml.'
TREND_SKIPPED = (
    "Không đưa {period} vào bảng diễn biến qua các năm vì số liệu còn {errors} lỗi — chạy "
    '"make check YEAR={year}{make_period}" để xem.'
)
# What a unit's figure is compared with (YEAR_OVER_YEAR_UP/DOWN "so với {before}").
BEFORE_YEAR = "năm {year}"
BEFORE_SAME_PERIOD = "cùng kỳ năm {year}"
PREVIOUS_PERIOD_SKIPPED = (
    "Không so sánh với cùng kỳ ({period}) vì số liệu kỳ đó còn {errors} lỗi — chạy "
    '"make check YEAR={year} PERIOD={code}" để xem.'
)

# --- the command line's help: click's own words (cli/vietnamese.py) ---
OPTIONS_METAVAR = "[TÙY CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH ..."
HELP_HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh"}

# --- the output set (outputs/output_set.py) ---
# What a converter could not make from a template's HTML (TEMPLATE_HTML_UNUSABLE's {kind}).
KIND_DOCX = "Word (.docx)"
KIND_FRAGMENT = "thân bài cho cổng thông tin (fragment)"

# Typography (templates/kieu-chu.toml, declared/typography.py): one file for the CSS and Word.
TYPOGRAPHY_MISSING = '{path}: thiếu "{key}" — chép lại dòng đó từ tệp kieu-chu.toml gốc.'
TYPOGRAPHY_TABLE = '{path}: "{key}" phải là một bảng, ví dụ {key} = {{ size = "13pt" }}.'
TYPOGRAPHY_UNKNOWN = '{path}: không có mục "{key}" (các mục được ghi: {known}).'
TYPOGRAPHY_LENGTH = (
    '{path}: "{key}" phải là độ dài có đơn vị pt, mm hoặc cm trong dấu ngoặc kép, ví dụ "13pt", '
    '"20mm" — không phải {value}.'
)
TYPOGRAPHY_SPACE = (
    '{path}: "{key}" phải là độ dài có đơn vị pt, mm, cm hoặc em trong dấu ngoặc kép, ví dụ '
    '"6pt", "1cm", "1.2em" — không phải {value}.'
)
TYPOGRAPHY_PERCENT = (
    '{path}: "{key}" phải là một phần trăm trong dấu ngoặc kép, ví dụ "32%" — không phải {value}.'
)
TYPOGRAPHY_NUMBER = (
    '{path}: "{key}" phải là một số từ 0.5 đến 5 (lần cỡ chữ), ví dụ 1.45 — không phải {value}.'
)
TYPOGRAPHY_COUNT = '{path}: "{key}" phải là một số nguyên từ 1 đến 200 — không phải {value}.'
TYPOGRAPHY_MARGINS = (
    '{path}: "{key}" phải là bốn độ dài (trên, phải, dưới, trái), ví dụ '
    '["20mm", "15mm", "20mm", "30mm"] — không phải {value}.'
)
TYPOGRAPHY_FONT = (
    '{path}: "{key}" phải là tên một phông chữ (chữ, số, dấu cách, dấu gạch ngang), ví dụ '
    '"Times New Roman" — không phải {value}.'
)
TYPOGRAPHY_BOOL = '{path}: "{key}" phải là true (có) hoặc false (không) — không phải {value}.'
TYPOGRAPHY_ALIGN = (
    '{path}: "{key}" phải là "left" (trái), "right" (phải), "center" (giữa) hoặc "justify" '
    "(đều hai bên) — không phải {value}."
)

# --- counts by a choice column of a row sheet (issue 15: the offence of each case) ---
# "Số vụ án, vụ việc mua bán người — Tội danh: Điều 150 (Mua bán người)"
FIGURE_ROWS_BY_CHOICE = "{rows} — {column}: {choice}"
