"""Benchmarks behind `make bench`: each stage and the whole process, against the floors.

Synthetic unit workbooks are made once with the project's own blank-workbook code, filled
with random but plausible values (fixed seed), and cached under bench/cache/ (ignored by git).

    .venv/bin/python -m bench.run                 # N = 8, 100, 1000, 10000
    BENCH_SIZES=8,100 .venv/bin/python -m bench.run
    .venv/bin/python -m bench.run --data-only     # only make the data (make bench-data)
"""

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.synthetic import YEAR, make_province

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "cache"
BIN = Path(sys.executable).parent


def dataset(n: int) -> Path:
    """Return a data folder with n synthetic unit workbooks for YEAR, made once."""
    data_dir = CACHE / f"data-{n}"
    done = data_dir / ".complete"
    if done.exists():
        return data_dir
    shutil.rmtree(data_dir, ignore_errors=True)
    make_province(data_dir, n)
    done.touch()
    return data_dir


def _run(cmd: list[str], cache: str = "off") -> tuple[float, int]:
    """Run a command; return (wall seconds, peak RSS in MiB) of that process alone.

    The cache of checked workbooks is off unless a cache folder is given: cold runs.
    """
    env = os.environ | {"REPORTGEN_CACHE": cache}
    with tempfile.TemporaryFile() as err:  # a pipe would fill up and stall a chatty run
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise RuntimeError(f"{cmd} failed: {err.read().decode()}")
    return wall, usage.ru_maxrss // 1024


