"""A filing (报备 or 申诉) as the merchant builds it, and its evidence files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from shopguard.core.filing.catalogue import ITEMS, requirements

STATUSES = {"draft": "草稿", "ready": "可提交", "filed": "已提交", "approved": "已通过", "rejected": "已驳回"}


@dataclass(frozen=True, slots=True)
class Area:
    province: str | None = None
    city: str | None = None
    district: str | None = None
    street: str | None = None

    @classmethod
    def parse(cls, text: str) -> Area:
        """`浙江省/杭州市/余杭区[/街道]`; missing parts stay None."""
        parts = [part.strip() or None for part in text.replace("／", "/").split("/")] + [None] * 4
        return cls(*parts[:4])

    def describe(self) -> str:
        return "".join(part for part in (self.province, self.city, self.district, self.street) if part) or "（未填写）"


@dataclass(slots=True)
class EvidenceFile:
    sha256: str
    original_name: str
    item: str  # an ITEMS id
    elements: frozenset[str] = frozenset()  # the elements the merchant confirmed this file shows
    vault_path: str = ""


@dataclass(slots=True)
class Filing:
    type: str
    cause: str | None
    period_start: datetime
    period_end: datetime
    area: Area
    order_ids: list[str]
    id: int | None = None
    status: str = "draft"
    text: str = ""
    notice_date: datetime | None = None  # set for a 申诉 (appeal after a violation notice)
    ticket: str | None = None
    reason: str | None = None
    new_due: datetime | None = None
    filed_at: datetime | None = None
    created_at: datetime | None = None
    evidence: list[EvidenceFile] = field(default_factory=list)
    package: str | None = None
    evidence_due: datetime | None = None  # the platform asked for evidence: due by then (24 h clock)

    @property
    def label(self) -> str:
        """What the merchant calls it: 申诉 (an appeal after a violation notice) or 报备."""
        return "申诉" if self.notice_date is not None else "报备"


def ready_blockers(filing: Filing, covered_clocks: int) -> list[str]:
    """Why the filing cannot be submitted yet: no covered clock, or evidence still missing."""
    blockers = [] if covered_clocks else ["没有一个时钟在影响时段和区域内"]
    return blockers + missing_evidence(filing)


def missing_evidence(filing: Filing) -> list[str]:
    """What still blocks "ready": each requirement needs one attached item with every element ticked."""
    complete = {file.item for file in filing.evidence if set(ITEMS[file.item].elements) <= file.elements}
    missing = []
    for requirement in requirements(filing.type, filing.cause):
        if not complete & set(requirement.any_of):
            missing.append(requirement.label())
    if any(file.item == "supplier-proof" for file in filing.evidence):
        if not complete & {"news", "courier-certificate", "government-notice"}:
            missing.append("上游供应商证明须搭配新闻报道、快递网点证明或政府通知")
    return missing
