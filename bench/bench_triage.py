"""Benchmark `shopguard triage` against a raw parse of the same 抖店 order export.

    python bench/bench_triage.py [--rows 200000] [--repeat 3] [--data-dir DIR] [--only csv|xlsx]

Every measurement is a separate child process; we report the median wall time and
the max peak RSS (ru_maxrss from os.wait4) over --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from make_order_export import make_export

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
AT = "2026-11-27 09:00:00"
TARGET_RATIO = {"xlsx": 1.5, "csv": 3.0}
TARGET_PEAK_MB = 300.0

# Baselines: the cheapest way to read every row of the file (prints the row count).
RAW_PARSE = {
    "xlsx": (
        "import sys\n"
        "from python_calamine import CalamineWorkbook\n"
        "sheet = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0)\n"
        "print(sum(1 for _ in sheet.iter_rows()))\n"
    ),
    "csv": (
        "import csv, sys\n"
        "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
        "    print(sum(1 for _ in csv.reader(f)))\n"
    ),
}


def run_child(cmd: list[str], stdout_path: Path) -> tuple[float, int]:
    """Run cmd once; return (wall seconds, peak RSS in KiB). Exits loudly on failure."""
    # stdout goes to a file and stderr to a temp file: no pipe for us to drain
    # (or deadlock on) while we block in wait4, and nothing accumulates in our memory.
    with open(stdout_path, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=REPO_ROOT)
        _, status, usage = os.wait4(proc.pid, 0)  # per-child rusage, unlike RUSAGE_CHILDREN
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by us, tell Popen
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(
                f"FAILED (exit {proc.returncode}): {shlex.join(cmd)}\n{err.read().decode(errors='replace')}"
            )
    return elapsed, usage.ru_maxrss  # ru_maxrss is KiB on Linux


def measure(cmd: list[str], repeat: int, stdout_path: Path) -> dict:
    runs = [run_child(cmd, stdout_path) for _ in range(repeat)]
    return {
        "median_s": statistics.median(s for s, _ in runs),
        "peak_rss_mb": max(kib for _, kib in runs) / 1024,
        "runs_s": [round(s, 3) for s, _ in runs],
    }


def bench_kind(kind: str, path: Path, rows: int, repeat: int, data_dir: Path, raw_only: bool) -> dict:
    print(f"[{kind}] raw parse x{repeat} ...", file=sys.stderr, flush=True)
    raw_out = data_dir / f"raw_{kind}.out"
    raw = measure([sys.executable, "-c", RAW_PARSE[kind], str(path)], repeat, raw_out)
    parsed = int(raw_out.read_text()) - 1  # minus the header row
    if parsed != rows:
        sys.exit(f"raw parse of {path} saw {parsed} data rows, expected {rows}")
    result = {"kind": kind, "file": str(path), "rows": rows, "raw": raw}
    if raw_only:
        return result

    print(f"[{kind}] triage x{repeat} ...", file=sys.stderr, flush=True)
    triage_out = data_dir / f"triage_{kind}.json"
    cmd = [sys.executable, "-m", "shopguard", "triage", str(path), "--format", "json", "--at", AT]
    triage = measure(cmd, repeat, triage_out)
    ratio = triage["median_s"] / raw["median_s"]
    result.update(
        triage=triage,
        rows_per_s=rows / triage["median_s"],
        ratio=ratio,
        deadlines=len(json.loads(triage_out.read_text(encoding="utf-8"))["deadlines"]),
        ratio_target=TARGET_RATIO[kind],
        ratio_pass=ratio <= TARGET_RATIO[kind],
        peak_target_mb=TARGET_PEAK_MB,
        peak_pass=triage["peak_rss_mb"] < TARGET_PEAK_MB,
    )
    print(f"[{kind}] deadlines in triage output: {result['deadlines']}", flush=True)
    return result


def print_table(results: list[dict]) -> None:
    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    head = (
        f"{'kind':<5} {'rows':>7} {'raw s':>7} {'triage s':>9} {'rows/s':>9} {'ratio':>6} "
        f"{'ratio target':>13} {'raw MB':>7} {'triage MB':>10} {'peak target':>13}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        raw = r["raw"]
        if "triage" not in r:
            print(
                f"{r['kind']:<5} {r['rows']:>7} {raw['median_s']:>7.2f} {'-':>9} {'-':>9} {'-':>6} "
                f"{'-':>13} {raw['peak_rss_mb']:>7.1f} {'-':>10} {'-':>13}"
            )
            continue
        tri = r["triage"]
        print(
            f"{r['kind']:<5} {r['rows']:>7} {raw['median_s']:>7.2f} {tri['median_s']:>9.2f} "
            f"{r['rows_per_s']:>9,.0f} {r['ratio']:>6.2f} "
            f"{'<=' + format(r['ratio_target'], 'g') + ' ' + verdict(r['ratio_pass']):>13} "
            f"{raw['peak_rss_mb']:>7.1f} {tri['peak_rss_mb']:>10.1f} "
            f"{'<' + format(r['peak_target_mb'], 'g') + ' ' + verdict(r['peak_pass']):>13}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data-dir", type=Path, default=BENCH_DIR / ".data")
    ap.add_argument("--only", choices=["csv", "xlsx"])
    ap.add_argument("--raw-only", action="store_true", help="skip the shopguard runs")
    args = ap.parse_args()
    data_dir = args.data_dir.resolve()

    start = time.perf_counter()
    csv_path, xlsx_path = make_export(args.rows, data_dir)
    print(f"export files ready in {time.perf_counter() - start:.1f}s", file=sys.stderr)

    files = {"xlsx": xlsx_path, "csv": csv_path}
    kinds = [args.only] if args.only else ["xlsx", "csv"]
    results = [bench_kind(k, files[k], args.rows, args.repeat, data_dir, args.raw_only) for k in kinds]

    print()
    print_table(results)
    out = data_dir / "results.json"
    out.write_text(
        json.dumps(
            {"at": AT, "repeat": args.repeat, "python": sys.version.split()[0], "results": results},
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"\nresults written to {out}")


if __name__ == "__main__":
    main()
