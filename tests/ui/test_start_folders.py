"""File dialogs start where 抖店 exports land: 下载, else the desktop, else home."""

import platformdirs

from shopguard.ui import import_flow
from shopguard.ui.app import create_window
from shopguard.ui.start_folders import usual_folder


def test_downloads_then_desktop_then_home(tmp_path, monkeypatch):
    downloads, desktop = tmp_path / "下载", tmp_path / "桌面"
    monkeypatch.setattr(platformdirs, "user_downloads_dir", lambda: str(downloads))
    monkeypatch.setattr(platformdirs, "user_desktop_dir", lambda: str(desktop))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert usual_folder() == tmp_path / "home"  # neither exists (a fresh account)
    desktop.mkdir()
    assert usual_folder() == desktop
    downloads.mkdir()
    assert usual_folder() == downloads


def test_the_import_dialog_starts_in_the_downloads_folder(qtbot, tmp_path, monkeypatch):
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    monkeypatch.setattr(platformdirs, "user_downloads_dir", lambda: str(downloads))
    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(import_flow.QFileDialog, "getOpenFileNames", lambda *args: (asked.append(args[2]), ([], ""))[1])
    window.choose_files()
    assert asked == [str(downloads)]
