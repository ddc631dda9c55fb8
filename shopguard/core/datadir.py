"""Where ShopGuard keeps the merchant's data. Resolving a path never creates it; main() does."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_VARIABLE = "SHOPGUARD_HOME"
APP_NAME = "ShopGuard"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """`--data-dir`, else $SHOPGUARD_HOME, else the per-user data folder of this OS:
    %LOCALAPPDATA%\\ShopGuard on Windows, ~/Library/Application Support/ShopGuard on macOS,
    $XDG_DATA_HOME/ShopGuard (~/.local/share/ShopGuard) on Linux."""
    if explicit:
        return Path(explicit).expanduser()
    from_environment = os.environ.get(HOME_VARIABLE)
    if from_environment:
        return Path(from_environment).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=False)
