"""Experiment for a decision of the owner (issue 20), not part of ShopGuard: the triage JSON written by orjson
with compact separators (no space after ':' and ','), timed against today's writer on the same workload.

The document it writes has the same content as `shopguard triage --format json` (json.loads gives the same
value, checked below) but not the same bytes: adopting it would change the JSON contract's layout.

    python bench/experiments/orjson_compact.py [--repeat 3] [--data-dir bench/.data]
    python bench/experiments/orjson_compact.py --run triage FILE --format json --at "..."   # one run, to stdout

Needs `pip install orjson` (not a dependency of ShopGuard).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BENCH))

_BATCH = 2000


def write_json_orjson(triage, problems, out, problems_not_listed: int = 0) -> None:
    """As core.triage.output.write_json, compact, by orjson: the same fields in the same order."""
    import orjson

    from shopguard.core.clock import iso
    from shopguard.core.deadlines.engine import shipped_penalty_tables
    from shopguard.core.triage.buckets import bucket_of
    from shopguard.core.triage.output import _pack_dict, bucket_counts
    from shopguard.core.triage.product_risk import product_risk
    from shopguard.core.triage.shop_risk import shop_risk

    def as_dict(d) -> dict:  # output.deadline_dict, with the moments left to orjson (RFC 3339, as isoformat)
        return {
            "kind": d.kind, "order_id": d.order_id, "after_sale_id": d.after_sale_id, "tracking_no": d.tracking_no,
            "start": d.start, "due": d.due, "done": d.done, "status": d.status, "seconds_left": d.seconds_left,
            "rule": d.rule, "explanation": d.explanation, "rule_title": d.rule_title, "verified": d.verified,
            "bucket": bucket_of(d), "sub_order_ids": d.sub_order_ids, "product": d.product, "courier": d.courier,
            "money_at_risk": d.money_at_risk, "money_incurred": d.money_incurred, "money_basis": d.money_basis,
            "handled": d.handled, "note": d.note, "correction": d.correction, "filing_mark": d.filing_mark,
        }  # fmt: skip

    sys.stdout.flush()
    raw = out.buffer
    head = {"as_of": iso(triage.as_of), "rule_packs": [_pack_dict(p) for p in triage.packs]}
    raw.write(orjson.dumps(head)[:-1] + b',"deadlines":[')
    deadlines = triage.deadlines
    for first in range(0, len(deadlines), _BATCH):
        batch = orjson.dumps([as_dict(d) for d in deadlines[first : first + _BATCH]])[1:-1]
        raw.write(batch if first == 0 else b"," + batch)
    tables = shipped_penalty_tables()
    tail = {
        "problems": [problem.as_dict() for problem in problems],
        "problems_not_listed": problems_not_listed,
        "notices": triage.notices,
        "counts": bucket_counts(deadlines),
        "shop_risk": shop_risk(deadlines, triage.as_of, tables).as_dict(),
        "product_risk": product_risk(deadlines, triage.as_of, tables).as_dict(),
    }
    raw.write(b"]," + orjson.dumps(tail)[1:] + b"\n")


def run(argv: list[str]) -> int:
    from shopguard import cli
    from shopguard.core.triage import output

    output.write_json = write_json_orjson  # the CLI looks it up at call time
    return cli.main(argv)


def compare(repeat: int, data_dir: Path) -> None:
    from bench_triage import AT, RAW_PARSE, run_measured
    from make_order_export import make_export

    csv_path, _ = make_export(200_000, data_dir)
    work = data_dir / "orjson_experiment"
    work.mkdir(exist_ok=True)
    store = work / "store"
    shutil.rmtree(store, ignore_errors=True)
    at = ["--at", AT]
    shopguard = [sys.executable, "-m", "shopguard"]
    experiment = [sys.executable, __file__, "--run"]
    run_measured([*shopguard, "import", str(csv_path), "--data-dir", str(store), *at], work / "import.out")
    warm = ["triage", "--format", "json", *at, "--data-dir", str(store)]
    run_measured([*shopguard, *warm], work / "first.out")  # keeps the clocks: every run below is warm
    file_json = ["triage", str(csv_path), "--format", "json", *at]
    runs = {
        "csv_raw": [sys.executable, "-c", RAW_PARSE["csv"], str(csv_path)],
        "store_warm_json": [*shopguard, *warm],
        "store_warm_orjson": [*experiment, *warm],
        "file_json": [*shopguard, *file_json],
        "file_orjson": [*experiment, *file_json],
    }
    measured: dict[str, list[tuple[float, int, float]]] = {name: [] for name in runs}
    for attempt in range(repeat):
        for name, cmd in runs.items():
            print(f"[{attempt + 1}/{repeat}] {name} ...", file=sys.stderr, flush=True)
            measured[name].append(run_measured(cmd, work / f"{name}.out"))
    for today, compact in (("store_warm_json", "store_warm_orjson"), ("file_json", "file_orjson")):
        ours, theirs = work / f"{today}.out", work / f"{compact}.out"
        same = json.loads(ours.read_bytes()) == json.loads(theirs.read_bytes())
        print(f"{compact}: same content as {today}: {same}; {theirs.stat().st_size:,} bytes vs {ours.stat().st_size:,}")
    wall = {name: statistics.median(s for s, _, _ in values) for name, values in measured.items()}
    cpu = {name: statistics.median(c for _, _, c in values) for name, values in measured.items()}
    peak = {name: max(k for _, k, _ in values) / 1024 for name, values in measured.items()}
    print(f"medians of {repeat}, round robin; ratios to the csv module's raw parse")
    print(f"{'':20} {'wall s':>7} {'ratio':>7} {'CPU s':>7} {'CPU ratio':>9} {'peak MB':>8}")
    for name in runs:
        print(f"{name:20} {wall[name]:7.2f} {wall[name] / wall['csv_raw']:6.2f}x {cpu[name]:7.2f} "
              f"{cpu[name] / cpu['csv_raw']:8.2f}x {peak[name]:8.0f}")  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--run":
        sys.exit(run(sys.argv[2:]))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data-dir", type=Path, default=BENCH / ".data")
    args = ap.parse_args()
    compare(args.repeat, args.data_dir.resolve())


if __name__ == "__main__":
    main()
