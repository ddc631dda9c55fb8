"""Each order of the whole list computed once, as every row's place in it, so sorting a filtered list again
(a click in the side list, a search, a filter) is a sort of integers instead of comparing the column's values
anew: by 商品 in pinyin, 200,000 clocks took seconds each time on the window's thread.

A kept order belongs to the list it was computed from: a new list, a re-bucketing (every minute, or after a
已处理 mark) or a changed note starts over (the owner calls forget). On a large list the whole list's order is
computed on the worker (table_sort): `has` says whether it is needed, `whole_list_rank` computes it, `keep`
takes it over."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from shopguard.core.triage.filter import SearchIndex

Order = Callable[[list[int]], list[int]]  # the rows given (in the index's order), sorted


def made_from(index: SearchIndex) -> tuple:
    """What an order depends on: the list, its groups and its money (rebucket makes new lists)."""
    return (index.deadlines, index.buckets, index.money)


Ranked = tuple[list[int], list[int]]  # all rows in order, and each row's place in it


def whole_list_rank(order: Order, everything: int) -> Ranked:
    """All `everything` rows sorted by `order`, and each row's place in that order."""
    ordered = order(list(range(everything)))
    rank = [0] * everything
    for place, row in enumerate(ordered):
        rank[row] = place
    return ordered, rank


def in_kept_order(rows: list[int], ranked: Ranked) -> list[int]:
    """`rows` (distinct rows of the list) in the kept order. Most of the list: the kept order with the others
    left out, a pass instead of a sort; a small part: sorted by place."""
    ordered, rank = ranked
    if len(rows) == len(ordered):
        return list(ordered)
    if len(rows) * 4 < len(ordered):
        return sorted(rows, key=rank.__getitem__)
    wanted = bytearray(len(ordered))
    for row in rows:
        wanted[row] = 1
    return [row for row in ordered if wanted[row]]


class SortRanks:
    def __init__(self) -> None:
        self._ranks: dict[Hashable, Ranked] = {}
        self._made_from: tuple = ()
        self.generation = 0  # counts forget(): an order computed before one is not kept

    def forget(self) -> None:
        self._ranks.clear()
        self.generation += 1

    def _check(self, index: SearchIndex) -> None:
        now = made_from(index)
        if not self._current(now):
            self._ranks.clear()
            self._made_from = now

    def _current(self, source: tuple) -> bool:
        """Whether `source` (made_from) is the very list the kept orders belong to."""
        return len(source) == len(self._made_from) and all(a is b for a, b in zip(source, self._made_from, strict=True))

    def has(self, key: Hashable, index: SearchIndex) -> bool:
        """Whether the whole list's order under `key` is kept for the list as it is now."""
        self._check(index)
        return key in self._ranks

    def keep(self, key: Hashable, source: tuple, generation: int, ranked: Ranked) -> bool:
        """Take over an order computed elsewhere from `source` (made_from) when forget() had been called
        `generation` times; False if the list changed since (or a note: forget)."""
        if generation != self.generation or not self._current(source):
            return False
        self._ranks[key] = ranked
        return True

    def sorted(self, key: Hashable, rows: list[int], index: SearchIndex, order: Order) -> list[int]:
        """`rows` as `order` sorts them, through the whole list's order kept under `key`. A small part of a
        list not sorted yet is sorted directly (cheaper than the whole list)."""
        self._check(index)
        ranked = self._ranks.get(key)
        if ranked is None:
            if len(rows) * 2 < len(index.deadlines):
                return order(rows)
            ranked = self._ranks[key] = whole_list_rank(order, len(index.deadlines))
        return in_kept_order(rows, ranked)
