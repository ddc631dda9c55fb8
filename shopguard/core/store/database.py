"""Opening the store: integrity check, WAL, migrations; explicit transactions and rolling backups.

Only a damaged file (SQLITE_CORRUPT / SQLITE_NOTADB, or rows from the start-up check) is moved aside;
a full disk, a read-only folder, a disk error or another ShopGuard writing is reported as what it is and the
file stays where it is (store.errors). Several ShopGuards may use one data folder at once: writers wait for
each other (busy timeouts), readers never wait (WAL).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from shopguard.core.clock import now
from shopguard.core.store import backups, errors
from shopguard.core.store.backups import BACKUP_DIR
from shopguard.core.store.errors import StoreError, StoreErrorKind
from shopguard.core.store.migrations import MIGRATIONS

__all__ = ["BACKUP_DIR", "DB_NAME", "Store", "StoreError", "StoreErrorKind"]

DB_NAME = "shopguard.db"
DEFAULT_BACKUPS_KEPT = 5

# How long a write waits for another ShopGuard's write to finish before saying so (seconds). An import of
# 200,000 rows holds the lock for tens of seconds; a note, a mark or a setting holds it for milliseconds.
IMPORT_WAIT = 300.0
SMALL_WRITE_WAIT = 30.0
# A store opened only to look: what it writes on the side (store.changes restarting the journal) is best
# effort, and a triage must not sit behind an import for it.
READ_WAIT = 1.0

_COMPANIONS = ("-wal", "-shm")
_READABLE_ANYWAY = (StoreErrorKind.FULL, StoreErrorKind.READ_ONLY, StoreErrorKind.UNREADABLE)

_checked_this_run: set[Path] = set()

# The start-up check: PRAGMA quick_check (every page, record and free list: a tenth of a second on 200,000
# orders) at every start; the full integrity_check (also that every index matches its table: half a second)
# when the last ShopGuard did not close cleanly (its -wal file is still there, with content) and once a week.
# When the last full check passed is written next to the database, not into it: a start that is refused
# (a full disk, no backup possible) must leave the database file as it was.
FULL_CHECK_EVERY = timedelta(days=7)
FULL_CHECK_NOTE = DB_NAME + "-checked"


class Store:
    def __init__(self, directory: Path, connection: sqlite3.Connection, read_only_because: str | None = None):
        self.directory = directory
        self.connection = connection
        # Opened with open_for_reading() where nothing can be written: why, in a few words for the merchant.
        self.read_only_because = read_only_because
        self._changes_at_backup = connection.total_changes

    @property
    def read_only(self) -> bool:
        return self.read_only_because is not None

    @property
    def path(self) -> Path:
        return self.directory / DB_NAME

    @classmethod
    def open(cls, directory: Path, wait: float | None = None) -> Store:
        """Open (creating if needed) the store in `directory` to read and write, after checking the file is
        intact. Writes wait up to `wait` seconds for another ShopGuard's write (default SMALL_WRITE_WAIT;
        IMPORT_WAIT for imports).

        Raises StoreError (with its kind) when the store cannot be used; a read-only folder is one.
        """
        return cls._open(directory, SMALL_WRITE_WAIT if wait is None else wait, reading=False)

    @classmethod
    def open_for_reading(cls, directory: Path) -> Store:
        """As open(), but a folder that cannot be written, or a full disk, opens the store read-only
        (`store.read_only`, `store.read_only_because`) instead of refusing it: nothing is written then, not
        even the WAL switch, a migration or a backup."""
        return cls._open(directory, READ_WAIT, reading=True)

    @classmethod
    def _open(cls, directory: Path, wait: float, reading: bool) -> Store:
        path = directory / DB_NAME
        _make_folder(directory)
        exists = _exists(path, directory)
        writable = _writable(directory, path)
        if not writable and not reading:
            raise errors.read_only(directory)
        if not writable and not exists:
            raise errors.read_only(directory, "里面也还没有数据库，无法新建")
        read_only_folder = f"数据文件夹 {directory} 是只读的（或没有写入权限）"
        if not writable:
            return cls._connected(directory, wait, False, read_only_folder)
        try:
            return cls._connected(directory, wait, True)
        except StoreError as problem:
            # A full disk cannot even give a WAL database its -shm file (nor can a folder the system only says
            # is writable); everything is in the database file itself when the -wal file is empty, and it can
            # still be read from there.
            if not (reading and exists and problem.kind in _READABLE_ANYWAY and _wal_is_empty(path)):
                raise
            why = f"数据文件夹 {directory} 所在的磁盘已满" if problem.kind is StoreErrorKind.FULL else read_only_folder
        return cls._connected(directory, wait, False, why)

    @classmethod
    def _connected(cls, directory: Path, wait: float, writable: bool, read_only_because: str | None = None) -> Store:
        """Connect, check the file once per process, switch to WAL and migrate (if writable)."""
        path = directory / DB_NAME
        exists = _exists(path, directory)
        unclean_close = exists and not _wal_is_empty(path)  # looked at before this connection adds its own
        try:
            connection = _connect(path, writable, max(wait, SMALL_WRITE_WAIT))
        except sqlite3.Error as error:
            raise _store_error(error, directory) from None
        try:
            # Checked once per process (at start-up): the window opens the store for every note and mark, and
            # a full integrity check of a 200,000-order store takes about a second.
            if exists and path.resolve() not in _checked_this_run:
                _check_integrity(connection, path, directory, writable, unclean_close)
            _checked_this_run.add(path.resolve())
            if writable:
                _switch_to_wal(connection, max(wait, SMALL_WRITE_WAIT))
                # WAL + NORMAL: durable except the last commit on power loss.
                connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            if not writable and schema_version(connection) < len(MIGRATIONS):
                raise errors.read_only(directory, "数据库来自旧版本的 ShopGuard，需要先更新结构才能读取")
            migrate(connection)  # read-only: only checks that the version is not newer than this ShopGuard
            connection.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        except BaseException as error:
            connection.close()
            if isinstance(error, sqlite3.Error):
                raise _store_error(error, directory) from None
            raise
        return cls(directory, connection, read_only_because)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        self.close()
        # A full disk, a disk error or a busy database inside `with Store.open(...)`: the merchant's message.
        if isinstance(error, sqlite3.Error):
            problem = errors.from_sqlite(error, self.directory)
            if problem is not None:
                raise problem from error

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: a crash or kill inside leaves the database as it was before."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
            self.connection.execute("COMMIT")
        except BaseException:
            _roll_back(self.connection)
            raise

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
        """Copy the database (SQLite backup API) into backups/, keeping the newest `keep` copies.

        Raises StoreError if it cannot be written (full disk, read-only backups/): before an import, the
        import should not go ahead unprotected. A store opened read-only takes no backups.
        """
        if keep <= 0 or self.read_only:
            return None
        # A second connection holds the write lock while the copy is made: no write lands half-way, two
        # ShopGuards never write backups at once, and so any .partial file met is a crash's leftover.
        # (The copy cannot come from a connection inside a write transaction: SQLite refuses that.)
        busy = self.connection.execute("PRAGMA busy_timeout").fetchone()[0]
        try:
            lock = sqlite3.connect(self.path, timeout=busy / 1000, isolation_level=None)
            try:
                lock.execute("BEGIN IMMEDIATE")
                target = backups.write_backup(self.connection, self.directory / BACKUP_DIR, keep)
            finally:
                lock.close()  # ends the empty transaction
        except sqlite3.Error as error:
            raise _store_error(error, self.directory) from None
        self._changes_at_backup = self.connection.total_changes
        return target

    def backup_after_import(self, keep: int | None = None) -> StoreError | None:
        """Back up once an import has committed, so the newest backup holds the newest import.

        Does nothing if nothing was written through this store since its last backup (so calling it twice
        is harmless). The import stands either way: a backup that cannot be written is returned, not raised.
        """
        if self.read_only or self.connection.total_changes == self._changes_at_backup:
            return None
        try:
            self.backup(self.backups_kept() if keep is None else keep)
        except StoreError as problem:
            return problem
        return None

    def backups_kept(self) -> int:
        """The `backups_kept` setting (store.preferences checks what is stored there)."""
        value = self.setting("backups_kept")
        return int(value) if value and value.isdigit() else DEFAULT_BACKUPS_KEPT


def _make_folder(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        # An existing folder on a read-only disk or below a folder without permission can refuse mkdir.
        if not _is_dir(directory):
            raise errors.cannot_create_folder(error, directory) from None


def _is_dir(directory: Path) -> bool:
    try:
        return directory.is_dir()
    except OSError:
        return False


def _exists(path: Path, directory: Path) -> bool:
    try:
        return path.exists()
    except OSError as error:  # a folder without permission to look inside
        raise errors.from_os(error, directory, reading=True) from None


def store_exists(directory: Path) -> bool:
    """There is a database in `directory` (looking creates nothing). Raises StoreError if the folder cannot
    be looked into."""
    return _exists(directory / DB_NAME, directory)


def _wal_is_empty(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return not wal.exists() or wal.stat().st_size == 0
    except OSError:
        return False


def _writable(directory: Path, path: Path) -> bool:
    """The folder and the database with its companion files can be written (a read-only disk, a write-protected
    USB stick, a folder or file without write permission cannot)."""
    if not os.access(directory, os.W_OK):
        return False
    files = [path, *(path.with_name(path.name + suffix) for suffix in _COMPANIONS)]
    return all(os.access(file, os.W_OK) for file in files if file.exists())


def _connect(path: Path, writable: bool, wait: float) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; Store.transaction() says where each one begins.
    if writable:
        return sqlite3.connect(path, timeout=wait, isolation_level=None)
    # Read-only. A WAL database needs its -shm file, which a read-only folder or a full disk cannot provide:
    # with no -wal file or an empty one (ShopGuard closed cleanly) everything is in the database file, which
    # nobody can change here (immutable). Otherwise SQLite reads the -wal through the existing -shm.
    immutable = "&immutable=1" if _wal_is_empty(path) else ""
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro{immutable}", uri=True, timeout=wait,
                           isolation_level=None)  # fmt: skip


def _store_error(error: sqlite3.Error, directory: Path) -> StoreError | sqlite3.Error:
    """The merchant's message for an error the merchant can meet; a programming error stays as it is."""
    return errors.from_sqlite(error, directory) or error


