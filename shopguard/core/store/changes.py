"""What changed in the store since clocks were kept, and every order whose clocks that can move.

Every change to order lines, after-sales, parcels or corrections gives the store a new random data version
(schema v5 triggers). The code that makes such changes also writes down the keys it touched
(record_changes): order ids, tracking numbers, the packed tracking numbers of order lines, correction
targets. `changed_since` (schema v6) says at which data version this journal starts and up to which one it
is complete. A change made any other way moves the data version past `complete_to`, and from then on the
journal is not used until it starts again.

Clocks of different orders meet where orders share a tracking number: a parcel packed for several orders
(its clocks belong to the first), or a return parcel. So the orders to compute again are everything
connected to a changed key through shared tracking numbers, old links and new (affected_orders).
After-sales without an order id form the group "".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from itertools import repeat
from operator import is_not

from shopguard.core.records import AfterSale, OrderLine
from shopguard.core.store.codec import tracking_numbers
from shopguard.core.store.database import Store

# Keys, not rows: past this many, a change is so large that everything is computed again anyway.
JOURNAL_LIMIT = 100_000

# The columns of each table that name an order ("order"), a tracking number ("tracking"), packed tracking
# numbers ("packages") or a correction's target (a tracking number or an after-sale id).
_KEY_COLUMNS = {
    "order_lines": (("order", "order_id"), ("packages", "packages")),
    "after_sales": (("order", "order_id"), ("tracking", "return_tracking_no"), ("tracking", "exchange_tracking_no")),
    "parcels": (("tracking", "tracking_no"),),
    "corrections": (("order", "order_id"), ("target", "target")),
}

Key = tuple[str, str]  # (kind, value) as the journal holds it
Link = tuple[str, str]  # (tracking number, order id or "")


def data_version(store: Store) -> bytes:
    """Changes (to a new random value) whenever an order, after-sale, parcel or correction does."""
    return store.connection.execute("SELECT stamp FROM data_version").fetchone()[0]


def key_reader(table: str, columns: tuple[str, ...]) -> Callable[[tuple], list[Key]]:
    """A function from a row of `table` (values in `columns` order) to the keys it touches."""
    where = [(kind, columns.index(column)) for kind, column in _KEY_COLUMNS[table]]

    def keys(row: tuple) -> list[Key]:
        found = []
        for kind, index in where:
            value = row[index]
            if kind == "order":
                found.append((kind, value or ""))
            elif value is not None:
                found.append((kind, value))
        return found

    return keys


def keys_of_columns(table: str, columns: tuple[str, ...], values: list[list]) -> Iterator[Key]:
    """Every key that rows of `table` touch, given as columns (`values[i]` holds the column `columns[i]`): what
    key_reader gives row by row, a column at a time (a first import of 200,000 rows)."""
    for kind, column in _KEY_COLUMNS[table]:
        found = values[columns.index(column)]
        if kind == "order":
            yield from zip(repeat(kind), found if None not in found else [value or "" for value in found])
        else:
            yield from zip(repeat(kind), filter(partial(is_not, None), found))


def record_changes(store: Store, before: bytes, keys: set[Key]) -> None:
    """Write down the keys a write transaction touched. Call inside it, after its writes, with the data
    version read at its start: the journal stays incomplete if it was, or if it would grow too large."""
    db = store.connection
    complete_to, size = db.execute(
        "SELECT complete_to, (SELECT count(*) FROM changed_keys) FROM changed_since"
    ).fetchone()
    if complete_to != before or size + len(keys) > JOURNAL_LIMIT:
        return
    db.executemany("INSERT OR IGNORE INTO changed_keys (kind, key) VALUES (?, ?)", keys)
    db.execute("UPDATE changed_since SET complete_to = (SELECT stamp FROM data_version)")


def journal_covers(store: Store, since: bytes) -> bool:
    """The journal lists every change from data version `since` to now."""
    query = "SELECT start = ? AND complete_to = (SELECT stamp FROM data_version) FROM changed_since"
    return bool(store.connection.execute(query, (since,)).fetchone()[0])


def journal_size(store: Store) -> int:
    return store.connection.execute("SELECT count(*) FROM changed_keys").fetchone()[0]


def restart_journal(store: Store, stamp: bytes) -> None:
    """Start the journal afresh at `stamp`, if the data is still at that version (else leave it be)."""
    with store.transaction() as db:
        if db.execute("SELECT stamp FROM data_version").fetchone()[0] == stamp:
            db.execute("DELETE FROM changed_keys")
            db.execute("UPDATE changed_since SET start = ?, complete_to = ?", (stamp, stamp))


def links_of(orders: Iterable[OrderLine], after_sales: Iterable[AfterSale]) -> set[Link]:
    """(tracking number, order) for every parcel an order line packs and every return or exchange parcel."""
    links = {(package.tracking_no, line.order_id) for line in orders for package in line.packages}
    for sale in after_sales:
        for number in (sale.return_tracking_no, sale.exchange_tracking_no):
            if number:
                links.add((number, sale.order_id or ""))
    return links


def affected_orders(store: Store, links: Mapping[str, Iterable[str]]) -> set[str]:
    """Every order (group) whose clocks may differ from those computed at the journal's start.

    `links` maps tracking numbers to the orders that shared them when the clocks were kept. Orders that
    share one now either did then or have changed since, and then the journal names them.
    """
    db = store.connection
    changed: dict[str, set[str]] = {"order": set(), "packages": set(), "tracking": set(), "target": set()}
    for kind, key in db.execute("SELECT kind, key FROM changed_keys"):
        changed[kind].add(key)
    trackings = changed["tracking"] | changed["target"]
    for packed in changed["packages"]:
        trackings.update(tracking_numbers(packed))
    # A correction's target may be an after-sale id: its times belong to that after-sale's order.
    sales = "SELECT coalesce(order_id, '') FROM after_sales WHERE after_sale_id IN (SELECT value FROM json_each(?))"
    groups = changed["order"] | {row[0] for row in db.execute(sales, (json.dumps(list(changed["target"])),))}
    seen_groups: set[str] = set()
    seen_trackings: set[str] = set()
    while groups or trackings:
        seen_groups |= groups
        seen_trackings |= trackings
        shared = {group for number in trackings for group in links.get(number, ())}
        groups, trackings = shared - seen_groups, _trackings_of(store, groups) - seen_trackings
    return seen_groups


def _trackings_of(store: Store, groups: set[str]) -> set[str]:
    found: set[str] = set()
    if not groups:
        return found
    for (packed,) in in_group(store.connection, "SELECT packages FROM order_lines", groups):
        if packed:
            found.update(tracking_numbers(packed))
    for row in in_group(store.connection, "SELECT return_tracking_no, exchange_tracking_no FROM after_sales", groups):
        found.update(number for number in row if number)
    return found


def in_group(db, select: str, groups: Iterable[str]):
    """Rows of `select` (on after_sales or order_lines) whose order id is in `groups` ("" = no order id),
    in stored order."""
    groups = set(groups)
    where = "order_id IN (SELECT value FROM json_each(?))"
    if "" in groups:
        where += " OR order_id IS NULL"
    return db.execute(f"{select} WHERE {where} ORDER BY rowid", (json.dumps(list(groups - {""})),))
