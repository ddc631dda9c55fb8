"""At 200,000 clocks every pass over the whole list takes a second or more: each runs on the worker and the
window's thread only takes its result over. Here on the demo (or a small store) with the window's "large list"
thresholds set to 0, so the worker's path is the one taken; each worker job is held until the test lets it go,
to show the window answering meanwhile, and which thread did the work is recorded."""

from __future__ import annotations

import gc
import threading
from datetime import datetime, timedelta

from PySide6.QtWidgets import QApplication

from shopguard.core.clock import BEIJING
from shopguard.core.demo import DEMO_AS_OF
from shopguard.core.rules.user_packs import usable_packs
from shopguard.core.store.database import Store
from shopguard.core.triage import notices as core_notices
from shopguard.core.triage import shop_risk as core_shop_risk
from shopguard.core.triage.session import triage_store
from shopguard.ui import list_data, minute_pass, table_sort
from shopguard.ui.app import create_window, prepare_demo_store
from shopguard.ui.deadline_model import COLUMNS
from shopguard.ui.desktop_alerts import DesktopAlerts
from shopguard.ui.table_sort import TableSort, pinyin_key
from shopguard.ui.tasks import TaskRunner
from tests.ui.test_money_and_shop_risk import NOON, day_of_700, window_on

PRODUCT = [key for key, _ in COLUMNS].index("product")
SHIP_ORDER = "6917880231000000251"  # the demo's ship clock due at 14:00


class Held:
    """Wraps a function: records the thread of each call and holds it until released."""

    def __init__(self, real):
        self.real, self.threads, self.release = real, [], threading.Event()

    def __call__(self, *args, **kwargs):
        self.threads.append(threading.current_thread())
        assert self.release.wait(10)
        return self.real(*args, **kwargs)

    def off_the_windows_thread(self) -> bool:
        return bool(self.threads) and all(thread is not threading.main_thread() for thread in self.threads)


def shown_ids(window) -> list[tuple]:
    model = window.model
    return [(model.deadline_at(row).order_id, model.deadline_at(row).kind) for row in range(model.rowCount())]


def by_product(window) -> list[tuple]:
    """The list as sorting it by 商品 (pinyin) directly on this thread gives."""
    index = window.index
    rows = TableSort._by_column(list(range(len(index.deadlines))), index, (PRODUCT, False), pinyin_key())
    return [(index.deadlines[i].order_id, index.deadlines[i].kind) for i in rows]


def test_a_first_sort_by_a_column_is_computed_on_the_worker_while_the_window_answers(qtbot, demo_window, monkeypatch):
    window = demo_window
    window.sorting.large = 0
    held = Held(table_sort.whole_list_rank)
    monkeypatch.setattr(table_sort, "whole_list_rank", held)
    urgent = shown_ids(window)
    window.sort_by(PRODUCT)
    qtbot.waitUntil(lambda: bool(held.threads), timeout=5000)
    assert shown_ids(window) == urgent  # meanwhile: the most urgent order, with the busy bar moving
    assert window.busy.bar.isVisible()
    qtbot.keyClicks(window.search, "SF")  # the window answers while the worker sorts
    assert window.search.text() == "SF"
    window.search.clear()
    held.release.set()
    qtbot.waitUntil(lambda: shown_ids(window) == by_product(window), timeout=10_000)
    assert held.off_the_windows_thread() and len(held.threads) == 1
    assert not window.busy.bar.isVisible()
    window.bucket_list.setCurrentRow(1)  # a filter on the same list: the kept order, no second worker job
    window.bucket_list.setCurrentRow(0)
    QApplication.processEvents()
    assert len(held.threads) == 1 and shown_ids(window) == by_product(window)


def test_an_order_computed_for_a_list_replaced_meanwhile_is_not_used_and_is_computed_again(
    qtbot, demo_window, monkeypatch
):
    window = demo_window
    window.sorting.large = 0
    held = Held(table_sort.whole_list_rank)
    monkeypatch.setattr(table_sort, "whole_list_rank", held)
    window.sort_by(PRODUCT)
    qtbot.waitUntil(lambda: len(held.threads) == 1, timeout=5000)
    old_index = window.index
    window.reload()  # a new list arrives (a recalculation) while the old one is being sorted
    assert window.index is not old_index
    held.release.set()
    qtbot.waitUntil(lambda: len(held.threads) == 2, timeout=10_000)  # asked again for the new list
    qtbot.waitUntil(lambda: shown_ids(window) == by_product(window), timeout=10_000)
    assert window.model.deadlines is window.index.deadlines  # the rows are the new list's


