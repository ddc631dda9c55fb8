"""Benchmark `shopguard triage` against a raw parse of the same 抖店 order export.

    python bench/bench_triage.py [--rows 200000] [--repeat 3] [--data-dir DIR] [--only csv|xlsx]

Every measurement is a separate child process; we report the median wall time and
the max peak RSS (ru_maxrss from os.wait4) over --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import subprocess
import sys
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


# Spawns the measured command, waits for it and prints "seconds maxrss_kib exitcode".
# Measuring through this small, freshly started launcher matters: Linux carries the
# spawning process's peak RSS into the child's ru_maxrss (vfork/exec), so spawning
# from this benchmark process directly would inflate the figures of small children.
LAUNCHER = (
    "import os, sys, time\n"
    "out, err, *cmd = sys.argv[1:]\n"
    "flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC\n"
    "files = [(os.POSIX_SPAWN_OPEN, 1, out, flags, 0o644), (os.POSIX_SPAWN_OPEN, 2, err, flags, 0o644)]\n"
    "start = time.perf_counter()\n"
    "pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=files)\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "cpu = usage.ru_utime + usage.ru_stime\n"
    "print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status), cpu)\n"
)


def run_child(cmd: list[str], stdout_path: Path) -> tuple[float, int]:
    """Run cmd once; return (wall seconds, peak RSS in KiB). Exits loudly on failure."""
    seconds, maxrss_kib, _ = run_measured(cmd, stdout_path)
    return seconds, maxrss_kib


def run_measured(cmd: list[str], stdout_path: Path) -> tuple[float, int, float]:
    """Run cmd once; return (wall seconds, peak RSS in KiB, CPU seconds: user + system). Exits loudly on
    failure. CPU seconds hardly change with other work on a shared machine; wall seconds do."""
    # stdout and stderr go to files: nothing accumulates in a pipe or in our memory.
    stderr_path = stdout_path.with_suffix(".stderr")
    launcher = [sys.executable, "-I", "-S", "-c", LAUNCHER, str(stdout_path), str(stderr_path)]
    report = subprocess.run(launcher + cmd, cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    seconds, maxrss_kib, exit_code, cpu = report.stdout.split()
    if exit_code != "0":
        stderr = stderr_path.read_text(encoding="utf-8", errors="replace")
        sys.exit(f"FAILED (exit {exit_code}): {shlex.join(cmd)}\n{stderr}")
    return float(seconds), int(maxrss_kib), float(cpu)  # ru_maxrss is KiB on Linux


def measure(cmd: list[str], repeat: int, stdout_path: Path) -> dict:
    return summarise([run_child(cmd, stdout_path) for _ in range(repeat)])


def summarise(runs: list[tuple[float, int]]) -> dict:
    """Median wall time and the highest peak RSS of (seconds, KiB) runs."""
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
