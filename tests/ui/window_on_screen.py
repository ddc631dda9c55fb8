"""Run as a script under the offscreen platform with a screen of a given size and scaling (see
test_window_fit): opens the demo window as `shopguard --demo` does and prints what fits where, as JSON."""

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPushButton

from shopguard.ui import i18n
from shopguard.ui.app import create_window


def main() -> None:
    app = QApplication(sys.argv[:1])
    i18n.install(app, "zh_CN")
    with tempfile.TemporaryDirectory() as scratch:
        window = create_window(Path(scratch), demo=True, background=True)
        window.show()
        for _ in range(50):
            app.processEvents()
        area = window.screen().availableGeometry()
        frame = window.frameGeometry()
        header = window.table.horizontalHeader()
        inside = window.rect()
        buttons = [
            button.text()
            for button in window.detail.findChildren(QPushButton)
            if button.isVisible() and not inside.contains(button.mapTo(window, button.rect().bottomRight()))
        ]
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
                }
            )
        )
        window.close()


if __name__ == "__main__":
    main()