def test_a_new_list_brings_its_shop_risk_and_banner_from_the_worker(qtbot, tmp_path, monkeypatch):
    risk = Held(core_shop_risk.shop_risk)
    notices = Held(core_notices.merchant_notices)
    risk.release.set()
    notices.release.set()
    monkeypatch.setattr(list_data, "shop_risk", risk)
    monkeypatch.setattr(list_data, "merchant_notices", notices)
    window = create_window(tmp_path / "data", demo=True, background=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0 and not window.sync.loading, timeout=10_000)
    assert risk.off_the_windows_thread() and notices.off_the_windows_thread()
    assert window.gauge.isVisibleTo(window) and "今天" in window.gauge.text()


def minute_pass_started(qtbot, tmp_path, monkeypatch):
    """A day of 700 ship clocks at noon (199 late: amber); then 13:00:01, when 11 more run out (red), and the
    minute pass started on the worker and held there."""
    moment = [NOON]
    window = window_on(qtbot, tmp_path, day_of_700(199, at_one=11), moment)
    window.minute_pass.large = 0
    held = Held(minute_pass.regroup)
    monkeypatch.setattr(minute_pass, "regroup", held)
    assert window.gauge.colour == "amber" and window.bucket_list.item(1).text().startswith("已超时  199")
    moment[0] = datetime(2026, 11, 27, 13, 0, 1, tzinfo=BEIJING)
    window.rebucket()
    qtbot.waitUntil(lambda: bool(held.threads), timeout=5000)
    return window, moment, held


def test_the_minute_pass_runs_on_the_worker_and_the_window_takes_its_result_over(qtbot, tmp_path, monkeypatch):
    window, _moment, held = minute_pass_started(qtbot, tmp_path, monkeypatch)
    window.rebucket()  # the next minute comes while this one is still running: not started twice
    assert window.gauge.colour == "amber"  # nothing taken over before the worker is done
    held.release.set()
    qtbot.waitUntil(lambda: window.gauge.colour == "red", timeout=10_000)
    assert held.off_the_windows_thread() and len(held.threads) == 1
    assert "已超时 210 单（30%）" in window.gauge.text()
    assert window.bucket_list.item(1).text().startswith("已超时  210")


def test_a_minute_pass_finishing_after_a_new_list_was_shown_is_dropped(qtbot, tmp_path, monkeypatch):
    window, moment, held = minute_pass_started(qtbot, tmp_path, monkeypatch)
    moment[0] = NOON
    window.reload()  # a recalculation at noon shows a new list
    new_buckets = window.index.buckets
    held.release.set()
    qtbot.waitUntil(lambda: not window.minute_pass.running, timeout=10_000)
    assert window.index.buckets is new_buckets and window.gauge.colour == "amber"


def test_reminders_of_a_large_list_are_looked_for_on_the_worker_and_told_once(qtbot, demo_window, monkeypatch):
    window = demo_window
    own = window.alerts.desktop  # the window's own checks (a timer, and one 5 s after opening) stay out of this
    own.reminder_timer.stop()
    own.checking = True
    alerts = DesktopAlerts(window, tray_available=False)
    alerts.large = 0
    held = Held(__import__("shopguard.ui.desktop_alerts", fromlist=["next_reminder"]).next_reminder)
    monkeypatch.setattr("shopguard.ui.desktop_alerts.next_reminder", held)
    window.clock = lambda: DEMO_AS_OF + timedelta(hours=2, minutes=30)
    assert alerts.check_reminders() is None  # told when the worker is done
    assert alerts.check_reminders() is None  # a check while one is running starts no second one
    held.release.set()
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=10_000)
    assert window.statusBar().currentMessage() == f"ShopGuard：1 条即将超时：{SHIP_ORDER} 发货 还剩 1小时30分"
    assert held.off_the_windows_thread() and len(held.threads) == 1
    window.statusBar().clearMessage()
    alerts.check_reminders()  # the next minute: nothing new
    qtbot.waitUntil(lambda: not alerts.checking, timeout=10_000)
    assert window.statusBar().currentMessage() == "" and len(held.threads) == 2


