"""Starting the window: the application object, the error handler, the store and the clock."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from shopguard.core.clock import now
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.resources import resource_dir
from shopguard.core.store.database import Store, StoreError
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.preferences import get_setting, set_setting
from shopguard.ui import error_handler, i18n
from shopguard.ui.main_window import MainWindow

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


def create_window(data_dir: Path, demo: bool = False) -> MainWindow:
    store_dir = prepare_demo_store(data_dir) if demo else data_dir
    window = MainWindow(store_dir, demo_clock() if demo else now, demo=demo)
    window.demo_requested.connect(partial(open_demo_beside, window))
    window.reload()
    return window


def open_demo_beside(window: MainWindow) -> None:
    """The demo in a window of its own, on its own store: it never mixes with the merchant's data."""
    window.demo_window = create_window(window.data_dir, demo=True)
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


def run_gui(data_dir: Path, demo: bool = False, language: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ShopGuard")
    app.setWindowIcon(app_icon())
    data_dir.mkdir(parents=True, exist_ok=True)
    if language is None:
        try:
            with Store.open(data_dir) as store:
                language = get_setting(store, "language")
        except StoreError:
            language = None  # create_window below reports the damaged store
    app.translators = i18n.install(app, i18n.pick_language(language))  # kept alive with the app
    error_handler.install(error_handler.setup_logging(data_dir))
    try:
        window = create_window(data_dir, demo)
    except StoreError as error:
        error_handler.QMessageBox.critical(None, "ShopGuard", str(error))
        return 2
    window.show()
    return app.exec()
