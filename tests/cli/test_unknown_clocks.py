"""The command line on clocks that need checking (需要核对): `orders show` and `filing new` say what to check.

The store holds the demo and one more order export (tests/clocks.py) whose order 9051 has no time to start
its ship clock from; the triage outputs are tested in tests/core/triage/test_output.py."""

import pytest

from shopguard.cli import main
from tests.clocks import NO_START, NO_START_ORDER, demo_files_with_clocks_to_check


@pytest.fixture
def demo_store(capsys, tmp_path):
    assert main(["import", *map(str, demo_files_with_clocks_to_check(tmp_path / "exports"))]) == 0
    assert main(["settings", "shop_province", "浙江"]) == 0
    capsys.readouterr()


def test_orders_show_gives_the_status_once_and_what_to_check(demo_store, capsys):
    assert main(["orders", "show", NO_START_ORDER, "--at", "2023-11-12 10:00:00"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ship = next(i for i, line in enumerate(lines) if line.startswith("  发货  "))
    assert lines[ship].startswith("  发货  需要核对  截止 —  ")  # not "需要核对  需要核对"
    assert lines[ship + 1] == f"    {NO_START}"


def test_filing_new_counts_a_clock_to_check_in_and_says_to_confirm_it(demo_store, capsys, tmp_path):
    code = main(["filing", "new", "--type", "force-majeure", "--cause", "weather", "--orders", NO_START_ORDER,
                 "--period", "2023-11-11..2023-11-13", "--area", "浙江省", "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "1/1 个时钟在范围内" in out
    assert f"  需要核对：订单 {NO_START_ORDER} 发货 截止 —：截止时间无法计算（需要核对），按覆盖计" in out
