"""Search as you type without waiting on the list: in a large store each keystroke restarts a short delay and
the list is filtered once typing pauses; in a small one it is filtered at once (it takes no time there)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit

DELAY_MS = 250  # a pause between keystrokes this long means the merchant has finished typing
LARGE = 20_000  # clocks: from here on, filtering takes long enough to be felt between keystrokes


class SearchDelay(QObject):
    def __init__(self, field: QLineEdit, apply: Callable[[], None], clocks: Callable[[], int]):
        super().__init__(field)
        self.apply, self.clocks = apply, clocks
        self.large = LARGE
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.apply)
        field.textChanged.connect(self.changed)

    def changed(self, *_args) -> None:
        if self.clocks() < self.large:
            self.timer.stop()
            self.apply()
        else:
            self.timer.start()  # restarted by every keystroke

    def pending(self) -> bool:
        return self.timer.isActive()
