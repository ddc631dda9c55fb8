"""Benchmark the local store on the 200,000-row export: import, re-import, and triage from the store.

    python bench/bench_store.py [--rows 200000] [--repeat 3]

Each figure is the median over --repeat child processes (peak RSS: the maximum). The ratio compares a store
import with `shopguard triage FILE --format json` on the same file (target: within 2x); triage from a full
store has a target of under 2 s. Triage is measured three ways: the morning case, the first run after a
newer export was imported on top of clocks kept the day before (only the changed orders are computed);
with no clocks kept at all (everything is computed, as on the first day or after a settings change); and
later runs on the unchanged store (the kept clocks are reused).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from bench_triage import AT, BENCH_DIR, measure, run_child, summarise
from make_order_export import make_export

from shopguard.core.store import clock_cache

SHOPGUARD = [sys.executable, "-m", "shopguard"]


def newer_export(source: Path, every: int = 10) -> Path:
    """A later export of the same orders: a newer file-name timestamp and every n-th shipped order completed."""
    stamp, rest = source.name.split("_", 1)
    target = source.with_name(f"{int(stamp) + 86400}_{rest}")
    if not target.exists():
        with (
            source.open(encoding="utf-8-sig", newline="") as src,
            target.open("w", encoding="utf-8-sig", newline="") as out,
        ):
            for number, line in enumerate(src):
                out.write(line.replace("\t已发货", "\t已完成", 1) if number % every == 1 else line)
    return target


def fresh_store_imports(csv_path: Path, work: Path, repeat: int) -> dict:
    runs = []
    for attempt in range(repeat):
        store = work / f"store-{attempt}"
        shutil.rmtree(store, ignore_errors=True)
        runs.append(run_child([*SHOPGUARD, "import", str(csv_path), "--data-dir", str(store), "--at", AT],
                              work / "import.out"))  # fmt: skip
    return summarise(runs)


def triages_with_nothing_kept(command: list[str], store: Path, repeat: int, out: Path) -> dict:
    """No clocks kept from an earlier run (store.clock_cache): everything is computed."""
    runs = []
    for _ in range(repeat):
        clock_cache.discard(store)
        runs.append(run_child(command, out))
    return summarise(runs)


def triages_after_import(command: list[str], store: Path, newer: Path, repeat: int, work: Path) -> tuple[dict, str]:
    """The morning: clocks were kept yesterday, then a newer export was imported. Each run starts from a copy."""
    run_child([*command, "--data-dir", str(store)], work / "yesterday.txt")  # keeps the clocks
    changed = run_child([*SHOPGUARD, "import", str(newer), "--data-dir", str(store), "--at", AT], work / "changed.out")
    summary = (work / "changed.out").read_text(encoding="utf-8").splitlines()[0]
    runs = []
    for _ in range(repeat):
        copy = work / "morning"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(store, copy, ignore=shutil.ignore_patterns("backups"))
        runs.append(run_child([*command, "--data-dir", str(copy)], work / "morning.txt"))
    return {"import": {"seconds": changed[0], "peak_rss_mb": changed[1] / 1024, "summary": summary},
            "triage": summarise(runs)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data-dir", type=Path, default=BENCH_DIR / ".data")
    args = ap.parse_args()
    data_dir = args.data_dir.resolve()
    csv_path, _ = make_export(args.rows, data_dir)
    work = data_dir / "store-bench"
    work.mkdir(exist_ok=True)

    print("file-only triage ...", file=sys.stderr, flush=True)
    file_triage = measure(
        [*SHOPGUARD, "triage", str(csv_path), "--format", "json", "--at", AT], args.repeat, work / "f.json"
    )
    print("import into an empty store ...", file=sys.stderr, flush=True)
    empty = fresh_store_imports(csv_path, work, args.repeat)
    store = work / "store-0"  # full after the first fresh import
    print("re-import, same file ...", file=sys.stderr, flush=True)
    same = measure(
        [*SHOPGUARD, "import", str(csv_path), "--data-dir", str(store), "--at", AT], args.repeat, work / "same.out"
    )
    print("re-import of a newer export, then the morning triage ...", file=sys.stderr, flush=True)
    table = [*SHOPGUARD, "triage", "--at", AT]
    morning = triages_after_import(table, store, newer_export(csv_path), args.repeat, work)
    print("triage from the store ...", file=sys.stderr, flush=True)
    nothing_kept = triages_with_nothing_kept([*table, "--data-dir", str(store)], store, args.repeat, work / "all.txt")
    store_json = measure(
        [*SHOPGUARD, "triage", "--format", "json", "--at", AT, "--data-dir", str(store)], args.repeat, work / "s.json"
    )
    store_table = measure([*table, "--data-dir", str(store)], args.repeat, work / "s.txt")
    deadlines = len(json.loads((work / "s.json").read_text(encoding="utf-8"))["deadlines"])

    results = {
        "rows": args.rows,
        "file_triage_json": file_triage,
        "import_empty_store": empty,
        "reimport_same_file": same,
        "reimport_newer_export": morning["import"],
        "store_triage_table_after_newer_export": morning["triage"],
        "store_triage_table_nothing_kept": nothing_kept,
        "store_triage_json": store_json,
        "store_triage_table": store_table,
        "deadlines": deadlines,
        "store_mb": (store / "shopguard.db").stat().st_size / 2**20,
        "import_ratio_to_file_triage": empty["median_s"] / file_triage["median_s"],
    }
    lines = [
        f"rows {args.rows}, deadlines {deadlines}, store file {results['store_mb']:.0f} MB",
        f"file-only triage (json)        {file_triage['median_s']:6.2f} s  {file_triage['peak_rss_mb']:6.0f} MB",
        f"import into empty store        {empty['median_s']:6.2f} s  {empty['peak_rss_mb']:6.0f} MB"
        f"  ratio {results['import_ratio_to_file_triage']:.2f} (target <= 2)",
        f"re-import same file            {same['median_s']:6.2f} s  {same['peak_rss_mb']:6.0f} MB",
        f"re-import newer export         {morning['import']['seconds']:6.2f} s"
        f"  {morning['import']['peak_rss_mb']:6.0f} MB  ({morning['import']['summary']})",
        f"triage after that import       {morning['triage']['median_s']:6.2f} s"
        f"  {morning['triage']['peak_rss_mb']:6.0f} MB"
        "  (table; target < 2 s; computes the changed orders, keeps the rest)",
        f"triage with no clocks kept     {nothing_kept['median_s']:6.2f} s  {nothing_kept['peak_rss_mb']:6.0f} MB"
        "  (table; computes everything)",
        f"triage from store (json)       {store_json['median_s']:6.2f} s  {store_json['peak_rss_mb']:6.0f} MB",
        f"triage from store (table)      {store_table['median_s']:6.2f} s  {store_table['peak_rss_mb']:6.0f} MB"
        "  (target < 2 s; clocks kept from the run before, unchanged store)",
    ]
    print("\n".join(lines))
    (data_dir / "store_results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
