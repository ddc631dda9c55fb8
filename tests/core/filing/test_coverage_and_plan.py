from datetime import datetime, timedelta

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import Deadline, Triage
from shopguard.core.filing.coverage import check_coverage
from shopguard.core.filing.effects import apply_filings
from shopguard.core.filing.model import Area, EvidenceFile, Filing, missing_evidence, ready_blockers
from shopguard.core.filing.plan import draft_text, filing_window
from shopguard.core.records import OrderLine

START = datetime(2023, 11, 10, 0, 0, 0, tzinfo=BEIJING)
END = datetime(2023, 11, 12, 23, 59, 59, tzinfo=BEIJING)
LINES = [OrderLine("A", "A1", province="新疆维吾尔自治区", city="乌鲁木齐市", district="天山区")]


def clock(kind, due, order_id="A", status="pending"):
    return Deadline(kind, order_id, None, "SF1", due - timedelta(hours=24), due, None, status, 0, "p/r", "t", "e")


@pytest.mark.parametrize(
    "due, covered",
    [(START, True), (END, True), (START - timedelta(seconds=1), False), (END + timedelta(seconds=1), False)],
)
def test_due_time_must_lie_inside_the_period_both_ends_included(due, covered):
    (row,) = check_coverage([clock("transit", due)], LINES, (START, END), Area("新疆"), "浙江")
    assert row.covered is covered


@pytest.mark.parametrize(
    "area, covered, reason",
    [
        (Area("新疆维吾尔自治区", "乌鲁木齐", "天山区"), True, "时间和区域都在范围内"),
        (Area("新疆", "乌鲁木齐市"), True, "时间和区域都在范围内"),
        (Area("新疆", "喀什市"), False, "城市不符"),
        (Area("新疆", "乌鲁木齐市", "沙依巴克区"), False, "区县不符"),
        (Area("甘肃"), False, "省份不符"),
    ],
)
def test_transit_is_matched_on_the_buyers_address(area, covered, reason):
    (row,) = check_coverage([clock("transit", START)], LINES, (START, END), area, "浙江")
    assert row.covered is covered and reason in row.reason


def test_ship_and_pickup_are_matched_on_the_shops_province():
    rows = check_coverage(
        [clock("ship", START), clock("pickup", START), clock("first_sort", START)],
        LINES,
        (START, END),
        Area("浙江省", "杭州市"),
        "浙江",
    )
    assert [(row.kind, row.covered) for row in rows] == [("ship", True), ("pickup", True), ("first_sort", False)]
    assert "只核对了省份" in rows[0].reason  # the shop's city is not in the settings
    unknown_shop = check_coverage([clock("pickup", START)], LINES, (START, END), Area("浙江"), None)
    assert not unknown_shop[0].covered and "店铺发货省份" in unknown_shop[0].reason


def test_finished_and_after_sales_clocks_are_not_filed():
    rows = check_coverage(
        [clock("pickup", START, status="met"), clock("return_refund", START)], LINES, (START, END), Area("浙江"), "浙江"
    )
    assert rows == []


def filing(**changes):
    values = dict(type="force-majeure", cause="weather", period_start=START, period_end=END, area=Area("新疆"),
                  order_ids=["A"])  # fmt: skip
    values.update(changes)
    return Filing(**values)


def test_report_deadline_is_the_earliest_covered_due_time_and_appeal_is_notice_plus_seven_days():
    rows = check_coverage([clock("transit", END), clock("transit", START)], LINES, (START, END), Area("新疆"), "浙江")
    window = filing_window(filing(), rows)
    assert (window.kind, window.latest) == ("report", START) and "假设" in window.explanation
    appeal = filing_window(filing(notice_date=datetime(2023, 11, 20, 9, tzinfo=BEIJING)), rows)
    assert (appeal.kind, appeal.latest) == ("appeal", datetime(2023, 11, 27, 23, 59, 59, tzinfo=BEIJING))


def test_evidence_checklist_per_cause():
    weather = filing()
    assert missing_evidence(weather) == ["新闻报道 或 快递网点证明 或 政府网站通知"]
    partial = EvidenceFile("x", "cert.jpg", "courier-certificate", frozenset({"网点信息", "问题描述"}))
    weather.evidence.append(partial)
    assert missing_evidence(weather)  # elements not all ticked: still missing
    weather.evidence[0] = EvidenceFile("x", "cert.jpg", "courier-certificate", frozenset({
        "网点信息", "问题描述", "影响时段", "影响的区/县/街道", "网点红章（地市级及以上）", "出具日期"}))  # fmt: skip
    assert missing_evidence(weather) == [] and ready_blockers(weather, covered_clocks=0) == [
        "没有一个时钟在影响时段和区域内"
    ]
    address = filing(type="address", cause=None)
    assert missing_evidence(address) == ["快递地址异常记录", "买家聊天记录"]
    fire = filing(cause="fire")
    assert missing_evidence(fire) == ["消防出警记录"]
    supplier_only = filing(evidence=[EvidenceFile("y", "c.pdf", "supplier-proof", frozenset(
        ("合同首页和尾页", "双方公司名称", "地址", "有效期", "盖章", "签约方为本店主体")))])  # fmt: skip
    assert "上游供应商证明须搭配" in missing_evidence(supplier_only)[-1]


