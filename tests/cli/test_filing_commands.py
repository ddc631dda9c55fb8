"""`shopguard filing` as whole processes against the store in $SHOPGUARD_HOME."""

import json

from tests.exports import order_row, write_csv
from tests.processes import run

ORDER = "6917926768823643751"


def test_new_list_set_and_the_triage_follows(tmp_path):
    orders = write_csv(tmp_path / "orders.csv", [
        order_row(paid="2023-11-10 09:00:00", shipped="2023-11-10 18:00:00", status="已发货",
                  packages="773012345678904-申通快递,卫衣-3788410999938351943,1;"),
    ])  # fmt: skip
    run("import", orders)
    run("settings", "shop_province", "浙江")
    photo = tmp_path / "网点证明.jpg"
    photo.write_bytes(b"\xff\xd8 proof")
    created = run("filing", "new", "--type", "force-majeure", "--cause", "weather", "--orders", ORDER,
                  "--period", "2023-11-11..2023-11-13", "--area", "浙江省", "--evidence",
                  f"courier-certificate={photo}", "--out", tmp_path / "out")  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "已建立报备 #1（可提交）：1/1 个时钟在范围内" in created.stdout
    (record,) = json.loads(run("filing", "list", "--format", "json").stdout)
    assert {"id", "type", "status", "orders", "package"} <= set(record)
    assert record["orders"] == [ORDER] and record["status"] == "ready" and (tmp_path / "out").exists()
    assert run("filing", "set", "1", "--status", "approved", "--ticket", "T9").returncode == 0
    data = json.loads(run("triage", "--at", "2023-11-12 10:00:00", "--format", "json").stdout)
    pickup = next(d for d in data["deadlines"] if d["kind"] == "pickup")
    assert pickup["status"] == "exempt" and "报备 #1 已通过，工单 T9" in pickup["explanation"]


def test_filing_input_errors_are_messages(tmp_path):
    bad_period = run("filing", "new", "--type", "buyer-delay", "--orders", ORDER, "--period", "2023-11-11")
    assert bad_period.returncode == 2 and "开始..结束" in bad_period.stderr
    no_cause = run("filing", "new", "--type", "force-majeure", "--orders", ORDER, "--period", "2023-11-11..2023-11-12")
    assert no_cause.returncode == 2 and "--cause" in no_cause.stderr
    unknown = run("filing", "set", "99", "--status", "filed")
    assert unknown.returncode == 2 and "没有编号为 99 的报备" in unknown.stderr
