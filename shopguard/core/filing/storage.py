"""Filing records in the store: draft → ready → filed → approved / rejected."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from shopguard.core.clock import now
from shopguard.core.filing.coverage import CoverageRow
from shopguard.core.filing.model import STATUSES, Area, EvidenceFile, Filing, ready_blockers
from shopguard.core.store.codec import decode_time, encode_time
from shopguard.core.store.database import Store


class FilingError(ValueError):
    """A filing change that cannot be made; the message says why."""


def save_filing(store: Store, filing: Filing, coverage: list[CoverageRow]) -> int:
    """Insert (or replace) the filing with its clocks and evidence; returns its id."""
    blockers = ready_blockers(filing, sum(row.covered for row in coverage))
    if filing.status == "ready" and blockers:
        raise FilingError("还不能标为可提交：" + "；".join(blockers))
    stamp = now().isoformat()
    values = (
        filing.type, filing.cause, encode_time(filing.period_start), encode_time(filing.period_end),
        filing.area.province, filing.area.city, filing.area.district, filing.area.street, filing.status, filing.text,
        encode_time(filing.notice_date), filing.ticket, filing.reason, encode_time(filing.new_due),
        encode_time(filing.filed_at), filing.package, encode_time(filing.evidence_due),
    )  # fmt: skip
    with store.transaction() as db:
        if filing.id is None:
            filing.id = db.execute(
                "INSERT INTO filings (type, cause, period_start, period_end, province, city, district, street, status,"
                " text, notice_date, ticket, reason, new_due, filed_at, package, evidence_due, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*values, stamp, stamp),
            ).lastrowid
        else:
            db.execute(
                "UPDATE filings SET type=?, cause=?, period_start=?, period_end=?, province=?, city=?, district=?,"
                " street=?, status=?, text=?, notice_date=?, ticket=?, reason=?, new_due=?, filed_at=?, package=?,"
                " evidence_due=?, updated_at=? WHERE id=?",
                (*values, stamp, filing.id),
            )
            db.execute("DELETE FROM filing_clocks WHERE filing_id = ?", (filing.id,))
            db.execute("DELETE FROM filing_evidence WHERE filing_id = ?", (filing.id,))
        db.executemany(
            "INSERT INTO filing_clocks (filing_id, order_id, kind, tracking_no, due, covered, reason)"
            " VALUES (?,?,?,?,?,?,?)",
            [(filing.id, r.order_id, r.kind, r.tracking_no or "", encode_time(r.due), int(r.covered), r.reason)
             for r in coverage],
        )  # fmt: skip
        db.executemany(
            "INSERT INTO filing_evidence (filing_id, position, sha256, original_name, item, elements, vault_path)"
            " VALUES (?,?,?,?,?,?,?)",
            [(filing.id, n, e.sha256, e.original_name, e.item, json.dumps(sorted(e.elements), ensure_ascii=False),
              e.vault_path) for n, e in enumerate(filing.evidence)],
        )  # fmt: skip
    return filing.id


def load_filings(store: Store) -> list[tuple[Filing, list[CoverageRow]]]:
    db = store.connection
    clocks: dict[int, list[CoverageRow]] = {}
    for filing_id, order_id, kind, tracking_no, due, covered, reason in db.execute(
        "SELECT filing_id, order_id, kind, tracking_no, due, covered, reason FROM filing_clocks ORDER BY rowid"
    ):
        row = CoverageRow(order_id, kind, tracking_no or None, decode_time(due), bool(covered), reason)
        clocks.setdefault(filing_id, []).append(row)
    evidence: dict[int, list[EvidenceFile]] = {}
    for filing_id, sha256, name, item, elements, vault_path in db.execute(
        "SELECT filing_id, sha256, original_name, item, elements, vault_path"
        " FROM filing_evidence ORDER BY filing_id, position"
    ):
        evidence.setdefault(filing_id, []).append(
            EvidenceFile(sha256, name, item, frozenset(json.loads(elements)), vault_path)
        )
    filings = []
    for row in db.execute(
        "SELECT id, type, cause, period_start, period_end, province, city, district, street, status, text, notice_date,"
        " ticket, reason, new_due, filed_at, package, created_at, evidence_due FROM filings ORDER BY id"
    ):
        (filing_id, kind, cause, start, end, province, city, district, street, status, text, notice, ticket, reason,
         new_due, filed_at, package, created, evidence_due) = row  # fmt: skip
        coverage = clocks.get(filing_id, [])
        filing = Filing(
            kind, cause, decode_time(start), decode_time(end), Area(province, city, district, street),
            sorted({r.order_id for r in coverage}), filing_id, status, text, decode_time(notice), ticket, reason,
            decode_time(new_due), decode_time(filed_at), decode_time(created), evidence.get(filing_id, []), package,
            decode_time(evidence_due),
        )  # fmt: skip
        filings.append((filing, coverage))
    return filings


def _find(store: Store, filing_id: int) -> tuple[Filing, list[CoverageRow]]:
    found = {filing.id: (filing, coverage) for filing, coverage in load_filings(store)}
    if filing_id not in found:
        raise FilingError(f"没有编号为 {filing_id} 的报备")
    return found[filing_id]


EVIDENCE_HOURS = 24  # after-sales disputes: evidence normally within 24 h of the platform's request


def evidence_requested(store: Store, filing_id: int, at: datetime) -> Filing:
    """The platform asked for evidence at `at`: start the 24 h evidence clock on the filing."""
    filing, coverage = _find(store, filing_id)
    filing.evidence_due = at + timedelta(hours=EVIDENCE_HOURS)
    save_filing(store, filing, coverage)
    return filing


def set_notice_date(store: Store, filing_id: int, notice_date: datetime) -> Filing:
    """The violation notice arrived: the filing becomes an appeal, due 7 days after the notice."""
    filing, coverage = _find(store, filing_id)
    filing.notice_date = notice_date
    save_filing(store, filing, coverage)
    return filing


def set_status(
    store: Store, filing_id: int, status: str, ticket: str | None = None, reason: str | None = None,
    new_due: datetime | None = None,
) -> Filing:  # fmt: skip
    """Move a filing along: ready needs complete evidence, rejected needs the platform's reason."""
    if status not in STATUSES:
        raise FilingError(f"状态应为 {' / '.join(STATUSES)} 之一")
    filing, coverage = _find(store, filing_id)
    if status == "rejected" and not (reason or filing.reason):
        raise FilingError("标为已驳回时请用 --reason 写明平台给出的驳回原因")
    if new_due is not None and status != "approved":
        raise FilingError("新的考核时间只能随“已通过”一起填写")
    filing.status = status
    filing.ticket = ticket or filing.ticket
    filing.reason = reason or filing.reason
    filing.new_due = new_due or filing.new_due
    if status == "filed" and filing.filed_at is None:
        filing.filed_at = now()
    save_filing(store, filing, coverage)
    return filing
