"""The store's clocks at its current data version: kept ones reused, brought up to date, or computed.

Kept clocks (store.clock_cache) whose version the change journal starts from (store.changes) only need the
orders the journal reaches computed again: a morning import of a newer export changes a few thousand of
200,000 orders. Their clocks replace those orders' kept ones, and because the engine orders clocks the same
way however they were computed (engine.Clocks), the result is the very list a computation of everything
gives. The replaced orders' clocks are kept in the small delta file until they are many; then the whole
set is written again.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from shopguard.core.deadlines.engine import Clocks, compute_clocks, judge_again, merge_by_urgency, sort_by_urgency
from shopguard.core.rules.packs import RulePack
from shopguard.core.settings import EngineSettings
from shopguard.core.store import changes, clock_cache
from shopguard.core.store.clock_cache import KeptClocks, KeptPart, as_links
from shopguard.core.store.database import Store
from shopguard.core.store.snapshot import Snapshot, load_orders, load_snapshot

# Past this share of the kept clocks, computing everything is cheaper than finding what changed; and a
# delta replacing more orders than DELTA_SHARE of them is folded into the whole set.
PARTIAL_SHARE = 0.25
DELTA_SHARE = 0.1


@dataclass(slots=True)
class CurrentClocks:
    clocks: Clocks  # judged at the moment asked for
    computed: str  # "kept", "partly" (the orders the journal reaches) or "all"
    orders_computed: int = 0  # for "partly"
    to_keep: KeptClocks | None = None  # new clocks: keep them (keep()) once the reading is over


def current_clocks(
    store: Store,
    packs: list[RulePack],
    settings: EngineSettings,
    as_of: datetime,
    use_kept: bool = True,
    records: Snapshot | None = None,
) -> CurrentClocks:
    """The clocks for the store's data now. Call inside store.reading(), so the data holds still.

    `records`: all records, if the caller has loaded them anyway (saves loading them again).
    """
    config = clock_cache.config_key(packs, settings, as_of)
    stamp = changes.data_version(store)
    kept = clock_cache.load(store.directory, config) if use_kept else None
    if kept is not None and kept.stamp == stamp:
        return CurrentClocks(_combined(kept.base, kept.delta, as_of), "kept")
    if kept is not None and changes.journal_covers(store, kept.stamp):
        limit = len(kept.base.clocks.deadlines) * PARTIAL_SHARE
        if changes.journal_size(store) <= limit:
            orders = changes.affected_orders(store, _links(kept))
            if len(orders) <= limit:
                return _brought_up_to_date(store, kept, orders, stamp, packs, settings, as_of)
    snapshot = records or load_snapshot(store)
    clocks = compute_clocks(snapshot.orders, snapshot.after_sales, snapshot.tracking, packs, settings, as_of)
    if not use_kept:  # a what-if preview: nothing to keep
        return CurrentClocks(clocks, "all")
    base = KeptPart(clocks, as_links(changes.links_of(snapshot.orders, snapshot.after_sales)))
    return CurrentClocks(clocks, "all", to_keep=KeptClocks(config, stamp, base, stamp))


def keep(store: Store, kept: KeptClocks) -> None:
    """Keep clocks for later runs, and start the change journal from the data version they belong to."""
    if store.read_only:  # opened only to look, where nothing can be written (a read-only folder, a full disk)
        return
    if kept.delta is None:
        saved = clock_cache.save_base(store.directory, kept.config, kept.stamp, kept.base)
    else:
        saved = clock_cache.save_delta(store.directory, kept.config, kept.base_stamp, kept.stamp, kept.delta)
    if not saved:  # the clocks kept before and the journal since still belong together: leave both
        return
    try:
        changes.restart_journal(store, kept.stamp)
    except sqlite3.OperationalError:  # busy or read-only: the next run computes everything, that is all
        pass


def _brought_up_to_date(
    store: Store,
    kept: KeptClocks,
    orders: set[str],
    stamp: bytes,
    packs: list[RulePack],
    settings: EngineSettings,
    as_of: datetime,
) -> CurrentClocks:
    """Compute `orders` again; their clocks join (or replace) the delta's, the base stays as it is."""
    snapshot = load_orders(store, orders)
    fresh = compute_clocks(snapshot.orders, snapshot.after_sales, snapshot.tracking, packs, settings, as_of)
    links = changes.links_of(snapshot.orders, snapshot.after_sales)
    if kept.delta is not None:  # the delta's other orders stay as they were
        earlier = _without(kept.delta.clocks, orders, as_of)
        fresh = Clocks(merge_by_urgency(earlier.deadlines, fresh.deadlines))
        links.update((number, order) for number, order in kept.delta.link_pairs() if order not in orders)
        orders = orders | kept.delta.orders
    delta = KeptPart(fresh, as_links(links), frozenset(orders))
    clocks = _combined(kept.base, delta, as_of)
    if len(orders) <= len(kept.base.clocks.deadlines) * DELTA_SHARE:
        to_keep = KeptClocks(kept.config, stamp, kept.base, kept.base_stamp, delta)
    else:  # fold the delta into a new whole set
        links.update((number, order) for number, order in kept.base.link_pairs() if order not in orders)
        to_keep = KeptClocks(kept.config, stamp, KeptPart(clocks, as_links(links)), stamp)
    return CurrentClocks(clocks, "partly", len(orders), to_keep)


def _combined(base: KeptPart, delta: KeptPart | None, as_of: datetime) -> Clocks:
    """The base clocks with the delta's replacing those of its orders, judged at `as_of`."""
    if delta is None:
        return _without(base.clocks, frozenset(), as_of)
    rest = _without(base.clocks, delta.orders, as_of)
    replacing = _without(delta.clocks, frozenset(), as_of)
    return Clocks(merge_by_urgency(rest.deadlines, replacing.deadlines))


def _without(clocks: Clocks, orders: frozenset[str] | set[str], as_of: datetime) -> Clocks:
    """The clocks of all other orders, judged at `as_of`, most urgent first."""
    deadlines = clocks.deadlines
    if orders:
        deadlines = [deadline for deadline in deadlines if (deadline.order_id or "") not in orders]
    judge_again(deadlines, as_of)
    sort_by_urgency(deadlines)  # stable: equally urgent clocks stay in their order (engine.Clocks)
    return Clocks(deadlines)


def _links(kept: KeptClocks) -> dict[str, list[str]]:
    """Tracking number -> the orders that shared it, in the kept clocks' data (stale extras do no harm)."""
    links: defaultdict[str, list[str]] = defaultdict(list)
    for part in (kept.base, kept.delta) if kept.delta else (kept.base,):
        for number, order in part.link_pairs():
            links[number].append(order)
    return links
