"""An import killed half-way leaves the store exactly as it was: a real child process, really killed."""

import signal
import subprocess
import sys
import time

from shopguard.core.store.database import DB_NAME, Store
from shopguard.core.store.merge import import_into_store
from tests.exports import order_row, write_csv

ROWS = 100_000


def test_killing_an_import_mid_transaction_loses_nothing_and_adds_nothing(tmp_path):
    directory = tmp_path / "data"
    with Store.open(directory) as store:
        import_into_store(store, [write_csv(tmp_path / "small.csv", [order_row()])])
        before = store.connection.execute("SELECT * FROM order_lines").fetchall()
    big = write_csv(
        tmp_path / "big.csv",
        [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}", product=f"商品{n % 500}") for n in range(ROWS)],
    )
    wal = directory / f"{DB_NAME}-wal"
    command = [sys.executable, "-m", "shopguard", "import", str(big), "--data-dir", str(directory)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as child:
        # Kill once the import's uncommitted pages are spilling into the write-ahead log.
        deadline = time.monotonic() + 120
        wal_size = 0
        while child.poll() is None and time.monotonic() < deadline:
            wal_size = wal.stat().st_size if wal.exists() else 0
            if wal_size > 4 * 1024 * 1024:
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        errors = child.communicate()[1].decode("utf-8", "replace")
    assert child.returncode == -signal.SIGKILL, f"the import finished before it could be killed: {errors}"
    assert wal_size > 4 * 1024 * 1024
    with Store.open(directory) as store:
        assert store.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.connection.execute("SELECT * FROM order_lines").fetchall() == before
        assert store.connection.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 1
