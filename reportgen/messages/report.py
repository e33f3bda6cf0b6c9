"""Messages of the report stage: templates, the sandbox, sentences, the official form."""

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


# --- counts by a choice column of a row sheet (issue 15: the offence of each case) ---
# "Số vụ án, vụ việc mua bán người — Tội danh: Điều 150 (Mua bán người)"
FIGURE_ROWS_BY_CHOICE = "{rows} — {column}: {choice}"
