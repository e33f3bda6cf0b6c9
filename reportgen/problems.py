"""Problems found in the inputs, as records: errors as data."""

from dataclasses import dataclass

from reportgen import messages as msg

ERROR = "lỗi"
WARNING = "cảnh báo"
NOTE = "ghi chú"  # neither blocks nor needs a unit to act: a report-only setting, say


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place of the inputs, and what to do about it."""

    severity: str
    file: str
    sheet: str
    cell: str
    value: str
    rule: str
    message: str
    unit: str = ""

    @property
    def is_error(self) -> bool:
        """Return True when the problem blocks the report."""
        return self.severity == ERROR

    def where(self) -> str:
        """Return "tệp, trang "…", ô C7" with whatever parts are known."""
        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(f'trang "{self.sheet}"')
        if self.cell:
            parts.append(f"ô {self.cell}")
        return ", ".join(parts)

    def text(self) -> str:
        """Return the one-line Vietnamese message a clerk reads."""
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order problems by unit, file, sheet and cell (row before column)."""

    def cell_key(cell: str) -> tuple[int, str]:
        letters = cell.rstrip("0123456789")
        digits = cell[len(letters) :]
        return (int(digits) if digits else 0, letters.rjust(3))

    return sorted(problems, key=lambda p: (p.unit, p.file, p.sheet, cell_key(p.cell), p.message))


def count_errors(problems: list[Problem]) -> int:
    """Return how many problems are errors."""
    return sum(p.is_error for p in problems)


def summary(errors: int, warnings: int, files: int) -> str:
    """Return the run's one-line count, a count of 0 said in words.

    (3, 0, 8) -> "3 lỗi, không có cảnh báo trong 8 tệp."; (0, 0, 8) -> "Không có lỗi, không có
    cảnh báo trong 8 tệp." — never "0 lỗi".
    """
    text = msg.SUMMARY.format(
        errors=msg.ERRORS.format(count=errors) if errors else msg.NO_ERRORS,
        warnings=msg.WARNINGS.format(count=warnings) if warnings else msg.NO_WARNINGS,
        files=files,
    )
    return text[:1].upper() + text[1:]


def count_warnings(problems: list[Problem]) -> int:
    """Return how many problems are warnings (notes are neither errors nor warnings)."""
    return sum(p.severity == WARNING for p in problems)
