"""Pieces the window's store tests share: the dialogs a merchant reads, a store filled by the real command."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox

from shopguard.core.store.database import BACKUP_DIR
from tests.exports import order_row, write_csv
from tests.processes import run

ORDER = "6917926768823643751"
SECOND_ORDER = "6917926768823643761"


class Dialogs:
    """Every message box shown, as the merchant reads it (text, then what to do); `answers` are the buttons to
    press, by their text, one per dialog (none: the box is closed)."""

    def __init__(self, monkeypatch, *answers: str):
        self.shown: list[str] = []
        self.buttons: list[list[str]] = []
        self.answers = list(answers)
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self.read(box))

    def read(self, box: QMessageBox) -> int:
        self.shown.append(f"{box.text()}\n{box.informativeText()}")
        self.buttons.append([button.text() for button in box.buttons()])
        if self.answers:
            answer = self.answers.pop(0)
            answer = answer() if callable(answer) else answer
            next(button for button in box.buttons() if button.text() == answer).click()
        return 0


def banner_text(window) -> str:
    """The store-problem banner over the window, as the merchant reads it."""
    document = QTextDocument()
    document.setHtml(window.banner.text())
    return document.toPlainText()


def import_with_the_command(tmp_path: Path, data: Path, rows: list[dict], name: str) -> None:
    """`shopguard import` in its own process, as the merchant (or a scheduled task) runs it."""
    completed = run("import", write_csv(tmp_path / name, rows), "--data-dir", data)
    assert completed.returncode == 0, completed.stderr


def store_with_orders(tmp_path: Path, data: Path) -> Path:
    """A store with two orders, imported in two runs; returns the newest backup (taken after the second)."""
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    rows = [order_row(), order_row(order_id=SECOND_ORDER)]
    import_with_the_command(tmp_path, data, rows, "1699760000_订单导出.csv")
    return backup_to_restore(data)


def backup_to_restore(data: Path) -> Path:
    """The backup the merchant is told to restore: the one the core kept at a damage event (it renames it so
    that no rotation deletes it), else the newest."""
    kept = list((data / BACKUP_DIR).glob("*-before-damage.db"))
    return kept[0] if kept else max((data / BACKUP_DIR).glob("*.db"), key=lambda path: path.stat().st_mtime)


@contextmanager
def read_only(folder: Path):
    """The folder really cannot be written, even by root (chattr +i), until the block ends."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        undo = lambda: folder.chmod(0o755)  # noqa: E731
    else:
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"this file system cannot make a folder read-only for root: {made.stderr.strip()}")
        undo = lambda: subprocess.run(["chattr", "-i", str(folder)], check=True)  # noqa: E731
    try:
        yield undo
    finally:
        undo()


def hold_write_lock(database: Path) -> subprocess.Popen:
    """A second process holding the store's write lock (as a long `shopguard import` does) until its input
    closes; returns once it holds it."""
    script = (
        "import sqlite3, sys\n"
        f"db = sqlite3.connect({str(database)!r}, isolation_level=None)\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
        "db.execute('ROLLBACK')\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def on_screen(qtbot, window, width: int = 1366, height: int = 740):
    """`window` shown at the size it has on a 1366x768 screen, closed after the test."""
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    return window


def shown_deadlines(window) -> list:
    """The table's clocks, row by row as shown."""
    return [window.model.deadline_at(row) for row in range(window.model.rowCount())]
