"""Background tasks (ui/tasks.py) when the window that started them is gone before they finish."""

import sys
import threading

import shiboken6
from PySide6.QtCore import QThreadPool

from shopguard.ui.tasks import SWITCH_INTERVAL, TaskRunner


def test_a_task_that_ends_after_its_window_closed_says_nothing(qtbot, capfd):
    pool = QThreadPool()
    runner = TaskRunner(pool=pool)
    release, done = threading.Event(), []
    runner.start(lambda progress: release.wait(10) and "result", lambda *answer: done.append(answer))
    shiboken6.delete(runner)  # the window (and the runner it owns) closed while the task still runs
    release.set()
    assert pool.waitForDone(10_000)
    qtbot.wait(50)
    assert done == []  # nobody left to tell
    assert "Traceback" not in capfd.readouterr().err


def test_a_task_hands_its_result_to_the_window(qtbot):
    runner = TaskRunner(pool=QThreadPool())
    done = []
    runner.start(lambda progress: 42, lambda *answer: done.append(answer))
    qtbot.waitUntil(lambda: done == [(42, None)], timeout=5000)


def test_the_window_thread_waits_at_most_a_millisecond_for_a_busy_worker(qtbot):
    # At Python's default 5 ms, a repaint during a minute pass over 200,000 clocks took 330 ms (bench_window).
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        TaskRunner()
        assert sys.getswitchinterval() == SWITCH_INTERVAL <= 0.001
        sys.setswitchinterval(0.0005)  # set lower by someone else: left as it is
        TaskRunner()
        assert sys.getswitchinterval() == 0.0005
    finally:
        sys.setswitchinterval(before)
