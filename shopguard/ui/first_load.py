"""The window shows at once, whatever the store's size.

The window paints first; then its store is opened (the first opening in a run checks the whole database file,
a second or two at 200,000 orders) on a worker while the window waits, still painting, for the answer: a damaged
or unreadable store is raised as before, for app.start_window to tell. The clocks of every order are computed on
the worker too (store_sync.StoreSync.load) while the status bar says so, and the window stays usable.
Recalculating goes the same way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject
from PySide6.QtWidgets import QApplication, QProgressBar

from shopguard.core.store.database import Store
from shopguard.core.store.snapshot import store_is_empty


def show_then_open(window) -> None:
    """Show the window, open its store without freezing it, then compute the list on the worker. A store
    problem closes the window again and is raised."""
    window.sync.not_open_yet = True  # showing activates the window, which looks at the store: not before this
    window.show()
    QApplication.processEvents()
    window.repaint()  # painted before the check, not after it
    try:
        window.busy.show_busy(True)
        window.status.setText(QCoreApplication.translate("BusyIndicator", "Opening your data…"))
        window.setEnabled(False)  # painted, but nothing to click before the store is known to be sound
        empty = wait_for(window, lambda _: _check_and_look(window.data_dir))
        open_then_load(window, empty)
    except BaseException:
        window.close()
        raise
    finally:
        window.sync.not_open_yet = False
        window.setEnabled(True)


def _check_and_look(data_dir: Path) -> bool:
    """Open (and, the first time in a run, check) the store; whether it is empty."""
    with Store.open(data_dir) as store:
        return store_is_empty(store)


def wait_for(window, work):
    """Run `work` on the window's task runner and wait for it with the event loop running: the window repaints
    and can be moved meanwhile. Its result is returned, its exception raised here."""
    answer = {}
    loop = QEventLoop()

    def done(result, error) -> None:
        answer.update(result=result, error=error)
        loop.quit()

    window.tasks.start(work, done)
    if not answer:
        loop.exec()
    if answer["error"] is not None:
        raise answer["error"]
    return answer["result"]


def open_then_load(window, empty: bool | None = None) -> None:
    """Open the window's store (if `empty` is not known yet), show the right page, compute the list on the
    worker."""
    if empty is None:
        empty = _check_and_look(window.data_dir)  # raises the store problems app.start_window tells
    window.sync.watcher.look()
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
        self.working: set[str] = set()
        window.statusBar().addPermanentWidget(self.bar)
        window.sync.busy.connect(self.show_busy)

    def show_busy(self, busy: bool, work: str = "list") -> None:
        """`work` started (True) or ended: the list computed, or a first sort of it; the bar moves while any
        is running."""
        (self.working.add if busy else self.working.discard)(work)
        self.bar.setVisible(bool(self.working))
        if busy and self.window.result is None:
            self.window.status.setText(self.tr("Working out the deadlines of every order…"))
