"""The window's to-do groups in the core: 已处理 apart from the urgency groups, counts and money that follow the
filters, 状态 sorted by urgency, text sorted by a given key."""

from datetime import datetime, timedelta
from decimal import Decimal

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import Deadline
from shopguard.core.triage.buckets import bucket_of, todo_bucket_of
from shopguard.core.triage.filter import SearchIndex, TriageFilter, sort_rows, summarise

NOW = datetime(2026, 11, 27, 12, tzinfo=BEIJING)


def clock(order, hours_left, status=None, money=None, handled=False, product=None, kind="ship"):
    due = NOW + timedelta(hours=hours_left)
    status = status or ("overdue" if hours_left < 0 else "pending")
    left = None if status not in ("pending", "overdue") else int(hours_left * 3600)
    deadline = Deadline(kind, order, None, None, due - timedelta(hours=48), due, None, status, left, "p/r", "t", "e",
                        product=product)  # fmt: skip
    deadline.money_at_risk, deadline.money_basis, deadline.handled = money, "x" if money else None, handled
    return deadline


def test_a_handled_open_clock_has_its_own_group_until_it_ends_and_only_in_the_window():
    overdue = clock("1", -2, handled=True)
    finished = clock("2", -2, status="met", handled=True)
    assert (todo_bucket_of(overdue), bucket_of(overdue)) == ("handled", "overdue")  # the CLI and report: overdue
    assert todo_bucket_of(finished) == "closed"


def test_counts_money_and_needs_filing_follow_the_filters_but_not_the_group_chosen():
    deadlines = [
        clock("6917000000000000001", -2, money="36.00"),
        clock("6917000000000000002", -1, money="2.00", handled=True),
        clock("6917000000000000003", 3, money="12.00"),
        clock("6917000000000000004", -5, status="missed", money="50.00"),  # finished: its money is incurred
        clock("6917000000000000005", 30, money="1.00", kind="return_refund"),
    ]
    index = SearchIndex(deadlines, handled_apart=True)
    summary = summarise(index, TriageFilter(bucket="overdue"))
    assert summary.counts == {"overdue": 1, "handled": 1, "within_6h": 1, "closed": 1, "later": 1}
    assert summary.money == {"overdue": Decimal("36.00"), "handled": Decimal("2.00"), "within_6h": Decimal("12.00"),
                             "later": Decimal("1.00")}  # fmt: skip
    assert (summary.needs_filing, summary.total) == (2, 5)  # overdue and within 6 h; not the handled one
    searched = summarise(index, TriageFilter(text="0003"))
    assert (searched.counts, searched.total, searched.needs_filing) == ({"within_6h": 1}, 1, 1)


def test_status_sorts_by_urgency_then_due_and_text_by_the_key_given():
    deadlines = [
        clock("a", 30, product="中性笔"),
        clock("b", -1, status="met", product="阿胶糕"),
        clock("c", -3, product="宝宝袜"),
        clock("d", 2, product=None),
        clock("e", -1, product="蛋糕"),
    ]
    index = SearchIndex(deadlines, handled_apart=True)
    rows = list(range(5))
    by_status = sort_rows(rows, deadlines, "status", False, index.buckets)
    assert [deadlines[i].order_id for i in by_status] == ["c", "e", "d", "a", "b"]
    pinyin = {"阿胶糕": "a", "宝宝袜": "bao", "蛋糕": "dan", "中性笔": "zhong"}.get
    by_product = sort_rows(rows, deadlines, "product", False, index.buckets, pinyin)
    assert [deadlines[i].order_id for i in by_product] == ["b", "c", "e", "a", "d"]  # no product: last
