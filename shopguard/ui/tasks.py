"""Run a plain function off the GUI thread and get (result, error) back on the GUI thread."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from contextlib import contextmanager

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object, object)  # result, exception
    progress = Signal(object)


_pause_lock = threading.Lock()
_pausing = 0  # tasks running with the collector paused
_was_enabled = True


@contextmanager
def collector_paused():
    """core.bulk.collector_paused for tasks that may overlap: the cyclic collector stays off while any task
    builds its hundreds of thousands of records (as the CLI does), and comes back on after the last one."""
    global _pausing, _was_enabled
    with _pause_lock:
        if _pausing == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausing += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pausing -= 1
            if _pausing == 0 and _was_enabled:
                gc.enable()


class _Task(QRunnable):
    def __init__(self, function: Callable, signals: _Signals):
        super().__init__()
        self.function = function
        self.signals = signals

    def run(self) -> None:
        try:
            with collector_paused():
                result = self.function(self.signals.progress.emit)
        except Exception as error:  # handed to the GUI thread, which decides what the user sees
            self._tell(None, error)
        else:
            self._tell(result, None)

    def _tell(self, result, error) -> None:
        try:
            self.signals.done.emit(result, error)
        except RuntimeError:  # the window that asked was closed meanwhile (its signals deleted): nobody to tell
            pass


class TaskRunner(QObject):
    """`start(function, on_done, on_progress)`: function(report_progress) runs on a worker thread."""

    def __init__(self, parent=None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: list[_Signals] = []

    def start(self, function: Callable, on_done: Callable, on_progress: Callable | None = None) -> None:
        signals = _Signals(self)
        signals.done.connect(on_done)
        signals.done.connect(lambda *_: self._running.remove(signals))
        if on_progress is not None:
            signals.progress.connect(on_progress)
        self._running.append(signals)
        self.pool.start(_Task(function, signals))

    def wait(self) -> bool:
        return self.pool.waitForDone()
