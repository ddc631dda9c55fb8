"""`shopguard filing` as whole processes against the store in $SHOPGUARD_HOME."""

import csv
import io
import json
from datetime import timedelta

from shopguard.core.clock import format_time, now
from tests.exports import order_row, write_csv
from tests.processes import run

ORDER = "6917926768823643751"


def recent(hours_ago: float) -> str:
    """A time shortly before now: a filing's window is judged against the real clock."""
    return format_time(now() - timedelta(hours=hours_ago))


def shipped_order(tmp_path, hours_ago: float):
    orders = write_csv(tmp_path / "orders.csv", [
        order_row(paid=recent(hours_ago + 9), shipped=recent(hours_ago), status="已发货",
                  packages="773012345678904-申通快递,卫衣-3788410999938351943,1;"),
    ])  # fmt: skip
    run("import", orders)
    run("settings", "shop_province", "浙江")


def period_around_now() -> str:
    return f"{recent(24 * 3)[:10]}..{format_time(now() + timedelta(days=3))[:10]}"


def test_new_list_set_and_the_triage_follows(tmp_path):
    shipped_order(tmp_path, hours_ago=2)  # pickup due in 22 h: a 报备 can still be filed
    photo = tmp_path / "网点证明.jpg"
    photo.write_bytes(b"\xff\xd8 proof")
    created = run("filing", "new", "--type", "force-majeure", "--cause", "weather", "--orders", ORDER,
                  "--period", period_around_now(), "--area", "浙江省", "--evidence",
                  f"courier-certificate={photo}", "--out", tmp_path / "out")  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "已建立报备 #1（可提交）：1/1 个时钟在范围内" in created.stdout and "最晚提交：" in created.stdout
    (record,) = json.loads(run("filing", "list", "--format", "json").stdout)
    assert {"id", "type", "status", "orders", "package"} <= set(record)
    assert record["orders"] == [ORDER] and record["status"] == "ready" and (tmp_path / "out").exists()
    assert record["window_open"] and record["kind"] == "report"
    assert run("filing", "set", "1", "--status", "filed", "--ticket", "T9").returncode == 0
    table = run("triage", "--format", "json").stdout
    pickup = next(d for d in json.loads(table)["deadlines"] if d["kind"] == "pickup")
    assert pickup["status"] == "pending"
    # Filed and not yet answered: the mark is part of the JSON and the CSV (last field), null on other clocks.
    assert list(pickup)[-1] == "filing_mark" and pickup["filing_mark"] == "已报备 #1"
    assert {d["filing_mark"] for d in json.loads(table)["deadlines"] if d["kind"] != "pickup"} <= {None}
    rows = list(csv.DictReader(io.StringIO(run("triage", "--format", "csv").stdout)))
    assert next(row for row in rows if row["kind"] == "pickup")["filing_mark"] == "已报备 #1"
    assert run("filing", "set", "1", "--status", "approved", "--ticket", "T9").returncode == 0
    data = json.loads(run("triage", "--format", "json").stdout)
    pickup = next(d for d in data["deadlines"] if d["kind"] == "pickup")
    assert pickup["status"] == "exempt" and "报备 #1 已通过，工单 T9" in pickup["explanation"]
    assert pickup["filing_mark"] is None  # the filing ended (approved): no mark


def test_a_filing_whose_window_passed_turns_into_an_appeal_with_a_7_day_clock(tmp_path):
    shipped_order(tmp_path, hours_ago=30)  # pickup was due 6 h ago: too late for a 报备
    photo = tmp_path / "网点证明.jpg"
    photo.write_bytes(b"\xff\xd8 proof")
    created = run("filing", "new", "--type", "force-majeure", "--cause", "weather", "--orders", ORDER,
                  "--period", period_around_now(), "--area", "浙江省", "--evidence",
                  f"courier-certificate={photo}")  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "已建立申诉 #1（草稿）" in created.stdout  # never "可提交" with its time already past
    assert "报备时限已过" in created.stdout and "最晚提交" not in created.stdout
    assert "shopguard filing notice 1" in created.stdout
    (record,) = json.loads(run("filing", "list", "--format", "json").stdout)
    assert record["kind"] == "appeal" and record["latest_filing_time"] is None and not record["window_open"]
    assert "等违规通知后申诉" in run("filing", "list").stdout
    assert "报备 #1 的时限已过" in run("triage").stdout
    today = now().strftime("%Y-%m-%d")
    noticed = run("filing", "notice", "1", "--date", today)
    assert noticed.returncode == 0, noticed.stderr
    seventh = (now() + timedelta(days=7)).strftime("%Y-%m-%d")
    assert f"最晚 {seventh} 23:59:59 前提交" in noticed.stdout
    (record,) = json.loads(run("filing", "list", "--format", "json").stdout)
    assert record["latest_filing_time"] == f"{seventh}T23:59:59+08:00" and record["window_open"]
    old = run("filing", "notice", "1", "--date", (now() - timedelta(days=9)).strftime("%Y-%m-%d"))
    assert "申诉期限" in old.stdout and "已过" in old.stdout and "前提交" not in old.stdout
    assert "已过" in run("filing", "list").stdout


def test_the_evidence_clock_runs_24_hours_from_the_request(tmp_path):
    shipped_order(tmp_path, hours_ago=2)
    run("filing", "new", "--type", "force-majeure", "--cause", "weather", "--orders", ORDER,
        "--period", period_around_now(), "--area", "浙江省")  # fmt: skip
    asked = run("filing", "evidence-requested", "1", "--at", recent(1))
    assert asked.returncode == 0, asked.stderr
    due = format_time(now() + timedelta(hours=23))[:13]  # to the hour: the test takes a few seconds
    assert f"须在 {due}" in asked.stdout
    assert "须在" in run("triage").stdout and "补交证据" in run("triage").stdout
    run("filing", "evidence-requested", "1", "--at", recent(30))
    assert "举证期限" in run("triage").stdout and "已过" in run("triage").stdout
    missing = run("filing", "evidence-requested", "7")
    assert missing.returncode == 2 and "没有编号为 7 的报备" in missing.stderr


def test_filing_input_errors_are_messages(tmp_path):
    bad_period = run("filing", "new", "--type", "buyer-delay", "--orders", ORDER, "--period", "2023-11-11")
    assert bad_period.returncode == 2 and "开始..结束" in bad_period.stderr
    no_cause = run("filing", "new", "--type", "force-majeure", "--orders", ORDER, "--period", "2023-11-11..2023-11-12")
    assert no_cause.returncode == 2 and "--cause" in no_cause.stderr
    unknown = run("filing", "set", "99", "--status", "filed")
    assert unknown.returncode == 2 and "没有编号为 99 的报备" in unknown.stderr