def _check_integrity(
    connection: sqlite3.Connection, path: Path, directory: Path, writable: bool, unclean_close: bool
) -> None:
    """Move the file aside if, and only if, it is damaged; any other error is raised as what it is. The full
    check after an unclean close or when a week has passed (FULL_CHECK_EVERY), else the quick one."""
    full = unclean_close or _full_check_due(directory)
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")]
    except sqlite3.Error as error:
        if not errors.is_damage(error):
            raise
        result = [str(error)]
    if result == ["ok"]:
        if full and writable:
            _note_full_check(directory)
        return
    connection.close()  # before moving the file (Windows cannot move an open file)
    raise _set_aside(path, directory, writable, "; ".join(result[:3]))


def _full_check_due(directory: Path) -> bool:
    try:
        last = datetime.fromisoformat((directory / FULL_CHECK_NOTE).read_text(encoding="ascii").strip())
    except (OSError, ValueError):  # never checked in full, or the note cannot be read: check in full
        return True
    return last.tzinfo is None or not timedelta(0) <= now() - last < FULL_CHECK_EVERY


def _note_full_check(directory: Path) -> None:
    """Best effort: where the note cannot be written, the next start simply checks in full again."""
    try:
        (directory / FULL_CHECK_NOTE).write_text(now().isoformat(), encoding="ascii")
    except OSError:
        pass


