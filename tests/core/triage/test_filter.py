"""Filtering, counting and sorting the triage list with clocks that need checking (需要核对) in it."""

from shopguard.core.triage.filter import SearchIndex, TriageFilter, bucket_counts, sort_rows
from tests.clocks import CONTRADICTION_ORDER, NO_PAYMENT_ORDER, demo_triage_with_unknown_clocks


def index_with_unknown_clocks() -> SearchIndex:
    return SearchIndex(demo_triage_with_unknown_clocks().deadlines)


def ids(index: SearchIndex, rows: list[int]) -> list[tuple[str, str]]:
    return [(index.deadlines[i].order_id, index.deadlines[i].kind) for i in rows]


def test_they_have_a_bucket_and_a_count_of_their_own():
    index = index_with_unknown_clocks()
    counts = bucket_counts(index)
    assert counts["check"] == 2 and sum(counts.values()) == len(index.deadlines)
    rows = index.select(TriageFilter(bucket="check"))
    assert ids(index, rows) == [(CONTRADICTION_ORDER, "pickup"), (NO_PAYMENT_ORDER, "ship")]


def test_they_are_candidates_for_filing_since_they_may_be_due_today():
    index = index_with_unknown_clocks()
    candidates = ids(index, index.select(TriageFilter(needs_filing=True)))
    assert (CONTRADICTION_ORDER, "pickup") in candidates and (NO_PAYMENT_ORDER, "ship") in candidates
    assert len(candidates) == 7  # the demo's 5 overdue or due within 24 h, and these 2


def test_rebucketing_keeps_them_to_check():
    index = index_with_unknown_clocks()
    index.rebucket()
    assert bucket_counts(index)["check"] == 2


def test_sorting_by_due_start_or_time_left_keeps_the_ones_without_a_value_last_both_ways():
    index = index_with_unknown_clocks()
    ship = next(i for i, d in enumerate(index.deadlines) if d.order_id == NO_PAYMENT_ORDER and d.kind == "ship")
    index.deadlines[ship].start = None  # a start time that could not be read
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
