"""One triage of everything in the store: the snapshot, its deadlines and the merchant's annotations.

The CLI and the window both start here, so both show the same clocks for the same store and moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shopguard.core.deadlines.engine import Triage
from shopguard.core.filing.effects import apply_filings
from shopguard.core.filing.storage import load_filings
from shopguard.core.rules.packs import RulePack
from shopguard.core.rules.user_packs import all_packs
from shopguard.core.settings import EngineSettings
from shopguard.core.store import clock_update
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import engine_settings, packs_in_use
from shopguard.core.store.snapshot import (
    Snapshot,
    after_sale_types,
    annotate,
    load_annotations,
    load_order_lines,
    load_snapshot,
    store_is_empty,
)


@dataclass(slots=True)
class StoreTriage:
    # The merchant's notes, marks and corrections; the order records only with buyer details (see below).
    snapshot: Snapshot
    triage: Triage
    settings: EngineSettings
    after_sale_types: dict[str, str]  # after-sale id -> 退货退款, 换货, ...
    empty: bool  # nothing imported yet


def rules_in_use(
    store: Store, packs: list[RulePack] | None = None, settings: EngineSettings | None = None
) -> tuple[EngineSettings, list[RulePack]]:
    """The merchant's settings and the rule packs switched on (or the ones given)."""
    settings = settings or engine_settings(store)
    available = packs if packs is not None else all_packs(store.directory)
    return settings, packs_in_use(store, available)


def triage_store(
    store: Store,
    as_of: datetime,
    packs: list[RulePack] | None = None,
    settings: EngineSettings | None = None,
    with_buyer: bool = False,
    keep: bool = True,
) -> StoreTriage:
    """All clocks of the store at `as_of`, annotated and with filings applied.

    Clocks kept from an earlier run for the same packs and settings are reused, or only the orders changed
    since are computed again (store.clock_update); the order records are then not even loaded, unless
    `with_buyer` asks for them (a report with buyer details). `keep=False` (a what-if preview with other
    packs) computes everything and leaves the kept clocks alone.
    """
    with store.reading():  # clocks, notes and filings all from one version of the data
        settings, active = rules_in_use(store, packs, settings)
        snapshot = load_snapshot(store, with_buyer=True) if with_buyer else load_annotations(store)
        current = clock_update.current_clocks(
            store, active, settings, as_of, use_kept=keep, records=snapshot if with_buyer else None
        )
        filings = load_filings(store)
        types, empty = after_sale_types(store), store_is_empty(store)
    if keep and current.to_keep is not None:
        clock_update.keep(store, current.to_keep)  # before notes and corrections are written into them
    triage = Triage(as_of, current.clocks.deadlines, active)
    annotate(triage.deadlines, snapshot)
    apply_filings(triage, filings, as_of, lambda sub_orders: load_order_lines(store, sub_orders))
    return StoreTriage(snapshot, triage, settings, types, empty)
