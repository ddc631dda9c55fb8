"""Where file dialogs start: the folder 抖店 exports land in (下载), else the desktop, else the home folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs


def usual_folder() -> Path:
    for folder in (platformdirs.user_downloads_dir(), platformdirs.user_desktop_dir()):
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()
