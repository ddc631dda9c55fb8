"""Opening the store: integrity check, WAL, migrations; explicit transactions and rolling backups."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from shopguard.core.clock import now
from shopguard.core.store.migrations import MIGRATIONS

DB_NAME = "shopguard.db"
BACKUP_DIR = "backups"
DEFAULT_BACKUPS_KEPT = 5


_checked_this_run: set[Path] = set()


class StoreError(Exception):
    """The store cannot be used; the message says what happened and what to do."""


class Store:
    def __init__(self, directory: Path, connection: sqlite3.Connection):
        self.directory = directory
        self.connection = connection

    @property
    def path(self) -> Path:
        return self.directory / DB_NAME

    @classmethod
    def open(cls, directory: Path) -> Store:
        """Open (creating if needed) the store in `directory`, after checking the file is intact."""
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / DB_NAME
        # Checked once per process (at start-up): the window opens the store for every note and mark, and a
        # full integrity check of a 200,000-order store takes about half a second.
        if path.exists() and path.resolve() not in _checked_this_run:
            _check_integrity(path, directory)
        _checked_this_run.add(path.resolve())
        connection = _connect(path)
        try:
            migrate(connection)
        except Exception:
            connection.close()
            raise
        return cls(directory, connection)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: a crash or kill inside leaves the database as it was before."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """One consistent view of the data for several queries; writers (WAL) carry on meanwhile."""
        if self.connection.in_transaction:  # already inside one
            yield self.connection
            return
        self.connection.execute("BEGIN DEFERRED")
        try:
            yield self.connection
        finally:
            if self.connection.in_transaction:
                self.connection.execute("COMMIT")

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))

    def backup(self, keep: int = DEFAULT_BACKUPS_KEPT) -> Path | None:
        """Copy the database (SQLite backup API) into backups/, keeping the newest `keep` copies."""
        if keep <= 0:
            return None
        folder = self.directory / BACKUP_DIR
        folder.mkdir(exist_ok=True)
        stamp = now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"shopguard-{stamp}.db"
        partial = target.with_suffix(".partial")
        copy = sqlite3.connect(partial)
        try:
            self.connection.backup(copy)
        finally:
            copy.close()
        partial.replace(target)
        for old in sorted(folder.glob("shopguard-*.db"))[:-keep]:
            old.unlink()
        return target


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; Store.transaction() says where each one begins.
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable except the last commit on power loss
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _check_integrity(path: Path, directory: Path) -> None:
    try:
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        result = [str(error)]
    if result != ["ok"]:
        moved = _move_aside(path)
        raise StoreError(
            f"数据库文件已损坏（{'; '.join(result[:3])}），已移到 {moved.name} 保留，没有覆盖。"
            f"下次启动会新建空数据库；可以从 {directory / BACKUP_DIR} 中的自动备份恢复"
            "（把最新的备份复制为 shopguard.db）。"
        )


def _move_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.damaged-{stamp}")
    path.replace(moved)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(moved.with_name(moved.name + suffix))
    return moved


def schema_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the schema forward one version at a time, each step in its own transaction."""
    version = schema_version(connection)
    latest = len(MIGRATIONS)
    if version > latest:
        raise StoreError(f"数据库来自更新版本的 ShopGuard（结构版本 {version}），请升级 ShopGuard 后再打开")
    for step in range(version, latest):
        try:
            connection.executescript(f"BEGIN;\n{MIGRATIONS[step]}\nPRAGMA user_version = {step + 1};\nCOMMIT;")
        except sqlite3.Error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
