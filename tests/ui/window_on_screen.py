"""Run as a script under the offscreen platform with a screen of a given size and scaling (see
test_window_fit): opens the demo window as `shopguard --demo` does and prints what fits where, as JSON.

    window_on_screen.py [DATA_DIR [PANE_WIDTH]]

DATA_DIR keeps window.ini between two runs (a temporary folder when not given); PANE_WIDTH: the merchant drags
the order pane that wide before the window closes (and saves its layout)."""

import json
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from shopguard.ui import i18n
from shopguard.ui.app import create_window


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(scratch)
        window = create_window(data_dir, demo=True, background=True)
        window.show()
        deadline = time.monotonic() + 20
        while (window.sync.loading or window.model.rowCount() == 0) and time.monotonic() < deadline:
            app.processEvents()  # until the worker's list is shown, with its status line and counts
            time.sleep(0.01)
        if len(sys.argv) > 2:
            sizes = window.splitter.sizes()
            pane = int(sys.argv[2])
            window.splitter.setSizes([sizes[0], sum(sizes) - sizes[0] - pane, pane])
        for _ in range(50):
            app.processEvents()
        area = window.screen().availableGeometry()
        frame = window.frameGeometry()
        header = window.table.horizontalHeader()
        # Inside the screen's free area, not only the window: a window wider than the screen (a child that
        # asks for more width than the screen has, such as a long status line) holds its buttons in its own
        # rectangle but off the screen. Qt lays the window out to its minimum size on a real display.
        buttons = [
            button.text()
            for button in window.detail.findChildren(QPushButton)
            if button.isVisible()
            and not (
                area.contains(button.mapToGlobal(button.rect().topLeft()))
                and area.adjusted(0, 0, -3, -3).contains(button.mapToGlobal(button.rect().bottomRight()))
            )  # and not flush with the screen's edge, where its border is lost and it looks cut
        ]
        too_wide = sorted(
            type(widget).__name__ + (f" {widget.objectName()}" if widget.objectName() else "")
            for widget in window.findChildren(QWidget)
            if widget.isVisible() and widget.minimumSizeHint().width() > area.width()
        )
        status_bar = window.statusBar()
        print(
            json.dumps(
                {
                    "area": [area.x(), area.y(), area.width(), area.height()],
                    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                    "maximised": window.isMaximized(),
                    "columns": header.length(),
                    "table": window.table.viewport().width(),
                    "buttons_cut": buttons,
                    "buttons": len(window.detail.findChildren(QPushButton)),
                    "least": [window.minimumSizeHint().width(), window.minimumSize().width()],
                    "too_wide": too_wide,
                    "status_bar": [status_bar.minimumSizeHint().width(), status_bar.width()],
                    "status_elided": bool(window.status.toolTip()) and window.status.toolTip() == window.status.text(),
                    "side_scrolls": window.bucket_list.horizontalScrollBar().isVisible(),
                    "pane": window.splitter.sizes()[2],
                }
            )
        )
        window.close()


if __name__ == "__main__":
    main()
