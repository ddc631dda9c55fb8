"""What to do about each kind of clock, and where in 抖店 to do it."""

from __future__ import annotations

from dataclasses import dataclass

from shopguard.core.deadlines.engine import Deadline

REPORT_CENTRE = "抖店后台 → 保障中心 → 报备中心"
APPEAL_CENTRE = "店铺 → 店铺保障 → 申诉中心（收到违规通知后 7 个自然日内）"
SERVICE_TICKETS_PC = "抖店后台 → 售后 → 服务请求 → 服务单"
SERVICE_TICKETS_APP = "抖店首页 → 常用应用 → 服务单管理"


@dataclass(frozen=True, slots=True)
class Action:
    todo: str
    where: tuple[str, ...]


_LOGISTICS_FILING = (
    f"天气、停电、灾害、会议赛事等原因导致无法按时揽收或更新物流时，在截止前报备：{REPORT_CENTRE}",
    f"已收到违规通知：{APPEAL_CENTRE}",
)

ACTIONS = {
    "ship": Action(
        "在截止前发货并上传物流单号；买家要求延迟或地址有误时先报备。",
        (
            "抖店后台 → 订单 → 订单管理 → 待发货",
            f"买家要求延迟发货 / 地址异常：{REPORT_CENTRE}",
            f"已收到违规通知：{APPEAL_CENTRE}",
        ),
    ),
    "pickup": Action(
        "联系快递网点尽快揽收，确认快递官网出现揽收记录。", ("快递网点 / 快递公司客服", *_LOGISTICS_FILING)
    ),
    "first_sort": Action(
        "催快递网点把包裹发往分拨中心；揽收后长时间没有分拨记录会被判虚假发货。",
        ("快递网点 / 快递公司客服", *_LOGISTICS_FILING),
    ),
    "transit": Action("联系快递公司核实包裹为何停滞，必要时补发或与买家沟通。", ("快递公司客服", *_LOGISTICS_FILING)),
    "return_refund": Action(
        "退货已签收：检查商品后按时退款，或在服务单中处理异常。", (SERVICE_TICKETS_PC, SERVICE_TICKETS_APP)
    ),
    "exchange": Action("退货已签收：按时发出换货并上传换货物流单号。", (SERVICE_TICKETS_PC, SERVICE_TICKETS_APP)),
    "return_receipt": Action(
        "买家已寄回但迟迟未签收：查询退货物流，在时限内确认收货并退款或处理。",
        (SERVICE_TICKETS_PC, SERVICE_TICKETS_APP),
    ),
}


def what_to_do(deadline: Deadline) -> str:
    """Today's step for this clock. One that cannot be judged (需要核对) is checked first: its explanation, which
    starts 需要核对： or 无法计算：, says what is missing and how to put it right; the clock's usual step only makes
    sense once its due time is known."""
    if deadline.status == "unknown":
        return deadline.explanation
    return ACTIONS[deadline.kind].todo
