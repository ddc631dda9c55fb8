"""The rule calendar from the command line: a merchant's own packs change the clocks."""

import json

from tests.exports import order_row, write_csv
from tests.processes import run

SHIPPED_2024 = dict(paid="2024-11-05 09:00:00", shipped="2024-11-05 18:00:00", status="已发货",
                    packages="773012345678904-申通快递,卫衣-3788410999938351943,1;")  # fmt: skip


def pickup_rule(orders, *extra):
    data = json.loads(run("triage", orders, "--at", "2024-11-06 10:00:00", "--format", "json", *extra).stdout)
    return next(d for d in data["deadlines"] if d["kind"] == "pickup")


def test_duplicate_with_shifted_dates_then_the_triage_follows(tmp_path, isolated_home):
    orders = write_csv(tmp_path / "orders.csv", [order_row(**SHIPPED_2024)])
    assert pickup_rule(orders)["rule"] == "douyin-daily-2023/pickup-24h"
    created = run("rules", "new", "--from", "douyin-double11-2023", "--id", "double11-2024", "--start", "2024-10-30")
    assert created.returncode == 0, created.stderr
    assert (isolated_home / "rules" / "double11-2024.toml").exists()
    listed = run("rules", "list").stdout
    assert "double11-2024\t启用\t自定义\t活动调整\t2024-10-30 00:00:00 至 2024-11-29 23:59:59" in listed
    shown = run("rules", "show", "double11-2024").stdout
    assert "发货时间 在 2024-10-30 00:00:00 至 2024-11-13 23:59:59" in shown and "未核实" in shown
    pickup = pickup_rule(orders)
    assert pickup["rule"] == "double11-2024/pickup-48h" and pickup["due"] == "2024-11-07T18:00:00+08:00"
    assert run("rules", "deactivate", "double11-2024").returncode == 0
    assert "double11-2024\t停用" in run("rules", "list").stdout
    assert pickup_rule(orders)["rule"] == "douyin-daily-2023/pickup-24h"
    assert run("rules", "activate", "double11-2024").returncode == 0
    assert pickup_rule(orders)["rule"] == "double11-2024/pickup-48h"


def test_export_import_round_trip_and_refusals(tmp_path, isolated_home):
    run("rules", "new", "--from", "douyin-double11-2023", "--id", "promo-618", "--start", "2026-06-01")
    exported = tmp_path / "618.toml"
    assert run("rules", "export", "promo-618", exported).returncode == 0
    other_shop = tmp_path / "other-shop"
    imported = run("rules", "import", exported, "--data-dir", other_shop)
    assert imported.returncode == 0 and "已导入规则包 promo-618" in imported.stdout
    assert (other_shop / "rules" / "promo-618.toml").read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")
    builtin = tmp_path / "builtin.toml"
    run("rules", "export", "douyin-double11-2023", builtin)
    refused = run("rules", "import", builtin)
    assert refused.returncode == 2 and "内置规则包的 id" in refused.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text(
        exported.read_text(encoding="utf-8").replace('clock = "pickup"', 'clock = "lanshou"'), encoding="utf-8"
    )
    bad = run("rules", "import", broken)
    assert bad.returncode == 2 and "clock" in bad.stderr
    assert not (isolated_home / "rules" / "broken.toml").exists()


def test_check_names_conflicts_and_preview_counts_the_changes(tmp_path, isolated_home):
    run("import", write_csv(tmp_path / "orders.csv", [order_row(**SHIPPED_2024)]))
    run("rules", "new", "--from", "douyin-double11-2023", "--id", "double11-2024", "--start", "2024-10-30")
    rival = tmp_path / "rival.toml"
    run("rules", "export", "double11-2024", rival)
    rival.write_text(rival.read_text(encoding="utf-8").replace('id = "double11-2024"', 'id = "rival"')
                     .replace("hours = 48", "hours = 72", 1), encoding="utf-8")  # fmt: skip
    checked = run("rules", "check", rival).stdout
    assert "冲突" in checked and "揽收时限（48 小时 / 72 小时）" in checked and "按较早的截止时间" in checked
    run("rules", "deactivate", "double11-2024")
    preview = run("rules", "preview", rival, "--at", "2024-11-06 10:00:00").stdout
    assert "1 个截止时间会改变" in preview and "2024-11-06 18:00:00 → 2024-11-08 18:00:00" in preview
