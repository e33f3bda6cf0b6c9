"""Where things sit in a submission workbook; shared by the writer and the checker."""

INSTRUCTIONS_SHEET = "Hướng dẫn"
INFO_SHEET = "Thông tin"
INDICATOR_SHEET = "Chỉ tiêu"
LISTS_SHEET = "Danh mục"  # hidden: the unit's communes, for the dropdown

# (key, label in column A); the value is in column B of the same row.
INFO_FIELDS = (
    ("unit_name", "Đơn vị báo cáo"),
    ("unit_code", "Mã đơn vị"),
    ("year", "Năm báo cáo"),
    ("preparer", "Người lập"),
    ("prepared_on", "Ngày lập"),
)
# Written after the year by the blank workbook of a period other than the whole year (the
# yearly workbook has none: those of earlier years check clean); the check reads it.
PERIOD_FIELD = ("period", "Kỳ báo cáo")
INFO_HEADERS = ("Mục", "Nội dung")

# Columns of the indicator sheet, in order.
INDICATOR_HEADERS = ("Mã", "Chỉ tiêu", "Đơn vị tính", "Giá trị")
HEADER_SEARCH_ROWS = 10


def column_letter(index: int) -> str:
    """Return the spreadsheet letters of a 0-based column index (0 -> A, 27 -> AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Return the 0-based column index of spreadsheet letters in capitals (A -> 0, AB -> 27).

    The inverse of column_letter; the letters are not checked.
    """
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def cell_ref(row: int, col: int) -> str:
    """Return the A1 reference of a 0-based row and column."""
    return f"{column_letter(col)}{row + 1}"
