"""The spreadsheet kinds ShopGuard reads, recognised by their header row, never by column positions."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from shopguard.core.imports import cells
from shopguard.core.imports.buyer import parse_buyer


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    headers: tuple[str, ...]  # accepted spellings; the first is the one 抖店 uses
    parse: Callable[[object], object]
    required: bool = False
    # What the merchant loses when an optional column is missing (None: nothing worth a message).
    missing_means: str | None = None

    @property
    def name(self) -> str:
        return self.headers[0]


@dataclass(frozen=True, slots=True)
class FileKind:
    id: str
    title: str
    columns: tuple[Column, ...]
    # The file is of this kind when its header has every one of these (any spelling of each).
    signature: tuple[tuple[str, ...], ...]
    key: str  # field that identifies a row; duplicates of it are reported
    # Fields a row cannot be kept without (the key first): a row missing one is a problem, never a record.
    identity: tuple[str, ...] = ()

    def column(self, field: str) -> Column:
        return next(column for column in self.columns if column.field == field)


@dataclass(frozen=True, slots=True)
class RefusedKind:
    """An export that is not order data; recognised so the merchant gets a polite, precise answer."""

    title: str
    signature: tuple[tuple[str, ...], ...]


_t = cells.parse_time
_s = cells.parse_text
_label = cells.parse_label

ORDERS = FileKind(
    id="orders",
    title="订单导出",
    key="sub_order_id",
    identity=("sub_order_id", "order_id"),
    signature=(("主订单编号",), ("子订单编号",)),
    columns=(
        Column("order_id", ("主订单编号",), cells.parse_id, required=True),
        Column("sub_order_id", ("子订单编号",), cells.parse_id, required=True),
        Column("product", ("选购商品", "商品名称"), _label),
        Column("product_id", ("商品ID", "商品id"), cells.parse_shared_id),
        Column("quantity", ("商品数量",), cells.parse_count),
        Column("amount", ("订单应付金额", "实付金额"), cells.parse_money),
        Column("province", ("省", "省份", "收货省份"), _label, missing_means="物流中转时限按最短的48小时估算"),
        Column("city", ("市", "城市"), _label),
        Column("district", ("区", "区县"), _label),
        Column(
            "paid_at",
            ("支付完成时间", "支付时间"),
            _t,
            missing_means="发货时钟改从订单提交时间起算（不晚于支付时间，截止时间只会更早）；两者都没有的订单需要核对",
        ),
        Column("submitted_at", ("订单提交时间", "下单时间"), _t),
        Column("promised_ship_at", ("承诺发货时间",), _t),
        Column("shipped_at", ("发货时间",), _t, missing_means="无法计算揽收时钟，也无法判断是否已发货"),
        Column("order_status", ("订单状态",), _label),
        Column("after_sale_status", ("售后状态",), _label),
        Column("packages", ("快递信息",), _s, missing_means="无法知道物流单号，揽收/分拨/中转时钟无法计算"),
        # Exports mask these (张**, 138****1234, ***) or encrypt them (imports.buyer): shared copies keep
        # 200,000 orders small.
        Column("buyer_name", ("收件人",), parse_buyer),
        Column("buyer_phone", ("收件人手机号", "收件人电话"), parse_buyer),
        Column("buyer_address", ("详细地址",), parse_buyer),
    ),
)

AFTER_SALES = FileKind(
    id="after_sales",
    title="售后单导出",
    key="after_sale_id",
    identity=("after_sale_id",),
    signature=(("售后单号",),),
    columns=(
        Column("after_sale_id", ("售后单号",), cells.parse_id, required=True),
        Column("order_id", ("订单号", "主订单编号", "订单编号"), cells.parse_id, required=True),
        Column("sub_order_id", ("商品单号", "子订单编号"), cells.parse_id),
        Column("product", ("商品名称",), _label),
        Column("type", ("售后类型",), _label, required=True),
        Column("status", ("售后状态",), _label),
        Column("applied_at", ("售后申请时间",), _t, missing_means="双11等活动的退货未签收时限无法按申请时间判断"),
        Column("approved_at", ("同意售后申请时间",), _t),
        Column(
            "return_tracking_no",
            ("退货物流单号",),
            cells.parse_tracking_no,
            missing_means="无法把退货包裹与快递轨迹对应",
        ),
        Column("return_shipped_at", ("退货发货时间",), _t, missing_means="无法计算退货未签收时钟"),
        Column("refunded_at", ("商家退款时间",), _t),
        Column("finished_at", ("售后完结时间",), _t),
        Column("closed_at", ("售后关闭时间",), _t),
        Column("exchange_tracking_no", ("换货物流单号",), cells.parse_tracking_no),
        Column("return_logistics_status", ("退货物流状态",), _label),
    ),
)

TRACKING = FileKind(
    id="tracking",
    title="快递轨迹表",
    key="tracking_no",
    identity=("tracking_no",),
    signature=(
        ("快递单号", "运单号", "物流单号"),
        (
            "揽收时间",
            "揽件时间",
            "首个分拨中心时间",
            "到达分拨中心时间",
            "首次分拨时间",
            "签收时间",
            "最新轨迹时间",
            "最后更新时间",
        ),
    ),
    columns=(
        Column("tracking_no", ("快递单号", "运单号", "物流单号"), cells.parse_tracking_no, required=True),
        Column("courier", ("快递公司", "物流公司"), _label),
        Column("picked_up_at", ("揽收时间", "揽件时间"), _t),
        Column("first_sort_at", ("首个分拨中心时间", "到达分拨中心时间", "首次分拨时间"), _t),
        Column("signed_at", ("签收时间",), _t),
        Column("last_update_at", ("最新轨迹时间", "最后更新时间"), _t),
    ),
)

KINDS = (ORDERS, AFTER_SALES, TRACKING)

REFUSED = (
    RefusedKind("结算单（结算明细）", (("结算时间", "结算金额", "结算单号"),)),
    RefusedKind("资金动账明细", (("动账时间", "动账流水号", "动帐流水号", "动账方向"),)),
)


def normalise_header(text: object) -> str:
    """Header text as compared: padding removed, full-width brackets made plain."""
    if text is None:
        return ""
    header = str(text).strip().lstrip("\ufeff\t'").strip()
    return header.replace("（", "(").replace("）", ")")


def _has_all(headers: set[str], signature: tuple[tuple[str, ...], ...]) -> bool:
    return all(any(name in headers for name in spellings) for spellings in signature)


def detect(headers: Iterable[str]) -> FileKind | RefusedKind | None:
    """The kind whose signature the (normalised) header row carries, or None."""
    present = set(headers)
    for kind in KINDS:
        if _has_all(present, kind.signature):
            return kind
    for refused in REFUSED:
        if _has_all(present, refused.signature):
            return refused
    return None


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """The merchant's answer for a header row ShopGuard did not recognise: its kind and which column is what."""

    kind: str  # a FileKind id
    columns: dict[str, str]  # field -> header text


def header_signature(headers: Iterable[str]) -> str:
    """Identifies a header row (the same export layout), so a mapping made once applies again."""
    names = [header for header in headers if header]
    return hashlib.sha1("\x1f".join(names).encode("utf-8")).hexdigest()


def kind_by_id(kind_id: str) -> FileKind:
    return next(kind for kind in KINDS if kind.id == kind_id)


def map_columns(
    kind: FileKind, headers: list[str], explicit: dict[str, str] | None = None
) -> tuple[dict[str, int], list[Column]]:
    """Column index for each field found, and the columns that are missing. `explicit` (field -> header)
    comes from a ColumnMapping and wins over the known spellings."""
    position = {}
    for index, header in enumerate(headers):
        position.setdefault(header, index)
    found: dict[str, int] = {}
    missing: list[Column] = []
    explicit = explicit or {}
    for column in kind.columns:
        spellings = (explicit[column.field],) if column.field in explicit else column.headers
        index = next((position[name] for name in spellings if name in position), None)
        if index is None:
            missing.append(column)
        else:
            found[column.field] = index
    return found, missing