def test_draft_text_names_cause_period_area_orders_and_evidence():
    rows = check_coverage([clock("transit", START)], LINES, (START, END), Area("新疆", "乌鲁木齐市"), "浙江")
    text = draft_text(filing(area=Area("新疆", "乌鲁木齐市"),
                             evidence=[EvidenceFile("x", "网点证明.jpg", "courier-certificate")]), rows)  # fmt: skip
    for expected in ("不可抗力因素（天气因素）", "2023-11-10 00:00:00 至 2023-11-12 23:59:59", "新疆乌鲁木齐市",
                     "受影响订单（1 个）：A", "快递网点证明（网点证明.jpg）", "中转"):  # fmt: skip
        assert expected in text


def unknown_clock(kind, due=None, order_id="A"):
    """A clock that needs checking (需要核对): `due` None when its start time could not be read."""
    deadline = clock(kind, START, order_id, status="unknown")
    deadline.due, deadline.seconds_left = due, None
    deadline.explanation = "支付完成时间无法识别，算不出截止时间。请核对后手动更正。"
    return deadline


def test_a_clock_to_check_without_a_due_time_counts_as_covered_when_its_area_matches_and_says_to_check():
    rows = check_coverage(
        [unknown_clock("transit"), unknown_clock("ship")], LINES, (START, END), Area("新疆", "乌鲁木齐"), "浙江"
    )
    (transit, ship) = rows
    assert transit.covered and "截止时间无法计算（需要核对），按覆盖计" in transit.reason
    assert "提交前请核对" in transit.reason
    assert not ship.covered and "省份不符" in ship.reason  # a known mismatch still rules it out
    window = filing_window(filing(), rows)
    assert window.latest is None  # no due time to file before: the platform's own limit then applies
    assert "受影响订单（1 个）：A" in draft_text(filing(), rows)


def test_a_clock_to_check_with_a_known_due_time_is_judged_on_it():
    inside, outside = unknown_clock("transit", due=START), unknown_clock("transit", due=END + timedelta(days=1))
    rows = check_coverage([inside, outside], LINES, (START, END), Area("新疆"), "浙江")
    assert [(row.covered, row.reason) for row in rows] == [
        (True, "时间和区域都在范围内"),
        (False, "截止时间不在影响时段内"),
    ]


def approved(rows, new_due=None):
    return [(filing(id=7, status="approved", ticket="BB1", new_due=new_due), rows)]


def test_an_approved_filing_exempts_a_clock_to_check():
    deadline = unknown_clock("transit")
    rows = check_coverage([deadline], LINES, (START, END), Area("新疆"), "浙江")
    triage = Triage(START, [deadline], [])
    apply_filings(triage, approved(rows), START)
    assert (deadline.status, deadline.seconds_left) == ("exempt", None)
    assert deadline.explanation.endswith("报备 #7 已通过，工单 BB1：平台免除判罚。")


def test_a_new_due_time_from_the_platform_does_not_say_whether_a_clock_to_check_was_met():
    deadline = unknown_clock("transit")
    rows = check_coverage([deadline], LINES, (START, END), Area("新疆"), "浙江")
    triage = Triage(START, [deadline], [])
    apply_filings(triage, approved(rows, new_due=END), START)
    assert (deadline.status, deadline.due, deadline.seconds_left) == ("unknown", END, None)
    assert "平台调整考核时间为 2023-11-12 23:59:59；是否按时仍需核对" in deadline.explanation
    assert deadline.explanation.startswith("支付完成时间无法识别")  # what to check is still said first


def test_an_approved_filing_clears_the_money_at_risk():
    deadline = unknown_clock("ship", due=START)
    deadline.status, deadline.money_at_risk, deadline.money_incurred = "overdue", "36.00", "12.00"
    deadline.money_basis, deadline.money_steps = "按「【商家-发货超时】实施细则」…", ((0, "12.00"),)
    rows = check_coverage([deadline], LINES, (START, END), Area("浙江"), "浙江")
    apply_filings(Triage(START, [deadline], []), approved(rows), START)
    assert (deadline.status, deadline.money_at_risk, deadline.money_incurred) == ("exempt", "0.00", None)
    assert deadline.money_basis == "报备 #7 已通过，免除判罚"
