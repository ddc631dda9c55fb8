"""Rolling backups in backups/: written whole or not at all, checked before old ones roll over.

A backup is first written as `<name>.partial` and renamed only once it is complete and passes
`PRAGMA quick_check`; only then are backups beyond the number to keep deleted, so a damaged database never
pushes the last good copies out. The newest intact backup found when damage is detected is renamed to end in
`-before-damage.db` and never rolls over. Callers hold the database's write lock while a backup is written
(database.Store.backup), so any `.partial` file met then was left by a crash and is removed.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from shopguard.core.clock import now
from shopguard.core.store import errors
from shopguard.core.store.errors import StoreError, StoreErrorKind

BACKUP_DIR = "backups"
PROTECTED_SUFFIX = "-before-damage.db"
_ROLLING = re.compile(r"shopguard-\d{8}-\d{6}-\d{6}\.db")  # shopguard-<Beijing time to the microsecond>.db


def write_backup(source: sqlite3.Connection, folder: Path, keep: int) -> Path:
    """Copy the database `source` is connected to into `folder`; keep the newest `keep` rolling backups.

    Raises StoreError if the copy cannot be written (the database is untouched, no partial file is left) or
    if the copy is damaged, which means the database is (then nothing rolls over).
    """
    try:
        folder.mkdir(exist_ok=True)
        remove_orphans(folder)
    except OSError as error:
        raise errors.backup_failed(error, folder) from None
    target = _free_name(folder)
    partial = target.with_name(target.name.removesuffix(".db") + ".partial")
    try:
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(copy)
            intact = copy.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            copy.close()
        if intact:
            partial.replace(target)
    except (OSError, sqlite3.Error) as error:
        _remove_partial(partial)
        if isinstance(error, sqlite3.Error) and errors.is_damage(error):
            raise _damaged_source(error) from None
        raise errors.backup_failed(error, folder) from None
    if not intact:
        _remove_partial(partial)
        raise _damaged_source(None)
    roll_over(folder, keep)
    return target


def roll_over(folder: Path, keep: int) -> None:
    """Delete rolling backups beyond the newest `keep`; protected ones are never counted or deleted."""
    for old in rolling_backups(folder)[:-keep]:
        try:
            old.unlink()
        except OSError:  # open elsewhere, or the folder turned read-only: keeping one more is harmless
            pass


def rolling_backups(folder: Path) -> list[Path]:
    """Oldest first."""
    return sorted(path for path in folder.glob("shopguard-*.db") if _ROLLING.fullmatch(path.name))


def remove_orphans(folder: Path) -> None:
    """Delete what a backup interrupted by a crash or a kill left behind (and its journal files)."""
    for leftover in folder.glob("*.partial*"):
        leftover.unlink(missing_ok=True)


def newest_intact_backup(folder: Path) -> Path | None:
    """The newest backup (rolling or protected) that passes `PRAGMA quick_check`."""
    try:
        candidates = sorted(folder.glob("shopguard-*.db"), key=lambda path: path.name, reverse=True)
    except OSError:
        return None
    for candidate in candidates:
        if _intact(candidate):
            return candidate
    return None


def protect(backup: Path) -> Path:
    """Keep `backup` past any number of later backups (renamed to end in -before-damage.db)."""
    if backup.name.endswith(PROTECTED_SUFFIX):
        return backup
    protected = backup.with_name(backup.name.removesuffix(".db") + PROTECTED_SUFFIX)
    try:
        backup.replace(protected)
    except OSError:  # a read-only folder: nothing can delete it there either
        return backup
    return protected


def _intact(path: Path) -> bool:
    # Read-only and immutable: checking a backup must never change it, nor create files beside it.
    uri = f"{path.absolute().as_uri()}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            return connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def _free_name(folder: Path) -> Path:
    stamp = now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"shopguard-{stamp}.db"
    while target.exists() or (folder / f"shopguard-{stamp}{PROTECTED_SUFFIX}").exists():
        # Two backups in one microsecond (a clock set back, or a coarse clock): never overwrite a backup.
        stamp = f"{stamp[:-6]}{(int(stamp[-6:]) + 1) % 1_000_000:06d}"
        target = folder / f"shopguard-{stamp}.db"
    return target


def _remove_partial(partial: Path) -> None:
    for leftover in partial.parent.glob(partial.name + "*"):
        try:
            leftover.unlink()
        except OSError:  # removed on the next backup
            pass


def _damaged_source(error: sqlite3.Error | None) -> StoreError:
    message = (
        "数据库文件已损坏（自动备份时发现），这次没有备份，已有的备份都保留着。请关闭 ShopGuard 后重新打开"
        "（或重新运行命令）：启动时会检查数据库，把损坏的文件原样移到一边保留，并告诉你从哪一份备份恢复。"
    )
    return StoreError(message, StoreErrorKind.DAMAGED, details=str(error or "quick_check"))
