"""Every speed and memory figure of issue 20 in one run, as ratios to a raw parse of the same file.

    python bench/bench_speed.py [--rows 200000] [--repeat 3] [--expect-sha256 HASH]

Each repeat runs every measurement once, round robin, so a load that comes and goes on a shared machine
touches them all alike; each figure is the median of its repeats (peak RSS: the highest). Ratios are taken
against the csv module's raw parse of the CSV (the XLSX: python-calamine's raw parse of the XLSX), measured
in the same run; the CPU seconds (user + system) and their ratios are printed too, as they hardly change
with other work on a shared machine. Targets (issue 20):

    import into a fresh store           <= 5x csv raw
    store, first triage (no kept clocks) <= 6x csv raw   (JSON)
    store, warm triage (kept clocks)     <= 2.5x csv raw (JSON)
    file triage, morning table           <= 4x csv raw
    file triage, full JSON               <= 6x csv raw
    file triage of the XLSX (JSON)       <= 1.3x calamine raw
    peak memory of a file triage         < 300 MB

The JSON of the file triage, of the store's first and of its warm triage must be the same document; its
SHA-256 (with the checkout's folder written as <repo>, so it is the same in every checkout) is printed, and
checked against --expect-sha256 when given.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench_triage import AT, BENCH_DIR, RAW_PARSE, REPO_ROOT, run_measured
from make_order_export import make_export

from shopguard.core.store import clock_cache

SHOPGUARD = [sys.executable, "-m", "shopguard"]
TARGETS = {  # name -> (ratio target, what it is divided by)
    "import": (5.0, "csv_raw"),
    "store_first_json": (6.0, "csv_raw"),
    "store_warm_json": (2.5, "csv_raw"),
    "file_table": (4.0, "csv_raw"),
    "file_json": (6.0, "csv_raw"),
    "xlsx_json": (1.3, "xlsx_raw"),
}
PEAK_TARGET_MB = 300.0
LABELS = {
    "csv_raw": "csv module, raw parse",
    "xlsx_raw": "calamine, raw parse of the XLSX",
    "import": "import into a fresh store",
    "store_first_json": "store triage, first (no kept clocks)",
    "store_warm_json": "store triage, warm (kept clocks)",
    "file_table": "file triage, morning table",
    "file_json": "file triage, JSON",
    "xlsx_json": "file triage of the XLSX, JSON",
}


def normalised_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes().replace(str(REPO_ROOT).encode(), b"<repo>")).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data-dir", type=Path, default=BENCH_DIR / ".data")
    ap.add_argument("--expect-sha256", help="the JSON document's normalised SHA-256 before a change")
    ap.add_argument("--no-xlsx", action="store_true", help="leave out the XLSX (it takes a minute to generate)")
    args = ap.parse_args()
    data_dir = args.data_dir.resolve()
    csv_path, xlsx_path = make_export(args.rows, data_dir)
    work = data_dir / "speed"
    work.mkdir(exist_ok=True)
    at = ["--at", AT]
    store = work / "store"

    def fresh_import(out: Path) -> tuple[float, int, float]:
        shutil.rmtree(store, ignore_errors=True)
        return run_measured([*SHOPGUARD, "import", str(csv_path), "--data-dir", str(store), *at], out)

    def first_triage(out: Path) -> tuple[float, int, float]:
        clock_cache.discard(store)  # as after an import of other data, a settings change or an update
        return run_measured([*SHOPGUARD, "triage", "--format", "json", *at, "--data-dir", str(store)], out)

    runs = {
        "csv_raw": lambda out: run_measured([sys.executable, "-c", RAW_PARSE["csv"], str(csv_path)], out),
        "import": fresh_import,
        "store_first_json": first_triage,
        "store_warm_json": lambda out: run_measured(
            [*SHOPGUARD, "triage", "--format", "json", *at, "--data-dir", str(store)], out
        ),
        "file_table": lambda out: run_measured([*SHOPGUARD, "triage", str(csv_path), *at], out),
        "file_json": lambda out: run_measured([*SHOPGUARD, "triage", str(csv_path), "--format", "json", *at], out),
    }
    if not args.no_xlsx:
        runs["xlsx_raw"] = lambda out: run_measured([sys.executable, "-c", RAW_PARSE["xlsx"], str(xlsx_path)], out)
        xlsx_triage = [*SHOPGUARD, "triage", str(xlsx_path), "--format", "json", *at]
        runs["xlsx_json"] = lambda out: run_measured(xlsx_triage, out)
    measured: dict[str, list[tuple[float, int, float]]] = {name: [] for name in runs}
    started = time.perf_counter()
    for attempt in range(args.repeat):
        for name, run in runs.items():  # the order above: import before the store's triages
            print(f"[{attempt + 1}/{args.repeat}] {name} ...", file=sys.stderr, flush=True)
            measured[name].append(run(work / f"{name}.out"))

    medians = {name: statistics.median(s for s, _, _ in values) for name, values in measured.items()}
    cpu = {name: statistics.median(c for _, _, c in values) for name, values in measured.items()}
    peaks = {name: max(kib for _, kib, _ in values) / 1024 for name, values in measured.items()}
    documents = {name: normalised_sha256(work / f"{name}.out") for name in ("file_json", "store_first_json",
                                                                             "store_warm_json")}  # fmt: skip
    if not args.no_xlsx:
        documents["xlsx_json"] = normalised_sha256(work / "xlsx_json.out")
    deadlines = len(json.loads((work / "file_json.out").read_text(encoding="utf-8"))["deadlines"])

    lines = [
        f"{args.rows} rows ({csv_path.name}), {deadlines} clocks, judged at {AT}; medians of {args.repeat}, "
        f"round robin, {time.perf_counter() - started:.0f} s in all",
        f"{'':40} {'median s':>9} {'peak MB':>8} {'ratio':>7} {'target':>8}      {'CPU s':>6} {'CPU ratio':>9}",
    ]
    results = {}
    for name in runs:
        ratio = target = cpu_ratio = None
        if name in TARGETS:
            target, base = TARGETS[name]
            ratio, cpu_ratio = medians[name] / medians[base], cpu[name] / cpu[base]
        verdict = "" if ratio is None else ("PASS" if ratio <= target else "MISS")
        shown = "" if ratio is None else f"{ratio:6.2f}x"
        goal = "" if target is None else f"<= {target:g}x"
        cpu_shown = "" if cpu_ratio is None else f"{cpu_ratio:8.2f}x"
        lines.append(f"{LABELS[name]:40} {medians[name]:9.2f} {peaks[name]:8.0f} {shown:>7} {goal:>8} {verdict:4} "
                     f"{cpu[name]:6.2f} {cpu_shown:>9}")  # fmt: skip
        results[name] = {"median_s": medians[name], "peak_rss_mb": peaks[name], "ratio": ratio, "target": target,
                         "cpu_s": cpu[name], "cpu_ratio": cpu_ratio,
                         "runs_s": [round(s, 3) for s, _, _ in measured[name]]}  # fmt: skip
    file_peak = max(peaks["file_table"], peaks["file_json"], peaks.get("xlsx_json", 0))
    lines.append(
        f"peak memory of a file triage: {file_peak:.0f} MB (target < {PEAK_TARGET_MB:g} MB) "
        + ("PASS" if file_peak < PEAK_TARGET_MB else "MISS")
    )
    csv_documents = {documents[name] for name in ("file_json", "store_first_json", "store_warm_json")}
    lines.append(
        f"JSON document sha256 {documents['file_json']}: file, store first and store warm "
        + ("identical" if len(csv_documents) == 1 else f"DIFFER {documents}")
    )
    if args.expect_sha256:
        same = documents["file_json"] == args.expect_sha256
        lines.append(f"  expected {args.expect_sha256}: " + ("same bytes" if same else "CHANGED"))
    print("\n".join(lines))
    summary = {"rows": args.rows, "at": AT, "repeat": args.repeat, "deadlines": deadlines, "results": results,
               "file_triage_peak_mb": file_peak, "json_sha256": documents}  # fmt: skip
    (data_dir / "speed_results.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
