"""The digest: what it says, and that it always fits 企业微信's 2,048 bytes without splitting a character."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from shopguard.core.alerts.digest import MAX_BYTES, TOP, cut_to_bytes, render_digest
from shopguard.core.triage.shop_risk import describe_shop_risk
from tests.core.alerts.helpers import demo_content, many_urgent_content


def test_the_demo_digest_has_counts_money_risk_and_the_most_urgent_in_order():
    content = demo_content()
    text = render_digest(content)
    lines = text.splitlines()
    assert lines[0] == "ShopGuard 时效提醒 · 2023-11-12 10:00（北京时间）"
    assert lines[1] == "已超时 4 条 · 6小时内到期 1 条 · 需要核对 1 条"
    # The demo's date has no penalty table in force: amounts are unknown, not ¥0.
    assert lines[2].startswith("可能扣款 ¥0.00（另有 ") and "金额未知" in lines[2]
    assert lines[3] == describe_shop_risk(content.shop_risk)
    items = lines[5:]
    assert len(items) == len(content.todo) == 8  # fewer than 10 urgent: all of them, no "还有"
    assert items[0] == "1. 6917880231000000651 退货未签收 已超时 14天"
    assert items[2] == "3. 6917880231000000151 发货 已超时 2小时"
    assert items[5] == "6. 6917880231000000251 发货 还剩 4小时"
    assert "还有" not in text


def test_money_at_risk_is_summed_over_open_clocks():
    content = demo_content()
    content.money_totals = {"overdue": Decimal("30.00"), "within_6h": Decimal("5.50"), "closed": Decimal("99.00")}
    content.deadlines = [replace(d, money_at_risk="1.00") for d in content.deadlines]
    assert render_digest(content).splitlines()[2] == "可能扣款 ¥35.50"


def test_ten_most_urgent_then_how_many_more():
    content = many_urgent_content(copies=40)
    text = render_digest(content)
    items = [line for line in text.splitlines() if line[:1].isdigit() and ". " in line]
    assert len(items) == TOP
    assert text.splitlines()[-1] == f"还有 {len(content.todo) - TOP} 条，见 ShopGuard 或晨报邮件。"


def test_long_order_numbers_drop_items_into_the_count_and_stay_within_2048_bytes():
    content = many_urgent_content(copies=2)
    content.todo = [replace(d, order_id="订" * 120 + str(n)) for n, d in enumerate(content.todo)]  # 360+ bytes each
    text = render_digest(content)
    assert len(text.encode("utf-8")) <= MAX_BYTES
    items = [line for line in text.splitlines() if line.split(". ")[0].isdigit()]
    assert 0 < len(items) < TOP
    assert text.endswith(f"还有 {len(content.todo) - len(items)} 条，见 ShopGuard 或晨报邮件。")


def test_a_cut_never_splits_a_character():
    text = "时效" * 2000  # 3 bytes a character
    for limit in (2048, 2047, 2046, 10):
        cut = cut_to_bytes(text, limit)
        data = cut.encode("utf-8")
        assert len(data) <= limit and len(data) > limit - 3
        assert text.startswith(cut)
    assert cut_to_bytes("ab😀", 5) == "ab"  # a 4-byte emoji is dropped whole
    assert cut_to_bytes("short", 2048) == "short"


def test_nothing_urgent_says_so():
    content = demo_content()
    content.todo = []
    assert render_digest(content).endswith("今天没有已超时、需要核对或 24 小时内到期的订单。")


def test_an_all_clear_from_an_empty_or_stale_store_says_so(tmp_path):
    from datetime import datetime, timedelta

    from shopguard.core.alerts.digest import freshness_line
    from shopguard.core.store.database import Store
    from shopguard.core.store.merge import import_into_store
    from tests.exports import order_row, write_csv

    content = demo_content()
    content.todo = []
    with Store.open(tmp_path / "data") as store:
        empty = freshness_line(store, content.as_of)
        assert empty == "注意：ShopGuard 里还没有导入任何抖店导出文件，这条消息不代表没有要处理的订单。"
        text = render_digest(content, freshness=empty)
        assert text.splitlines()[1] == empty and text.endswith("今天没有已超时、需要核对或 24 小时内到期的订单。")
        import_into_store(store, [write_csv(tmp_path / "1699754430_订单导出.csv", [order_row()])])
        imported = store.connection.execute("SELECT imported_at FROM imports").fetchone()[0]
        moment, shown = datetime.fromisoformat(imported), imported[:16].replace("T", " ")
        assert freshness_line(store, moment + timedelta(hours=2)) == f"数据来自 {shown} 的导入"
        stale = freshness_line(store, moment + timedelta(days=3, hours=1))
        assert stale.startswith(f"注意：最近一次导入是 {shown}（3天1小时前）")
        assert "之后的新订单不在清单里" in stale
