"""What went wrong with the store, told apart by cause: only a damaged file is ever treated as damage.

SQLite and the operating system report a full disk, a read-only folder, a pulled-out USB stick, another
ShopGuard holding the write lock and a damaged file all as exceptions; each becomes a StoreError with a
`kind` a front end can act on and a Chinese message that says what happened and what to do. The English
text of the original error is never part of the message (it stays in `details`, for the log).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from enum import StrEnum
from pathlib import Path


class StoreErrorKind(StrEnum):
    DAMAGED = "damaged"  # SQLITE_CORRUPT / SQLITE_NOTADB, or rows from PRAGMA integrity_check
    FULL = "full"  # no space left on the disk
    READ_ONLY = "read_only"  # the folder or the file cannot be written
    UNREADABLE = "unreadable"  # cannot be opened at all: no permission, not a folder
    DISK_ERROR = "disk_error"  # the disk failed to read or write (a pulled-out USB stick, a network drive)
    BUSY = "busy"  # another ShopGuard held the write lock for longer than this one would wait
    NEWER = "newer"  # written by a newer ShopGuard
    OTHER = "other"


class StoreError(Exception):
    """The store cannot be used, or this change could not be saved; str() is the message for the merchant.

    `kind` says why (StoreErrorKind). For DAMAGED: `backup` is the newest intact backup to restore from (or
    None) and `moved` where the damaged file was moved (None when it could not be, and it is still in place).
    """

    def __init__(
        self,
        message: str,
        kind: StoreErrorKind = StoreErrorKind.OTHER,
        *,
        backup: Path | None = None,
        moved: Path | None = None,
        details: str = "",
    ):
        super().__init__(message)
        self.kind = kind
        self.backup = backup
        self.moved = moved
        self.details = details


BUSY_MESSAGE = "另一个 ShopGuard 正在写入数据，请稍后再试（这次的更改没有保存，已保存的数据没有变化）。"

_NOT_SAVED = "这次的更改没有保存，已保存的数据没有变化"

# Primary result codes (the low byte of the extended code Python reports).
_DAMAGE_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_KIND_BY_CODE = {
    sqlite3.SQLITE_CORRUPT: StoreErrorKind.DAMAGED,
    sqlite3.SQLITE_NOTADB: StoreErrorKind.DAMAGED,
    sqlite3.SQLITE_FULL: StoreErrorKind.FULL,
    sqlite3.SQLITE_IOERR: StoreErrorKind.DISK_ERROR,
    sqlite3.SQLITE_READONLY: StoreErrorKind.READ_ONLY,
    sqlite3.SQLITE_CANTOPEN: StoreErrorKind.UNREADABLE,
    sqlite3.SQLITE_PERM: StoreErrorKind.UNREADABLE,
    sqlite3.SQLITE_AUTH: StoreErrorKind.UNREADABLE,
    sqlite3.SQLITE_BUSY: StoreErrorKind.BUSY,
    sqlite3.SQLITE_LOCKED: StoreErrorKind.BUSY,
}


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_damage(error: sqlite3.Error) -> bool:
    """Only these codes mean the file itself is damaged; every other error leaves it where it is."""
    return primary_code(error) in _DAMAGE_CODES


def kind_of(error: sqlite3.Error) -> StoreErrorKind | None:
    """The kind of a SQLite error the merchant can meet, None for a programming error."""
    return _KIND_BY_CODE.get(primary_code(error))


def from_sqlite(error: sqlite3.Error, directory: Path) -> StoreError | None:
    """The StoreError for a SQLite error met while using the store in `directory`; None if it is a bug."""
    kind = kind_of(error)
    if kind is None:
        return None
    if kind is StoreErrorKind.DISK_ERROR and _out_of_space(error, directory):
        kind = StoreErrorKind.FULL
    if kind is StoreErrorKind.DAMAGED:
        message = (
            "读取数据库时发现文件已损坏，这次操作没有完成。请关闭 ShopGuard 后重新打开（或重新运行命令）："
            "启动时会检查数据库，把损坏的文件原样移到一边保留，并告诉你从哪一份备份恢复。"
        )
    elif kind is StoreErrorKind.BUSY:
        message = BUSY_MESSAGE
    else:
        message = _MESSAGES[kind](directory)
    return StoreError(message, kind, details=str(error))


def from_os(error: OSError, directory: Path, reading: bool = False) -> StoreError:
    """The StoreError for the operating system refusing to create, read or write the data folder `directory`."""
    if error.errno in (errno.EEXIST, errno.ENOTDIR):
        message = (
            f"数据文件夹 {directory} 是一个文件，不是文件夹。请用 --data-dir 或环境变量 SHOPGUARD_HOME 指定一个文件夹。"
        )
        return StoreError(message, StoreErrorKind.UNREADABLE, details=str(error))
    kind = _os_kind(error)
    if reading and kind is StoreErrorKind.READ_ONLY:
        kind = StoreErrorKind.UNREADABLE
    return StoreError(_MESSAGES[kind](directory), kind, details=str(error))


def cannot_create_folder(error: OSError, directory: Path) -> StoreError:
    """The data folder does not exist and cannot be made (a read-only disk, no permission, a full disk)."""
    if error.errno in (errno.EEXIST, errno.ENOTDIR):
        return from_os(error, directory)
    kind = _os_kind(error)
    reason = {StoreErrorKind.FULL: "磁盘空间已满", StoreErrorKind.READ_ONLY: "上级文件夹是只读的或没有写入权限"}.get(
        kind, "磁盘读写出错"
    )
    message = (
        f"无法新建数据文件夹 {directory}：{reason}。"
        "请用 --data-dir 或环境变量 SHOPGUARD_HOME 指定一个可以写入的文件夹。"
    )
    return StoreError(message, kind, details=str(error))


def backup_failed(error: OSError | sqlite3.Error, folder: Path) -> StoreError:
    """A backup that could not be written into `folder` (the database itself is untouched)."""
    kind = _os_kind(error) if isinstance(error, OSError) else kind_of(error) or StoreErrorKind.DISK_ERROR
    if kind is StoreErrorKind.DISK_ERROR and isinstance(error, sqlite3.Error) and _out_of_space(error, folder):
        kind = StoreErrorKind.FULL
    if kind is StoreErrorKind.UNREADABLE and folder.is_dir() and not os.access(folder, os.W_OK):
        kind = StoreErrorKind.READ_ONLY  # SQLite says only that it cannot open the copy
    reason = {
        StoreErrorKind.FULL: "磁盘空间已满",
        StoreErrorKind.READ_ONLY: "备份文件夹是只读的或没有写入权限",
        StoreErrorKind.UNREADABLE: "备份文件夹无法打开（没有权限，或同名的是一个文件）",
    }.get(kind, "磁盘读写出错")
    message = (
        f"自动备份没有写成：{reason}（{folder}）。数据库本身没有变化。"
        "请腾出磁盘空间或检查这个文件夹的权限后再试；确实不需要自动备份的话，可以用 "
        "shopguard settings backups_kept 0 关闭。"
    )
    return StoreError(message, kind, details=str(error))


def read_only(directory: Path, why: str = _NOT_SAVED) -> StoreError:
    return StoreError(_read_only_message(directory, why), StoreErrorKind.READ_ONLY)


def newer_version(version: int) -> StoreError:
    return StoreError(
        f"数据库来自更新版本的 ShopGuard（结构版本 {version}），请升级 ShopGuard 后再打开", StoreErrorKind.NEWER
    )


def _read_only_message(directory: Path, why: str = _NOT_SAVED) -> str:
    return (
        f"数据文件夹 {directory} 是只读的（或没有写入权限），{why}。请取消只读或加上写入权限，"
        "或用 --data-dir / 环境变量 SHOPGUARD_HOME 换一个可写的数据文件夹（可以把整个数据文件夹复制过去）。"
    )


_MESSAGES = {
    StoreErrorKind.FULL: lambda d: f"磁盘空间已满（数据文件夹 {d} 所在的磁盘），{_NOT_SAVED}。请腾出磁盘空间后再试。",
    StoreErrorKind.READ_ONLY: _read_only_message,
    StoreErrorKind.UNREADABLE: lambda d: (
        f"无法打开数据文件夹 {d} 中的数据库（没有读取权限，或文件无法打开），文件留在原处没有改动。"
        "请检查这个文件夹的权限，或用 --data-dir / 环境变量 SHOPGUARD_HOME 指定另一个数据文件夹。"
    ),
    StoreErrorKind.DISK_ERROR: lambda d: (
        f"读写数据文件夹 {d} 时磁盘出错（例如 U 盘被拔出、网络盘断开或磁盘故障），这次操作没有完成，"
        "数据库文件留在原处没有改动。请检查磁盘或重新插好 U 盘后再试。"
    ),
}


# Less free space than this when a write fails: the disk is full, whatever the error says.
_NEARLY_FULL = 1 << 20


def _out_of_space(error: sqlite3.Error, directory: Path) -> bool:
    """SQLite reports a full disk as SQLITE_FULL only for the database file: growing the -shm file, or some
    writes to the -wal file, fail as a disk I/O error. The free space tells them apart."""
    if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_IOERR_SHMSIZE:
        return True
    try:
        return shutil.disk_usage(directory).free < _NEARLY_FULL
    except OSError:
        return False


def _os_kind(error: OSError) -> StoreErrorKind:
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return StoreErrorKind.FULL
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StoreErrorKind.READ_ONLY
    if error.errno in (errno.EEXIST, errno.ENOTDIR):
        return StoreErrorKind.UNREADABLE
    return StoreErrorKind.DISK_ERROR
