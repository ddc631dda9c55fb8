"""Several ShopGuards on one data folder at once, as real processes: first starts, imports and notes wait for
each other instead of ending in a traceback; when waiting runs out, the merchant is told so."""

import json
import multiprocessing
import subprocess
import sys
import time

import pytest

from shopguard.cli import main
from shopguard.core.store import database
from shopguard.core.store.database import DB_NAME, Store, schema_version
from shopguard.core.store.migrations import LATEST
from tests.exports import order_row, write_csv
from tests.store_faults import shopguard, write_lock_held

ORDER = "6917926768823643751"
# Longer than SQLite's default wait of 5 seconds, shorter than ShopGuard's for a note or an import.
HELD = 7.0


def first_start(directory, barrier, outcomes):
    from shopguard.core.store.database import Store

    barrier.wait()
    try:
        with Store.open(directory) as store:
            store.set_setting(f"started-{multiprocessing.current_process().name}", "yes")
        outcomes.put("ok")
    except BaseException as error:  # every way of failing is reported to the test
        outcomes.put(f"{type(error).__name__}: {error}")


@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_first_starts_on_a_new_data_folder(tmp_path, attempt):
    directory = tmp_path / "new"
    context = multiprocessing.get_context("spawn")
    barrier, outcomes = context.Barrier(4), context.Queue()
    starts = [context.Process(target=first_start, args=(directory, barrier, outcomes)) for _ in range(4)]
    for process in starts:
        process.start()
    results = [outcomes.get(timeout=120) for _ in starts]
    for process in starts:
        process.join(timeout=60)
    assert results == ["ok"] * 4
    with Store.open(directory) as store:
        assert schema_version(store.connection) == LATEST
        started = store.connection.execute("SELECT COUNT(*) FROM settings WHERE key LIKE 'started-%'").fetchone()
        assert started[0] == 4


def exports(tmp_path):
    first = write_csv(tmp_path / "1699750800_orders.csv", [order_row(order_id=ORDER)])
    other = order_row(order_id="6917926768823643752", sub_order_id="6917926768823643753")
    second = write_csv(tmp_path / "1699837200_orders.csv", [other])
    return first, second


def test_an_import_waits_while_another_import_holds_the_write_lock(tmp_path):
    directory = tmp_path / "data"
    first, second = exports(tmp_path)
    assert shopguard("import", first, "--data-dir", directory).returncode == 0
    with write_lock_held(directory, HELD):
        started = time.monotonic()
        waited = shopguard("import", second, "--data-dir", directory)
        assert waited.returncode == 0, waited.stderr
        assert time.monotonic() - started > HELD - 2  # it did wait for the other one
    assert "新增 1" in waited.stdout
    with Store.open(directory) as store:
        assert store.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 2


def test_a_note_waits_while_an_import_holds_the_write_lock(tmp_path):
    directory = tmp_path / "data"
    first, _ = exports(tmp_path)
    assert shopguard("import", first, "--data-dir", directory).returncode == 0
    with write_lock_held(directory, HELD):
        noted = shopguard("orders", "note", ORDER, "买家要求周五后发货", "--data-dir", directory)
        looked = shopguard("triage", "--format", "json", "--data-dir", directory)  # readers never wait
    assert noted.returncode == 0, noted.stderr
    assert looked.returncode == 0 and json.loads(looked.stdout)["deadlines"]
    with Store.open(directory) as store:
        assert store.connection.execute("SELECT text FROM notes").fetchall() == [("买家要求周五后发货",)]


def test_a_note_during_a_real_import_of_a_large_file(tmp_path):
    directory = tmp_path / "data"
    first, _ = exports(tmp_path)
    assert shopguard("import", first, "--data-dir", directory).returncode == 0
    rows = [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}") for n in range(60_000)]
    big = write_csv(tmp_path / "1699837200_big.csv", rows)
    wal = directory / f"{DB_NAME}-wal"
    command = [sys.executable, "-m", "shopguard", "import", str(big), "--data-dir", str(directory)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as importing:
        deadline = time.monotonic() + 120
        while importing.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > 1024 * 1024:  # its transaction is writing
                break
            time.sleep(0.005)
        noted = shopguard("orders", "note", ORDER, "已催快递", "--data-dir", directory)
        out, errors = importing.communicate()
    assert importing.returncode == 0 and "Traceback" not in errors, errors
    assert noted.returncode == 0, noted.stderr
    with Store.open(directory) as store:
        assert store.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 60_001
        assert store.connection.execute("SELECT text FROM notes").fetchall() == [("已催快递",)]


def test_when_waiting_runs_out_the_merchant_is_told_another_shopguard_is_writing(tmp_path, monkeypatch, capsys):
    directory = tmp_path / "data"
    first, second = exports(tmp_path)
    assert main(["import", str(first), "--data-dir", str(directory)]) == 0
    monkeypatch.setattr(database, "SMALL_WRITE_WAIT", 0.5)
    monkeypatch.setattr(database, "IMPORT_WAIT", 0.5)
    monkeypatch.setattr("shopguard.cli.store_commands.IMPORT_WAIT", 0.5)
    capsys.readouterr()
    with write_lock_held(directory, 4):
        for command in (["orders", "note", ORDER, "备注"], ["import", str(second)], ["settings", "backups_kept", "3"]):
            assert main([*command, "--data-dir", str(directory)]) == 2
            said = capsys.readouterr().err
            assert "另一个 ShopGuard 正在写入数据，请稍后再试" in said, (command, said)
    with Store.open(directory) as store:
        assert store.connection.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0
        assert store.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 1
