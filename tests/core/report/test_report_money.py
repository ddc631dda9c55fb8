"""The morning report opens with the shop's risk today and shows the money at risk per group."""

from datetime import datetime

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.imports.importer import import_files
from shopguard.core.report.content import build_content
from shopguard.core.report.html import render_html
from shopguard.core.rules.packs import load_packs
from shopguard.core.settings import EngineSettings
from shopguard.core.triage.buckets import BUCKETS
from tests.exports import MONEY_39, MONEY_1200, MONEY_8000, money_order, order_row, write_csv


def test_the_email_opens_with_the_shop_risk_and_shows_money_per_group(tmp_path):
    rows = [
        money_order(MONEY_39),
        money_order(MONEY_1200),
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
    assert "可能扣款 ¥2.00" in html and "可能扣款<br>¥36.00" in html  # the overdue order; the group due later


def money_store_rows():
    return [
        money_order(MONEY_39),
        money_order(MONEY_1200),
        money_order(MONEY_8000),
    ]  # fmt: skip


def test_the_workbook_opens_with_the_shop_risk_and_carries_the_money(tmp_path):
    from openpyxl import load_workbook

    from shopguard.core.triage.money_totals import totals_per_bucket
    from tests.processes import run

    orders = write_csv(tmp_path / "1699750800_订单导出.csv", money_store_rows())
    # 00:30 Beijing on the 22nd is still the 21st in UTC: the shop-risk day is the Beijing day of --at.
    path = tmp_path / "晨报.xlsx"
    result = run("report", orders, "--at", "2026-11-22 00:30:00", "--out", path)
    assert result.returncode == 0, result.stderr
    at = datetime(2026, 11, 22, 0, 30, tzinfo=BEIJING)
    imported = import_files([orders])
    triage = compute_deadlines(imported.orders, imported.after_sales, imported.tracking, load_packs(),
                               EngineSettings(), at)  # fmt: skip
    book = load_workbook(path)
    overview = [row for row in book["概览"].iter_rows(values_only=True)]
    assert overview[2][0] == "今日店铺风险"  # right under the title
    risk_header, risk = overview[3], overview[4]
    assert risk_header[:4] == ("日期", "应发货", "已超时", "超时率")
    assert risk[:3] == ("2026-11-22", 1, 0)  # the ¥39 order's ship clock is due at 10:00 that day, not yet late
    assert overview[5][0].startswith("今日店铺风险：应发货 1 单，已超时 0 单")
    groups = {row[0]: row for row in overview[overview.index(next(r for r in overview if r[0] == "分组")) + 1 :][:6]}
    expected = totals_per_bucket(triage.deadlines)  # the same totals as the window's side list
    for bucket, label in BUCKETS.items():
        if bucket in expected:
            assert groups[label][2] == float(expected[bucket]), label
        else:
            assert groups[label][2] == "—", label
    assert groups["24小时后"][2] == 86.0  # ¥36 + ¥50: the worked examples of the 7-day promise
    todo = book["今日待办"]
    header = [cell.value for cell in todo[1]]
    rows = [dict(zip(header, row, strict=True)) for row in todo.iter_rows(min_row=2, values_only=True)]
    assert [(row["订单号"], row["可能扣款"]) for row in rows] == [("6917926768823643751", 2.0)]
    assert todo.cell(row=2, column=header.index("可能扣款") + 1).number_format == '"¥"#,##0.00'


def test_a_product_near_its_ban_gets_one_sentence_in_the_mail_and_on_the_overview(tmp_path):
    from openpyxl import load_workbook

    from shopguard.core.report.html import render_text
    from tests.processes import run

    rows = []
    for n in range(200):  # one product: 200 orders due 11-20 12:00, 100 still unshipped at 18:00
        line = order_row(order_id=f"69179267688{n:08d}", sub_order_id=f"69179267689{n:08d}",
                         paid="2026-11-19 10:00:00", promised="2026-11-20 12:00:00")  # fmt: skip
        if n >= 100:
            line.update({"发货时间": "2026-11-20 09:00:00", "订单状态": "已发货",
                         "快递信息": f"YT{n:013d}-圆通速递,纯棉T恤-3788410999938351943,1;"})  # fmt: skip
        line["商品ID"] = "3788410999938351943"
        rows.append(line)
    orders = write_csv(tmp_path / "1699750800_订单导出.csv", rows)
    sentence = "今日商品风险：「纯棉T恤」（商品ID 3788410999938351943）应发货 200 单，已超时 100 单（50.00%）"
    sentence += "，已达到处罚线"
    imported = import_files([orders])
    triage = compute_deadlines(imported.orders, imported.after_sales, imported.tracking, load_packs(),
                               EngineSettings(), datetime(2026, 11, 20, 18, 0, tzinfo=BEIJING))  # fmt: skip
    content = build_content(triage)
    html, text = render_html(content), render_text(content)
    assert sentence in html and html.index("今日店铺风险") < html.index(sentence) < html.index("今日待办")
    assert sentence in text
    from shopguard.core.alerts.digest import render_digest

    assert sentence in render_digest(content)  # the group robots' digest says it too
    path = tmp_path / "晨报.xlsx"
    result = run("report", orders, "--at", "2026-11-20 18:00:00", "--out", path)
    assert result.returncode == 0, result.stderr
    overview = [row[0] for row in load_workbook(path)["概览"].iter_rows(values_only=True)]
    assert overview[5].startswith("今日店铺风险：") and overview[6].startswith(sentence)
