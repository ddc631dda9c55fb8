"""The morning report: workbook opened back with openpyxl, the .eml parsed, mail sent to a real local SMTP
server (aiosmtpd on 127.0.0.1), including a wrong password."""

import email
import email.policy
import json
from datetime import datetime
from html import escape

import keyring
import pytest
from openpyxl import load_workbook

from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.files import TargetLocked
from shopguard.core.imports.importer import import_files
from shopguard.core.report.content import build_content
from shopguard.core.report.html import render_html, render_text, subject
from shopguard.core.report.mail import MailError, load_password, save_password, send
from shopguard.core.report.message import build_message, write_eml
from shopguard.core.report.workbook import write_workbook
from shopguard.core.rules.packs import load_packs
from shopguard.core.settings import MailServer
from tests.clocks import (
    CONTRADICTION,
    CONTRADICTION_ORDER,
    NO_RULE,
    NO_RULE_ORDER,
    NO_START,
    NO_START_ORDER,
    demo_triage_with_unknown_clocks,
)
from tests.exports import order_row, write_csv
from tests.mail_helpers import MemoryKeyring, free_port
from tests.processes import run


def demo_content():
    imported = import_files(demo_files())
    triage = compute_deadlines(
        imported.orders, imported.after_sales, imported.tracking, load_packs(), DEMO_SETTINGS, DEMO_AS_OF
    )
    return build_content(triage)


