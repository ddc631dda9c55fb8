"""Deleting old orders: buyer data should not pile up forever. Only ever run at the merchant's request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shopguard.core.store import clock_cache
from shopguard.core.store.codec import tracking_numbers
from shopguard.core.store.database import Store

DEFAULT_RETENTION_DAYS = 180


@dataclass(slots=True)
class PurgeReport:
    orders: int
    order_lines: int
    after_sales: int
    parcels: int


def purge_before(store: Store, cutoff: datetime) -> PurgeReport:
    """Delete orders whose latest known time is before `cutoff`, with everything that belongs only to them.

    An order's time is its latest payment, promise or ship time; an order with none of those counts by
    the time it was first imported. Afterwards the file is rewritten (VACUUM) so deleted rows are gone from
    disk too; the rolling backups still hold them until they roll over.
    """
    limit = cutoff.isoformat()
    with store.transaction() as db:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS purged (order_id TEXT PRIMARY KEY)")
        db.execute("DELETE FROM purged")
        db.execute(
            """
            INSERT INTO purged
            SELECT line.order_id FROM order_lines AS line JOIN imports ON imports.id = line.first_import
            GROUP BY line.order_id
            HAVING MAX(COALESCE(line.shipped_at, line.promised_ship_at, line.paid_at, imports.imported_at)) < ?
            """,
            (limit,),
        )
        # After-sales whose order was never imported count by their own application time.
        db.execute(
            """
            INSERT OR IGNORE INTO purged
            SELECT sale.order_id FROM after_sales AS sale JOIN imports ON imports.id = sale.first_import
            WHERE sale.order_id NOT IN (SELECT order_id FROM order_lines)
            GROUP BY sale.order_id HAVING MAX(COALESCE(sale.applied_at, imports.imported_at)) < ?
            """,
            (limit,),
        )
        orders = db.execute("SELECT COUNT(*) FROM purged").fetchone()[0]
        parcels = _parcels_of_purged(db)
        lines = db.execute("DELETE FROM order_lines WHERE order_id IN (SELECT order_id FROM purged)").rowcount
        sales = db.execute("DELETE FROM after_sales WHERE order_id IN (SELECT order_id FROM purged)").rowcount
        unused = [(no,) for no in parcels - _parcels_in_use(db)]
        parcel_rows = db.executemany("DELETE FROM parcels WHERE tracking_no = ?", unused).rowcount
        for table in ("notes", "marks", "corrections"):
            db.execute(f"DELETE FROM {table} WHERE order_id IN (SELECT order_id FROM purged)")
        db.execute(
            "DELETE FROM import_problems WHERE import_id IN (SELECT id FROM imports WHERE imported_at < ?)", (limit,)
        )
        db.execute("DROP TABLE purged")
    store.connection.execute("VACUUM")
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    clock_cache.discard(store.directory)  # it still names the purged orders
    return PurgeReport(orders, lines, sales, parcel_rows)


def _tracking_numbers(rows) -> set[str]:
    numbers = set()
    for packed, *others in rows:
        if packed:
            numbers.update(tracking_numbers(packed))
        numbers.update(no for no in others if no)
    return numbers


def _parcels_of_purged(db) -> set[str]:
    lines = db.execute("SELECT packages FROM order_lines WHERE order_id IN (SELECT order_id FROM purged)")
    sales = db.execute(
        "SELECT NULL, return_tracking_no, exchange_tracking_no FROM after_sales"
        " WHERE order_id IN (SELECT order_id FROM purged)"
    )
    return _tracking_numbers(lines) | _tracking_numbers(sales)


def _parcels_in_use(db) -> set[str]:
    lines = db.execute("SELECT packages FROM order_lines")
    sales = db.execute("SELECT NULL, return_tracking_no, exchange_tracking_no FROM after_sales")
    return _tracking_numbers(lines) | _tracking_numbers(sales)
