"""Clocks kept between runs are used only for exactly the data, packs, settings and code they came from."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.rules.user_packs import all_packs
from shopguard.core.store import annotate, changes, clock_cache, clock_update
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.purge import purge_before
from shopguard.core.triage import session
from shopguard.core.triage.output import deadline_dict
from tests.exports import order_row, write_csv

LATER = DEMO_AS_OF + timedelta(days=1, hours=3, seconds=1)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        import_into_store(opened, demo_files())
        yield opened


def triage(store, as_of=DEMO_AS_OF, **options):
    return session.triage_store(store, as_of, settings=DEMO_SETTINGS, **options).triage


def dicts(result):
    return [deadline_dict(deadline) for deadline in result.deadlines]


def fresh(store, as_of):
    (store.directory / clock_cache.CACHE_NAME).unlink(missing_ok=True)
    return triage(store, as_of, keep=False)


def key(store, settings=DEMO_SETTINGS, packs=None):
    return clock_cache.config_key(all_packs(store.directory) if packs is None else packs, settings, DEMO_AS_OF)


def forbid_computing(patched):
    patched.setattr(clock_update, "compute_clocks", None)  # any attempt to compute would fail
    for loader in ("load_snapshot", "load_orders"):
        patched.setattr(clock_update, loader, None)  # nor are the order records loaded


def test_kept_clocks_judged_later_equal_freshly_computed_ones(store, monkeypatch):
    first = triage(store)
    assert (store.directory / clock_cache.CACHE_NAME).exists()
    expected = fresh(store, LATER)
    triage(store)  # keep them again
    with monkeypatch.context() as patched:
        forbid_computing(patched)
        kept = triage(store, LATER)
    assert dicts(kept) == dicts(expected)
    assert kept.notices == expected.notices
    # The later moment really moved clocks on: some that were pending are overdue now.
    overdue = [sum(d.status == "overdue" for d in result.deadlines) for result in (first, kept)]
    assert overdue[1] > overdue[0]


def test_every_change_to_records_or_corrections_gives_a_new_data_version(store, tmp_path):
    versions = [changes.data_version(store)]

    def changed():
        versions.append(changes.data_version(store))
        return versions[-1] != versions[-2]

    order_id, sub_order_id = store.connection.execute("SELECT order_id, sub_order_id FROM order_lines").fetchone()
    annotate.set_time(store, order_id, "shipped", DEMO_AS_OF)
    assert changed()
    annotate.set_time(store, order_id, "shipped", None)
    assert changed()
    with store.transaction() as db:
        db.execute("UPDATE order_lines SET order_status = '已关闭' WHERE sub_order_id = ?", (sub_order_id,))
    assert changed()
    for table in ("after_sales", "parcels", "order_lines"):
        with store.transaction() as db:
            db.execute(f"DELETE FROM {table} WHERE rowid = (SELECT min(rowid) FROM {table})")
        assert changed(), table
    import_into_store(store, [write_csv(tmp_path / "1699837200_orders.csv", [order_row()])])
    assert changed()
    # Reading, notes and marks leave it alone: they are applied to the clocks after the cache.
    session.triage_store(store, DEMO_AS_OF)
    annotate.add_note(store, order_id, "已联系快递")
    annotate.set_handled(store, order_id)
    assert not changed()


def test_notes_and_marks_made_since_show_on_kept_clocks(store, no_computing_after_first_triage):
    order_id = next(d.order_id for d in triage(store).deadlines if d.status == "overdue")
    no_computing_after_first_triage()
    annotate.add_note(store, order_id, "已联系快递")
    annotate.set_handled(store, order_id)
    marked = [d for d in triage(store, LATER).deadlines if d.order_id == order_id]
    assert marked and all(d.note == "已联系快递" and d.handled for d in marked)


@pytest.fixture
def no_computing_after_first_triage(monkeypatch):
    return lambda: forbid_computing(monkeypatch)


def test_other_settings_or_packs_never_reuse_kept_clocks(store):
    triage(store)
    other = type(DEMO_SETTINGS)("domestic", "same-day", "浙江省")
    assert clock_update.current_clocks(store, all_packs(store.directory), other, DEMO_AS_OF).computed == "all"
    packs = all_packs(store.directory)
    base = key(store)
    assert key(store, settings=type(DEMO_SETTINGS)("domestic", "48h", "浙江省")) == base
    assert key(store, settings=type(DEMO_SETTINGS)("domestic", "same-day", "浙江省")) != base
    assert key(store, settings=type(DEMO_SETTINGS)("cross-border", "48h", "浙江省")) != base
    assert key(store, packs=[p for p in packs if p.id != "douyin-double11-2023"]) != base


def test_the_key_is_the_same_in_every_process(store):
    # Rule packs hold frozensets (province groups) whose order changes with each process's string hashing.
    script = (
        "import sys; from pathlib import Path; from shopguard.core.store.database import Store;"
        "from shopguard.core.store import clock_cache; from shopguard.core.rules.user_packs import all_packs;"
        "from shopguard.core.demo import DEMO_SETTINGS;"
        "s = Store.open(Path(sys.argv[1]));"
        "from shopguard.core.demo import DEMO_AS_OF;"
        "print(clock_cache.config_key(all_packs(s.directory), DEMO_SETTINGS, DEMO_AS_OF))"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", script, str(store.directory)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert keys == {key(store)}


@pytest.mark.parametrize("damage", [b"", b"not a cache", b"\xff" * 9])
def test_a_damaged_or_truncated_cache_is_recomputed(store, damage):
    expected = dicts(fresh(store, LATER))
    triage(store)
    path = store.directory / clock_cache.CACHE_NAME
    whole = path.read_bytes()
    for content in (damage, whole[: len(whole) // 2]):
        path.write_bytes(content)
        assert dicts(triage(store, LATER)) == expected
        assert path.read_bytes() != content  # replaced by a good one


def test_a_what_if_preview_leaves_the_kept_clocks_alone(store):
    triage(store)
    path = store.directory / clock_cache.CACHE_NAME
    kept = path.read_bytes()
    fewer = [p for p in all_packs(store.directory) if p.id != "douyin-double11-2023"]
    session.triage_store(store, DEMO_AS_OF, fewer, DEMO_SETTINGS, keep=False)
    assert path.read_bytes() == kept


def test_purging_old_orders_deletes_the_kept_clocks_that_name_them(store):
    triage(store)
    purge_before(store, DEMO_AS_OF + timedelta(days=365))
    assert not (store.directory / clock_cache.CACHE_NAME).exists()
    assert triage(store).deadlines == []


@pytest.mark.parametrize("where", [0.3, 0.5, 0.9])
def test_a_flipped_bit_in_the_cache_costs_a_recomputation_not_a_wrong_clock(store, where):
    expected = dicts(fresh(store, LATER))
    triage(store)
    path = store.directory / clock_cache.CACHE_NAME
    data = bytearray(path.read_bytes())
    data[int(len(data) * where)] ^= 0x04
    path.write_bytes(bytes(data))
    assert dicts(triage(store, LATER)) == expected


def test_every_module_in_the_engine_code_key_exists():
    # A path left behind by a move would be hashed as its name only: an engine change would then reuse old clocks.
    core = Path(clock_cache.__file__).parents[1]
    missing = [module for module in clock_cache.ENGINE_MODULES if not (core / f"{module}.py").is_file()]
    assert missing == []
