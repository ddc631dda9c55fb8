"""The morning table of a file triage computes money only for the clocks it lists: the very same text."""

import functools
import io
import sys
from datetime import datetime
from pathlib import Path

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import attach_money, compute_deadlines
from shopguard.core.imports.importer import NOT_FOR_DEADLINES, import_files
from shopguard.core.rules.packs import load_packs
from shopguard.core.settings import EngineSettings
from shopguard.core.triage import output

AS_OF = datetime(2026, 11, 27, 9, 0, 0, tzinfo=BEIJING)


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    """800 rows of the benchmark's export: 2026 dates (penalty tables in force), parcels shared by sub-orders."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    try:
        from make_order_export import make_export
    finally:
        sys.path.pop(0)
    return import_files([make_export(800, tmp_path_factory.mktemp("export"))[0]], skip=NOT_FOR_DEADLINES)


def table(imported, money: bool, **options) -> str:
    triage = compute_deadlines(imported.orders, imported.after_sales, imported.tracking, load_packs(),
                               EngineSettings("domestic", "same-day", None), AS_OF, money=money)  # fmt: skip
    out = io.StringIO()
    later = None if money else functools.partial(attach_money, orders=imported.orders, as_of=AS_OF)
    output.write_table(triage, [], out, money_for=later, **options)
    return out.getvalue()


@pytest.mark.parametrize("options", [{"limit": 200}, {"limit": 5}, {"limit": 0, "show_all": True}])
def test_money_for_the_listed_clocks_only_gives_the_same_table(export, options):
    full = table(export, True, **options)
    assert "¥" in full and "可能扣款合计" in full  # money shown: the comparison means something
    assert table(export, False, **options) == full


def test_clocks_computed_without_money_have_none_until_attached(export):
    triage = compute_deadlines(export.orders, export.after_sales, export.tracking, load_packs(),
                               EngineSettings("domestic", "same-day", None), AS_OF, money=False)  # fmt: skip
    assert all(d.money_at_risk is None and d.money_basis is None for d in triage.deadlines)
    shared = [d for d in triage.deadlines if len(d.sub_order_ids) > 1 and d.kind == "pickup"]
    attach_money(shared, export.orders, AS_OF)
    assert shared and all(d.money_basis for d in shared)
