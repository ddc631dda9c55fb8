"""Unexpected errors: logged with the traceback to a file in the data folder and shown in a dialog with a
copyable report; the window keeps running."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

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
    box = QMessageBox(
        QMessageBox.Icon.Critical, "ShopGuard 出错了", "程序遇到一个意外错误，已记录下来，程序可以继续使用。"
    )
    where = f"\n日志文件：{log_path}" if log_path else ""
    box.setInformativeText(f"如需求助，请把下面的报告复制给我们。{where}")
    box.setDetailedText(report)
    box.exec()


def install(log_path: Path | None) -> None:
    sys.excepthook = lambda *exc: show_unexpected_error(*exc, log_path=log_path)
