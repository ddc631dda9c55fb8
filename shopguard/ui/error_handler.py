"""Unexpected errors: logged with the traceback to a file in the data folder and shown in a dialog with a
copyable report; the window keeps running."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("shopguard")


def setup_logging(data_dir: Path) -> Path:
    folder = data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "shopguard.log"
    handler = logging.FileHandler(path, encoding="utf-8")
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


def install(log_path: Path | None) -> None:
    sys.excepthook = lambda *exc: show_unexpected_error(*exc, log_path=log_path)
