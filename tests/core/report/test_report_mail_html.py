"""The morning mail's HTML, parsed as a mail client would: attributes that do not end early, every urgent order
in the body, hostile product names shown as text, and a layout that needs no wide table on a phone."""

from datetime import datetime
from html.parser import HTMLParser

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.imports.importer import import_files
from shopguard.core.report.content import build_content
from shopguard.core.report.html import FONT, TOP_ITEMS, render_html
from shopguard.core.rules.packs import load_packs
from shopguard.core.settings import EngineSettings
from tests.clocks import NO_RULE, NO_START, NO_START_ORDER, demo_triage_with_unknown_clocks
from tests.exports import MONEY_39, MONEY_1200, money_order, order_row, write_csv

# Every attribute the mail uses; a font name cut off by a quote would show up as an attribute of its own
# (e.g. `yahei',arial,sans-serif;color:#222'`).
ATTRIBUTES = {"lang", "charset", "name", "content", "style"}


class Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    @property
    def body_text(self) -> str:
        return "".join(self.text)


def content_at(tmp_path, rows, at):
    imported = import_files([write_csv(tmp_path / "1699750800_订单导出.csv", rows)])
    triage = compute_deadlines(imported.orders, imported.after_sales, imported.tracking, load_packs(),
                               EngineSettings(), at)  # fmt: skip
    return build_content(triage)


def test_attributes_are_whole_and_every_font_stack_survives(tmp_path):
    page = Page(render_html(build_content(demo_triage_with_unknown_clocks(tmp_path))))
    names = {name for _, attrs in page.tags for name in attrs}
    assert names <= ATTRIBUTES, names - ATTRIBUTES
    styles = [attrs["style"] for _, attrs in page.tags if "style" in attrs]
    with_font = [style for style in styles if "font-family" in style]
    assert with_font and all(FONT in style for style in with_font if "monospace" not in style)
    assert not any(tag in ("script", "style", "link") for tag, _ in page.tags)


def test_every_urgent_order_is_in_the_body_with_what_to_check(tmp_path):
    content = build_content(demo_triage_with_unknown_clocks(tmp_path))
    text = Page(render_html(content)).body_text
    assert len(content.todo) <= TOP_ITEMS
    for deadline in content.todo:
        assert deadline.order_id in text
    assert NO_START in text and NO_RULE in text  # what to check, for the clocks that cannot be judged
    assert text.index("已超时 2小时") < text.index(NO_START_ORDER) < text.index("还剩 4小时")


def test_a_phone_needs_no_wide_table(tmp_path):
    page = Page(render_html(build_content(demo_triage_with_unknown_clocks(tmp_path))))
    assert not any(tag in ("table", "td", "th") for tag, _ in page.tags)  # cards, not an 11-column table
    (viewport,) = [attrs for tag, attrs in page.tags if tag == "meta" and attrs.get("name") == "viewport"]
    assert viewport["content"].startswith("width=device-width")
    assert any("max-width:720px" in attrs.get("style", "") for _, attrs in page.tags)  # a column on a desktop


def test_hostile_product_names_are_shown_as_text(tmp_path):
    hostile = ['"><script>alert(1)</script>', "x' onmouseover='alert(2)", "A&B <b>粗</b>", '=HYPERLINK("http://x")']
    rows = [order_row(order_id=f"69179267688236437{index}1", paid="2026-11-20 09:00:00", product=name)
            for index, name in enumerate(hostile)]  # fmt: skip
    html = render_html(content_at(tmp_path, rows, datetime(2026, 11, 22, 12, 0, tzinfo=BEIJING)))
    page = Page(html)
    assert [tag for tag, _ in page.tags if tag in ("script", "b")] == []
    assert {name for _, attrs in page.tags for name in attrs} <= ATTRIBUTES
    for name in hostile:
        assert name in page.body_text


def test_the_shop_risk_opens_the_mail_and_each_card_shows_its_money(tmp_path):
    rows = [
        money_order(MONEY_39),
        money_order(MONEY_1200),
    ]  # fmt: skip
    text = Page(render_html(content_at(tmp_path, rows, datetime(2026, 11, 22, 12, 0, tzinfo=BEIJING)))).body_text
    text = text.split("ShopGuard 晨报截至", 1)[1]  # the body, after the <title>
    assert text.index("今日店铺风险：应发货 1 单，已超时 1 单") < text.index("已超时") < text.index("今日待办")
    card = text[text.index("6917926768823643751") - 60 :]
    assert "可能扣款 ¥2.00" in card  # the overdue ¥39 order's deduction, on its card
    assert "可能扣款¥36.00" in text  # the ¥1,200 order's, in its group's total (due later: not on the list)


def test_a_day_with_nothing_to_do_says_so(tmp_path):
    rows = [order_row(paid="2026-11-20 09:00:00", promised="2026-11-27 10:00:00")]
    text = Page(render_html(content_at(tmp_path, rows, datetime(2026, 11, 20, 10, 0, tzinfo=BEIJING)))).body_text
    assert "今天没有需要处理的订单" in text


def test_the_risk_box_is_not_green_when_the_period_has_no_known_sanctions(tmp_path):
    page = Page(render_html(build_content(demo_triage_with_unknown_clocks(tmp_path))))  # 2023: no table known
    styles = [attrs.get("style", "") for _, attrs in page.tags]
    (box,) = [style for style in styles if "border-radius:6px" in style and "font-size:14px" in style]
    assert "background:#f4f6f8" in box and "#e6f4ea" not in box
    assert "该时期的店铺处罚标准未知" in page.body_text
