"""Messages about what the province declares: catalog, units, periods and typography files."""

# --- declarative files (read by the IT person) ---
CONFIG_MISSING = "Không tìm thấy tệp cấu hình {path}."
CONFIG_SYNTAX = "Tệp {path} viết sai cú pháp TOML, {error}."
CONFIG_FIELD = '{where}: thiếu hoặc sai kiểu trường "{key}".'
CONFIG_FIELD_CONTROLS = (
    '{where}: trường "{key}" có ký tự điều khiển (không in ra được) — hãy xóa ký tự đó.'
)
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


# --- the fact table: how rows of a row sheet group (catalog.toml [[tables]] group) ---
CONFIG_GROUP = '{where}: "group" phải là danh sách khóa cột, ví dụ group = ["type", "topic"].'
CONFIG_GROUP_COLUMN = '{where}: "group" nêu cột "{key}" nhưng trang này không có cột khóa đó.'
CONFIG_GROUP_REQUIRED = '{where}: "group" phải có cột "{key}" (báo cáo đếm theo cột này).'


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