def _median(cmd: list[str], repeat: int, cache: str = "off") -> tuple[float, int]:
    runs = [_run(cmd, cache) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


CALAMINE_FLOOR = """
import sys
from pathlib import Path
from python_calamine import CalamineWorkbook
for path in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()
"""

WEASYPRINT_FLOOR = """
import sys
import weasyprint
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])
"""


def stages(data_dir: Path) -> dict[str, float]:
    """Time each stage of the chain in-process (seconds)."""
    from reportgen.checks.completeness import check_completeness
    from reportgen.checks.one_workbook import inspect_workbook
    from reportgen.declared.catalog import load_catalog
    from reportgen.declared.settings import read_settings
    from reportgen.declared.units import load_registry
    from reportgen.inputs.find import find_workbooks
    from reportgen.inputs.read import read_workbook
    from reportgen.outputs.pdf import render_pdf
    from reportgen.report.aggregate import aggregate
    from reportgen.report.render import render_html, template_dirs

    times = {}
    t = time.perf_counter()
    files, _ = find_workbooks(data_dir, YEAR)
    times["find"] = time.perf_counter() - t
    t = time.perf_counter()
    raws = [read_workbook(p) for p in files]
    times["load"] = time.perf_counter() - t
    t = time.perf_counter()
    catalog, registry = load_catalog(data_dir), load_registry(data_dir)
    results = [inspect_workbook(r, catalog, registry, YEAR) for r in raws]
    check_completeness(results, registry, YEAR, "")
    times["check"] = time.perf_counter() - t
    subs = [c.submission for c in results if c.submission is not None]
    settings, _ = read_settings(data_dir, YEAR)
    t = time.perf_counter()
    data = aggregate(subs, catalog, registry.province_for(YEAR), settings, YEAR)
    times["aggregate"] = time.perf_counter() - t
    t = time.perf_counter()
    html = render_html(data, template_dirs())
    times["render_html"] = time.perf_counter() - t
    t = time.perf_counter()
    render_pdf(html, template_dirs(), settings.date)
    times["render_pdf"] = time.perf_counter() - t
    return times


def hung_yen_2026(tmp: Path, reportgen: str, py: str) -> dict[str, float]:
    """Time this year's real shape: Hưng Yên's 104 commune-level units (examples/hung-yen),
    check and build with the appendix, against a bare WeasyPrint render of the same HTML."""
    data = str(ROOT / "examples" / "hung-yen")
    check_cmd = [reportgen, "check", "--year", "2026", "--data-dir", data]
    check_s, _ = _median([*check_cmd, "--out-dir", str(tmp / "hy-check")], 3)
    build_cmd = [reportgen, "build", "--year", "2026", "--data-dir", data]
    build_s, _ = _median([*build_cmd, "--out-dir", str(tmp / "hy")], 3)
    html = tmp / "hy" / "ket-qua-phong-chong-mua-ban-nguoi-2026.html"
    bare_s, _ = _median([py, "-c", WEASYPRINT_FLOOR, str(html), str(tmp / "hy-bare.pdf")], 3)
    return dict(hy_check_s=check_s, hy_build_s=build_s, hy_bare_s=bare_s)


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "8,100,1000,10000").split(",")]
    # All data first (10,000 workbooks take minutes to make, once), so that nothing else runs
    # while the timings are taken.
    for n in sizes:
        print(f"N = {n}: preparing data…", file=sys.stderr)
        dataset(n)
    if "--data-only" in sys.argv:
        return
    reportgen = str(BIN / "reportgen")
    py = sys.executable
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # The real 2018 build against a bare WeasyPrint render of the same HTML.
        build_cmd = [reportgen, "build", "--year", "2018", "--out-dir", str(tmp / "real")]
        build_s, build_mb = _median(build_cmd, 5)
        html = next((tmp / "real").glob("*.html"))
        bare_s, bare_mb = _median([py, "-c", WEASYPRINT_FLOOR, str(html), str(tmp / "bare.pdf")], 5)
        help_s, _ = _median([reportgen, "--help"], 5)
        hung_yen = hung_yen_2026(tmp, reportgen, py)
        # A template-only change: the workbooks come from the cache, only the HTML is made.
        mine = tmp / "mau" / "sections"
        mine.mkdir(parents=True)
        section = ROOT / "templates/sections/07-phuong-huong.html.j2"
        (mine / section.name).write_text(
            section.read_text(encoding="utf-8").replace("Trong thời gian tới", "Năm tới"),
            encoding="utf-8",
        )
        rebuild = [
            reportgen,
            "build",
            "--year",
            "2018",
            "--format",
            "html",
            "--templates-dir",
            str(tmp / "mau"),
            "--out-dir",
            str(tmp / "html"),
        ]
        cache = str(tmp / "cache")
        _run(rebuild, cache)  # fills the cache
        rebuild_s, _ = _median(rebuild, 5, cache)
        for n in sizes:
            data_dir = dataset(n)
            repeat = 3 if n <= 1000 else 1
            check_cmd = [reportgen, "check", "--year", str(YEAR), "--data-dir", str(data_dir)]
            check_s, check_mb = _median(check_cmd, repeat)
            floor_s, _ = _median([py, "-c", CALAMINE_FLOOR, str(data_dir / str(YEAR))], repeat)
            warm = str(tmp / f"cache-{n}")
            _run(check_cmd, warm)
            warm_s, _ = _median(check_cmd, repeat, warm)
            build_cmd = [reportgen, "build", "--year", str(YEAR), "--data-dir", str(data_dir)]
            build_cmd += ["--out-dir", str(tmp / f"out-{n}")]
            # Without the appendix: a table of every unit is 110 pages at 1,000 units.
            whole_s, whole_mb = _median([*build_cmd, "--no-appendix"], repeat)
            # With it, where a province can have that many units (≈ 100 communes at most).
            appendix_s = _median(build_cmd, repeat)[0] if n <= 100 else None
            print(
                f"N = {n}: check {check_s:.2f} s (raw calamine {floor_s:.2f} s), "
                f"build {whole_s:.2f} s",
                file=sys.stderr,
            )
            st = stages(data_dir)
            rows.append(
                dict(
                    n=n,
                    check_s=check_s,
                    check_mb=check_mb,
                    calamine_s=floor_s,
                    warm_s=warm_s,
                    build_s=whole_s,
                    build_appendix_s=appendix_s,
                    build_mb=whole_mb,
                    **st,
                )
            )
    report = dict(
        machine=f"{platform.node()} — {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores",
        build_2018_s=build_s,
        build_2018_mb=build_mb,
        bare_weasyprint_s=bare_s,
        bare_weasyprint_mb=bare_mb,
        help_s=help_s,
        rebuild_s=rebuild_s,
        **hung_yen,
        rows=rows,
    )
    (CACHE / "last.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(format_table(report))


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def format_table(r: dict) -> str:
    """Return the results as the Markdown that docs/performance.md quotes."""
    lines = [
        f"Machine: {r['machine']}",
        "",
        "| whole process (median) | seconds | peak MiB |",
        "|---|---:|---:|",
        f"| `reportgen build --year 2018` (8 files, HTML+PDF) | {r['build_2018_s']:.2f} | {r['build_2018_mb']} |",
        f"| bare WeasyPrint render of the same HTML | {r['bare_weasyprint_s']:.2f} | {r['bare_weasyprint_mb']} |",
        f"| ratio build / bare WeasyPrint (target ≤ 1.5) | {r['build_2018_s'] / r['bare_weasyprint_s']:.2f} | |",
        f"| `reportgen --help` (target < 0.3 s) | {r['help_s']:.2f} | |",
        f"| template-only rebuild, `--format html`, workbooks from the cache (target ≤ 0.3 s) | {r['rebuild_s']:.2f} | |",
        f"| Hưng Yên 2026, 104 communes (`examples/hung-yen`): check, also 2025 for the comparison (target ≤ 2 s) | {r['hy_check_s']:.2f} | |",
        f"| Hưng Yên 2026: build, HTML+PDF with the appendix (104 rows) | {r['hy_build_s']:.2f} | |",
        f"| bare WeasyPrint render of the same HTML | {r['hy_bare_s']:.2f} | |",
        f"| ratio build / bare WeasyPrint (target ≤ 2) | {r['hy_build_s'] / r['hy_bare_s']:.2f} | |",
        "",
        "| N | check s | check MiB | calamine raw s | check / raw (≤ 2 at 1,000) | check, cached s | build s | build MiB "
        "| build + appendix s | find | load | check | aggregate | HTML | PDF |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for x in r["rows"]:
        lines.append(
            f"| {x['n']:,} | {x['check_s']:.2f} | {x['check_mb']} | {x['calamine_s']:.2f} "
            f"| {x['check_s'] / x['calamine_s']:.2f} | {x['warm_s']:.2f} | {x['build_s']:.2f} | {x['build_mb']} "
            f"| {_seconds(x.get('build_appendix_s'))} "
            f"| {x['find']:.3f} | {x['load']:.2f} | {x['check']:.2f} | {x['aggregate']:.3f} "
            f"| {x['render_html']:.3f} | {x['render_pdf']:.2f} |"
        )
    lines.append("")
    lines.append(
        "Whole-process columns are medians (3 runs; 1 at 10,000) with the cache off (checked "
        'workbooks, compiled templates), except "check, cached". "build" leaves the appendix '
        'out; "build + appendix" has it (a row per unit), at N ≤ 100 only. Stage columns are '
        "in-process seconds of one serial run (no pool, no cache)."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
