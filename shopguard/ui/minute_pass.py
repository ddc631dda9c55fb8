"""The once-a-minute pass over the list: clocks that ran out move to 已超时 in the counts, the money incurred
grows, and the shop-risk gauge judges the day again (rows stay put under the cursor).

It goes over every clock: at 200,000 clocks a second or more, every minute. On a large list it runs on the
worker and the window's thread only takes over its result, so the window never stops answering for it. The
clocks themselves are judged again in place on the worker: a row painted meanwhile shows its clock as judged
a moment earlier or later, both true.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject

from shopguard.core.deadlines.engine import judge_again, shipped_penalty_tables
from shopguard.core.triage.filter import GroupSummary, SearchIndex, TriageFilter, summarise
from shopguard.core.triage.shop_risk import ShopRisk, shop_risk
from shopguard.ui.search_delay import LARGE
from shopguard.ui.side_counts import counted_key


@dataclass(slots=True)
class Regrouped:
    buckets: list[str]
    money: list
    risk: ShopRisk
    criteria: TriageFilter  # the filters the summary counts
    summary: GroupSummary


def regroup(index: SearchIndex, now: datetime, criteria: TriageFilter) -> Regrouped:
    """Judge every clock of `index` again at `now`; its new groups, money, shop risk and the side list's
    counts under `criteria` (the index itself keeps its groups until the window takes these over)."""
    judge_again(index.deadlines, now)
    buckets, money = index.regrouped()
    criteria = counted_key(criteria)
    risk = shop_risk(index.deadlines, now, shipped_penalty_tables())
    return Regrouped(buckets, money, risk, criteria, summarise(index.with_groups(buckets, money), criteria))


class MinutePass(QObject):
    """Works for a MainWindow: its index, clock, task runner, side counts and gauge."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.large = LARGE  # clocks: from here on, the pass runs on the worker
        self.running = False

    def run(self) -> None:
        window = self.window
        index = window.index
        if index is None or self.running:
            return
        now, criteria = window.clock(), window.current_filter()
        if len(index.deadlines) < self.large:
            self._take_over(index, regroup(index, now, criteria))
            return
        self.running = True
        groups = index.buckets

        def done(result: Regrouped | None, error) -> None:
            self.running = False
            if error is not None:
                raise error  # a bug: the window's error handler reports it
            # Not if another list was shown meanwhile, nor after a 已处理 mark regrouped this one: the next
            # minute's pass counts with it.
            if index is window.index and index.buckets is groups:
                self._take_over(index, result)

        window.tasks.start(lambda _progress: regroup(index, now, criteria), done)

    def _take_over(self, index: SearchIndex, result: Regrouped) -> None:
        window = self.window
        index.buckets, index.money = result.buckets, result.money
        window.counts.given(index, result.summary, result.criteria)
        window._update_counts()
        window.gauge.show_risk(result.risk)
