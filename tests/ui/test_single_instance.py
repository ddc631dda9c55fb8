"""Two ShopGuard windows never run on one data folder: a second start (a real second process) brings the first
window to the front and ends; a window that crashed does not block the next start."""

import logging
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QLockFile

from shopguard.core.store.database import DB_NAME
from shopguard.ui import app as app_module
from shopguard.ui import single_instance
from shopguard.ui.app import create_window
from shopguard.ui.single_instance import LOCK_NAME, Claim, SingleInstance, server_name
from tests.ui.helpers import Dialogs

# Bringing a window forward asks the window system to raise it, which the offscreen platform cannot do.
offscreen_raise = pytest.mark.qt_log_ignore("This plugin does not support raise()")
STARTED = 20_000  # ms for a second ShopGuard process to start, hand over and end (two shared cores)


def shopguard(*args) -> subprocess.Popen:
    """`shopguard` in its own process, offscreen, as the merchant starts it a second time."""
    return subprocess.Popen(
        [sys.executable, "-m", "shopguard", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


@pytest.fixture
def merchant_folder(tmp_path):
    """A data folder under a long path with a Chinese user name, as on a merchant's Windows PC."""
    deep = "抖店时效管家数据" * 8  # 192 bytes, near the 255 a folder name may have
    return tmp_path / "Users" / "张三的店铺" / "AppData" / deep / deep / "ShopGuard"


@pytest.fixture
def gui_start(qapp, monkeypatch):
    """run_gui in this process: afterwards its translations, log file and error hook are gone again."""
    logger = logging.getLogger("shopguard")
    handlers = list(logger.handlers)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield app_module.run_gui
    for translator in getattr(qapp, "translators", []):
        qapp.removeTranslator(translator)
    qapp.translators = []
    for handler in set(logger.handlers) - set(handlers):
        logger.removeHandler(handler)
        handler.close()


@offscreen_raise
def test_a_second_start_brings_the_open_window_to_the_front_and_ends(qtbot, merchant_folder):
    instance = SingleInstance(merchant_folder)
    assert instance.claim() is Claim.OURS
    window = create_window(merchant_folder)
    qtbot.addWidget(window)
    instance.window = window
    window.show()
    window.showMinimized()
    second = shopguard("--data-dir", merchant_folder, "--lang", "zh_CN")
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=STARTED)  # the window answers meanwhile
    finally:
        if second.poll() is None:  # a second window opened after all: do not leave it running
            second.kill()
        out, err = second.communicate()
        instance.release()
    assert second.returncode == 0, err
    assert "Traceback" not in err
    assert out.strip() == f"ShopGuard 已经打开了数据文件夹 {merchant_folder}，已把那个窗口切换到最前面。"
    assert not window.isMinimized() and window.isVisible()
    assert not (merchant_folder / "logs").exists()  # the second start ended before it set anything up


def test_two_real_starts_one_window_and_a_crashed_window_does_not_block_the_next(qtbot, tmp_path):
    data = tmp_path / "data"
    first = shopguard("--data-dir", data)
    try:
        deadline = time.monotonic() + STARTED / 1000
        while not (data / DB_NAME).exists() and time.monotonic() < deadline:  # the first window is up
            time.sleep(0.1)
        assert first.poll() is None, first.communicate()
        second = subprocess.run(
            [sys.executable, "-m", "shopguard", "--data-dir", str(data), "--lang", "zh_CN"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=STARTED / 1000,
        )
        assert second.returncode == 0 and "已把那个窗口切换到最前面" in second.stdout, second.stderr
        assert first.poll() is None  # the first window is still there
    finally:
        first.kill()  # as if it crashed: its lock file stays behind
        first.communicate()
    assert (data / LOCK_NAME).exists()
    instance = SingleInstance(data)
    assert instance.claim() is Claim.OURS  # the crashed window's lock does not keep the merchant out
    instance.release()


def test_a_window_that_does_not_answer_is_told_not_opened_twice(qtbot, tmp_path, monkeypatch, gui_start):
    data = tmp_path / "data"
    data.mkdir()
    held = QLockFile(str(data / LOCK_NAME))  # a live ShopGuard holds the folder but never answers
    held.setStaleLockTime(0)
    assert held.tryLock(0)
    monkeypatch.setattr(single_instance, "PATIENCE", 0.5)
    told = []
    monkeypatch.setattr(app_module.QMessageBox, "warning", lambda parent, title, text: told.append(text))
    created = []
    monkeypatch.setattr(app_module, "start_window", lambda *args: created.append(args))
    try:
        assert gui_start(data, language="zh_CN") == app_module.EXIT_STORE_PROBLEM
    finally:
        held.unlock()
    assert created == []
    assert told == [
        f"ShopGuard 已经打开了数据文件夹 {data}，但那个窗口没有响应。请在任务栏中切换到它，或者把它关闭"
        "（必要时在任务管理器中结束它），然后再启动 ShopGuard。"
    ]


@offscreen_raise
def test_the_demo_has_its_own_single_window(qtbot, tmp_path):
    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    window.welcome.demo_requested.emit()
    demo = window.demo_window
    qtbot.addWidget(demo)
    window.welcome.demo_requested.emit()  # again: the same demo window comes forward
    assert window.demo_window is demo
    assert SingleInstance(tmp_path / "data" / app_module.DEMO_FOLDER).claim() is Claim.ELSEWHERE
    demo.close()
    again = SingleInstance(tmp_path / "data" / app_module.DEMO_FOLDER)
    assert again.claim() is Claim.OURS
    again.release()


def test_the_server_name_is_short_and_plain_whatever_the_folder(merchant_folder, tmp_path):
    name = server_name(merchant_folder)
    assert name.isascii() and len(name) < 50
    assert name == server_name(merchant_folder / ".." / "ShopGuard")  # one folder, however it is written
    assert name != server_name(tmp_path / "other")


def test_quitting_at_a_store_problem_ends_the_start_and_frees_the_folder(qtbot, tmp_path, monkeypatch, gui_start):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"\x00" * 4096)  # not a database
    dialogs = Dialogs(monkeypatch, "退出 ShopGuard")
    assert gui_start(data, language="zh_CN") == app_module.EXIT_STORE_PROBLEM
    assert "数据库文件已损坏" in dialogs.shown[0]
    after = SingleInstance(data)
    assert after.claim() is Claim.OURS
    after.release()
