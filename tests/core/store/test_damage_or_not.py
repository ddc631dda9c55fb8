"""Only a damaged file is moved aside. A database another program holds locked, on a full or read-only disk,
or failing to read for any other reason stays where it is, and the error says what happened. Damage names
the newest intact backup to restore from, and that backup is kept for good."""

import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from shopguard.core.store import database
from shopguard.core.store.backups import BACKUP_DIR, PROTECTED_SUFFIX, rolling_backups
from shopguard.core.store.database import DB_NAME, Store, StoreError, StoreErrorKind
from shopguard.core.store.merge import import_into_store
from tests.exports import order_row, write_csv
from tests.store_faults import english_words, fill_disk, read_only_disk, small_disk


@pytest.fixture
def next_start(monkeypatch):
    """Forget that this process has checked the store: the next Store.open is the next start of ShopGuard."""
    return lambda: monkeypatch.setattr(database, "_checked_this_run", set())


def orders_file(tmp_path, number=0):
    row = order_row(order_id=f"69179267688236{number:05d}", sub_order_id=f"68{number:017d}")
    return write_csv(tmp_path / f"{1699750800 + number}_orders.csv", [row])


def healthy_store(directory, tmp_path) -> bytes:
    with Store.open(directory) as store:
        import_into_store(store, [orders_file(tmp_path)])
    return (directory / DB_NAME).read_bytes()


def assert_left_in_place(directory, content: bytes):
    assert (directory / DB_NAME).read_bytes() == content
    assert list(directory.glob(f"{DB_NAME}.damaged-*")) == []


def order_count(directory) -> int:
    with Store.open(directory) as store:
        return store.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0]


def wreck(path, page=2):
    data = bytearray(path.read_bytes())
    data[4096 * (page - 1) : 4096 * page] = b"\xff" * 4096
    path.write_bytes(bytes(data))


