"""Backups: the newest holds the newest import, a crash half-way through one leaves nothing behind, a damaged
database never pushes good backups out, and a backup that cannot be written is a message."""

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from shopguard.core.store import database
from shopguard.core.store.backups import BACKUP_DIR, rolling_backups
from shopguard.core.store.database import DB_NAME, Store, StoreError, StoreErrorKind
from shopguard.core.store.merge import import_into_store
from tests.exports import order_row, write_csv
from tests.store_faults import english_words, fill_disk, read_only_disk, shopguard, small_disk


def orders_file(tmp_path, number=0, rows=1):
    lines = [
        order_row(order_id=f"69179267{number:03d}{n:08d}", sub_order_id=f"68{number:03d}{n:014d}") for n in range(rows)
    ]
    return write_csv(tmp_path / f"{1699750800 + number}_orders.csv", lines)


def imports_in(backup) -> int:
    connection = sqlite3.connect(f"{backup.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return connection.execute("SELECT COUNT(*) FROM imports").fetchone()[0]
    finally:
        connection.close()


def test_the_newest_backup_holds_the_newest_import(tmp_path):
    directory = tmp_path / "data"
    for number in range(2):
        done = shopguard("import", orders_file(tmp_path, number), "--data-dir", directory)
        assert done.returncode == 0, done.stderr
        newest = rolling_backups(directory / BACKUP_DIR)[-1]
        assert imports_in(newest) == number + 1  # taken after the import, not only before it


def test_a_backup_after_an_import_is_taken_once_however_often_it_is_asked_for(tmp_path):
    with Store.open(tmp_path / "data") as store:
        import_into_store(store, [orders_file(tmp_path)])
        before = rolling_backups(store.directory / BACKUP_DIR)
        assert store.backup_after_import() is None
        assert store.backup_after_import() is None  # nothing written since: no second copy
        after = rolling_backups(store.directory / BACKUP_DIR)
        assert len(after) == len(before) + 1 and imports_in(after[-1]) == 1


BACKING_UP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from shopguard.core.store.database import Store

    with Store.open(Path(sys.argv[1])) as store:
        print("open", flush=True)
        while True:
            store.backup(keep=100)
    """
)


def test_a_backup_killed_half_way_leaves_nothing_behind_once_the_next_one_is_taken(tmp_path):
    directory = tmp_path / "data"
    with Store.open(directory) as store:
        import_into_store(store, [orders_file(tmp_path, rows=20_000)], backups_kept=0)
    folder = directory / BACKUP_DIR
    command = [sys.executable, "-c", BACKING_UP, str(directory)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as child:
        assert child.stdout.readline().strip() == "open", child.stderr.read()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(folder.glob("*.partial")):
            time.sleep(0.001)
        child.send_signal(signal.SIGKILL)  # in the middle of writing a copy
        child.communicate()
    assert child.returncode == -signal.SIGKILL
    leftovers = list(folder.glob("*.partial*"))
    assert leftovers, "the child was not killed in the middle of a backup"
    with Store.open(directory) as store:
        taken = store.backup(keep=100)
    assert list(folder.glob("*.partial*")) == []
    assert imports_in(taken) == 1


def test_a_damaged_database_never_pushes_good_backups_out(tmp_path, monkeypatch):
    directory = tmp_path / "data"
    with Store.open(directory) as store:
        for number in range(3):
            import_into_store(store, [orders_file(tmp_path, number)], backups_kept=3)
    good = {path: path.read_bytes() for path in rolling_backups(directory / BACKUP_DIR)}
    assert len(good) == 3
    data = bytearray((directory / DB_NAME).read_bytes())
    data[4096:8192] = b"\xff" * 4096  # damaged while ShopGuard runs (its start-up check has passed)
    (directory / DB_NAME).write_bytes(bytes(data))
    with Store.open(directory) as store, pytest.raises(StoreError) as raised:
        store.backup(keep=3)
    assert raised.value.kind is StoreErrorKind.DAMAGED and "已有的备份都保留着" in str(raised.value)
    assert {path: path.read_bytes() for path in rolling_backups(directory / BACKUP_DIR)} == good
    assert list((directory / BACKUP_DIR).glob("*.partial*")) == []


def test_a_backups_folder_that_cannot_be_written_stops_the_import_with_a_message_never_a_read(tmp_path):
    directory = tmp_path / "data"
    assert shopguard("import", orders_file(tmp_path, 0), "--data-dir", directory).returncode == 0
    before = (directory / DB_NAME).read_bytes()
    backups = directory / BACKUP_DIR
    for backup in backups.iterdir():
        backup.unlink()
    backups.rmdir()
    backups.write_text("a file where the backups folder should be", encoding="utf-8")
    refused = shopguard("import", orders_file(tmp_path, 1), "--data-dir", directory)
    assert refused.returncode == 2
    assert "自动备份没有写成" in refused.stderr and "backups_kept 0" in refused.stderr
    assert english_words(refused.stderr, backups) == []
    assert (directory / DB_NAME).read_bytes() == before  # not imported without its backup
    looked = shopguard("triage", "--format", "json", "--data-dir", directory)
    assert looked.returncode == 0 and '"order_id": "69179267000' in looked.stdout


def test_a_read_only_backups_folder_is_a_message(tmp_path):
    directory = tmp_path / "data"
    assert shopguard("import", orders_file(tmp_path, 0), "--data-dir", directory).returncode == 0
    with read_only_disk(directory / BACKUP_DIR):
        refused = shopguard("import", orders_file(tmp_path, 1), "--data-dir", directory)
        assert refused.returncode == 2 and "备份文件夹是只读的" in refused.stderr
        assert shopguard("triage", "--data-dir", directory).returncode == 0


def test_a_full_disk_while_backing_up_is_a_message_and_leaves_no_partial_copy(tmp_path, monkeypatch):
    with small_disk(tmp_path / "disk", size="8m") as disk:
        directory = disk / "data"
        with Store.open(directory) as store:
            import_into_store(store, [orders_file(tmp_path, rows=3000)], backups_kept=0)
        size = (directory / DB_NAME).stat().st_size
        fill_disk(disk, leave=size // 2)  # room for the import's few pages, not for a copy of everything
        before = (directory / DB_NAME).read_bytes()
        refused = shopguard("import", orders_file(tmp_path, 1), "--data-dir", directory)
        assert refused.returncode == 2, refused.stderr
        assert "自动备份没有写成：磁盘空间已满" in refused.stderr
        assert english_words(refused.stderr, directory / BACKUP_DIR) == []
        assert list((directory / BACKUP_DIR).glob("*.partial*")) == []
        assert (directory / DB_NAME).read_bytes() == before


def test_a_backup_that_cannot_be_written_after_an_import_leaves_the_import_in_place(tmp_path, monkeypatch):
    with Store.open(tmp_path / "data") as store:
        import_into_store(store, [orders_file(tmp_path)])

        def no_space(*args):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(database.backups, "remove_orphans", no_space)
        problem = store.backup_after_import()
        assert problem.kind is StoreErrorKind.FULL and "磁盘空间已满" in str(problem)
        assert english_words(str(problem), store.directory / BACKUP_DIR) == []
        assert store.connection.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 1
