"""The command line on clocks that need checking (需要核对): `orders show` and `filing new` say what to check.

In-process (shopguard.cli.main), since the clocks are marked by a patched engine call until the engine makes
them itself; the triage outputs are tested in tests/core/triage/test_output.py."""

import pytest

from shopguard.cli import main, store_commands
from shopguard.core.demo import demo_files
from shopguard.core.filing import service
from tests.clocks import NO_PAYMENT, NO_PAYMENT_ORDER, mark_unknown_clocks


def with_unknown_clocks(compute):
    def compute_and_mark(*args):
        triage = compute(*args)
        mark_unknown_clocks(triage.deadlines)
        return triage

    return compute_and_mark


@pytest.fixture
def demo_store(capsys):
    assert main(["import", *map(str, demo_files())]) == 0
    assert main(["settings", "shop_province", "浙江"]) == 0
    capsys.readouterr()


def test_orders_show_gives_the_status_once_and_what_to_check(demo_store, monkeypatch, capsys):
    monkeypatch.setattr(store_commands, "compute_deadlines", with_unknown_clocks(store_commands.compute_deadlines))
    assert main(["orders", "show", NO_PAYMENT_ORDER, "--at", "2023-11-12 10:00:00"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ship = next(i for i, line in enumerate(lines) if line.startswith("  发货  "))
    assert lines[ship].startswith("  发货  需要核对  截止 —  ")  # not "需要核对  需要核对"
    assert lines[ship + 1] == f"    {NO_PAYMENT}"


def test_filing_new_counts_a_clock_to_check_in_and_says_to_confirm_it(demo_store, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(service, "compute_deadlines", with_unknown_clocks(service.compute_deadlines))
    code = main(["filing", "new", "--type", "force-majeure", "--cause", "weather", "--orders", NO_PAYMENT_ORDER,
                 "--period", "2023-11-11..2023-11-13", "--area", "浙江省", "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "1/1 个时钟在范围内" in out
    assert f"  需要核对：订单 {NO_PAYMENT_ORDER} 发货 截止 —：截止时间无法计算（需要核对），按覆盖计" in out
