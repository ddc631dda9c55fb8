"""Does a filing cover an order's deadline? Its due time must lie in the affected period, and the affected
area must match the side the clock depends on: where the shop ships from for ship and pickup, the buyer's
address for sorting and transit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shopguard.core.deadlines.engine import Deadline
from shopguard.core.filing.catalogue import FILEABLE_CLOCKS
from shopguard.core.filing.model import Area
from shopguard.core.records import OrderLine
from shopguard.core.rules.regions import short_province

SHOP_SIDE = ("ship", "pickup")


@dataclass(frozen=True, slots=True)
class CoverageRow:
    order_id: str
    kind: str
    tracking_no: str | None
    due: datetime | None
    covered: bool
    reason: str


def _city(name: str | None) -> str | None:
    return name.strip().removesuffix("市") if name else None


def _area_matches(wanted: Area, province: str | None, city: str | None, district: str | None) -> tuple[bool, str]:
    if wanted.province and short_province(wanted.province) != short_province(province):
        return False, f"省份不符（{province or '未知'}）"
    if wanted.city:
        if city is None:
            return True, "只核对了省份（市未知，按覆盖计，提交前请确认）"
        if _city(wanted.city) != _city(city):
            return False, f"城市不符（{city}）"
    if wanted.district:
        if district is None:
            return True, "只核对了省市（区县未知，按覆盖计，提交前请确认）"
        if wanted.district.strip() != district.strip():
            return False, f"区县不符（{district}）"
    return True, "时间和区域都在范围内"


def check_coverage(
    deadlines: list[Deadline],
    lines: list[OrderLine],
    period: tuple[datetime, datetime],
    area: Area,
    shop_province: str | None,
) -> list[CoverageRow]:
    """One row per fileable clock of the given orders' deadlines."""
    buyer = {line.order_id: (line.province, line.city, line.district) for line in lines}
    start, end = period
    rows = []
    for deadline in deadlines:
        if deadline.kind not in FILEABLE_CLOCKS or deadline.status in ("met", "exempt"):
            continue
        due_unknown = deadline.status == "unknown" and deadline.due is None
        if not due_unknown and (deadline.due is None or not start <= deadline.due <= end):
            reason = "截止时间不在影响时段内"
            rows.append(
                CoverageRow(deadline.order_id, deadline.kind, deadline.tracking_no, deadline.due, False, reason)
            )
            continue
        if deadline.kind in SHOP_SIDE and not shop_province and area.province:
            covered, reason = False, "未设置店铺发货省份，无法核对发货地区（在设置中填写）"
        elif deadline.kind in SHOP_SIDE:
            covered, reason = _area_matches(area, shop_province, None, None)
        else:
            covered, reason = _area_matches(area, *buyer.get(deadline.order_id, (None, None, None)))
        if due_unknown and covered:
            # The merchant picked this order for the filing and its due time cannot be computed (需要核对): it
            # may well fall inside the period. Count it in, as an unknown city is, and say to check it: an
            # order left out of a filing is penalised, one listed too many at worst is not excused.
            reason = "截止时间无法计算（需要核对），按覆盖计；提交前请核对该订单的时间是否在影响时段内"
        rows.append(CoverageRow(deadline.order_id, deadline.kind, deadline.tracking_no, deadline.due, covered, reason))
    return rows
