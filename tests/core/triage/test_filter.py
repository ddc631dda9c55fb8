"""Filtering, counting and sorting the triage list with clocks that need checking (需要核对) in it."""

import random
from types import SimpleNamespace

from shopguard.core.triage.filter import SearchIndex, TriageFilter, bucket_counts, sort_rows
from tests.clocks import CONTRADICTION_ORDER, NO_RULE_ORDER, NO_START_ORDER, demo_triage_with_unknown_clocks

TO_CHECK = [(CONTRADICTION_ORDER, "ship"), (NO_RULE_ORDER, "transit"), (NO_START_ORDER, "ship")]


def index_with_unknown_clocks(folder) -> SearchIndex:
    return SearchIndex(demo_triage_with_unknown_clocks(folder).deadlines)


def ids(index: SearchIndex, rows: list[int]) -> list[tuple[str, str]]:
    return [(index.deadlines[i].order_id, index.deadlines[i].kind) for i in rows]


def test_they_have_a_bucket_and_a_count_of_their_own(tmp_path):
    index = index_with_unknown_clocks(tmp_path)
    counts = bucket_counts(index)
    assert counts["check"] == 3 and sum(counts.values()) == len(index.deadlines)
    rows = index.select(TriageFilter(bucket="check"))
    assert ids(index, rows) == TO_CHECK  # the one with a due time first


def test_they_are_candidates_for_filing_since_they_may_be_due_today(tmp_path):
    index = index_with_unknown_clocks(tmp_path)
    candidates = ids(index, index.select(TriageFilter(needs_filing=True)))
    assert set(TO_CHECK) <= set(candidates)
    assert len(candidates) == 8  # the demo's 5 overdue or due within 24 h, and these 3


def test_rebucketing_keeps_them_to_check(tmp_path):
    index = index_with_unknown_clocks(tmp_path)
    index.rebucket()
    assert bucket_counts(index)["check"] == 3
    assert ids(index, index.select(TriageFilter(bucket="check"))) == TO_CHECK


def test_sorting_by_due_start_or_time_left_keeps_the_ones_without_a_value_last_both_ways(tmp_path):
    index = index_with_unknown_clocks(tmp_path)
    ship = next(i for i, d in enumerate(index.deadlines) if d.order_id == NO_START_ORDER and d.kind == "ship")
    assert index.deadlines[ship].start is None  # the export gave no time to start it from
    everything = index.select(TriageFilter())
    for column in ("due", "start", "seconds_left", "status", "order_id"):
        for descending in (False, True):
            ordered = sort_rows(everything, index.deadlines, column, descending)
            assert sorted(ordered) == everything  # every clock still listed
            values = [getattr(index.deadlines[i], column) for i in ordered]
            missing = [value is None for value in values]
            assert missing == sorted(missing), (column, descending)  # all the missing ones at the end
    by_start = sort_rows(everything, index.deadlines, "start", False)
    assert by_start[-1] == ship


def test_sorting_text_by_a_collation_is_a_stable_sort_with_the_missing_last_both_ways():
    """sort_rows groups rows per distinct value instead of sorting them: it must give what a stable sort by
    the collation (ties between distinct texts by code point) gives, the rows without a value last."""
    rng = random.Random(7)
    texts = ["阿胶糕", "宝宝袜", "蛋糕", "中性笔", "apple", "", None, "Apple"]
    collate = str.lower  # "apple" and "Apple" collate alike: code point order between them
    for _ in range(200):
        clocks = [SimpleNamespace(product=rng.choice(texts)) for _ in range(rng.randrange(40))]
        rows = rng.sample(range(len(clocks)), rng.randrange(len(clocks) + 1))
        for descending in (False, True):
            present = [i for i in rows if clocks[i].product is not None]
            expected = sorted(
                present, key=lambda i: (collate(clocks[i].product), clocks[i].product), reverse=descending
            ) + [i for i in rows if clocks[i].product is None]
            assert sort_rows(rows, clocks, "product", descending, None, collate) == expected
