"""The notices above the list and in the mail: what is missing, what it means for the orders, what fixes it."""

from shopguard.core.deadlines.engine import Triage
from shopguard.core.report.content import build_content
from shopguard.core.triage.notices import FILINGS, RULE_CALENDAR, merchant_notices, no_rule, notice_texts
from tests.clocks import NO_RULE_ORDER, NO_START_ORDER, demo_triage_with_unknown_clocks


def test_a_clock_no_time_limit_covers_is_told_in_the_merchants_words(tmp_path):
    triage = demo_triage_with_unknown_clocks(tmp_path)
    uncovered = [d for d in triage.deadlines if no_rule(d)]
    assert [(d.order_id, d.kind) for d in uncovered] == [(NO_RULE_ORDER, "transit")]
    assert not any(no_rule(d) for d in triage.deadlines if d.order_id == NO_START_ORDER)  # a missing time: no
    [notice] = merchant_notices(triage)
    assert notice.fix == RULE_CALENDAR
    assert notice.text.startswith("1 个订单的中转截止时间算不出来")
    assert uncovered[0].start.strftime("%Y-%m-%d") in notice.text and "需要核对" in notice.text
    assert "规则包" not in notice.text and "规则日历" in notice.text


def test_a_filing_due_soon_says_what_happens_if_it_is_not_submitted(tmp_path):
    triage = Triage(demo_triage_with_unknown_clocks(tmp_path).as_of, [], [])
    triage.notices.append("报备 #1（不可抗力因素，草稿）须在 2023-11-12 18:00:00 前提交")
    [notice] = merchant_notices(triage)
    assert notice.fix == FILINGS and notice.text.endswith("否则它涵盖的订单照常按超时处罚。")


def test_the_mail_and_the_workbook_carry_the_same_sentences_as_the_window(tmp_path):
    triage = demo_triage_with_unknown_clocks(tmp_path)
    triage.notices.append("报备 #2（不可抗力因素，草稿）须在 2023-11-12 18:00:00 前提交")
    content = build_content(triage, [])
    assert content.notices == notice_texts(triage) and len(content.notices) == 2
