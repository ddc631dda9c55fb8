"""Writing files (reports, rule packs) all at once or not at all, and what to say when Excel holds one open,
the disk is full, or a path is not what the merchant thought."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Callable
from pathlib import Path


class TargetLocked(Exception):
    """The target cannot be replaced (on Windows: the workbook is open in Excel or WPS)."""

    def __init__(self, target: Path, suggestion: Path):
        super().__init__(f"{target.name} 无法写入（可能正在 Excel/WPS 中打开）。请关闭它，或另存为 {suggestion.name}")
        self.target = target
        self.suggestion = suggestion


def free_name(target: Path) -> Path:
    """`晨报 (2).xlsx`, `晨报 (3).xlsx`, ...: the first name not taken."""
    for number in range(2, 1000):
        candidate = target.with_name(f"{target.stem} ({number}){target.suffix}")
        if not candidate.exists():
            return candidate
    return target.with_name(f"{target.stem}-new{target.suffix}")


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """`write(temporary path)`, then move it over the target in one step; the target is never half-written.

    An OSError (disk full, a folder with that name, no permission) names the target, not the temporary file,
    so that the message the merchant sees says which file could not be written.
    """
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write(partial)
        try:
            os.replace(partial, target)
        except PermissionError:  # on Windows: Excel or WPS has the target open
            raise TargetLocked(target, free_name(target)) from None
    except BaseException as error:
        with contextlib.suppress(OSError):  # the folder may not exist, or be a file
            partial.unlink(missing_ok=True)
        if isinstance(error, OSError):
            name_the_target(error, target, partial)
        raise
    return target


def save_workbook(workbook, path: Path) -> None:
    """openpyxl's `workbook.save`, but a save that fails half-way (a full disk) closes each write-only sheet's
    row writer at once: left to the garbage collector, it raises later where nothing can catch it."""
    try:
        workbook.save(path)
    except BaseException:
        for sheet in workbook.worksheets:
            rows = getattr(sheet, "_rows", None)  # WriteOnlyWorksheet's generator of rows
            if rows is not None:
                with contextlib.suppress(Exception):
                    rows.close()
        raise


def name_the_target(error: OSError, target: Path, *temporary: Path) -> None:
    """Make `error` name `target` when it names nothing, or only a temporary path (or a path inside one) that the
    merchant never chose."""
    if error.filename is None or any(_within(Path(error.filename), place) for place in temporary):
        error.filename = str(target)
        error.filename2 = None


def _within(path: Path, place: Path) -> bool:
    return path == place or place in path.parents


# What the merchant's disk, folders and file names can cause: (what happened, what to do).
_CAUSES = {
    errno.ENOSPC: ("磁盘空间不足", "请清理磁盘空间，或换一个位置保存"),
    errno.EACCES: ("没有权限", "请换一个有写入权限的文件夹，或检查文件是否设成了只读"),
    errno.EPERM: ("没有权限", "请换一个有写入权限的文件夹，或检查文件是否设成了只读"),
    errno.EROFS: ("这个位置是只读的", "请换一个可以写入的文件夹"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "请给出文件名，例如 文件夹/晨报.xlsx"),
    errno.ENOTDIR: ("路径里有一部分是文件，不是文件夹", "请检查路径"),
    errno.ENOENT: ("找不到这个文件或文件夹", "请检查路径是否写对"),
    errno.EEXIST: ("已经有同名的文件或文件夹", "请换一个名字或位置"),
    errno.ENAMETOOLONG: ("文件名或路径太长", "请换一个短一些的名字或位置"),
    errno.EINVAL: ("文件名里有不允许的字符", '请去掉 \\ / : * ? " < > | 和换行等字符'),
    errno.EIO: ("读写出错（磁盘或 U 盘可能已拔出或损坏）", "请检查磁盘后再试"),
    errno.EBUSY: ("正被其他程序使用", "请关闭使用它的程序后再试"),
    errno.EFBIG: ("文件超过了这个磁盘允许的大小", "请换一个位置保存"),
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _CAUSES[errno.EDQUOT] = ("超出了磁盘配额", "请清理空间，或换一个位置保存")
_WITHOUT_A_PATH = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}  # a full disk needs no path to explain


def disk_full(error: OSError) -> bool:
    """The disk being written to is full (or over quota): whatever path the error names (a copy names its
    source), the place to name is where the data was going."""
    return error.errno in _WITHOUT_A_PATH


def describe_os_error(error: OSError) -> str | None:
    """The merchant's words for an OSError their disk, folders or file names caused, naming the path; None for
    any other (a programming error, whose traceback is what is needed)."""
    cause = _CAUSES.get(error.errno)
    if cause is None or (error.filename is None and error.errno not in _WITHOUT_A_PATH):
        return None
    what, to_do = cause
    where = f"「{printable(os.fsdecode(error.filename))}」：" if error.filename is not None else ""
    return f"{where}{what}。{to_do}"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(name: str) -> str:
    """A file name as one line of text: a newline in it shows as \\n instead of breaking the message."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], name)
