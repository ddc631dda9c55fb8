"""Every schema version the project has shipped migrates forward to the latest, keeping its data."""

import sqlite3
from datetime import datetime

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.store import annotate, changes
from shopguard.core.store.database import DB_NAME, Store, StoreError, schema_version
from shopguard.core.store.migrations import LATEST, MIGRATIONS


def database_at(path, version):
    connection = sqlite3.connect(path, isolation_level=None)
    for step in range(version):
        connection.executescript(f"BEGIN;\n{MIGRATIONS[step]}\nPRAGMA user_version = {step + 1};\nCOMMIT;")
    return connection


@pytest.mark.parametrize("version", range(LATEST + 1))
def test_every_earlier_version_migrates_to_the_latest_and_keeps_its_settings(tmp_path, version):
    directory = tmp_path / "data"
    directory.mkdir()
    old = database_at(directory / DB_NAME, version)
    if version >= 1:  # settings exist from version 1 on
        old.execute("INSERT INTO settings (key, value) VALUES ('shop_province', '浙江')")
    old.close()
    with Store.open(directory) as store:
        assert schema_version(store.connection) == LATEST
        tables = {row[0] for row in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"order_lines", "after_sales", "parcels", "notes", "marks", "corrections", "imports"} <= tables
        if version >= 1:
            assert store.setting("shop_province") == "浙江"


def test_a_failed_migration_leaves_the_old_version(tmp_path, monkeypatch):
    directory = tmp_path / "data"
    directory.mkdir()
    database_at(directory / DB_NAME, LATEST).close()
    import shopguard.core.store.database as database

    monkeypatch.setattr(database, "MIGRATIONS", [*MIGRATIONS, "CREATE TABLE broken (x);\nSELECT * FROM no_such_table;"])
    with pytest.raises(sqlite3.OperationalError):
        Store.open(directory)
    connection = sqlite3.connect(directory / DB_NAME)
    assert schema_version(connection) == LATEST
    assert connection.execute("SELECT name FROM sqlite_master WHERE name = 'broken'").fetchone() is None
    connection.close()


def test_a_database_from_a_newer_shopguard_is_refused(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    connection = database_at(directory / DB_NAME, LATEST)
    connection.execute(f"PRAGMA user_version = {LATEST + 1}")
    connection.close()
    with pytest.raises(StoreError, match="更新版本"):
        Store.open(directory)


def test_a_store_with_orders_from_version_5_starts_its_change_journal_complete(tmp_path):
    """v6 adds the journal of changed orders: it starts at the data as it is, so kept clocks stay usable."""
    directory = tmp_path / "data"
    directory.mkdir()
    old = database_at(directory / DB_NAME, 5)
    old.execute(
        "INSERT INTO order_lines (sub_order_id, order_id, packages, first_import, last_import)"
        " VALUES ('69001', '6900', 'SF1|顺丰速运', 1, 1)"
    )
    old.close()
    with Store.open(directory) as store:
        assert changes.journal_covers(store, changes.data_version(store))
        assert changes.journal_size(store) == 0
        annotate.set_time(store, "6900", "pickup", datetime(2023, 11, 1, 12, tzinfo=BEIJING))
        assert changes.journal_covers(store, store.connection.execute("SELECT start FROM changed_since").fetchone()[0])
        keys = set(store.connection.execute("SELECT kind, key FROM changed_keys"))
        assert keys == {("order", "6900"), ("target", "SF1")}
