"""Messages about reading the inputs: files in a year's folder, workbooks, limits, hygiene."""

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
