"""Synthetic provinces of any size: N units, each with a workbook made by the project's own
blank-workbook code and filled with random but plausible values (fixed seed), or with the
values of a given fill function.

Used by the benchmark (bench/run.py, up to 10,000 units) and by tests of reports at commune
scale.
"""

import functools
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tests.fill import fill_workbook

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2018


def units_toml(n: int) -> str:
    """Return data/units.toml with its province, and n made-up communes as the units."""
    head = (ROOT / "data/units.toml").read_text(encoding="utf-8").split("[[communes]]")[0]
    units = [
        f'[[units]]\ncode = "{i:05d}"\nkind = "xã"\nname = "Thử Nghiệm {i}"\n'
        f'short = "Thử Nghiệm {i}"\naliases = []\nfrom = 2017\nto = 2024\n'
        for i in range(1, n + 1)
    ]
    return head + "\n".join(units)


@functools.cache
def _declared(data_dir: Path):
    from reportgen.declared.catalog import load_catalog
    from reportgen.declared.units import load_registry

    registry = load_registry(data_dir)
    return load_catalog(data_dir), {u.code: u for u in registry.units}


def random_unit(unit, catalog, rnd: random.Random) -> tuple[dict, dict]:
    """Return random but plausible (indicator values, table rows) for one unit's workbook."""
    values = {
        i.code: rnd.randint(0, 50 if "nan_nhan" not in i.code else 2) for i in catalog.indicators
    }
    values["pbgdpl_tong"] = values["pbgdpl_luot"] + rnd.randint(0, 10)
    rows = {
        "Hoạt động": [
            ["Lớp tập huấn", "kỹ năng tuyên truyền", "hội viên", 1, rnd.randint(20, 120), None]
            for _ in range(rnd.randint(0, 3))
        ],
        "Ấn phẩm": [["Bản tin sinh hoạt hội viên", "cuốn", rnd.randint(50, 500)]],
    }
    return values, rows


def _make_one(args) -> None:
    data_dir, unit_code, seed, fill = args
    from reportgen.blank_forms import workbook_filename
    from reportgen.blank_workbook import blank_workbook

    catalog, units = _declared(data_dir)  # once per worker: units.toml may list 10,000 units
    unit = units[unit_code]
    values, rows = fill(unit, catalog, random.Random(seed))
    blank = blank_workbook(unit, YEAR, catalog, ())
    path = data_dir / str(YEAR) / workbook_filename(unit, YEAR)
    path.write_bytes(fill_workbook(blank, values, rows, "Người lập", "20/12/2018"))


def make_province(data_dir: Path, n: int, parallel: bool = True, fill=random_unit) -> Path:
    """Write a data folder with n units and one filled workbook each for YEAR; return it.

    fill(unit, catalog, rnd) returns the unit's (indicator values, table rows); it runs in
    worker processes when parallel, so it must be a module-level function.
    """
    (data_dir / str(YEAR)).mkdir(parents=True)
    shutil.copy(ROOT / "data/catalog.toml", data_dir / "catalog.toml")
    (data_dir / "units.toml").write_text(units_toml(n), encoding="utf-8")
    shutil.copy(ROOT / "data/2018/bao-cao.toml", data_dir / str(YEAR) / "bao-cao.toml")
    jobs = [(data_dir, f"{i:05d}", i, fill) for i in range(1, n + 1)]
    if parallel:
        with ProcessPoolExecutor() as pool:
            list(pool.map(_make_one, jobs, chunksize=50))
    else:
        for job in jobs:
            _make_one(job)
    return data_dir
