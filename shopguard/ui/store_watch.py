"""Noticing what others wrote to the store while the window is open: a `shopguard import`, `orders note`,
`settings` or `filing set` run in a terminal or by a scheduled task.

Two steps, so that looking is cheap and loading again happens only when something shown changed:

- `StoreWatcher.look()`, every few seconds and when the window is activated: SQLite's `PRAGMA data_version` on
  the window's own connection (it moves when any other connection commits), the database file's identity (a
  file replaced or moved away) and the merchant's rule-pack files. Microseconds.
- `store_state()`, on a worker thread and only after a look saw a change: everything the window shows from the
  store, compared with what it showed. Clocks kept by a triage (the change journal) are not part of it, so
  the window's own recalculation does not make it load everything again.

The window's own quick writes (notes, handled marks) go through the watcher's connection, whose own commits
do not move its data_version: they are already on screen.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from shopguard.core.filing.storage import load_filings
from shopguard.core.rules.user_packs import user_pack_paths
from shopguard.core.store.annotate import handled_orders, latest_notes
from shopguard.core.store.changes import data_version
from shopguard.core.store.database import DB_NAME, Store, StoreError
from shopguard.core.store.preferences import SETTINGS, get_setting


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, file number): changes when the file is replaced; None when there is no file."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_dev, status.st_ino


def pack_files(folder: Path) -> tuple:
    """The merchant's rule-pack files, as they are now (name, size, modification time)."""
    files = []
    for path in user_pack_paths(folder):
        try:
            status = path.stat()
        except FileNotFoundError:
            continue
        files.append((path.name, status.st_size, status.st_mtime_ns))
    return tuple(files)


@dataclass(frozen=True)
class StoreState:
    """What the window shows from a store. Equal states: nothing to load again."""

    data_version: bytes  # orders, after-sales, parcels and corrections (changes.data_version)
    settings: tuple
    notes: dict
    handled: frozenset
    filings: list
    packs: tuple


def store_state(store: Store) -> StoreState:
    with store.reading():  # one version of the data
        return StoreState(
            data_version(store),
            tuple(get_setting(store, key) for key in SETTINGS),
            latest_notes(store),
            frozenset(handled_orders(store)),
            load_filings(store),
            pack_files(store.directory),
        )


class DatabaseGone(StoreError):
    """The database file the window worked on is no longer there: it is not replaced by a new, empty one."""

    def __init__(self, database: str = ""):
        super().__init__(f"数据库文件 {database} 已不在".strip() if database else "数据库文件已不在数据文件夹中")
        self.kind = "missing"  # see store_errors (a StoreError sets its own kind: set it after)


class StoreWatcher:
    """The window's own connection to its store, used on the GUI thread only."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._store: Store | None = None
        self._identity: tuple[int, int] | None = None
        self._seen: tuple | None = None

    @property
    def database(self) -> Path:
        return self.folder / DB_NAME

    def store(self) -> Store:
        """The window's connection, opened again when the database file was replaced (a backup restored)."""
        identity = file_identity(self.database)
        if identity is None and self._identity is not None:
            raise DatabaseGone(str(self.database))
        if self._store is None or identity != self._identity:
            self.close()
            self._store = Store.open(self.folder)
            self._identity = file_identity(self.database)
        return self._store

    def look(self) -> bool:
        """True when the store or the rule packs may have changed since the last look (a database file that
        went away is a change too: see `missing`). A store that cannot be read raises its error."""
        identity = file_identity(self.database)
        if identity is None:
            signature = None
        else:
            version = self.store().connection.execute("PRAGMA data_version").fetchone()[0]
            signature = (self._identity, version, pack_files(self.folder))
        changed = signature != self._seen
        self._seen = signature
        return changed

    def missing(self) -> bool:
        """The database file the window had open is gone (moved, deleted, its drive disconnected)."""
        return self._identity is not None and file_identity(self.database) is None

    def forget(self) -> None:
        """Close the connection after a failed write (it may be left mid-transaction); the next use reopens."""
        self.close()
        self._seen = None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
