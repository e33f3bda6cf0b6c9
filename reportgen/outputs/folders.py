"""Where the commands write when no --out-dir is given: never into the data folder."""

from pathlib import Path

from reportgen.declared.periods import ANNUAL, folder_name

OUT_DIR = "out"  # build, check, export: out/<year>, out/<year>-<period>
BLANKS_DIR = "mau-trong"  # the blank workbooks' own folder: mau-trong/<year>, never data/


def out_folder(year: int, period: str = ANNUAL) -> Path:
    """Return the default folder of a year's outputs: out/2019, out/2019-6-thang."""
    return Path(OUT_DIR) / folder_name(year, period)


def blanks_folder(year: int, period: str = ANNUAL) -> Path:
    """Return the default folder of a year's blank workbooks: mau-trong/<year>, of a period
    mau-trong/<year>-<period> (named as its data folder)."""
    return Path(BLANKS_DIR) / folder_name(year, period)
