"""What can be filed and what evidence the platform accepts (《商家申诉举证标准》, 2026-08, and the 2023
Double 11 guide). Element lists are the things a reviewer looks for; a file counts only for the elements
the merchant confirms it shows."""

from __future__ import annotations

from dataclasses import dataclass

FILING_TYPES = {
    "force-majeure": "不可抗力因素",
    "address": "消费者地址异常",
    "buyer-delay": "消费者要求延迟发货",
}
CAUSES = {
    "disaster": "自然灾害",
    "epidemic": "疫情",
    "power-cut": "停电",
    "weather": "天气因素",
    "event": "会议赛事",
    "fire": "火灾",
    "other": "其他",
}
# Clocks a filing can excuse: shipping and logistics (after-sales deadlines are not filed this way).
FILEABLE_CLOCKS = ("ship", "pickup", "first_sort", "transit")


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    id: str
    label: str
    elements: tuple[str, ...]
    note: str = ""


ITEMS = {
    item.id: item
    for item in (
        EvidenceItem("news", "新闻报道", ("认证媒体名称", "影响时段", "影响的区/县/街道", "报道时间")),
        EvidenceItem(
            "courier-certificate",
            "快递网点证明",
            ("网点信息", "问题描述", "影响时段", "影响的区/县/街道", "网点红章（地市级及以上）", "出具日期"),
            "公司名称须与印章一致",
        ),
        EvidenceItem("government-notice", "政府网站通知", ("发布机关", "影响时段", "影响的区/县/街道", "发布时间")),
        EvidenceItem(
            "supplier-proof",
            "上游供应商证明",
            ("合同首页和尾页", "双方公司名称", "地址", "有效期", "盖章", "签约方为本店主体"),
            "只能与新闻报道、快递网点证明或政府通知一起使用",
        ),
        EvidenceItem(
            "power-notice", "停电通知或证明", ("供电局或村委会名称", "停电时段", "停电区域", "盖章或发布时间")
        ),
        EvidenceItem("fire-record", "消防出警记录", ("出警单位", "出警时间", "地点")),
        EvidenceItem("buyer-chat", "买家聊天记录", ("买家提出延迟发货的请求", "约定的发货日期")),
        EvidenceItem("courier-address-record", "快递地址异常记录", ("快递公司", "运单号", "地址异常说明", "记录时间")),
    )
}


@dataclass(frozen=True, slots=True)
class Requirement:
    """One of `any_of` must be attached with all its elements ticked."""

    any_of: tuple[str, ...]

    def label(self) -> str:
        return " 或 ".join(ITEMS[item].label for item in self.any_of)


_PUBLIC_PROOF = Requirement(("news", "courier-certificate", "government-notice"))


def requirements(filing_type: str, cause: str | None) -> tuple[Requirement, ...]:
    if filing_type == "address":
        return (Requirement(("courier-address-record",)), Requirement(("buyer-chat",)))
    if filing_type == "buyer-delay":
        return (Requirement(("buyer-chat",)),)
    if cause == "power-cut":
        return (Requirement(("power-notice", "news", "government-notice")),)
    if cause == "fire":
        return (Requirement(("fire-record",)),)
    return (_PUBLIC_PROOF,)


def items_for(filing_type: str, cause: str | None) -> tuple[str, ...]:
    """Evidence items offered for this filing: the required ones, plus supplier proof for force majeure."""
    offered = [item for requirement in requirements(filing_type, cause) for item in requirement.any_of]
    if filing_type == "force-majeure":
        offered.append("supplier-proof")
    return tuple(dict.fromkeys(offered))
