"""Products near a ban: the thresholds come from the penalty table in force, never from the code."""

from datetime import datetime, timedelta

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import Deadline
from shopguard.core.rules.penalties import load_penalty_table, load_penalty_tables, penalties_dir
from shopguard.core.triage.product_risk import describe_product_risk, product_risk

AT = datetime(2026, 11, 20, 18, 0, tzinfo=BEIJING)
DUE = datetime(2026, 11, 20, 12, 0, tzinfo=BEIJING)


def ship_clock(n: int, late: bool, product_id: str | None = "3788410999938351943") -> Deadline:
    return Deadline("ship", f"69179267688{n:08d}", None, None, DUE - timedelta(hours=26), DUE,
                    None if late else DUE - timedelta(hours=3), "overdue" if late else "met", None, "r/ship",
                    "发货", "", sub_order_ids=(f"69179267689{n:08d}",), product="纯棉T恤",
                    product_ids=(product_id,))  # fmt: skip


def test_a_table_with_another_product_threshold_is_followed(tmp_path):
    clocks = [ship_clock(n, late=n < 60) for n in range(120)]
    shipped = product_risk(clocks, AT, load_penalty_tables())
    assert shipped.products[0].level is None and shipped.products[0].late_until_next_level == 40  # needs 100
    draft = tmp_path / "product-60.toml"
    text = (penalties_dir() / "douyin-ship-late-draft-2026-08-11.toml").read_text(encoding="utf-8")
    draft.write_text(text.replace("switched_off = true", "switched_off = false").replace(
        "id = \"douyin-ship-late-draft-2026-08-11\"", "id = \"product-60\""), encoding="utf-8")  # fmt: skip
    adopted = product_risk(clocks, AT, [load_penalty_table(draft)])
    assert adopted.products[0].level.effect == "商品封禁，货款冻结 7 天"
    assert "aJogtV8C9Bby" in adopted.source
    assert describe_product_risk(adopted).endswith("已达到处罚线：商品封禁，货款冻结 7 天")


def test_several_products_near_the_ban_are_one_line_naming_the_closest():
    clocks = [ship_clock(n, late=n < 100) for n in range(200)]
    clocks += [ship_clock(1000 + n, late=n < 80, product_id="3788410999938350001") for n in range(160)]
    clocks += [ship_clock(2000 + n, late=n < 5, product_id="3788410999938350002") for n in range(160)]
    risk = product_risk(clocks, AT, load_penalty_tables())
    assert [p.product_id for p in risk.products] == ["3788410999938351943", "3788410999938350001"]
    assert describe_product_risk(risk).endswith("（另有 1 个商品接近或达到处罚线）")
    assert describe_product_risk(product_risk(clocks[-160:], AT, load_penalty_tables())) is None