def overview_table(sheet, first_header: str) -> list[tuple]:
    """The rows of the 概览 table whose header row starts with `first_header`, up to the blank row after it."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(index for index, row in enumerate(rows) if row[0] == first_header)
    table = []
    for row in rows[start + 1 :]:
        if row[0] is None:
            break
        table.append(row)
    return table


def test_workbook_sheets_counts_and_cell_types(tmp_path):
    path, full = tmp_path / "晨报.xlsx", tmp_path / "全部.xlsx"
    result = run("report", "--demo", "--out", path)
    assert result.returncode == 0, result.stderr
    assert run("report", "--demo", "--out", full, "--full").returncode == 0
    counts = json.loads(run("triage", "--demo", "--format", "json").stdout)["counts"]
    book = load_workbook(path)
    assert book.sheetnames == ["概览", "今日待办", "之后到期", "报备进度"]  # every clock only with --full
    assert load_workbook(full).sheetnames == ["概览", "今日待办", "之后到期", "报备进度", "全部时钟"]
    overview = {row[0]: row[1] for row in overview_table(book["概览"], "分组")}
    assert overview == {"已超时": counts["overdue"], "需要核对": counts["check"], "6小时内": counts["within_6h"],
                        "24小时内": counts["within_24h"], "24小时后": counts["later"],
                        "已完成/豁免": counts["closed"]}  # fmt: skip
    todo = book["今日待办"]
    assert todo.freeze_panes == "A2" and todo.auto_filter.ref.startswith("A1:")
    assert todo.max_row - 1 == counts["overdue"] + counts["check"] + counts["within_6h"] + counts["within_24h"]
    first = [cell for cell in todo[2]]
    assert first[3].data_type == "s" and first[3].value == "6917880231000000651"  # order id as text
    assert isinstance(first[6].value, datetime) and first[6].number_format == "yyyy-mm-dd hh:mm"
    assert first[6].value == datetime(2023, 10, 29, 10, 0)  # Beijing wall time
    assert len(todo.conditional_formatting) >= 1
    assert todo.page_setup.orientation == "landscape" and todo.sheet_properties.pageSetUpPr.fitToPage
    assert todo.print_title_rows == "$1:$1"
    # Open clocks due later are listed in full; finished ones are counted on 概览 and listed with --full.
    assert book["之后到期"].max_row - 1 == counts["later"]
    finished = {row[0]: sum(row[1:4]) for row in overview_table(book["概览"], "时钟")}
    assert sum(finished.values()) == counts["closed"]
    assert load_workbook(full)["全部时钟"].max_row - 1 == sum(counts.values())
    assert book["概览"]._charts  # the next-48-hours chart


def test_text_from_imported_files_never_becomes_a_formula(tmp_path):
    rows = [order_row(paid="2026-11-20 09:00:00", product='=HYPERLINK("http://evil","点我")'),
            order_row(order_id="6917926768823643761", paid="2026-11-20 09:00:00", product="+86 1380000")]  # fmt: skip
    orders = write_csv(tmp_path / "orders.csv", rows)
    path = tmp_path / "r.xlsx"
    assert run("report", orders, "--at", "2026-11-20 10:00:00", "--out", path, "--full").returncode == 0
    book = load_workbook(path)
    products = {row[7].value: row[7].data_type for row in book["全部时钟"].iter_rows(min_row=2)}
    assert products == {'=HYPERLINK("http://evil","点我")': "s", "+86 1380000": "s"}
    products = {row[5].value: row[5].data_type for row in book["今日待办"].iter_rows(min_row=2)}
    assert products == {'=HYPERLINK("http://evil","点我")': "s", "+86 1380000": "s"}


def test_locked_target_gives_a_message_and_a_new_name_and_leaves_nothing_half_written(tmp_path, monkeypatch):
    from shopguard.core import files

    target = tmp_path / "晨报.xlsx"
    target.write_bytes(b"the old report")

    def sharing_violation(source, destination):  # what Windows says while Excel holds the file open
        raise PermissionError(32, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(files.os, "replace", sharing_violation)
    with pytest.raises(TargetLocked) as error:
        write_workbook(demo_content(), target)
    assert error.value.suggestion.name == "晨报 (2).xlsx" and "无法写入" in str(error.value)
    assert target.read_bytes() == b"the old report"
    assert [path.name for path in tmp_path.iterdir()] == ["晨报.xlsx"]  # no partial file left behind


def test_html_summary_reads_as_an_email_body():
    content = demo_content()
    html = render_html(content)
    assert "<script" not in html.lower() and "<style" not in html.lower()  # inline styles only
    assert "已超时 14天" in html and "抖店后台 → 售后 → 服务请求 → 服务单" in html
    # the demo's stall under the 2023 book, which sets no stall limit, is a clock to check
    assert subject(content) == "ShopGuard 晨报 2023-11-12: 4 单已超时，1 单需要核对，3 单 24 小时内到期"


def test_eml_draft_has_html_text_and_the_workbook(tmp_path):
    content = demo_content()
    workbook = write_workbook(content, tmp_path / "r.xlsx")
    path = write_eml(
        build_message(content, workbook, "shop@example.com", ["a@example.com", "b@example.com"]), tmp_path / "r.eml"
    )
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert parsed["Subject"] == subject(content) and parsed["X-Unsent"] == "1"
    assert parsed.get_body(("plain",)).get_content().startswith("ShopGuard 晨报")
    assert "今日待办" in parsed.get_body(("html",)).get_content()
    (attachment,) = list(parsed.iter_attachments())
    assert attachment.get_filename() == "ShopGuard晨报_2023-11-12.xlsx"
    assert attachment.get_content() == workbook.read_bytes()


def test_sending_through_a_real_smtp_server_and_a_wrong_password(smtp_server, tmp_path):
    inbox, server = smtp_server
    content = demo_content()
    workbook = write_workbook(content, tmp_path / "r.xlsx")
    message = build_message(content, workbook, "shop@example.com", ["packer@example.com"])
    with pytest.raises(MailError, match="授权码"):
        send(message, server, "shop@example.com", "wrong")
    assert inbox.messages == []  # nothing sent, nothing to mark as sent
    assert send(message, server, "shop@example.com", "right") == ["packer@example.com"]
    (received,) = inbox.messages
    assert received.rcpt_tos == ["packer@example.com"]
    parsed = email.message_from_bytes(received.content, policy=email.policy.default)
    assert parsed["Subject"] == subject(content) and len(list(parsed.iter_attachments())) == 1


def test_refused_recipients_are_named_and_the_others_still_get_it(smtp_server):
    inbox, server = smtp_server
    only_unknown = build_message(demo_content(), None, "shop@example.com", ["nobody@example.com"])
    with pytest.raises(MailError, match="收件人被服务器拒绝：nobody@example.com"):
        send(only_unknown, server, "shop@example.com", "right")
    mixed = build_message(demo_content(), None, "shop@example.com", ["nobody@example.com", "packer@example.com"])
    assert send(mixed, server, "shop@example.com", "right") == ["packer@example.com"]
    assert [envelope.rcpt_tos for envelope in inbox.messages] == [["packer@example.com"]]


def test_no_network_and_clear_text_to_a_remote_server_are_refused():
    message = build_message(demo_content(), None, "shop@example.com", ["a@example.com"])
    with pytest.raises(MailError, match="连不上邮件服务器"):
        send(message, MailServer("127.0.0.1", free_port(), "ssl"), "shop@example.com", "x", timeout=2)
    with pytest.raises(MailError, match="只允许本机"):
        send(message, MailServer("smtp.qq.com", 25, "none"), "shop@example.com", "x")


def test_the_password_lives_in_the_credential_store_not_in_a_file(tmp_path, monkeypatch):
    store = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(store)
    try:
        with pytest.raises(MailError, match="还没有保存"):
            load_password("shop@example.com")
        save_password("shop@example.com", "授权码123")
        assert load_password("shop@example.com") == "授权码123"
        assert store.secrets == {("ShopGuard SMTP", "shop@example.com"): "授权码123"}
    finally:
        keyring.set_keyring(previous)


def last_sent():
    from shopguard.core.datadir import data_dir
    from shopguard.core.store.database import Store

    with Store.open(data_dir()) as store:
        return store.setting("report_last_sent")


def test_report_send_from_the_cli_marks_sent_only_after_the_server_accepted(smtp_server, monkeypatch, capsys, tmp_path):
    import io

    from shopguard.cli import main

    monkeypatch.chdir(tmp_path)  # without --out the workbook lands in the working folder
    inbox, server = smtp_server
    settings = {"mail_preset": "custom", "mail_host": "127.0.0.1", "mail_port": str(server.port),
                "mail_security": "none", "mail_user": "shop@example.com", "mail_to": "packer@example.com"}  # fmt: skip
    for key, value in settings.items():
        assert main(["settings", key, value]) == 0
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())  # in this process: the CLI runs in-process so it sees the same store
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
        assert main(["mail", "password"]) == 0
        assert main(["report", "--demo", "--send"]) == 2
        assert "晨报没有发出" in capsys.readouterr().err and inbox.messages == []
        assert last_sent() is None  # refused by the server: not marked as sent
        monkeypatch.setattr("sys.stdin", io.StringIO("right\n"))
        assert main(["mail", "password"]) == 0
        assert main(["report", "--demo", "--send"]) == 0
        assert "晨报已发给 packer@example.com" in capsys.readouterr().out
        assert len(inbox.messages) == 1
        assert last_sent().endswith("packer@example.com")
        assert [p.name for p in tmp_path.glob("*.xlsx")] == ["ShopGuard晨报_2023-11-12.xlsx"]
    finally:
        keyring.set_keyring(previous)


def test_buyer_details_stay_out_unless_asked_for_and_phones_are_masked(tmp_path):
    row = order_row(paid="2026-11-20 09:00:00") | {
        "收件人": "王小明",
        "收件人手机号": "13812341234",
        "详细地址": "余杭区文一西路1号",
    }
    orders = write_csv(tmp_path / "orders.csv", [row])
    plain, detailed = tmp_path / "plain.xlsx", tmp_path / "detailed.xlsx"
    assert run("report", orders, "--at", "2026-11-20 10:00:00", "--out", plain).returncode == 0
    assert run("report", orders, "--at", "2026-11-20 10:00:00", "--out", detailed, "--with-buyer").returncode == 0

    def values(path):  # the printed to-do list holds name, phone and address in one cell, a line each
        book = load_workbook(path)
        return {line for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
                for line in str(cell).split("\n")}  # fmt: skip

    assert not {"王小明", "13812341234", "138****1234", "余杭区文一西路1号"} & values(plain)
    with_buyer = values(detailed)
    assert {"王小明", "138****1234", "余杭区文一西路1号"} <= with_buyer and "13812341234" not in with_buyer


def test_buyer_details_from_the_store_only_when_asked_for(tmp_path):
    row = order_row(paid="2026-11-20 09:00:00") | {"收件人": "王小明", "收件人手机号": "13812341234"}
    assert run("import", write_csv(tmp_path / "orders.csv", [row])).returncode == 0
    plain, detailed = tmp_path / "plain.xlsx", tmp_path / "detailed.xlsx"
    run("report", "--at", "2026-11-20 10:00:00", "--out", plain)
    run("report", "--at", "2026-11-20 10:00:00", "--out", detailed, "--with-buyer")
    cells = lambda path: {line for sheet in load_workbook(path) for r in sheet.iter_rows(values_only=True) for c in r  # noqa: E731
                          for line in str(c).split("\n")}  # fmt: skip
    assert "王小明" not in cells(plain) and {"王小明", "138****1234"} <= cells(detailed)


def test_workbook_counts_lists_and_colours_the_clocks_to_check(tmp_path):
    content = build_content(demo_triage_with_unknown_clocks(tmp_path))
    book = load_workbook(write_workbook(content, tmp_path / "晨报.xlsx", full=True))
    overview = [row[:2] for row in overview_table(book["概览"], "分组")[:2]]
    assert overview == [("已超时", 4), ("需要核对", 3)]  # counted, right after the overdue ones
    todo = book["今日待办"]
    header = [cell.value for cell in todo[1]]
    rows = [dict(zip(header, row, strict=True)) for row in todo.iter_rows(min_row=2, values_only=True)]
    assert [row["分组"] for row in rows] == ["已超时"] * 4 + ["需要核对"] * 3 + ["6小时内", "24小时内", "24小时内"]
    contradiction, stall, ship = rows[4:7]
    assert (ship["订单号"], ship["时钟"], ship["剩余"]) == (NO_START_ORDER, "发货", "需要核对")
    assert ship["截止时间"] is None  # no due time: an empty cell, not a made-up date
    assert ship["怎么做"] == NO_START  # what is missing and what to do, not "ship before the deadline"
    assert ship["在哪里处理"] == "抖店后台 → 订单 → 订单管理 → 待发货"
    assert (stall["订单号"], stall["时钟"], stall["截止时间"]) == (NO_RULE_ORDER, "中转", None)
    assert stall["怎么做"] == NO_RULE
    assert (contradiction["订单号"], contradiction["截止时间"]) == (CONTRADICTION_ORDER, datetime(2023, 11, 12, 20, 0))
    assert contradiction["怎么做"].startswith(CONTRADICTION)
    fills = {
        rule.formula[0]: rule.dxf.fill.bgColor.rgb  # a conditional format's solid fill is its bgColor
        for formatting in todo.conditional_formatting
        for rule in formatting.rules
    }
    assert fills['$A2="需要核对"'].endswith("EFE6F8")
    assert len(set(fills.values())) == len(fills)  # a fill of its own
    everything = book["全部时钟"]
    statuses = {row[5]: row[1] for row in everything.iter_rows(min_row=2, values_only=True) if row[0] == "需要核对"}
    assert statuses == {CONTRADICTION_ORDER: "需要核对", NO_RULE_ORDER: "需要核对", NO_START_ORDER: "需要核对"}


def test_email_lists_the_clocks_to_check_with_what_to_do(tmp_path):
    content = build_content(demo_triage_with_unknown_clocks(tmp_path))
    assert subject(content) == "ShopGuard 晨报 2023-11-12: 4 单已超时，3 单需要核对，3 单 24 小时内到期"
    html = render_html(content)
    assert "今日待办</h3>" in html and "已超时、需要核对和 24 小时内到期，最紧急的在前" in html
    assert '<div style="font-size:12px">需要核对</div><div style="font-size:22px;font-weight:bold">3</div>' in html
    assert escape(NO_START) in html and escape(NO_RULE) in html
    assert escape(CONTRADICTION) in html
    assert html.index("已超时 2小时") < html.index(NO_START_ORDER) < html.index("还剩 4小时")
    text = render_text(content)
    assert "需要核对 3" in text and f"需要核对  发货  {NO_START_ORDER}    截止 —" in text
    assert f"需要核对  中转  {NO_RULE_ORDER}  43100000000009  截止 —" in text
    assert f"    {NO_START}" in text and f"    {NO_RULE}" in text


def test_filing_sheet_never_gives_a_passed_time_as_the_latest_to_submit(tmp_path):
    from shopguard.core.filing.coverage import CoverageRow
    from shopguard.core.filing.model import Area, Filing

    content = demo_content()  # judged at 2023-11-12 10:00
    start = datetime(2023, 11, 10, tzinfo=DEMO_AS_OF.tzinfo)

    def filing(number, due):
        row = CoverageRow("6917880231000000451", "pickup", "773012345678904", due, True, "时间和区域都在范围内")
        return Filing("force-majeure", "weather", start, due, Area("浙江"), [row.order_id], id=number), [row]

    content.filings = [filing(1, datetime(2023, 11, 12, 18, tzinfo=DEMO_AS_OF.tzinfo)),
                       filing(2, datetime(2023, 11, 11, 18, tzinfo=DEMO_AS_OF.tzinfo))]  # fmt: skip
    book = load_workbook(write_workbook(content, tmp_path / "晨报.xlsx"))
    latest = [row[6] for row in book["报备进度"].iter_rows(min_row=2, values_only=True)]
    assert latest == [datetime(2023, 11, 12, 18, 0), "报备时限已过：收到违规通知后 7 天内申诉"]


def test_a_pack_waiting_for_the_merchants_answer_is_named_as_such_in_the_mail_and_workbook(tmp_path):
    content = demo_content()  # the shipped 春节 packs, not answered
    waiting = "抖音 2024 春节发货时效调整（未打标订单）（待你回答，暂按日常时限）"
    assert waiting in content.rule_packs and "抖音 2023 双11 大促时效调整" in content.rule_packs
    assert escape(waiting) in render_html(content)
    sheet = load_workbook(write_workbook(content, tmp_path / "report.xlsx"))["概览"]
    assert any(waiting in str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell)
