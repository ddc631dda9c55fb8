"""Where ShopGuard keeps the merchant's data. Resolving a path never creates it; main() does."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

HOME_VARIABLE = "SHOPGUARD_HOME"
APP_NAME = "ShopGuard"


PORTABLE_MARKER = "portable.txt"  # beside ShopGuard.exe: keep all data in ShopGuardData/ next to it
PORTABLE_FOLDER = "ShopGuardData"


def portable_dir() -> Path | None:
    """The data folder beside the program, when the bundle carries the portable marker."""
    if not getattr(sys, "frozen", False):
        return None
    here = Path(sys.executable).resolve().parent
    return here / PORTABLE_FOLDER if (here / PORTABLE_MARKER).exists() else None


class DataDirError(ValueError):
    """The file naming the data folder chosen in Settings cannot be read; the message says what to do. Falling
    back to the default folder instead would open an empty store and hide the merchant's data."""


def location_file() -> Path:
    """A one-line file in the per-user config folder naming a data folder the merchant chose in Settings."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False, roaming=False) / "data-folder.txt"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """`--data-dir`, else $SHOPGUARD_HOME, else the portable folder beside a bundle that has the marker, else
    the folder chosen in Settings, else the per-user data folder:
    %LOCALAPPDATA%\\ShopGuard on Windows, ~/Library/Application Support/ShopGuard on macOS,
    $XDG_DATA_HOME/ShopGuard (~/.local/share/ShopGuard) on Linux."""
    if explicit:
        return Path(explicit).expanduser()
    from_environment = os.environ.get(HOME_VARIABLE)
    if from_environment:
        return Path(from_environment).expanduser()
    portable = portable_dir()
    if portable is not None:
        return portable
    chosen = _chosen_in_settings(location_file())
    if chosen is not None:
        return chosen
    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=False)


def _chosen_in_settings(pointer: Path) -> Path | None:
    """The folder `pointer` names; None when there is no pointer (or it is empty)."""
    try:
        if not pointer.is_file():
            return None
        chosen = pointer.read_text(encoding="utf-8-sig").strip()
    except (OSError, UnicodeDecodeError) as error:
        why = "不是 UTF-8 编码（也许被别的程序改过）" if isinstance(error, UnicodeDecodeError) else _os_reason(error)
        raise DataDirError(_unusable(pointer, why)) from None
    if any(character in chosen for character in "\0\r\n"):
        raise DataDirError(_unusable(pointer, "里面不是一个文件夹路径"))
    return Path(chosen) if chosen else None


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "无法读取（没有权限）"
    return "无法读取（磁盘读写出错，或它不是一个普通文件）"


def _unusable(pointer: Path, why: str) -> str:
    return (
        f"记录数据文件夹位置的文件「{pointer}」{why}，所以不知道数据在哪里，ShopGuard 没有打开任何数据。"
        "请用记事本打开它，只写一行数据文件夹的路径，保存为 UTF-8；或删除这个文件后重新在设置中选择数据文件夹"
        "（也可以用 --data-dir 指定）"
    )


def choose_data_dir(folder: Path | None) -> None:
    """Remember the merchant's choice of data folder for the next start (None: back to the default)."""
    pointer = location_file()
    if folder is None:
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    pointer.write_text(str(folder), encoding="utf-8")
