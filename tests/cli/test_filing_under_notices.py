"""The filing assistant checks the saved notices first: no filing for an automatic one, file under one that
needs filing; filed orders are marked in the triage until the filing ends."""

import json
from datetime import timedelta

from shopguard.core.clock import format_time, now
from tests.exports import order_row, write_csv
from tests.processes import run

ORDER = "6917926768823643751"


def setup_order(tmp_path):
    promised = now() + timedelta(hours=20)
    orders = write_csv(tmp_path / "orders.csv", [
        order_row(paid=format_time(now() - timedelta(hours=4)), promised=format_time(promised), province="广东省")
        | {"市": "汕头市", "区": "潮阳区"},
    ])  # fmt: skip
    run("import", orders)
    run("settings", "shop_province", "浙江")
    window = f"{format_time(promised - timedelta(hours=1))}..{format_time(promised + timedelta(hours=1))}"
    return window


def new_filing(tmp_path):
    day = now().strftime("%Y-%m-%d")
    return run("filing", "new", "--type", "force-majeure", "--cause", "weather", "--orders", ORDER, "--period",
               f"{day}..{(now() + timedelta(days=2)).strftime('%Y-%m-%d')}", "--area", "浙江省",
               "--out", tmp_path / "out")  # fmt: skip


def test_an_automatic_notice_means_no_filing(tmp_path):
    window = setup_order(tmp_path)
    run("notices", "add", "--title", "台风公告", "--places", "广东省/汕头市", "--match", "buyer", "--promised", window,
        "--extend-days", "2", "--exempt")  # fmt: skip
    result = new_filing(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "公告 #1「台风公告」已由平台主动豁免" in result.stdout and "无需报备" in result.stdout
    assert json.loads(run("filing", "list", "--format", "json").stdout) == []  # nothing was filed


def test_a_notice_that_needs_filing_is_named_in_the_text_and_filed_orders_are_marked(tmp_path):
    window = setup_order(tmp_path)
    run("notices", "add", "--title", "台风公告", "--places", "广东省/汕头市", "--match", "buyer", "--promised", window,
        "--ship-by", format_time(now() + timedelta(days=3)), "--needs-filing")  # fmt: skip
    result = new_filing(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "请按这份公告报备" in result.stdout and "已建立报备 #1" in result.stdout
    (record,) = json.loads(run("filing", "list", "--format", "json").stdout)
    text = next((tmp_path / "out").glob("*/说明.txt")).read_text(encoding="utf-8-sig")
    assert "依据平台公告：「台风公告」" in text
    ship = next(d for d in json.loads(run("triage", "--format", "json").stdout)["deadlines"] if d["kind"] == "ship")
    assert ship["rule"] == "notice-1/ship" and "可报备" in ship["explanation"]
    assert record["status"] in ("draft", "ready")
    run("filing", "set", "1", "--status", "filed")
    assert "已报备 #1" in run("triage").stdout
    run("filing", "set", "1", "--status", "rejected", "--reason", "证据不足")
    assert "已报备 #1" not in run("triage").stdout
