"""Benchmark the morning report against a warm `shopguard triage` on the 200,000-order store.

    python bench/bench_report.py [--rows 200000] [--repeat 3] [--full]

Both commands read the same full store (built once from the benchmark export, see make_order_export.py) with
the clocks kept from the run before, as on a morning where nothing changed; each figure is the median over
--repeat child processes measured in this one run, so the ratio (target: report <= 3x triage) holds on a
loaded machine too. `--full` also times the report with the optional 全部时钟 sheet.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench_triage import AT, BENCH_DIR, measure, run_child
from make_order_export import make_export

SHOPGUARD = [sys.executable, "-m", "shopguard"]
TARGET_RATIO = 3.0


def full_store(csv_path: Path, work: Path) -> Path:
    """The store with every order of the export; built once and reused."""
    store = work / "store"
    if not (store / "shopguard.db").exists():
        print("building the store ...", file=sys.stderr, flush=True)
        run_child([*SHOPGUARD, "import", str(csv_path), "--data-dir", str(store)], work / "import.out")
    return store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data-dir", type=Path, default=BENCH_DIR / ".data")
    ap.add_argument("--full", action="store_true", help="also time the report with the 全部时钟 sheet")
    args = ap.parse_args()
    data_dir = args.data_dir.resolve()
    csv_path, _ = make_export(args.rows, data_dir)
    work = data_dir / "report-bench"
    work.mkdir(exist_ok=True)
    store = full_store(csv_path, work)
    source = ["--at", AT, "--data-dir", str(store)]
    run_child([*SHOPGUARD, "triage", *source], work / "keep.txt")  # keeps the clocks: later runs are warm
    print("warm triage ...", file=sys.stderr, flush=True)
    triage = measure([*SHOPGUARD, "triage", *source], args.repeat, work / "triage.txt")
    print("report ...", file=sys.stderr, flush=True)
    report = measure([*SHOPGUARD, "report", *source, "--out", str(work / "r.xlsx")], args.repeat, work / "r.out")
    results = {"rows": args.rows, "triage": triage, "report": report,
               "ratio": report["median_s"] / triage["median_s"], "target_ratio": TARGET_RATIO}  # fmt: skip
    lines = [
        f"warm triage (table) {triage['median_s']:6.2f} s  {triage['peak_rss_mb']:6.0f} MB  runs {triage['runs_s']}",
        f"report              {report['median_s']:6.2f} s  {report['peak_rss_mb']:6.0f} MB  runs {report['runs_s']}"
        f"  ratio {results['ratio']:.2f} (target <= {TARGET_RATIO:g})"
        f"  {(work / 'r.xlsx').stat().st_size / 2**20:.1f} MB xlsx",
    ]
    if args.full:
        full_cmd = [*SHOPGUARD, "report", *source, "--full", "--out", str(work / "full.xlsx")]
        full = measure(full_cmd, args.repeat, work / "full.out")
        results["report_full"] = full
        lines.append(
            f"report --full       {full['median_s']:6.2f} s  {full['peak_rss_mb']:6.0f} MB  runs {full['runs_s']}"
            f"  ratio {full['median_s'] / triage['median_s']:.2f}"
        )
    print("\n".join(lines))
    (data_dir / "report_results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
