"""Money and shop risk in the real window: the gauge above the table at each colour, the 可能扣款 column,
sorting by money and the money per group in the side list (real exports, real store file)."""

from datetime import datetime, timedelta

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from shopguard.ui.deadline_model import COLUMN_MONEY
from shopguard.ui.main_window import MainWindow
from tests.exports import order_row, write_csv

NOON = datetime(2026, 11, 27, 12, 0, tzinfo=BEIJING)


def ship_orders(count: int, promised: str, start: int) -> list[dict]:
    """`count` unshipped orders promised for `promised` (paid 48 h before it)."""
    due = datetime.fromisoformat(promised)
    paid = (due - timedelta(hours=48)).strftime("%Y-%m-%d %H:%M:%S")
    return [
        order_row(order_id=f"69179267688{n:08d}", sub_order_id=f"69179267688{n:08d}", paid=paid, promised=promised)
        for n in range(start, start + count)
    ]


def window_on(qtbot, tmp_path, rows, moment):
    data = tmp_path / "data"
    with Store.open(data) as store:
        import_into_store(store, [write_csv(tmp_path / "1764000000_订单导出.csv", rows)], backups_kept=0)
    window = MainWindow(data, lambda: moment[0])
    qtbot.addWidget(window)
    window.reload()
    return window


def day_of_700(late: int, at_one: int = 0) -> list[dict]:
    """700 ship clocks due on 2026-11-27: `late` due at 10:00 (past at noon), `at_one` due at 13:00, the rest
    due at 20:00; none shipped."""
    rows = ship_orders(late, "2026-11-27 10:00:00", 0)
    rows += ship_orders(at_one, "2026-11-27 13:00:00", late)
    return rows + ship_orders(700 - late - at_one, "2026-11-27 20:00:00", late + at_one)


@pytest.mark.parametrize(
    ("late", "colour", "words"),
    [
        (210, "red", "今天 700 单应发货，已超时 210 单（30%）：店铺 7 天内每天最多 0 单（停止售卖）"),
        (199, "amber", "今天 700 单应发货，已超时 199 单（28%）；再超时 11 单将触发：店铺 7 天内每天最多 0 单"),
        (10, "green", "今天 700 单应发货，已超时 10 单（1%）；再超时 200 单将触发：店铺 7 天内每天最多 0 单"),
    ],
)
def test_the_gauge_says_the_sanction_in_words_at_each_colour(qtbot, tmp_path, late, colour, words):
    window = window_on(qtbot, tmp_path, day_of_700(late), [NOON])
    assert window.gauge.isVisibleTo(window) and window.gauge.colour == colour
    assert words in window.gauge.text()
    assert "aHwH9wK4Je2N" in window.gauge.toolTip()  # the table the thresholds come from
    if colour == "red":
        assert "次日解除" in window.gauge.text()


def test_the_gauge_follows_the_clock_and_every_recalculation(qtbot, tmp_path):
    moment = [NOON]
    window = window_on(qtbot, tmp_path, day_of_700(199, at_one=11), moment)
    assert window.gauge.colour == "amber" and "再超时 11 单" in window.gauge.text()
    moment[0] = datetime(2026, 11, 27, 13, 0, 1, tzinfo=BEIJING)  # the 13:00 ones run out
    window.rebucket()  # the once-a-minute pass
    assert window.gauge.colour == "red" and "已超时 210 单（30%）" in window.gauge.text()
    moment[0] = NOON
    window.reload()  # a recalculation
    assert window.gauge.colour == "amber"


def test_no_orders_due_today_is_green_and_says_why(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path, ship_orders(3, "2026-11-29 10:00:00", 0), [NOON])
    assert window.gauge.colour == "green"
    assert "今天 0 单应发货，已超时 0 单（0%）；今天应发货的订单不足以触发店铺处罚" in window.gauge.text()


def money_rows() -> list[dict]:
    """The issue's worked examples, all two hours late at noon on 2026-11-27."""
    seven_days = dict(paid="2026-11-20 10:00:00", promised="2026-11-27 10:00:00")
    return [
        order_row(order_id="6917926768823643739", amount="39.00", paid="2026-11-25 10:00:00",
                  promised="2026-11-27 10:00:00", product="中性笔"),
        order_row(order_id="6917926768823641200", amount="1,200.00", product="宝宝袜", **seven_days),
        order_row(order_id="6917926768823648000", amount="8,000.00", product="阿胶糕", **seven_days),
    ]  # fmt: skip


def shown(window) -> list[tuple[str, str]]:
    model = window.model
    return [(model.deadline_at(r).order_id[-4:], model.index(r, COLUMN_MONEY).data()) for r in range(model.rowCount())]


def test_the_money_column_sorting_by_money_and_the_totals_per_group(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path, money_rows(), [NOON])
    header = window.model.headerData(COLUMN_MONEY, window.table.horizontalHeader().orientation())
    assert header == "可能扣款"
    assert sorted(shown(window)) == [("1200", "¥36.00（已产生 ¥12.00）"), ("3739", "¥2.00"), ("8000", "¥50.00")]
    row = next(r for r in range(window.model.rowCount()) if window.model.deadline_at(r).order_id.endswith("1200"))
    tooltip = window.model.data(window.model.index(row, COLUMN_MONEY), 3)  # ToolTipRole
    assert "aHwH9wK4Je2N" in tooltip and "3%" in tooltip
    labels = [window.bucket_list.item(r).text() for r in range(window.bucket_list.count())]
    assert labels[:2] == ["全部  3\n  ¥88.00", "已超时  3\n  ¥88.00"]  # what the amount is: in the tooltip
    assert window.bucket_list.item(0).toolTip() == "全部  3\n可能扣款 ¥88.00"
    window.sorting.box.setCurrentIndex(window.sorting.box.findData("money"))  # 扣款最多在前
    assert [order for order, _ in shown(window)] == ["8000", "1200", "3739"]
    assert window.sorting.urgent_button.isVisibleTo(window)
    window.sorting.urgent_button.click()  # one click back
    assert window.sorting.box.currentText() == "最紧急在前" and not window.sorting.urgent_button.isVisibleTo(window)
    assert [order for order, _ in shown(window)] == [d.order_id[-4:] for d in window.index.deadlines]
    window.sort_by(COLUMN_MONEY)  # the column's header: the most first, then the least
    assert [order for order, _ in shown(window)] == ["8000", "1200", "3739"]
    window.sort_by(COLUMN_MONEY)
    assert [order for order, _ in shown(window)] == ["3739", "1200", "8000"]
