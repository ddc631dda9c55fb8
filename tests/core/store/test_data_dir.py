import os
import subprocess
import sys
from pathlib import Path

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
