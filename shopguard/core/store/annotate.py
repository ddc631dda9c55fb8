"""What the merchant adds to an order: notes, a "handled" mark, and manual corrections of times.

These live in their own tables, so no import can overwrite them. A correction wins over imported data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shopguard.core.clock import now
from shopguard.core.store import changes
from shopguard.core.store.codec import decode_time, encode_time, tracking_numbers
from shopguard.core.store.database import Store


class AnnotationError(Exception):
    """The merchant asked for something about an order that cannot be done; the message says why."""


@dataclass(frozen=True, slots=True)
class CorrectionKind:
    name: str
    level: str  # "order", "parcel", "after_sale" or "return_parcel": which record the time belongs to
    field: str  # record field it replaces
    label: str


CORRECTION_KINDS = {
    kind.name: kind
    for kind in (
        CorrectionKind("paid", "order", "paid_at", "支付完成时间"),
        CorrectionKind("promised", "order", "promised_ship_at", "承诺发货时间"),
        CorrectionKind("shipped", "order", "shipped_at", "发货时间"),
        CorrectionKind("pickup", "parcel", "picked_up_at", "揽收时间"),
        CorrectionKind("first-sort", "parcel", "first_sort_at", "首个分拨中心时间"),
        CorrectionKind("last-update", "parcel", "last_update_at", "最新轨迹时间"),
        CorrectionKind("signed", "parcel", "signed_at", "签收时间"),
        CorrectionKind("return-shipped", "after_sale", "return_shipped_at", "退货发货时间"),
        CorrectionKind("return-signed", "return_parcel", "signed_at", "退货签收时间"),
        CorrectionKind("refunded", "after_sale", "refunded_at", "商家退款时间"),
        CorrectionKind("finished", "after_sale", "finished_at", "售后完结时间"),
    )
}
HANDLED = "handled"


@dataclass(frozen=True, slots=True)
class Correction:
    order_id: str
    kind: CorrectionKind
    target: str  # tracking number or after-sale id; "" for the order itself
    at: datetime
    created_at: datetime

    def describe(self) -> str:
        where = f"（{self.target}）" if self.target else ""
        return f"手动更正：{self.kind.label}{where} {self.at.strftime('%Y-%m-%d %H:%M:%S')}"


def resolve_order_id(store: Store, some_id: str) -> str:
    """The 主订单编号 for a main order, sub-order or after-sale id the merchant typed."""
    db = store.connection
    for query in (
        "SELECT order_id FROM order_lines WHERE order_id = ? LIMIT 1",
        "SELECT order_id FROM order_lines WHERE sub_order_id = ?",
        "SELECT order_id FROM after_sales WHERE order_id = ? LIMIT 1",
        "SELECT order_id FROM after_sales WHERE after_sale_id = ?",
    ):
        row = db.execute(query, (some_id.strip(),)).fetchone()
        if row and row[0]:
            return row[0]
    raise AnnotationError(f"数据库里没有订单「{some_id}」：请先导入包含它的订单导出或售后单导出")


def add_note(store: Store, order_id: str | list[str], text: str) -> None:
    """The same note on one order or on several (all or none saved)."""
    if not text.strip():
        raise AnnotationError("备注不能为空")
    order_ids = [order_id] if isinstance(order_id, str) else order_id
    created = now().isoformat()
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO notes (order_id, text, created_at) VALUES (?, ?, ?)",
            [(order, text.strip(), created) for order in order_ids],
        )


def set_handled(store: Store, order_id: str | list[str], handled: bool = True) -> None:
    """已处理 (or not) for one order or several, in one transaction."""
    order_ids = [order_id] if isinstance(order_id, str) else order_id
    with store.transaction() as db:
        if handled:
            created = now().isoformat()
            db.executemany(
                "INSERT OR IGNORE INTO marks (order_id, mark, created_at) VALUES (?, ?, ?)",
                [(order, HANDLED, created) for order in order_ids],
            )
        else:
            db.executemany("DELETE FROM marks WHERE order_id = ? AND mark = ?", [(o, HANDLED) for o in order_ids])


def set_time(
    store: Store, order_id: str, kind_name: str, at: datetime | None, target: str | None = None
) -> Correction | None:
    """Record (or, with at=None, remove) a manual correction. Returns the correction recorded."""
    kind = CORRECTION_KINDS.get(kind_name)
    if kind is None:
        raise AnnotationError(f"不认识的时间类型「{kind_name}」；可用：{', '.join(CORRECTION_KINDS)}")
    target = correction_target(store, order_id, kind, target)
    created = now()
    with store.transaction() as db:
        before = changes.data_version(store)
        if at is None:
            db.execute(
                "DELETE FROM corrections WHERE order_id = ? AND kind = ? AND target = ?", (order_id, kind.name, target)
            )
        else:
            db.execute(
                "INSERT OR REPLACE INTO corrections (order_id, kind, target, at, created_at) VALUES (?, ?, ?, ?, ?)",
                (order_id, kind.name, target, encode_time(at), created.isoformat()),
            )
        changes.record_changes(
            store, before, {("order", order_id), ("target", target)} if target else {("order", order_id)}
        )
    return None if at is None else Correction(order_id, kind, target, at, created)


def correction_target(store: Store, order_id: str, kind: CorrectionKind, given: str | None) -> str:
    """The parcel or after-sale a correction of this kind belongs to ("" for the order itself)."""
    db = store.connection
    if kind.level == "order":
        return ""
    if kind.level == "parcel":
        packed = [row[0] for row in db.execute("SELECT packages FROM order_lines WHERE order_id = ?", (order_id,))]
        choices = sorted({number for text in packed if text for number in tracking_numbers(text)})
        what, flag = "物流单号", "--tracking"
    else:
        rows = db.execute(
            "SELECT after_sale_id, return_tracking_no FROM after_sales WHERE order_id = ? ORDER BY after_sale_id",
            (order_id,),
        ).fetchall()
        if kind.level == "return_parcel":
            rows = [row for row in rows if row[1]]
        choices = [row[0] for row in rows]
        what, flag = "售后单号", "--after-sale"
    if given:
        if given.strip().upper() not in {choice.upper() for choice in choices}:
            raise AnnotationError(f"订单 {order_id} 没有{what}「{given}」；它的{what}：{'、'.join(choices) or '无'}")
        return next(choice for choice in choices if choice.upper() == given.strip().upper())
    if len(choices) == 1:
        return choices[0]
    if not choices:
        raise AnnotationError(f"订单 {order_id} 没有{what}，无法更正{kind.label}")
    raise AnnotationError(f"订单 {order_id} 有多个{what}（{'、'.join(choices)}），请用 {flag} 指明")


def load_corrections(store: Store) -> list[Correction]:
    rows = store.connection.execute("SELECT order_id, kind, target, at, created_at FROM corrections")
    return [
        Correction(order_id, CORRECTION_KINDS[kind], target, decode_time(at), decode_time(created))
        for order_id, kind, target, at, created in rows
        if kind in CORRECTION_KINDS
    ]


def latest_notes(store: Store) -> dict[str, str]:
    """The newest note of each order."""
    rows = store.connection.execute("SELECT order_id, text FROM notes ORDER BY id")
    return dict(rows.fetchall())


def handled_orders(store: Store) -> set[str]:
    return {row[0] for row in store.connection.execute("SELECT order_id FROM marks WHERE mark = ?", (HANDLED,))}
