"""The morning report opens with the shop's risk today and shows the money at risk per group."""

from datetime import datetime

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.imports.importer import import_files
from shopguard.core.report.content import build_content
from shopguard.core.report.html import render_html
from shopguard.core.rules.packs import load_packs
from shopguard.core.settings import EngineSettings
from tests.exports import order_row, write_csv


def test_the_email_opens_with_the_shop_risk_and_shows_money_per_group(tmp_path):
    rows = [
        order_row(order_id="6917926768823643751", paid="2026-11-20 10:00:00", promised="2026-11-22 10:00:00",
                  amount="39.00"),
        order_row(order_id="6917926768823643761", paid="2026-11-20 10:00:00", promised="2026-11-27 10:00:00",
                  amount="1,200.00"),
    ]  # fmt: skip
    imported = import_files([write_csv(tmp_path / "1699750800_订单导出.csv", rows)])
    at = datetime(2026, 11, 22, 12, 0, tzinfo=BEIJING)
    triage = compute_deadlines(imported.orders, imported.after_sales, imported.tracking, load_packs(),
                               EngineSettings(), at)  # fmt: skip
    content = build_content(triage)
    assert content.shop_risk.today.ship_due == 1 and content.shop_risk.today.ship_late == 1
    assert {bucket: str(total) for bucket, total in content.money_totals.items()} == {
        "overdue": "2.00",
        "later": "36.00",
    }
    html = render_html(content)
    assert "今日店铺风险：应发货 1 单，已超时 1 单（100.00%）" in html
    assert html.index("今日店铺风险") < html.index("今日待办")
    assert "可能扣款 ¥2.00" in html and "可能扣款 ¥36.00" in html
