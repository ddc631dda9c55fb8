"""Keeping the window in step with its store while it is open.

It loads again what others wrote (a `shopguard import`, `orders note`, `settings` or `filing set` in a terminal
or a scheduled task), noticed by a cheap look every few seconds and when the window is activated (store_watch);
it saves the window's quick writes (notes, handled marks, corrections) on the watcher's connection, so they do
not count as changes from outside; and it tells every store problem it meets, in a dialog once and in the
window's banner for as long as it lasts.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from shopguard.core.rules.user_packs import usable_packs
from shopguard.core.store.database import Store
from shopguard.core.triage.session import triage_store
from shopguard.ui import list_data, pack_problems
from shopguard.ui.store_errors import MISSING, StoreProblem, store_problem, tell
from shopguard.ui.store_watch import DatabaseGone, StoreState, StoreWatcher, store_state

LOOK_MS = 2000  # how often the window looks at its store; not the one-second countdown


class StoreSync(QObject):
    """Works for a MainWindow: its store folder, clock, task runner, show_result, banner and import."""

    busy = Signal(bool)  # a load on the worker started (True) or ended (False): the window shows it is working

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.watcher = StoreWatcher(window.data_dir)
        self.shown_state: StoreState | None = None  # what the list on screen came from; None: not known
        self.stale = False  # a look saw a change that is not loaded yet
        self.force = False  # the next load recomputes even if nothing shown changed (Recalculate)
        self.loading = False
        self.shown = 0  # counts results shown: a load begun before another result was shown is out of date
        self.not_open_yet = False  # the window shows before its store is opened (first_load): no looks till then
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.look)
        self.timer.start(LOOK_MS)

    def reload(self) -> None:
        """Recompute every clock now, on the GUI thread (at start: a problem is raised to app.start_window)."""
        window = self.window
        with Store.open(window.data_dir) as store:  # before the look: a damaged store is found and told here
            self.watcher.look()  # from here on, what others write is noticed by the next look
            state = store_state(store)
            packs, problems = usable_packs(window.data_dir)
            result = pack_problems.with_problems(triage_store(store, window.clock(), packs), problems)
        window.show_result(result, state)
        window.banner.set_load_problem(None)
        pack_problems.tell_once(window, result)

    def shown_result(self, state: StoreState | None) -> None:
        """The window shows a new result, computed from `state` (None: not known, e.g. an import's)."""
        self.shown += 1
        self.shown_state = state

    def look(self) -> None:
        """Load again if others changed the store; tell the merchant if its file is gone."""
        window = self.window
        if self.not_open_yet:
            return
        try:
            self.stale |= self.watcher.look()
        except Exception as error:
            if store_problem(error, window.data_dir) is None:
                self.timer.stop()  # a bug: reported once, not at every look
            self._failed(error)
            return
        gone = window.banner.lasting is not None and window.banner.lasting.kind == MISSING
        if self.watcher.missing():
            if not gone:
                problem = store_problem(DatabaseGone(), window.data_dir)
                window.banner.set_lasting(problem)
                tell(problem, window)
            return  # the list stays as it was: loading now would start a new, empty database
        if gone:  # the file is back
            window.banner.set_lasting(None)
        if self.stale:
            self.load()

    def load(self, force: bool = False) -> None:
        """Load on a worker thread, once the running load or import is done; `force`: even if nothing shown
        changed (clocks move with the time, and a recalculation is asked for)."""
        self.force |= force
        self.stale = True
        if self.loading or self.window.import_running():
            return
        self.stale, force, self.force = False, self.force, False
        self.loading = True
        try:
            self.watcher.look()  # from here on, what others write is noticed by the next look
        except Exception as error:
            if store_problem(error, self.window.data_dir) is None:
                raise
            # the load below meets the same problem and tells it
        data_dir, clock, known = self.window.data_dir, self.window.clock, None if force else self.shown_state

        def work(_):
            with Store.open(data_dir) as store:
                before = store_state(store)
                if before == known:
                    return None  # nothing on screen changed: clocks kept, a command that only read
                packs, problems = usable_packs(data_dir)
                result = pack_problems.with_problems(triage_store(store, clock(), packs), problems)
                # Changed while computing: which version the result shows is not known, so the next look loads.
                return result, before if store_state(store) == before else None, list_data.prepare(result)

        self.window.tasks.start(work, partial(self._loaded, self.shown), lasting=True)
        self.busy.emit(True)

    def _loaded(self, started: int, loaded, error) -> None:
        self.loading = False
        self.busy.emit(False)
        if error is not None:
            self._failed(error)
        elif loaded is not None and started != self.shown:
            self.stale = True  # another result (an import's) was shown meanwhile and may be newer: look again
        elif loaded is not None:
            self.window.show_result(*loaded)
            pack_problems.tell_once(self.window, loaded[0])
        if error is None:
            self.window.banner.set_load_problem(None)
        if self.stale or self.force:
            self.load()

    def _failed(self, error: BaseException) -> None:
        window = self.window
        problem = store_problem(error, window.data_dir)
        if problem is None:
            raise error  # the global error handler reports it
        earlier = window.banner.load_problem
        window.banner.set_load_problem(problem, window.result.triage.as_of if window.result else None)
        window.show_status()  # no longer "Recalculating…"
        if earlier is None or earlier.kind != problem.kind:  # told once, not at every look
            tell(problem, window)

    def save(self, write: Callable[[Store], None]) -> bool:
        """Write on the window's own connection, so the next look does not load again what is already on
        screen. False after a store problem, which the merchant has been told about."""
        try:
            write(self.watcher.store())
        except Exception as error:
            problem: StoreProblem | None = store_problem(error, self.window.data_dir)
            if problem is None:
                raise
            self.watcher.forget()  # a write that failed may leave the connection mid-transaction
            tell(problem, self.window)
            return False
        return True

    def stop(self) -> None:
        self.timer.stop()
        self.watcher.close()
