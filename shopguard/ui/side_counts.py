"""The side list's counts, counted again only when what they depend on changed: the filters and search (not
the side list's own choice), the list, or its groups (re-bucketed every minute and after a 已处理 mark). The
counts of the unfiltered list come from the worker with the list. At 200,000 clocks a count takes about half a
second on the window's thread, and a click in the side list used to take one."""

from __future__ import annotations

from dataclasses import replace

from shopguard.core.triage.filter import GroupSummary, SearchIndex, TriageFilter, summarise


def counted_key(criteria: TriageFilter) -> TriageFilter:
    """What the counts depend on: the filters and search, not which group the side list shows."""
    return replace(criteria, bucket=None, needs_filing=False)


def count_unfiltered(index: SearchIndex) -> GroupSummary:
    """On the worker, with the list: the counts the window starts with."""
    return summarise(index, TriageFilter())


class SideCounts:
    def __init__(self) -> None:
        self._made_from: tuple = ()
        self._kept: dict[TriageFilter, GroupSummary] = {}

    def given(self, index: SearchIndex, summary: GroupSummary, criteria: TriageFilter | None = None) -> None:
        """Counts computed elsewhere (the worker) for this index as it is now: of the unfiltered list, or of
        the list `criteria` lets pass."""
        self._check(index)
        self._kept[counted_key(criteria or TriageFilter())] = summary

    def summary(self, index: SearchIndex, criteria: TriageFilter) -> GroupSummary:
        self._check(index)
        key = counted_key(criteria)
        kept = self._kept.get(key)
        if kept is None:
            kept = self._kept[key] = summarise(index, key)
        return kept

    def _check(self, index: SearchIndex) -> None:
        made_from = (index, index.buckets, index.money)  # rebucket() makes new lists
        if len(made_from) != len(self._made_from) or any(
            a is not b for a, b in zip(made_from, self._made_from, strict=True)
        ):
            self._kept.clear()
            self._made_from = made_from
        if len(self._kept) > 16:  # many searches typed: keep the memory small
            self._kept.clear()
