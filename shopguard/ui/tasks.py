"""Run a plain function off the GUI thread and get (result, error) back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object, object)  # result, exception
    progress = Signal(object)


class _Task(QRunnable):
    def __init__(self, function: Callable, signals: _Signals):
        super().__init__()
        self.function = function
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.function(self.signals.progress.emit)
        except Exception as error:  # handed to the GUI thread, which decides what the user sees
            self.signals.done.emit(None, error)
        else:
            self.signals.done.emit(result, None)


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
