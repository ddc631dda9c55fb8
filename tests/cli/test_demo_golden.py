"""The demo's outputs, byte for byte: speed work must never change what the merchant or a script reads.

The golden files were written by the code before the speed work of issue 20 (commit 60f3bfc, with wave 2's
features merged; the speed branch was checked against 18e24cd the same way). A change meant to change the output
regenerates them on purpose, and the diff shows what changed:

    SHOPGUARD_WRITE_GOLDEN=1 PYTHONPATH=$PWD python -m pytest tests/cli/test_demo_golden.py
"""

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shopguard.core.demo import demo_files
from tests.processes import run

GOLDEN = Path(__file__).parent / "golden"
ROOT = str(Path(__file__).resolve().parents[2])
DEMO_AS_OF = "2023-11-12 10:00:00"


def _check(name: str, output: str) -> None:
    # Rule packs are listed with their path: the checkout's folder is not part of the output's contract.
    data = output.replace(ROOT, "<repo>").encode("utf-8")
    golden = GOLDEN / name
    packed = name.endswith(".gz")
    if os.environ.get("SHOPGUARD_WRITE_GOLDEN"):
        golden.write_bytes(gzip.compress(data, 9, mtime=0) if packed else data)
    expected = golden.read_bytes()
    assert data == (gzip.decompress(expected) if packed else expected), f"{name} differs from its golden file"


@pytest.mark.parametrize(
    "name, args",
    [
        ("demo.json", ("--format", "json")),
        ("demo_table.txt", ()),
        ("demo_table_all.txt", ("--all", "--limit", "0")),
    ],
)
def test_file_triage_of_the_demo_is_unchanged(name, args):
    result = run("triage", "--demo", *args)
    assert result.returncode == 0, result.stderr
    _check(name, result.stdout)


def test_store_triage_of_the_demo_is_unchanged_first_and_with_kept_clocks(tmp_path):
    store = tmp_path / "data"
    imported = run("import", *demo_files(), "--data-dir", store, "--at", DEMO_AS_OF)
    assert imported.returncode == 0, imported.stderr
    settings = ("--merchant", "domestic", "--promise", "48h", "--shop-province", "浙江省")
    first = run("triage", "--format", "json", "--at", DEMO_AS_OF, "--data-dir", store, *settings)
    assert first.returncode == 0, first.stderr
    _check("demo_store.json", first.stdout)
    # The second run reuses the clocks the first one kept (store.clock_cache): the very same document.
    kept = run("triage", "--format", "json", "--at", DEMO_AS_OF, "--data-dir", store, *settings)
    assert kept.stdout == first.stdout
    table = run("triage", "--at", DEMO_AS_OF, "--data-dir", store, *settings)
    _check("demo_store_table.txt", table.stdout)


def test_file_triage_with_money_is_unchanged(tmp_path):
    """The demo's dates come before any known penalty table: 500 rows of the benchmark's export (2026, most
    clocks open, amounts with thousands separators) pin the money fields and the table's money column too."""
    # The benchmark's generator, as its own process (as the benchmark runs it).
    made = subprocess.run(
        [sys.executable, str(Path(ROOT) / "bench" / "make_order_export.py"), "--rows", "500", "--out", str(tmp_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    csv_path = Path(made.stdout.splitlines()[0])
    at = ("--at", "2026-11-27 09:00:00")
    result = run("triage", csv_path, "--format", "json", *at)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"money_at_risk": "') > 300  # the money pass did run
    _check("bench500.json.gz", result.stdout)
    _check("bench500_table.txt.gz", run("triage", csv_path, *at).stdout)
    store = tmp_path / "data"
    assert run("import", csv_path, "--data-dir", store, *at).returncode == 0
    first = run("triage", "--format", "json", "--data-dir", store, *at)
    _check("bench500_store.json.gz", first.stdout)
    assert run("triage", "--format", "json", "--data-dir", store, *at).stdout == first.stdout  # kept clocks
