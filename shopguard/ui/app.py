"""Starting the window: the application object, the error handler, the store and the clock."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from shopguard.core.clock import now
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.resources import resource_dir
from shopguard.core.store.database import DB_NAME, Store
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.preferences import set_setting
from shopguard.ui import error_handler, first_load, first_run, i18n, setup_banner, single_instance, store_errors
from shopguard.ui.main_window import MainWindow
from shopguard.ui.single_instance import Claim, SingleInstance
from shopguard.ui.store_errors import StartAnswer
from shopguard.ui.store_watch import file_identity

DEMO_FOLDER = "demo"  # the demo store lives apart from the merchant's data


def demo_clock() -> Callable[[], datetime]:
    """The demo's fixed morning, ticking forward from the moment the window opened."""
    started = time.monotonic()
    return lambda: DEMO_AS_OF + timedelta(seconds=int(time.monotonic() - started))


def prepare_demo_store(data_dir: Path) -> Path:
    folder = data_dir / DEMO_FOLDER
    with Store.open(folder) as store:
        import_into_store(store, demo_files(), backups_kept=0)
        set_setting(store, "merchant", DEMO_SETTINGS.merchant)
        set_setting(store, "promise", DEMO_SETTINGS.promise)
        set_setting(store, "shop_province", DEMO_SETTINGS.shop_province)
    return folder


def create_window(data_dir: Path, demo: bool = False, background: bool = False) -> MainWindow:
    """The window on its store, its list computed now or (`background`, as the merchant starts it) on the
    worker after the window shows: at 200,000 orders that takes seconds."""
    store_dir = prepare_demo_store(data_dir) if demo else data_dir
    window = MainWindow(store_dir, demo_clock() if demo else now, demo=demo)
    window.demo_requested.connect(partial(open_demo_beside, window))
    if background:
        first_load.show_then_open(window)
    else:
        window.reload()
    if not demo:  # after the store opened (a problem with it is raised above); the demo's settings are made up
        window.setup_banner = setup_banner.attach(window)
    return window


def open_demo_beside(window: MainWindow) -> None:
    """The demo in a window of its own, on its own store: it never mixes with the merchant's data. One demo
    window at a time, as for any store: an open one (here or from `shopguard --demo`) comes to the front."""
    if window.demo_window is not None and window.demo_window.isVisible():
        single_instance.bring_to_front(window.demo_window)
        return
    instance = SingleInstance(window.data_dir / DEMO_FOLDER, window)
    if instance.claim() is Claim.ELSEWHERE:
        if not instance.hand_over():
            QMessageBox.warning(window, "ShopGuard", single_instance.no_answer_text(instance))
        return
    try:
        window.demo_window = create_window(window.data_dir, demo=True)
    except BaseException:
        instance.release()
        raise
    instance.window = window.demo_window
    window.demo_window.closed.connect(instance.release)
    window.demo_window.show()


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        icon.addFile(str(resource_dir() / "icons" / f"shopguard-{size}.png"))
    return icon


