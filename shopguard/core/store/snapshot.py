"""Everything in the store, as the records the engine reads, with the merchant's corrections applied."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from shopguard.core.bulk import collector_paused
from shopguard.core.deadlines.engine import Deadline
from shopguard.core.imports.importer import BUYER_FIELDS, NOT_FOR_DEADLINES
from shopguard.core.records import AfterSale, OrderLine, Tracking
from shopguard.core.store.annotate import Correction, handled_orders, latest_notes, load_corrections
from shopguard.core.store.changes import in_group
from shopguard.core.store.codec import AFTER_SALES, ORDER_LINES, PARCELS, TableSpec, decoder
from shopguard.core.store.database import Store


@dataclass(slots=True)
class Snapshot:
    orders: list[OrderLine]
    after_sales: list[AfterSale]
    tracking: dict[str, Tracking]
    notes: dict[str, str] = field(default_factory=dict)
    handled: set[str] = field(default_factory=set)
    corrections: list[Correction] = field(default_factory=list)


def _load(
    store: Store, spec: TableSpec, where: str = "", params: tuple = (), skip: frozenset[str] = frozenset()
) -> list:
    return list(map(decoder(spec), store.connection.execute(f"{_select(spec, skip)} {where}", params)))


def _select(spec: TableSpec, skip: frozenset[str] = frozenset()) -> str:
    # Skipped columns come back as NULL: the records keep their shape, memory stays small.
    columns = ", ".join("NULL" if name in skip else name for name in spec.columns)
    return f"SELECT {columns} FROM {spec.table}"


def load_snapshot(store: Store, order_id: str | None = None, with_buyer: bool = False) -> Snapshot:
    """All records (or one order's), corrections applied; buyer details only when asked for.

    A full load leaves out the columns no clock needs (amount, quantity, district): they come back None.
    """
    if order_id is not None:
        skip = frozenset()  # one order, shown in full
    else:
        skip = NOT_FOR_DEADLINES - BUYER_FIELDS if with_buyer else NOT_FOR_DEADLINES
    with collector_paused():
        if order_id is None:
            # In stored order: where orders share a parcel, the engine gives its clocks to the first one.
            orders = _load(store, ORDER_LINES, "ORDER BY rowid", skip=skip)
            after_sales = _load(store, AFTER_SALES, "ORDER BY rowid")
            parcels = _load(store, PARCELS)
        else:
            orders = _load(store, ORDER_LINES, "WHERE order_id = ? ORDER BY sub_order_id", (order_id,))
            after_sales = _load(store, AFTER_SALES, "WHERE order_id = ? ORDER BY after_sale_id", (order_id,))
            parcels = _parcels_of(store, orders, after_sales)
        snapshot = Snapshot(orders, after_sales, {parcel.tracking_no: parcel for parcel in parcels})
    snapshot.corrections = [c for c in load_corrections(store) if order_id is None or c.order_id == order_id]
    apply_corrections(snapshot)
    snapshot.notes = latest_notes(store)
    snapshot.handled = handled_orders(store)
    return snapshot


def load_orders(store: Store, groups: set[str]) -> Snapshot:
    """The records of these orders ("" = after-sales without an order id) and of their parcels, for the
    engine: corrections applied, in stored order, no buyer details; no notes or marks."""
    db = store.connection
    with collector_paused():
        orders = list(map(decoder(ORDER_LINES), in_group(db, _select(ORDER_LINES, NOT_FOR_DEADLINES), groups)))
        after_sales = list(map(decoder(AFTER_SALES), in_group(db, _select(AFTER_SALES), groups)))
        parcels = _parcels_of(store, orders, after_sales)
        snapshot = Snapshot(orders, after_sales, {parcel.tracking_no: parcel for parcel in parcels})
    snapshot.corrections = load_corrections(store)  # all: a correction may concern another order's parcel
    apply_corrections(snapshot)
    return snapshot


def load_order_lines(store: Store, sub_order_ids: set[str]) -> list[OrderLine]:
    """These sub-orders' lines with what was paid (no buyer details): enough to price their clocks again."""
    where = "WHERE sub_order_id IN (SELECT value FROM json_each(?)) ORDER BY rowid"
    return _load(store, ORDER_LINES, where, (json.dumps(sorted(sub_order_ids)),), skip=NOT_FOR_DEADLINES)


def _parcels_of(store: Store, orders: list[OrderLine], after_sales: list[AfterSale]) -> list[Tracking]:
    wanted = {p.tracking_no for line in orders for p in line.packages}
    wanted |= {no for sale in after_sales for no in (sale.return_tracking_no, sale.exchange_tracking_no) if no}
    return _load(store, PARCELS, "WHERE tracking_no IN (SELECT value FROM json_each(?))", (json.dumps(list(wanted)),))


def store_is_empty(store: Store) -> bool:
    """No order and no after-sale has been imported yet."""
    query = "SELECT NOT EXISTS (SELECT 1 FROM order_lines) AND NOT EXISTS (SELECT 1 FROM after_sales)"
    return bool(store.connection.execute(query).fetchone()[0])


def after_sale_types(store: Store) -> dict[str, str]:
    return dict(store.connection.execute("SELECT after_sale_id, type FROM after_sales WHERE type IS NOT NULL"))


def load_annotations(store: Store) -> Snapshot:
    """Only what the merchant added (notes, marks, corrections): enough to annotate clocks kept from before."""
    return Snapshot([], [], {}, latest_notes(store), handled_orders(store), load_corrections(store))


def apply_corrections(snapshot: Snapshot) -> None:
    """Overwrite imported times with the merchant's corrections (a correction always wins)."""
    corrected = {correction.order_id for correction in snapshot.corrections}
    if not corrected:
        return
    lines_by_order: dict[str, list[OrderLine]] = {}
    for line in snapshot.orders:
        if line.order_id in corrected:
            lines_by_order.setdefault(line.order_id, []).append(line)
    sales = {sale.after_sale_id: sale for sale in snapshot.after_sales if sale.order_id in corrected}
    for correction in snapshot.corrections:
        kind = correction.kind
        if kind.level == "order":
            for line in lines_by_order.get(correction.order_id, ()):
                setattr(line, kind.field, correction.at)
        elif kind.level == "after_sale":
            if correction.target in sales:
                setattr(sales[correction.target], kind.field, correction.at)
        else:
            tracking_no = correction.target
            if kind.level == "return_parcel":
                sale = sales.get(correction.target)
                tracking_no = sale.return_tracking_no if sale else None
            if tracking_no:
                parcel = snapshot.tracking.setdefault(tracking_no, Tracking(tracking_no))
                setattr(parcel, kind.field, correction.at)


def annotate(deadlines: list[Deadline], snapshot: Snapshot) -> None:
    """Attach the merchant's notes, "handled" marks and corrections to the clocks they concern."""
    corrections: dict[str, list[Correction]] = {}
    for correction in snapshot.corrections:
        corrections.setdefault(correction.order_id, []).append(correction)
    touched = snapshot.handled | snapshot.notes.keys() | corrections.keys()
    if not touched:
        return
    for deadline in deadlines:
        if deadline.order_id not in touched:
            continue
        deadline.handled = deadline.order_id in snapshot.handled
        deadline.note = snapshot.notes.get(deadline.order_id)
        for correction in corrections.get(deadline.order_id, ()):
            if _concerns(correction, deadline):
                text = correction.describe()
                deadline.correction = f"{deadline.correction}；{text}" if deadline.correction else text
                deadline.explanation = f"{deadline.explanation}{text}。"


def _concerns(correction: Correction, deadline: Deadline) -> bool:
    level = correction.kind.level
    if level == "order":
        return deadline.after_sale_id is None
    if level == "parcel":
        return deadline.after_sale_id is None and deadline.tracking_no == correction.target
    return deadline.after_sale_id == correction.target
