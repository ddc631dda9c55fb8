"""`shopguard` as a whole process: the contract other tools rely on."""

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.exports import after_sale_row, order_row, tracking_row, write_csv, write_xlsx
from tests.processes import run


@pytest.fixture
def exports(tmp_path):
    orders = write_csv(tmp_path / "1699750800_orders.csv", [
        order_row(paid="2023-11-11 08:00:00", promised="2023-11-12 08:00:00"),
        order_row(order_id="6917926768823643761", paid="2023-11-10 09:00:00", shipped="2023-11-10 18:00:00",
                  status="已发货", packages="773012345678904-申通快递,卫衣-3788410999938351943,1;"),
    ])  # fmt: skip
    after = write_xlsx(tmp_path / "after.xlsx", [after_sale_row(applied="2023-11-08 10:00:00")])
    tracking = write_csv(tmp_path / "track.csv", [tracking_row("SF2000000000001", signed="2023-11-10 12:00:00")])
    return [orders, after, tracking]


def test_json_contract(exports):
    result = run("triage", *exports, "--at", "2023-11-12 10:00:00", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2023-11-12T10:00:00+08:00"
    assert {pack["id"] for pack in data["rule_packs"]} >= {"douyin-daily-2023", "douyin-double11-2023"}
    keys = {
        "kind",
        "order_id",
        "after_sale_id",
        "tracking_no",
        "start",
        "due",
        "done",
        "status",
        "seconds_left",
        "rule",
        "explanation",
    }
    by_kind = {d["kind"]: d for d in reversed(data["deadlines"])}  # the most urgent of each kind
    assert all(keys <= set(d) for d in data["deadlines"])
    assert sorted(d["kind"] for d in data["deadlines"]) == [
        "pickup",
        "return_receipt",
        "return_refund",
        "ship",
        "ship",
    ]
    assert by_kind["ship"] == by_kind["ship"] | {
        "due": "2023-11-12T08:00:00+08:00",
        "status": "overdue",
        "seconds_left": -7200,
        "done": None,
    }
    assert by_kind["pickup"]["rule"] == "douyin-double11-2023/pickup-48h"
    assert by_kind["pickup"]["due"] == "2023-11-12T18:00:00+08:00" and by_kind["pickup"]["seconds_left"] == 8 * 3600
    assert by_kind["return_refund"]["due"] == "2023-11-13T12:00:00+08:00"
    assert by_kind["return_refund"]["order_id"] == "6917926768823643751"  # IDs stay exact text
    assert data["deadlines"][0]["status"] == "overdue"  # most urgent first
    assert data["problems"] == [] or all(set(p) == {"file", "row", "column", "message"} for p in data["problems"])


def test_problems_appear_in_json_with_file_row_and_column(tmp_path):
    path = write_csv(tmp_path / "orders.csv", [order_row(), order_row(order_id="6917926768823643761", paid="不知道")])
    data = json.loads(run("triage", path, "--at", "2023-11-02 00:00:00", "--format", "json").stdout)
    assert {"file": "orders.csv", "row": 3, "column": "支付完成时间"}.items() <= data["problems"][0].items()


def test_csv_output_has_one_row_per_deadline(exports):
    result = run("triage", *exports, "--at", "2023-11-12 10:00:00", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5 and rows[0]["status"] == "overdue"
    assert rows[0]["order_id"] == "6917926768823643751"


def test_table_is_a_readable_chinese_morning_list(exports):
    result = run("triage", *exports, "--at", "2023-11-12 10:00:00")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ShopGuard 晨间清单 · 截至 2023-11-12 10:00:00")
    assert "已超时 1" in lines[2]
    first_row = lines[lines.index(next(line for line in lines if line.startswith("状态"))) + 1]
    assert "已超时 2小时" in first_row and "发货" in first_row


def test_settings_flags_change_the_deadline(tmp_path):
    path = write_csv(tmp_path / "orders.csv", [order_row(paid="2026-11-20 17:00:00")])

    def due(*flags):
        data = json.loads(run("triage", path, "--at", "2026-11-20 18:00:00", "--format", "json", *flags).stdout)
        return data["deadlines"][0]["due"]

    assert due() == "2026-11-21T23:59:59+08:00"  # same-day is the default, paid after 16:00
    assert due("--promise", "48h") == "2026-11-22T17:00:00+08:00"


def test_demo_runs_with_its_fixed_clock():
    result = run("triage", "--demo", "--format", "json")
    data = json.loads(result.stdout)
    assert data["as_of"] == "2023-11-12T10:00:00+08:00"
    kinds = {d["kind"] for d in data["deadlines"]}
    assert kinds == {"ship", "pickup", "first_sort", "transit", "return_refund", "exchange", "return_receipt"}
    assert {d["status"] for d in data["deadlines"]} == {"pending", "overdue", "met", "missed", "exempt", "unknown"}
    # The demo's one stall under the 2023 book (which sets no stall limit) is a row saying so, not a notice.
    unknown = [d for d in data["deadlines"] if d["status"] == "unknown"]
    assert [(d["kind"], d["due"], d["bucket"]) for d in unknown] == [("transit", None, "check")]
    assert "没有规定中转时限" in unknown[0]["explanation"]
    assert data["notices"] == [] and data["problems"] == []


@pytest.mark.parametrize(
    "args, message",
    [
        (("orders", "show", "6917926768823643751"), "数据库里没有订单"),
        (("triage", "nope.csv"), "找不到文件"),
        (("triage", "--demo", "--at", "明天"), "--at"),
        (("triage", "--demo", "--rules", "missing.toml"), "missing.toml"),
        (("rules", "show", "nope"), "没有 id 为「nope」的规则包"),
        (("triage", "--format", "xml"), "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_no_traceback(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_rules_list_show_and_check(tmp_path):
    listing = run("rules", "list")
    assert listing.returncode == 0
    assert [line.split("\t")[0] for line in listing.stdout.splitlines() if "\t" in line] == [
        "douyin-daily-2023", "douyin-daily-2025-09", "douyin-double11-2023", "douyin-spring-2024", "douyin-spring-2026",
    ]  # fmt: skip
    shown = run("rules", "show", "douyin-double11-2023").stdout
    assert "揽收48小时" in shown and "发货时间 在 2023-10-31 00:00:00 至 2023-11-14 23:59:59" in shown
    good = run("rules", "check", "resources/rules/douyin-daily-2025-09.toml", cwd=_repo())
    assert good.returncode == 0 and "规则包有效" in good.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n', encoding="utf-8")
    checked = run("rules", "check", bad)
    assert checked.returncode == 2 and "rules：至少需要一条" in checked.stderr


def _repo():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


def test_rules_flag_before_the_files_does_not_swallow_them(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text(
        (_repo() / "resources/rules/douyin-daily-2025-09.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    orders = write_csv(tmp_path / "orders.csv", [order_row(paid="2026-11-20 09:00:00")])
    result = run("triage", "--rules", pack, orders, "--at", "2026-11-20 10:00:00", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert str(pack) in {p["path"] for p in data["rule_packs"]}
    assert len(data["deadlines"]) == 1


def test_table_lists_the_most_urgent_first_and_says_how_many_more(tmp_path):
    rows = [order_row(order_id=f"69179267688236{n:05d}", sub_order_id=f"68179267688236{n:05d}") for n in range(5)]
    path = write_csv(tmp_path / "orders.csv", rows)
    result = run("triage", path, "--at", "2023-11-02 10:00:00", "--limit", "2")
    body = result.stdout.splitlines()
    header = next(i for i, line in enumerate(body) if line.startswith("状态"))
    assert [line.split()[0] for line in body[header + 1 : header + 3]] == ["已超时", "已超时"]
    assert "只列出最紧急的 2 个；另有 3 个未列出" in result.stdout


def test_no_screen_gives_a_message_instead_of_a_crash():
    import os

    env = {
        key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    completed = subprocess.run([sys.executable, "-m", "shopguard"], capture_output=True, text=True, env=env)
    assert completed.returncode == 2 and "没有图形界面" in completed.stderr and "Traceback" not in completed.stderr


def test_beijing_time_whatever_the_pcs_time_zone(tmp_path):
    import os

    path = write_csv(tmp_path / "orders.csv", [order_row(paid="2026-11-20 09:00:00", promised="2026-11-21 09:00:00")])
    for zone in ("America/New_York", "Europe/Berlin", "UTC"):
        env = dict(os.environ, TZ=zone)
        completed = subprocess.run(
            [sys.executable, "-m", "shopguard", "triage", str(path), "--format", "json", "--at", "2026-11-20 12:00:00"],
            capture_output=True, text=True, encoding="utf-8", env=env,
        )  # fmt: skip
        data = json.loads(completed.stdout)
        assert data["as_of"] == "2026-11-20T12:00:00+08:00"
        assert data["deadlines"][0]["due"] == "2026-11-21T09:00:00+08:00"
        assert data["deadlines"][0]["seconds_left"] == 21 * 3600
        code = "from shopguard.core.clock import now; print(now().utcoffset())"
        offset = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env).stdout.strip()
        assert offset == "8:00:00"