def smoke_test() -> int:
    """For a freshly built bundle: start, open the demo store, render the window offscreen, exit 0."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    translators = []
    app = None
    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        translators = i18n.install(app, "zh_CN")
        with tempfile.TemporaryDirectory() as scratch:
            window = create_window(Path(scratch), demo=True)
            window.resize(1366, 768)
            picture = window.grab()
            clocks = window.model.rowCount()
            window.close()
        if picture.isNull() or clocks == 0 or len(translators) < 2:  # ShopGuard's and Qt's own zh_CN
            print(f"smoke test failed: picture {'empty' if picture.isNull() else 'ok'}, {clocks} clocks, "
                  f"{len(translators)} translations")  # fmt: skip
            return 1
    except Exception as error:  # the point is to say why, in one line, for the build log
        print(f"smoke test failed: {type(error).__name__}: {error}")
        return 1
    finally:
        for translator in translators:  # leave the application as it was (tests share one)
            app.removeTranslator(translator)
    print(f"smoke test passed: demo window with {clocks} clocks rendered {picture.width()}x{picture.height()}")
    return 0


EXIT_STORE_PROBLEM = 2  # the merchant quit at a store problem (as the CLI's input and store errors)


def run_gui(data_dir: Path, demo: bool = False, language: str | None = None, minimized: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ShopGuard")
    app.setWindowIcon(app_icon())
    store_dir = data_dir / DEMO_FOLDER if demo else data_dir
    instance = SingleInstance(store_dir)
    claim = instance.claim()
    if claim is Claim.ELSEWHERE:  # before the store is touched: the other window owns it
        app.translators = i18n.install(app, i18n.pick_language(language))
        return hand_over(instance)
    app.translators = i18n.install(app, i18n.pick_language(language or stored_language(data_dir)))
    log_path = error_handler.setup_logging(data_dir)
    error_handler.install(log_path, store_dir)
    window = start_window(data_dir, demo, background=True)
    if window is None:
        instance.release()
        return EXIT_STORE_PROBLEM
    instance.window = window
    if minimized:  # started with the system (core/alerts/schedule.autostart_plan): to the tray once shown
        window.alerts.desktop.start_hidden_soon()
    window.show()
    QTimer.singleShot(0, partial(first_run.offer_setup, window))  # the first start: set up before importing
    try:
        return app.exec()
    finally:
        instance.release()


def hand_over(instance: SingleInstance) -> int:
    """A second start on the same data folder: bring the open window forward and end."""
    if instance.hand_over():
        print(single_instance.handed_over_text(instance.folder))
        return 0
    QMessageBox.warning(None, "ShopGuard", single_instance.no_answer_text(instance))
    return EXIT_STORE_PROBLEM


def stored_language(data_dir: Path) -> str | None:
    """The language chosen in Settings, read without opening the store for real: that is start_window's job,
    which tells the merchant about any problem (in this language)."""
    database = data_dir / DB_NAME
    if not database.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return Store(data_dir, connection).setting("language")
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError):
        return None


def start_window(data_dir: Path, demo: bool = False, background: bool = False) -> MainWindow | None:
    """The window on its store, after the merchant has been told about any store problem: None when they quit.

    A damaged database the core sets aside (it raises StoreError, or warns and opens a new one) is told in a
    dialog; the merchant quits (to restore a backup) or goes on with the new, empty database, and then the
    window says so for as long as it is open."""
    store_dir = data_dir / DEMO_FOLDER if demo else data_dir
    database = store_dir / DB_NAME
    set_aside = None  # the damaged database's problem, once the merchant chose to go on without it
    while True:
        before = _identity(database)
        failed = None
        with store_errors.core_notices() as notices:
            try:
                window = create_window(data_dir, demo, background)
            except Exception as error:
                failed = error
        moved = _moved(database, before)  # the core set the database aside (damaged) and opened a new one
        if failed is not None:
            problem = store_errors.store_problem(failed, store_dir, set_aside=moved)
            if problem is None:
                raise failed
            answer = store_errors.ask_at_start(problem)
            if answer is StartAnswer.QUIT:
                return None
            if answer is StartAnswer.CONTINUE:
                set_aside = problem
            continue  # again: on a new database after CONTINUE, the same one after RETRY
        if moved:  # without raising: the core only warned
            problem = store_errors.store_problem(notices[0] if notices else UserWarning(), store_dir, set_aside=True)
            if store_errors.ask_at_start(problem) is StartAnswer.QUIT:
                window.close()
                return None
            set_aside = problem
        else:
            for notice in notices:  # nothing set aside: the log keeps what the core said
                logging.getLogger("shopguard").warning("%s", notice)
        if set_aside is not None:
            window.banner.set_lasting(set_aside, on_empty_store=window.result.empty)
        return window


def _identity(database: Path):
    try:
        return file_identity(database)
    except OSError:  # an unreadable folder: opening the store says so
        return None


def _moved(database: Path, before) -> bool:
    return before is not None and _identity(database) != before
