"""Import from a private copy, so that a file which changes while it is read is never half-imported.

A merchant may import an export that the browser is still writing, or save over it in Excel mid-import.
Reading the file in place could then keep the rows of a truncated file under the checksum of the whole one,
and the whole file would later be refused as "already imported": rows lost for good. So the file is copied
first, the checksum is taken of exactly the bytes copied, and the copy (which nobody else touches) is what is
parsed. The file's size and modification time before the copy, after it and after parsing must agree, and
the bytes copied must be as many as the file's size; else the import is refused with a message.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20


class FileChanged(Exception):
    """The file changed, vanished or could not be read while it was being imported; the message says so."""


@dataclass(frozen=True, slots=True)
class FileState:
    size: int
    modified_ns: int


@dataclass(frozen=True, slots=True)
class PrivateCopy:
    path: Path  # in a temporary folder, under the original's name (its suffix and export time matter)
    sha256: str  # of the bytes copied, which are the bytes parsed
    state: FileState  # of the original, before the copy


CHANGED = (
    "导入过程中文件被改动了（大小或修改时间变了），为避免只导入一部分，这个文件没有导入；"
    "请等文件保存或下载完成后重新导入"
)
VANISHED = "导入过程中文件被删除或移走了，这个文件没有导入；请确认文件还在后重新导入"
LOCKED = "无法读取文件：没有权限，或正被其他程序占用（例如还在下载，或正在 Excel 中保存）；请关闭占用它的程序后重新导入"
NO_ROOM = "无法在临时文件夹中复制这个文件（磁盘空间不足？），这个文件没有导入；请腾出空间后重新导入"


@contextmanager
def private_copy(path: Path) -> Iterator[PrivateCopy]:
    """A copy of `path` to parse, deleted afterwards. Raises FileChanged when the file changes meanwhile."""
    state = file_state(path)
    with tempfile.TemporaryDirectory(prefix="shopguard-import-", ignore_cleanup_errors=True) as folder:
        copy = Path(folder) / path.name
        digest = hashlib.sha256()
        copied = 0
        try:
            source = path.open("rb")
        except OSError as error:
            raise FileChanged(_reading_failed(error)) from None
        with source:
            try:
                target = copy.open("wb")
            except OSError:
                raise FileChanged(NO_ROOM) from None
            with target:
                while chunk := _read(source):
                    digest.update(chunk)
                    try:
                        target.write(chunk)
                    except OSError:
                        raise FileChanged(NO_ROOM) from None
                    copied += len(chunk)
        if copied != state.size:
            raise FileChanged(CHANGED)
        check_unchanged(path, state)
        yield PrivateCopy(copy, digest.hexdigest(), state)


def file_state(path: Path) -> FileState:
    try:
        status = os.stat(path)
    except OSError as error:
        raise FileChanged(_reading_failed(error)) from None
    return FileState(status.st_size, status.st_mtime_ns)


def check_unchanged(path: Path, state: FileState) -> None:
    """Raises FileChanged unless the file still has the size and modification time it had."""
    if file_state(path) != state:
        raise FileChanged(CHANGED)


def _read(source) -> bytes:
    try:
        return source.read(CHUNK)
    except OSError as error:
        raise FileChanged(_reading_failed(error)) from None


def _reading_failed(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return VANISHED
    if isinstance(error, PermissionError):
        return LOCKED
    return f"读取文件时出错（系统错误代码 {error.errno}），这个文件没有导入；请检查文件后重新导入"
