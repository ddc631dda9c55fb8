import os
import subprocess
import sys
from pathlib import Path

import pytest

from shopguard.core.datadir import data_dir


def test_flag_beats_environment_beats_the_os_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPGUARD_HOME", str(tmp_path / "env"))
    assert data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert data_dir() == tmp_path / "env"
    monkeypatch.delenv("SHOPGUARD_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "ShopGuard"


def run(*args, env):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, encoding="utf-8")


def test_importing_modules_creates_no_folder_and_shopguard_home_isolates_everything(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "xdg")}
    env.pop("SHOPGUARD_HOME", None)
    code = "import shopguard.cli, shopguard.core.store.merge, shopguard.core.store.snapshot"
    assert run("-c", code, env=env).returncode == 0
    assert list(home.iterdir()) == []  # nothing created at import time
    isolated = tmp_path / "portable"
    env["SHOPGUARD_HOME"] = str(isolated)
    assert run("-m", "shopguard", "settings", env=env).returncode == 0
    assert (isolated / "shopguard.db").exists()
    assert list(home.iterdir()) == []  # the real per-user folder was never touched
    other = tmp_path / "flag"
    assert run("-m", "shopguard", "--data-dir", str(other), "settings", env=env).returncode == 0
    assert (other / "shopguard.db").exists()
    assert Path(home).exists() and list(home.iterdir()) == []


def test_a_folder_chosen_in_settings_is_used_unless_the_flag_or_environment_say_otherwise(tmp_path, monkeypatch):
    from shopguard.core.datadir import choose_data_dir

    monkeypatch.delenv("SHOPGUARD_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "ShopGuard"
    choose_data_dir(tmp_path / "on-the-usb-stick")
    assert data_dir() == tmp_path / "on-the-usb-stick"
    assert data_dir(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.setenv("SHOPGUARD_HOME", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    monkeypatch.delenv("SHOPGUARD_HOME")
    choose_data_dir(None)
    assert data_dir() == tmp_path / "xdg" / "ShopGuard"


def pointer_env(tmp_path, content: bytes) -> dict:
    """An environment whose Settings pointer (data-folder.txt) holds `content`."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("SHOPGUARD_HOME", None)
    pointer = tmp_path / "config" / "ShopGuard" / "data-folder.txt"
    pointer.parent.mkdir(parents=True)
    pointer.write_bytes(content)
    return env


def test_a_pointer_saved_in_another_encoding_is_a_message_never_a_traceback_or_an_empty_store(tmp_path):
    env = pointer_env(tmp_path, "D:\\抖店数据\\ShopGuard".encode("gbk"))  # re-saved by Notepad as ANSI
    result = run("-m", "shopguard", "settings", env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    pointer = tmp_path / "config" / "ShopGuard" / "data-folder.txt"
    assert result.stderr.startswith(
        f"shopguard: 记录数据文件夹位置的文件「{pointer}」不是 UTF-8 编码（也许被别的程序改过），所以不知道数据在哪里，"
        "ShopGuard 没有打开任何数据。请用记事本打开它"
    )
    assert not (tmp_path / "xdg").exists()  # no empty store opened in the default folder instead


def test_a_pointer_that_cannot_be_read_or_is_not_a_path_is_a_message(tmp_path, monkeypatch):
    from shopguard.core import datadir

    monkeypatch.delenv("SHOPGUARD_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    datadir.choose_data_dir(tmp_path / "数据")
    assert data_dir() == tmp_path / "数据"

    def unreadable(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    with monkeypatch.context() as patch:
        patch.setattr(Path, "read_text", unreadable)
        with pytest.raises(datadir.DataDirError, match="data-folder.txt」无法读取（没有权限），所以不知道数据在哪里"):
            data_dir()
    datadir.location_file().write_bytes(b"D:\\data\x00\n")
    with pytest.raises(datadir.DataDirError, match="」里面不是一个文件夹路径，所以不知道数据在哪里"):
        data_dir()
    assert data_dir(tmp_path / "flag") == tmp_path / "flag"  # --data-dir still works


def test_the_window_says_so_in_a_dialog_when_the_pointer_cannot_be_read(tmp_path, monkeypatch, capsys):
    from PySide6.QtWidgets import QMessageBox

    from shopguard.cli import main
    from shopguard.core import datadir

    monkeypatch.delenv("SHOPGUARD_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    datadir.location_file().parent.mkdir(parents=True)
    datadir.location_file().write_bytes("数据".encode("gbk"))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert main([]) == 2
    (message,) = shown
    assert "不是 UTF-8 编码" in message and capsys.readouterr().err == f"shopguard: {message}\n"
