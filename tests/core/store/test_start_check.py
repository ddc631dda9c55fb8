"""The start-up check: quick at every start, in full after an unclean close and once a week; damage is found
either way, and an error that is not damage never moves the file."""

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta

import pytest

from shopguard.core.clock import now
from shopguard.core.store import database
from shopguard.core.store.database import DB_NAME, FULL_CHECK_NOTE, Store, StoreError, StoreErrorKind
from shopguard.core.store.merge import import_into_store
from tests.exports import order_row, write_csv
from tests.store_faults import read_only_disk

QUICK, FULL = "PRAGMA quick_check", "PRAGMA integrity_check"


@pytest.fixture
def checks(monkeypatch):
    """The check statements each start runs, in order (a real SQLite connection that notes them)."""
    ran: list[str] = []
    real_connect = database._connect

    class Noting(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql in (QUICK, FULL):
                ran.append(sql)
            return super().execute(sql, *args)

    def connect(path, writable, wait):
        connection = real_connect(path, writable, wait)
        connection.close()  # the real one shows how ShopGuard connects; ours notes what it is asked
        if writable:
            return sqlite3.connect(path, timeout=wait, isolation_level=None, factory=Noting)
        immutable = "&immutable=1" if database._wal_is_empty(path) else ""  # as database._connect does
        uri = f"{path.absolute().as_uri()}?mode=ro{immutable}"
        return sqlite3.connect(uri, uri=True, timeout=wait, isolation_level=None, factory=Noting)

    monkeypatch.setattr(database, "_connect", connect)
    return ran


def start(directory, monkeypatch, reading=False):
    """The next start of ShopGuard: open the store once, as a fresh process would."""
    monkeypatch.setattr(database, "_checked_this_run", set())
    store = Store.open_for_reading(directory) if reading else Store.open(directory)
    store.close()


def a_store(directory, tmp_path):
    row = order_row(order_id="6917926768823643751", sub_order_id="6917926768823643752")
    with Store.open(directory) as store:
        import_into_store(store, [write_csv(tmp_path / "1699750800_orders.csv", [row])])


def test_full_check_once_then_quick_until_a_week_has_passed(tmp_path, monkeypatch, checks):
    directory = tmp_path / "data"
    a_store(directory, tmp_path)
    start(directory, monkeypatch)  # never checked in full before: in full, and recorded
    start(directory, monkeypatch)
    start(directory, monkeypatch)
    assert checks == [FULL, QUICK, QUICK]
    note = directory / FULL_CHECK_NOTE
    assert abs(datetime.fromisoformat(note.read_text(encoding="ascii")) - now()) < timedelta(minutes=1)
    week_ago = now() - database.FULL_CHECK_EVERY - timedelta(minutes=1)
    note.write_text(week_ago.isoformat(), encoding="ascii")
    start(directory, monkeypatch)
    start(directory, monkeypatch)
    assert checks == [FULL, QUICK, QUICK, FULL, QUICK]


def test_a_noted_time_in_the_future_or_unreadable_means_a_full_check(tmp_path, monkeypatch, checks):
    directory = tmp_path / "data"
    a_store(directory, tmp_path)
    an_hour_ago = now() - timedelta(hours=1)
    # A clock set wrong, a hand edit, a time without its zone, a note that is a folder.
    for value in ((now() + timedelta(days=3)).isoformat(), "not a time", an_hour_ago.replace(tzinfo=None).isoformat(),
                  None):  # fmt: skip
        note = directory / FULL_CHECK_NOTE
        note.unlink(missing_ok=True)
        if value is None:
            note.mkdir()
        else:
            note.write_text(value, encoding="ascii")
        checks.clear()
        start(directory, monkeypatch)
        assert checks == [FULL]


# A ShopGuard that wrote to the store and then died without closing it (power cut, killed): its -wal file
# is left behind with content.
DIES_AFTER_A_WRITE = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from shopguard.core.store.database import Store
    store = Store.open(Path(sys.argv[1]))
    store.set_setting("note", "x")
    os._exit(0)
    """
)


def test_an_unclean_close_means_a_full_check_at_the_next_start(tmp_path, monkeypatch, checks):
    directory = tmp_path / "data"
    a_store(directory, tmp_path)
    start(directory, monkeypatch)
    start(directory, monkeypatch)
    assert checks == [FULL, QUICK]
    subprocess.run([sys.executable, "-c", DIES_AFTER_A_WRITE, str(directory)], check=True)
    assert (directory / (DB_NAME + "-wal")).stat().st_size > 0
    start(directory, monkeypatch)
    start(directory, monkeypatch)  # closed cleanly this time
    assert checks == [FULL, QUICK, FULL, QUICK]


def test_damage_is_found_by_the_quick_check_too(tmp_path, monkeypatch, checks):
    directory = tmp_path / "data"
    a_store(directory, tmp_path)
    start(directory, monkeypatch)  # the full check is recorded: the next start is a quick one
    path = directory / DB_NAME
    with sqlite3.connect(path) as db:  # the orders' page destroyed
        page = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'order_lines'").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    data[size * (page - 1) : size * page] = b"\xff" * size
    path.write_bytes(bytes(data))
    checks.clear()
    monkeypatch.setattr(database, "_checked_this_run", set())
    with pytest.raises(StoreError) as raised:
        Store.open(directory)
    assert checks == [QUICK]
    assert raised.value.kind is StoreErrorKind.DAMAGED and raised.value.moved.read_bytes() == bytes(data)
    assert not path.exists()
    # The merchant restores an intact copy in its place: its first start checks it in full.
    assert not (directory / FULL_CHECK_NOTE).exists()
    a_store(tmp_path / "intact", tmp_path)
    shutil.copyfile(tmp_path / "intact" / DB_NAME, path)
    start(directory, monkeypatch)
    assert checks == [QUICK, FULL]


def test_a_read_only_disk_is_checked_in_full_each_start_and_nothing_is_written(tmp_path, monkeypatch, checks):
    directory = tmp_path / "stick" / "data"
    a_store(directory, tmp_path)
    before = (directory / DB_NAME).read_bytes()
    with read_only_disk(tmp_path / "stick"):
        start(directory, monkeypatch, reading=True)  # cannot note the check...
        start(directory, monkeypatch, reading=True)  # ...so the next start checks in full again
        assert (directory / DB_NAME).read_bytes() == before
    assert checks == [FULL, FULL] and not (directory / FULL_CHECK_NOTE).exists()
    start(directory, monkeypatch, reading=True)  # a triage on a writable folder is a start like any other
    start(directory, monkeypatch)
    assert checks == [FULL, FULL, FULL, QUICK]


def test_a_refused_start_leaves_the_database_file_as_it_was(tmp_path, monkeypatch, checks):
    directory = tmp_path / "data"
    a_store(directory, tmp_path)
    before = (directory / DB_NAME).read_bytes()
    start(directory, monkeypatch, reading=True)  # the full check is noted beside the database, not in it
    assert (directory / DB_NAME).read_bytes() == before and checks == [FULL]
