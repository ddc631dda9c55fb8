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
    pointer = location_file()
    if pointer.is_file():
        chosen = pointer.read_text(encoding="utf-8").strip()
        if chosen:
            return Path(chosen)
    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=False)


def choose_data_dir(folder: Path | None) -> None:
    """Remember the merchant's choice of data folder for the next start (None: back to the default)."""
    pointer = location_file()
    if folder is None:
        pointer.unlink(missing_ok=True)
        return
    pointer.parent.mkdir(parents=True, exist_ok=True)
    pointer.write_text(str(folder), encoding="utf-8")
