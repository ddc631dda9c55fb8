"""The store commands as whole processes, against a real SQLite file in $SHOPGUARD_HOME."""

import json

from shopguard.core.store.database import DB_NAME
from tests.exports import after_sale_row, order_row, tracking_row, write_csv
from tests.processes import run

ORDER = "6917926768823643751"
AT = ("--at", "2023-11-12 10:00:00")


def exports(tmp_path):
    orders = write_csv(tmp_path / "1699750800_orders.csv", [
        order_row(paid="2023-11-10 09:00:00", shipped="2023-11-10 18:00:00", status="已发货",
                  packages="773012345678904-申通快递,卫衣-3788410999938351943,1;"),
    ])  # fmt: skip
    after = write_csv(tmp_path / "after.csv", [after_sale_row(applied="2023-11-08 10:00:00")])
    tracking = write_csv(tmp_path / "track.csv", [tracking_row("SF2000000000001", signed="2023-11-10 12:00:00")])
    return orders, after, tracking


def test_import_then_triage_from_the_store_with_the_merchants_annotations(tmp_path):
    files = exports(tmp_path)
    first = run("import", *files)
    assert first.returncode == 0, first.stderr
    assert "1699750800_orders.csv（订单导出）：1 行；新增 1，更新 0，未变 0；问题 0" in first.stdout
    again = run("import", files[0])
    assert "文件相同，没有变化" in again.stdout
    from_store = json.loads(run("triage", *AT, "--format", "json").stdout)
    from_files = json.loads(run("triage", *files, *AT, "--format", "json").stdout)
    assert from_store["deadlines"] == from_files["deadlines"]
    assert run("orders", "note", ORDER, "已催快递").returncode == 0
    assert run("orders", "handled", ORDER).returncode == 0
    corrected = run("orders", "set-time", ORDER, "--kind", "pickup", "--at", "2023-11-11 09:00:00")
    assert corrected.returncode == 0 and "手动更正：揽收时间" in corrected.stdout
    data = json.loads(run("triage", *AT, "--format", "json").stdout)
    assert {d["kind"] for d in data["deadlines"]} - {d["kind"] for d in from_files["deadlines"]} == {
        "first_sort",
        "transit",
    }
    pickup = next(d for d in data["deadlines"] if d["kind"] == "pickup")
    assert pickup["done"] == "2023-11-11T09:00:00+08:00" and pickup["status"] == "met"
    assert pickup["handled"] is True and pickup["note"] == "已催快递"
    assert "手动更正：揽收时间" in pickup["correction"] and "手动更正" in pickup["explanation"]
    shown = run("orders", "show", ORDER, *AT).stdout
    for expected in ("包裹 773012345678904 申通快递", "售后 7301000000000000001", "已催快递", "【已处理】",
                     "来源：第 1 次导入 1699750800_orders.csv", "揽收  按时完成"):  # fmt: skip
        assert expected in shown, expected


def test_purge_asks_first_then_deletes(tmp_path):
    run("import", *exports(tmp_path))
    refused = run("purge", "--before", "2024-01-01")
    assert refused.returncode == 2 and "--yes" in refused.stderr
    done = run("purge", "--before", "2024-01-01", "--yes")
    assert done.returncode == 0 and "已删除 1 个订单" in done.stdout
    assert json.loads(run("triage", *AT, "--format", "json").stdout)["deadlines"] == []


def test_settings_are_checked_and_used_by_triage(tmp_path):
    bad = run("settings", "promise", "soon")
    assert bad.returncode == 2 and "promise 应为" in bad.stderr
    assert run("settings", "promise", "48h").returncode == 0
    assert run("settings", "promise").stdout.strip() == "48h"
    run("import", write_csv(tmp_path / "o.csv", [order_row(paid="2026-11-20 17:00:00")]))
    data = json.loads(run("triage", "--at", "2026-11-20 18:00:00", "--format", "json").stdout)
    assert data["deadlines"][0]["due"] == "2026-11-22T17:00:00+08:00"


def test_damaged_store_gives_a_message_not_a_traceback(isolated_home):
    (isolated_home / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    result = run("triage")
    assert result.returncode == 2 and "数据库文件已损坏" in result.stderr
    assert list(isolated_home.glob(f"{DB_NAME}.damaged-*"))


def test_unknown_order_and_ambiguous_correction_are_messages(tmp_path):
    assert "没有订单" in run("orders", "note", "123", "x").stderr
    two = "SF1000001-顺丰速运,a-1,1;SF1000002-顺丰速运,b-2,1;"
    run("import", write_csv(tmp_path / "o.csv", [order_row(shipped="2023-11-11 20:00:00", packages=two)]))
    result = run("orders", "set-time", ORDER, "--kind", "pickup", "--at", "2023-11-12 08:00:00")
    assert result.returncode == 2 and "--tracking" in result.stderr


def test_old_orders_are_purged_automatically_only_when_the_merchant_chose_it(tmp_path):
    old = write_csv(tmp_path / "old.csv", [order_row(paid="2023-01-01 08:00:00")])
    kept = run("import", old)
    assert "自动删除" not in kept.stdout and "共有 1 个订单" in kept.stdout
    assert run("settings", "auto_purge", "on").returncode == 0
    newer = write_csv(tmp_path / "new.csv", [order_row(order_id="6917926768823643761", paid="2026-11-20 10:00:00")])
    purged = run("import", newer)
    assert "自动删除 1 个旧订单" in purged.stdout and "共有 1 个订单" in purged.stdout
