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
from shopguard.core.store.database import Store
from shopguard.core.store.filings import load_filings
from shopguard.core.store.preferences import disabled_packs, engine_settings
from shopguard.core.store.snapshot import Snapshot, annotate, load_snapshot
from shopguard.core.userpacks import all_packs


@dataclass(slots=True)
class StoreTriage:
    snapshot: Snapshot
    triage: Triage
    settings: EngineSettings


def triage_store(
    store: Store,
    as_of: datetime,
    packs: list[RulePack] | None = None,
    settings: EngineSettings | None = None,
    with_buyer: bool = False,
) -> StoreTriage:
    settings = settings or engine_settings(store)
    disabled = disabled_packs(store)
    available = packs if packs is not None else all_packs(store.directory)
    active = [pack for pack in available if pack.id not in disabled]
    snapshot = load_snapshot(store, with_buyer=with_buyer)
    triage = compute_deadlines(snapshot.orders, snapshot.after_sales, snapshot.tracking, active, settings, as_of)
    annotate(triage.deadlines, snapshot)
    apply_filings(triage, load_filings(store), as_of)
    return StoreTriage(snapshot, triage, settings)
