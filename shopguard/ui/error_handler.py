"""Errors nobody caught: logged with the traceback to a file in the data folder and shown in a dialog; the window
keeps running. A store problem (a full disk during an import, a busy or damaged database) is told as what
happened and what to do (store_errors); anything else as an unexpected error with a copyable report."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from shopguard.ui import store_errors

log = logging.getLogger("shopguard")


def setup_logging(data_dir: Path) -> Path | None:
    """Log to logs/shopguard.log in the data folder; None when it cannot be written (a read-only or unreadable
    folder, which the store's own check then tells the merchant about)."""
    folder = data_dir / "logs"
    path = folder / "shopguard.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def show_unexpected_error(error_type, error, tb, log_path: Path | None = None) -> None:
    report = "".join(traceback.format_exception(error_type, error, tb))
    log.error("unexpected error\n%s", report)
    if QApplication.instance() is None:
        sys.__excepthook__(error_type, error, tb)
        return
    translate = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        translate("ErrorHandler", "ShopGuard hit a problem"),
        translate("ErrorHandler", "Something unexpected went wrong. It has been logged and you can keep working."),
    )
    informative = translate("ErrorHandler", "To ask for help, copy the report below and send it to us.")
    if log_path:
        informative += "\n" + translate("ErrorHandler", "Log file: {path}").format(path=log_path)
    box.setInformativeText(informative)
    box.setDetailedText(report)
    box.exec()


def show_error(error_type, error, tb, log_path: Path | None = None, store_dir: Path | None = None) -> None:
    problem = store_errors.store_problem(error, store_dir) if store_dir is not None else None
    if problem is None or QApplication.instance() is None:
        show_unexpected_error(error_type, error, tb, log_path)
        return
    log.warning("store problem (%s)\n%s", problem.kind, "".join(traceback.format_exception(error_type, error, tb)))
    store_errors.tell(problem, log_path=log_path)


def install(log_path: Path | None, store_dir: Path | None = None) -> None:
    """Errors nobody caught go to show_error; `store_dir`: the store the window works on."""
    sys.excepthook = lambda *exc: show_error(*exc, log_path=log_path, store_dir=store_dir)
