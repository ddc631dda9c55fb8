"""Plain records the importers produce and the engine reads. Times are Beijing-aware datetimes; IDs are text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple


class Package(NamedTuple):
    """One parcel of an order, as packed into the order export's 快递信息 column.

    A named tuple rather than a frozen dataclass: one is made for nearly every order row, and a frozen
    dataclass takes about four times as long to build."""

    tracking_no: str
    courier: str | None
    # The 商品ID of the products packed in it: tells which sub-order a parcel belongs to when the export lists
    # every parcel of an order on each of its sub-order rows. Empty when the export does not say.
    product_ids: tuple[str, ...] = ()


@dataclass(slots=True)
class OrderLine:
    """One row of the order export: a 子订单 (sub-order) of a 主订单."""

    order_id: str
    sub_order_id: str
    product: str | None = None
    quantity: int | None = None
    amount: Decimal | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    paid_at: datetime | None = None
    promised_ship_at: datetime | None = None
    shipped_at: datetime | None = None
    order_status: str | None = None
    after_sale_status: str | None = None
    packages: tuple[Package, ...] = ()
    # Buyer details: kept only for the merchant's own use; reports leave them out unless asked.
    buyer_name: str | None = None
    buyer_phone: str | None = None
    buyer_address: str | None = None
    # 订单提交时间: never later than payment; the ship clock starts there when an export has no 支付完成时间.
    submitted_at: datetime | None = None
    product_id: str | None = None  # 商品ID


@dataclass(slots=True)
class AfterSale:
    """One row of the after-sales export (售后单)."""

    after_sale_id: str
    order_id: str | None = None
    sub_order_id: str | None = None
    product: str | None = None
    type: str | None = None
    status: str | None = None
    applied_at: datetime | None = None
    approved_at: datetime | None = None
    return_tracking_no: str | None = None
    return_shipped_at: datetime | None = None
    refunded_at: datetime | None = None
    finished_at: datetime | None = None
    closed_at: datetime | None = None
    exchange_tracking_no: str | None = None
    # 退货物流状态 (e.g. 已签收): the return was signed for even when no courier sheet gives the time.
    return_logistics_status: str | None = None


@dataclass(slots=True)
class Tracking:
    """Courier scan times for one tracking number, outbound or return parcel alike."""

    tracking_no: str
    courier: str | None = None
    picked_up_at: datetime | None = None
    first_sort_at: datetime | None = None
    signed_at: datetime | None = None
    last_update_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in an input file the merchant should know about. Row is the spreadsheet row (1-based)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def as_dict(self) -> dict:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}


@dataclass(slots=True)
class ImportResult:
    """Everything read from a set of files."""

    orders: list[OrderLine] = field(default_factory=list)
    after_sales: list[AfterSale] = field(default_factory=list)
    tracking: dict[str, Tracking] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[FileSummary] = field(default_factory=list)

    @property
    def problems_not_listed(self) -> int:
        """Problems counted but not kept in `problems` (FileSummary.problems_not_listed)."""
        return sum(summary.problems_not_listed for summary in self.files)


@dataclass(slots=True)
class FileSummary:
    path: str
    kind: str | None
    rows: int = 0
    imported: int = 0
    problems: int = 0  # kept in ImportResult.problems
    problems_not_listed: int = 0  # beyond the importer's LISTED_PROBLEMS in rows: counted only
    # Record fields the file has a column for: a store merge must not blank the others.
    fields: frozenset[str] = frozenset()
    # For a file whose kind was not recognised: its first non-empty row, to offer a column mapping.
    headers: list[str] | None = None
