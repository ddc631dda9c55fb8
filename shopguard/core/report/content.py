"""What the morning report says, computed once from a triage."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from shopguard.core.deadlines.engine import Deadline, Triage, shipped_penalty_tables
from shopguard.core.filing.coverage import CoverageRow
from shopguard.core.filing.model import Filing
from shopguard.core.records import OrderLine
from shopguard.core.triage.buckets import BUCKETS, bucket_of
from shopguard.core.triage.money_totals import totals_per_bucket
from shopguard.core.triage.notices import notice_texts
from shopguard.core.triage.product_risk import ProductRisk, product_risk
from shopguard.core.triage.shop_risk import ShopRisk, shop_risk

LOGISTICS = ("pickup", "first_sort", "transit")
AFTER_SALES = ("return_refund", "exchange", "return_receipt")
# Today's to-do list: what ran out, what cannot be judged (it may have run out: check it today), what runs out
# within 24 hours.
TODO_BUCKETS = ("overdue", "check", "within_6h", "within_24h")
HOURS_AHEAD = 48
FINISHED = ("met", "missed", "exempt")  # how a finished clock ended; the report counts them, lists them on request


@dataclass(slots=True)
class ReportContent:
    as_of: datetime
    deadlines: list[Deadline]
    counts: dict[str, int]  # bucket -> clocks
    by_kind: dict[str, dict[str, int]]  # clock kind -> bucket -> clocks
    by_courier: dict[str, dict[str, int]]  # courier -> bucket -> clocks
    next_hours: list[tuple[datetime, int]]  # start of each of the next 48 hours, clocks due in it
    todo: list[Deadline]
    later: list[Deadline] = field(default_factory=list)  # open clocks due after the to-do list's 24 hours
    finished_by_kind: dict[str, dict[str, int]] = field(default_factory=dict)  # clock kind -> FINISHED -> clocks
    filings: list[tuple[Filing, list[CoverageRow]]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    rule_packs: list[str] = field(default_factory=list)
    # order id -> (name, masked phone, address); None: the merchant did not ask for buyer details
    buyers: dict[str, tuple[str, str, str]] | None = None
    shop_risk: ShopRisk | None = None  # today's late ship clocks against the selling limits
    product_risk: ProductRisk | None = None  # products at or near a ban today
    money_totals: dict[str, Decimal] = field(default_factory=dict)  # bucket -> money at risk of its open clocks

    @property
    def overdue(self) -> int:
        return self.counts.get("overdue", 0)

    @property
    def to_check(self) -> int:
        return self.counts.get("check", 0)


def mask_phone(phone: str | None) -> str:
    """`13812341234` → `138****1234`; exports that are already masked stay as they are."""
    if not phone:
        return ""
    digits = phone.strip()
    return digits if "*" in digits or len(digits) < 7 else f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def buyer_details(orders: list[OrderLine]) -> dict[str, tuple[str, str, str]]:
    details = {}
    for line in orders:
        if line.buyer_name or line.buyer_phone or line.buyer_address:
            details[line.order_id] = (line.buyer_name or "", mask_phone(line.buyer_phone), line.buyer_address or "")
    return details


def build_content(
    triage: Triage,
    filings: list[tuple[Filing, list[CoverageRow]]] = (),
    buyers: dict[str, tuple[str, str, str]] | None = None,
) -> ReportContent:
    """Everything the workbook, the HTML and the subject line need; deadlines stay in urgency order."""
    deadlines = triage.deadlines
    buckets = [bucket_of(deadline) for deadline in deadlines]
    counts = Counter(buckets)
    # Counting tuples in one Counter each (counted in C) rather than a Counter per key: 200,000 clocks add up.
    by_kind: dict[str, dict[str, int]] = {}
    for (kind, bucket), count in Counter(zip([d.kind for d in deadlines], buckets, strict=True)).items():
        by_kind.setdefault(kind, {})[bucket] = count
    by_courier: dict[str, dict[str, int]] = {}
    for (courier, bucket), count in Counter(
        (d.courier, bucket) for d, bucket in zip(deadlines, buckets, strict=True) if d.courier
    ).items():
        by_courier.setdefault(courier, {})[bucket] = count
    finished: dict[str, dict[str, int]] = {}
    for (kind, status), count in Counter(
        (d.kind, d.status) for d, bucket in zip(deadlines, buckets, strict=True) if bucket == "closed"
    ).items():
        finished.setdefault(kind, {})[status] = count
    todo = [d for d, bucket in zip(deadlines, buckets, strict=True) if bucket in TODO_BUCKETS]
    later = [d for d, bucket in zip(deadlines, buckets, strict=True) if bucket == "later"]
    start = triage.as_of.replace(minute=0, second=0, microsecond=0)
    limit = start + timedelta(hours=HOURS_AHEAD)
    hours = Counter(
        int((d.due - start).total_seconds() // 3600) for d in deadlines if d.status == "pending" and d.due < limit
    )
    return ReportContent(
        as_of=triage.as_of,
        deadlines=triage.deadlines,
        counts={bucket: counts.get(bucket, 0) for bucket in BUCKETS},
        by_kind=by_kind,
        by_courier=dict(sorted(by_courier.items())),
        next_hours=[(start + timedelta(hours=hour), hours.get(hour, 0)) for hour in range(HOURS_AHEAD)],
        todo=todo,
        later=later,
        finished_by_kind=finished,
        filings=list(filings),
        notices=notice_texts(triage),  # as the window's banner says them
        rule_packs=[pack.name_with_state for pack in triage.packs],  # a pack waiting for an answer says so
        buyers=buyers,
        shop_risk=shop_risk(triage.deadlines, triage.as_of, shipped_penalty_tables()),
        product_risk=product_risk(triage.deadlines, triage.as_of, shipped_penalty_tables()),
        money_totals=totals_per_bucket(triage.deadlines),
    )
