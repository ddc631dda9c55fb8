"""The window shows at once, whatever the store's size.

The store is opened on the GUI thread, which is quick (a damaged or unreadable store is told before the window
shows, see app.start_window); the clocks of every order are computed on the worker (store_sync.StoreSync.load)
while the status bar says so, and the window stays usable. Recalculating goes the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QProgressBar

from shopguard.core.store.database import Store
from shopguard.core.store.snapshot import store_is_empty


def show_then_open(window) -> None:
    """Show the window first, then open its store: the first opening in a run checks the whole database file
    (a second at 200,000 orders), and the merchant should see ShopGuard answer their click at once. A store
    problem closes the window again and is raised, for app.start_window to tell."""
    window.status.setText(QCoreApplication.translate("BusyIndicator", "Opening your data…"))
    window.sync.not_open_yet = True  # showing activates the window, which looks at the store: not before this
    window.show()
    QApplication.processEvents()
    window.repaint()  # painted before the check, not after it
    try:
        open_then_load(window)
    except BaseException:
        window.close()
        raise
    finally:
        window.sync.not_open_yet = False


def open_then_load(window) -> None:
    """Open the window's store now, show the right page, and compute the list on the worker."""
    with Store.open(window.data_dir) as store:  # raises the store problems app.start_window tells
        window.sync.watcher.look()
        empty = store_is_empty(store)
    window.pages.setCurrentWidget(window.welcome if empty else window.splitter)
    window.sync.load(force=True)


class BusyIndicator(QObject):
    """A moving bar in the status bar while the list is computed on the worker; before the first list, a line
    that says what is happening instead of an empty table without a word."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.bar = QProgressBar()
        self.bar.setObjectName("busy")
        self.bar.setRange(0, 0)  # the engine does not report how far it is: a bar that moves
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.bar.hide()
        window.statusBar().addPermanentWidget(self.bar)
        window.sync.busy.connect(self.show_busy)

    def show_busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        if busy and self.window.result is None:
            self.window.status.setText(self.tr("Working out the deadlines of every order…"))