def _set_aside(path: Path, directory: Path, writable: bool, details: str) -> StoreError:
    """Move the damaged file aside (never overwritten) and name the backup to restore from, kept for good."""
    backup = backups.newest_intact_backup(directory / BACKUP_DIR)
    if backup is not None and writable:
        backup = backups.protect(backup)
    moved = _move_aside(path) if writable else None
    if writable:  # the database restored in its place is checked in full at its first start
        try:
            (directory / FULL_CHECK_NOTE).unlink(missing_ok=True)
        except OSError:
            pass
    if moved is not None:
        message = (
            f"数据库文件已损坏，已原样移到 {moved.name} 保留（没有覆盖，也没有删除）。"
            "不恢复的话，下次启动会新建一个空数据库。"
        )
    else:
        message = "数据库文件已损坏；数据文件夹不能写入，文件留在原处没有改动。"
    if backup is not None:
        message += (
            f"恢复方法：关闭 ShopGuard，把最近一份完好的备份 {backup} 复制到 {directory}，"
            f"改名为 {DB_NAME}，再重新打开。这份备份会一直保留，不会被之后的自动备份轮换掉。"
        )
    else:
        message += f"没有找到完好的自动备份（{directory / BACKUP_DIR}），需要重新导入抖店导出文件。"
    return StoreError(message, StoreErrorKind.DAMAGED, backup=backup, moved=moved, details=details)


def _move_aside(path: Path) -> Path | None:
    stamp = now().strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while moved.exists():  # never over an earlier damaged file
        number += 1
        moved = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    try:
        path.replace(moved)
        for suffix in _COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.replace(moved.with_name(moved.name + suffix))
    except OSError:
        return None if path.exists() else moved
    return moved


def _switch_to_wal(connection: sqlite3.Connection, wait: float) -> None:
    """PRAGMA journal_mode = WAL, waiting for other connections as long as a write would.

    Switching a new database to WAL needs it to itself for a moment, and SQLite reports "busy" at once then,
    without waiting (the busy timeout does not apply): two ShopGuards starting on a new data folder meet here.
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if errors.kind_of(error) is not StoreErrorKind.BUSY or time.monotonic() > deadline:
                raise
        time.sleep(0.02)


def schema_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the schema forward to the latest version, all steps in one write transaction.

    The version is read again once the write lock is held: when two ShopGuards start on a new data folder at
    the same moment, the second waits for the first and then finds nothing left to do.
    """
    latest = len(MIGRATIONS)
    version = schema_version(connection)
    if version > latest:
        raise errors.newer_version(version)
    if version == latest:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(connection)
        if version > latest:
            raise errors.newer_version(version)
        for step in range(version, latest):
            for statement in _statements(MIGRATIONS[step]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {step + 1}")
        connection.execute("COMMIT")
    except BaseException:
        _roll_back(connection)
        raise


def _roll_back(connection: sqlite3.Connection) -> None:
    # After a full disk or a disk error SQLite may have rolled back already; a ROLLBACK that fails must not
    # hide the error that says what happened (closing the connection undoes the transaction anyway).
    if connection.in_transaction:
        try:
            connection.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one at a time (executescript() would commit the transaction
    first). A ';' inside a trigger's BEGIN ... END, a string or a comment does not end a statement."""
    start = 0
    for end, char in enumerate(script):
        if char == ";" and sqlite3.complete_statement(script[start : end + 1]):
            yield script[start : end + 1]
            start = end + 1
    if script[start:].strip():
        yield script[start:]