# Another program (a database browser, a sync tool) holding the database with an exclusive lock.
EXCLUSIVE_HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("PRAGMA locking_mode = EXCLUSIVE")
    connection.execute("BEGIN EXCLUSIVE")
    print("holding", flush=True)
    sys.stdin.read()
    connection.execute("ROLLBACK")
    """
)


def test_a_database_another_program_holds_locked_is_not_moved_aside(tmp_path, monkeypatch, next_start):
    directory = tmp_path / "data"
    content = healthy_store(directory, tmp_path)
    next_start()
    monkeypatch.setattr(database, "SMALL_WRITE_WAIT", 0.5)  # how long the start waits for the lock
    command = [sys.executable, "-c", EXCLUSIVE_HOLDER, str(directory / DB_NAME)]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreError) as raised:
            Store.open(directory, wait=0.5)
        holder.stdin.close()  # the other program lets go
    assert raised.value.kind is StoreErrorKind.BUSY
    assert "另一个 ShopGuard 正在写入数据，请稍后再试" in str(raised.value)
    assert_left_in_place(directory, content)
    assert order_count(directory) == 1


def test_a_healthy_database_on_a_full_disk_is_not_moved_aside_and_can_still_be_read(tmp_path, next_start):
    with small_disk(tmp_path / "disk") as disk:
        directory = disk / "data"
        content = healthy_store(directory, tmp_path)
        filler = fill_disk(disk)
        next_start()
        with pytest.raises(StoreError) as raised:
            Store.open(directory)  # WAL needs a -shm file, which a full disk cannot hold
        assert raised.value.kind is StoreErrorKind.FULL
        assert "磁盘空间已满" in str(raised.value) and "请腾出磁盘空间" in str(raised.value)
        assert english_words(str(raised.value), directory) == []
        assert_left_in_place(directory, content)
        with Store.open_for_reading(directory) as store:  # looking still works
            assert store.read_only and "磁盘已满" in store.read_only_because
            assert store.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 1
        filler.unlink()
        assert order_count(directory) == 1


def test_a_healthy_database_on_a_read_only_disk_is_not_moved_aside_and_can_be_read(tmp_path, next_start):
    directory = tmp_path / "stick" / "data"
    content = healthy_store(directory, tmp_path)
    next_start()
    with read_only_disk(tmp_path / "stick"):
        with pytest.raises(StoreError) as raised:
            Store.open(directory)
        assert raised.value.kind is StoreErrorKind.READ_ONLY and "只读" in str(raised.value)
        with Store.open_for_reading(directory) as store:
            assert store.read_only and "只读" in store.read_only_because
            assert store.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 1
            assert store.backup() is None  # nothing is written to a read-only store
        assert_left_in_place(directory, content)
    assert sorted(path.name for path in directory.iterdir()) == [BACKUP_DIR, DB_NAME]


def failing_integrity_check(code: int, name: str, text: str):
    """A connection whose start-up check (quick or full) fails with this SQLite error (as when the disk does)."""

    class Connection(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql in ("PRAGMA integrity_check", "PRAGMA quick_check"):
                error = sqlite3.OperationalError(text)
                error.sqlite_errorcode, error.sqlite_errorname = code, name
                raise error
            return super().execute(sql, *args)

    def connect(path, writable, wait):
        return sqlite3.connect(path, timeout=wait, isolation_level=None, factory=Connection)

    return connect


@pytest.mark.parametrize(
    ("code", "name", "text", "kind", "says"),
    [
        (sqlite3.SQLITE_IOERR_READ, "SQLITE_IOERR_READ", "disk I/O error", StoreErrorKind.DISK_ERROR, "磁盘出错"),
        (sqlite3.SQLITE_FULL, "SQLITE_FULL", "database or disk is full", StoreErrorKind.FULL, "磁盘空间已满"),
        (sqlite3.SQLITE_READONLY, "SQLITE_READONLY", "attempt to write a readonly database",
         StoreErrorKind.READ_ONLY, "只读"),
        (sqlite3.SQLITE_CANTOPEN, "SQLITE_CANTOPEN", "unable to open database file", StoreErrorKind.UNREADABLE,
         "无法打开"),
        (sqlite3.SQLITE_BUSY, "SQLITE_BUSY", "database is locked", StoreErrorKind.BUSY, "另一个 ShopGuard"),
        (sqlite3.SQLITE_LOCKED, "SQLITE_LOCKED", "database table is locked", StoreErrorKind.BUSY, "另一个 ShopGuard"),
    ],
)  # fmt: skip
def test_errors_other_than_damage_during_the_check_leave_the_file_where_it_is(
    tmp_path, monkeypatch, next_start, code, name, text, kind, says
):
    directory = tmp_path / "data"
    content = healthy_store(directory, tmp_path)
    next_start()
    monkeypatch.setattr(database, "_connect", failing_integrity_check(code, name, text))
    with pytest.raises(StoreError) as raised:
        Store.open(directory)
    assert raised.value.kind is kind and says in str(raised.value)
    assert english_words(str(raised.value), directory) == []
    assert_left_in_place(directory, content)


@pytest.mark.parametrize(
    ("code", "name"), [(sqlite3.SQLITE_CORRUPT, "SQLITE_CORRUPT"), (sqlite3.SQLITE_NOTADB, "SQLITE_NOTADB")]
)
def test_corrupt_and_not_a_database_are_damage(tmp_path, monkeypatch, next_start, code, name):
    directory = tmp_path / "data"
    content = healthy_store(directory, tmp_path)
    next_start()
    monkeypatch.setattr(database, "_connect", failing_integrity_check(code, name, "database disk image is malformed"))
    with pytest.raises(StoreError) as raised:
        Store.open(directory)
    assert raised.value.kind is StoreErrorKind.DAMAGED
    assert raised.value.moved.read_bytes() == content and not (directory / DB_NAME).exists()


def test_damage_names_the_newest_intact_backup_and_keeps_it_past_every_later_rotation(tmp_path, next_start):
    directory = tmp_path / "data"
    with Store.open(directory) as store:
        for number in range(3):
            import_into_store(store, [orders_file(tmp_path, number)], backups_kept=3)
        assert store.backup_after_import(3) is None  # taken, with the third import in it
    folder = directory / BACKUP_DIR
    *_, intact, newest = rolling_backups(folder)
    wreck(newest)  # the newest backup is damaged too: the one before it is named
    wreck(directory / DB_NAME)
    next_start()
    with pytest.raises(StoreError) as raised:
        Store.open(directory)
    error = raised.value
    assert error.kind is StoreErrorKind.DAMAGED
    assert error.moved.exists() and error.moved.parent == directory
    assert error.backup == intact.with_name(intact.name.removesuffix(".db") + PROTECTED_SUFFIX)
    assert error.backup.exists() and str(error.backup) in str(error) and "复制到" in str(error)
    assert english_words(str(error), directory, error.backup, error.moved) == []
    kept = error.backup.read_bytes()

    with Store.open(directory) as fresh:  # the merchant carries on without restoring, for many imports
        for number in range(3, 10):
            import_into_store(fresh, [orders_file(tmp_path, number)], backups_kept=2)
    assert len(rolling_backups(folder)) == 2
    assert error.backup.read_bytes() == kept

    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):  # restoring: close ShopGuard, copy the backup
        (directory / name).unlink(missing_ok=True)
    shutil.copyfile(error.backup, directory / DB_NAME)
    next_start()
    with Store.open(directory) as restored:  # the two imports before the one in the damaged backup
        assert restored.connection.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 2


def test_damage_with_no_intact_backup_says_so(tmp_path, next_start):
    directory = tmp_path / "data"
    healthy_store(directory, tmp_path)
    for backup in (directory / BACKUP_DIR).iterdir():
        backup.write_bytes(b"not a database")
    wreck(directory / DB_NAME)
    next_start()
    with pytest.raises(StoreError) as raised:
        Store.open(directory)
    assert raised.value.kind is StoreErrorKind.DAMAGED and raised.value.backup is None
    assert "没有找到完好的自动备份" in str(raised.value)
