"""Run a plain function off the GUI thread and get (result, error) back on the GUI thread."""

from __future__ import annotations

import gc
import sys
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
_freeze = False  # a task's result lives on: what it built is set aside when the collector comes back on


@contextmanager
def collector_paused(lasting: bool = False):
    """core.bulk.collector_paused for tasks that may overlap: the cyclic collector stays off while any task
    builds its hundreds of thousands of records (as the CLI does), and comes back on after the last one.

    `lasting`: what the task builds is kept (the window's list). The collector would otherwise go through all
    of it at its first run after this, on whichever thread allocates next, usually the window's: 0.3-0.5 s
    without an answer at 200,000 clocks. gc.freeze() sets every object alive now aside for good instead. A
    list holds no reference cycles (measured: a store triage and the window's index leave none), so reference
    counting frees it when the next list replaces it; what is lost is only the collection of cycles made
    before this moment, a little of the window's own each time."""
    global _pausing, _was_enabled, _freeze
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
            _freeze |= lasting
            if _pausing == 0 and _was_enabled:
                if _freeze:
                    gc.freeze()
                    _freeze = False
                gc.enable()


class _Task(QRunnable):
    def __init__(self, function: Callable, signals: _Signals, lasting: bool):
        super().__init__()
        self.function = function
        self.signals = signals
        self.lasting = lasting

    def run(self) -> None:
        try:
            with collector_paused(self.lasting):
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


# How long a thread running Python keeps the interpreter while another waits for it. A task computing in
# Python holds it, and the window's thread waits for it at each call into Python while painting: at the
# default 5 ms, repainting the table during a minute pass over 200,000 clocks took 330 ms instead of 20; at
# 1 ms, 32 ms, with the worker no slower (bench/bench_window.py: the list in 8.8 s either way).
SWITCH_INTERVAL = 0.001


class TaskRunner(QObject):
    """`start(function, on_done, on_progress)`: function(report_progress) runs on a worker thread."""

    def __init__(self, parent=None, pool: QThreadPool | None = None):
        super().__init__(parent)
        if sys.getswitchinterval() > SWITCH_INTERVAL:  # for the whole process: the window's is the one that paints
            sys.setswitchinterval(SWITCH_INTERVAL)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: list[_Signals] = []

    def start(
        self, function: Callable, on_done: Callable, on_progress: Callable | None = None, lasting: bool = False
    ) -> None:
        """`lasting`: the result is the window's list, kept until the next one (see collector_paused)."""
        signals = _Signals(self)
        signals.done.connect(on_done)
        signals.done.connect(lambda *_: self._running.remove(signals))
        if on_progress is not None:
            signals.progress.connect(on_progress)
        self._running.append(signals)
        self.pool.start(_Task(function, signals, lasting))

    def wait(self) -> bool:
        return self.pool.waitForDone()
