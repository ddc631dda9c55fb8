"""One triage of everything in the store: the snapshot, its deadlines and the merchant's annotations.

The CLI and the window both start here, so both show the same clocks for the same store and moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shopguard.core.engine import Triage, compute_deadlines
from shopguard.core.filing.effects import apply_filings
from shopguard.core.rulepacks import RulePack
from shopguard.core.settings import EngineSettings
from shopguard.core.store import clock_cache
from shopguard.core.store.database import Store
from shopguard.core.store.filings import load_filings
from shopguard.core.store.preferences import disabled_packs, engine_settings
from shopguard.core.store.snapshot import (
    Snapshot,
    after_sale_types,
    annotate,
    load_annotations,
    load_snapshot,
    store_is_empty,
)
from shopguard.core.userpacks import all_packs


@dataclass(slots=True)
class StoreTriage:
    # The merchant's notes, marks and corrections; the order records only with buyer details (see below).
    snapshot: Snapshot
    triage: Triage
    settings: EngineSettings
    after_sale_types: dict[str, str]  # after-sale id -> 退货退款, 换货, ...
    empty: bool  # nothing imported yet


def triage_store(
    store: Store,
    as_of: datetime,
    packs: list[RulePack] | None = None,
    settings: EngineSettings | None = None,
    with_buyer: bool = False,
    keep: bool = True,
) -> StoreTriage:
    """All clocks of the store at `as_of`, annotated and with filings applied.

    Clocks computed before for the same data, packs and settings are reused (store.clock_cache), and then
    the order records are not even loaded, unless `with_buyer` asks for them (a report with buyer details).
    `keep=False` (a what-if preview with other packs) computes without replacing the kept clocks.
    """
    settings = settings or engine_settings(store)
    disabled = disabled_packs(store)
    available = packs if packs is not None else all_packs(store.directory)
    active = [pack for pack in available if pack.id not in disabled]
    key = clock_cache.cache_key(store, active, settings)
    kept = clock_cache.load(store.directory, key, as_of)
    snapshot = load_snapshot(store, with_buyer=with_buyer) if kept is None or with_buyer else load_annotations(store)
    if kept is None:
        triage = compute_deadlines(snapshot.orders, snapshot.after_sales, snapshot.tracking, active, settings, as_of)
        if keep:
            clock_cache.save(store.directory, key, triage.deadlines, triage.notices)
    else:
        deadlines, notices = kept
        triage = Triage(as_of, deadlines, active, notices)
    annotate(triage.deadlines, snapshot)
    apply_filings(triage, load_filings(store), as_of)
    return StoreTriage(snapshot, triage, settings, after_sale_types(store), store_is_empty(store))