def test_a_list_built_on_the_worker_is_set_aside_from_the_collector_and_others_are_not(qtbot):
    runner = TaskRunner()
    seen = []
    frozen = gc.get_freeze_count()
    runner.start(lambda _: [[n] for n in range(50_000)], lambda result, error: seen.append(result), lasting=True)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    # Never walked by the collector again (a few frozen objects may be freed meanwhile: reference counting).
    assert gc.isenabled() and gc.get_freeze_count() >= frozen + 40_000
    frozen = gc.get_freeze_count()
    runner.start(lambda _: [[n] for n in range(50_000)], lambda result, error: seen.append(result))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert gc.get_freeze_count() < frozen + 40_000  # a task whose result does not last is collected as usual


def test_a_list_and_its_index_hold_no_reference_cycles_so_a_replaced_list_is_freed(tmp_path):
    """Why setting a list aside from the collector loses nothing: reference counting alone frees it."""
    store_dir = prepare_demo_store(tmp_path / "data")
    gc.collect()
    gc.disable()
    try:
        with Store.open(store_dir) as store:
            result = triage_store(store, DEMO_AS_OF, usable_packs(store_dir)[0])
        data = list_data.prepare(result)
        assert len(data.index.deadlines) > 30
        del result, data
        assert gc.collect() == 0  # nothing that only the collector could free
    finally:
        gc.enable()


def test_a_minute_pass_finishing_after_a_handled_mark_does_not_undo_the_mark(qtbot, tmp_path, monkeypatch):
    window, _moment, held = minute_pass_started(qtbot, tmp_path, monkeypatch)
    order_id = window.model.deadline_at(0).order_id
    window.set_handled(order_id, True)  # while the pass counts with the groups from before the mark
    marked = window.index.buckets
    held.release.set()
    qtbot.waitUntil(lambda: not window.minute_pass.running, timeout=10_000)
    assert window.index.buckets is marked  # the pass's groups (made before the mark) were not taken over
    rows = [i for i, d in enumerate(window.index.deadlines) if d.order_id == order_id]
    assert rows and all(window.index.buckets[i] == "handled" for i in rows)


def test_an_order_by_note_computed_before_a_note_changed_is_not_kept(qtbot, demo_window, monkeypatch):
    window = demo_window
    window.sorting.large = 0
    held = Held(table_sort.whole_list_rank)
    monkeypatch.setattr(table_sort, "whole_list_rank", held)
    note_column = [key for key, _ in COLUMNS].index("note")
    window.sort_by(note_column)
    qtbot.waitUntil(lambda: len(held.threads) == 1, timeout=5000)
    last = window.index.deadlines[-1].order_id
    window.add_note(last, "阿")  # sorts first in pinyin, once the order is computed with it
    held.release.set()
    qtbot.waitUntil(lambda: len(held.threads) == 2 and not window.sorting._computing, timeout=10_000)
    assert window.model.deadline_at(0).note == "阿"


def test_a_filtered_part_of_a_large_list_is_sorted_on_the_worker_too(qtbot, demo_window, monkeypatch):
    window = demo_window
    window.sorting.large = 0  # "large": even a part of the list (at 200,000 clocks, a group of 100,000)
    held = Held(table_sort.whole_list_rank)
    held.release.set()
    monkeypatch.setattr(table_sort, "whole_list_rank", held)
    window.bucket_list.setCurrentRow(7)  # 已完成/豁免: a part of the list
    part = set(window.model.rows)
    assert 0 < len(part) < len(window.index.deadlines)
    window.sort_by(PRODUCT)
    qtbot.waitUntil(lambda: not window.sorting._computing and bool(held.threads), timeout=10_000)
    assert held.off_the_windows_thread()
    index = window.index
    whole = TableSort._by_column(list(range(len(index.deadlines))), index, (PRODUCT, False), pinyin_key())
    assert window.model.rows == [row for row in whole if row in part]  # the part, in the whole list's order
