"""Each order of the whole list computed once, as every row's place in it, so sorting a filtered list again
(a click in the side list, a search, a filter) is a sort of integers instead of comparing the column's values
anew: by 商品 in pinyin, 200,000 clocks took seconds each time on the window's thread.

A kept order belongs to the list it was computed from: a new list, a re-bucketing (every minute, or after a
已处理 mark) or a changed note starts over (the owner calls forget)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from shopguard.core.triage.filter import SearchIndex

Order = Callable[[list[int]], list[int]]  # the rows given (in the index's order), sorted


class SortRanks:
    def __init__(self) -> None:
        self._ranks: dict[Hashable, list[int]] = {}
        self._made_from: tuple = ()

    def forget(self) -> None:
        self._ranks.clear()

    def sorted(self, key: Hashable, rows: list[int], index: SearchIndex, order: Order) -> list[int]:
        """`rows` as `order` sorts them, through the whole list's order kept under `key`. A small part of a
        list not sorted yet is sorted directly (cheaper than the whole list)."""
        made_from = (index.deadlines, index.buckets, index.money)
        if len(made_from) != len(self._made_from) or any(
            a is not b for a, b in zip(made_from, self._made_from, strict=True)
        ):
            self._ranks.clear()
            self._made_from = made_from
        rank = self._ranks.get(key)
        if rank is None:
            everything = len(index.deadlines)
            if len(rows) * 2 < everything:
                return order(rows)
            rank = [0] * everything
            for place, row in enumerate(order(list(range(everything)))):
                rank[row] = place
            self._ranks[key] = rank
        return sorted(rows, key=rank.__getitem__)
