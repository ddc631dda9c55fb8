"""Creating a filing from orders in the store: coverage, evidence into the vault, text, record, package."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.filing.coverage import CoverageRow, check_coverage
from shopguard.core.filing.model import Area, EvidenceFile, Filing, ready_blockers
from shopguard.core.filing.notice_check import NoticeCover, covering_notices, notice_line
from shopguard.core.filing.package import build_package
from shopguard.core.filing.plan import draft_text, filing_window
from shopguard.core.filing.storage import save_filing
from shopguard.core.filing.vault import store_evidence
from shopguard.core.rules.notices import load_notices
from shopguard.core.rules.user_packs import all_packs
from shopguard.core.store.annotate import resolve_order_id
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import engine_settings, packs_in_use
from shopguard.core.store.snapshot import load_snapshot


@dataclass(frozen=True, slots=True)
class EvidenceInput:
    path: Path
    item: str
    elements: frozenset[str]


def coverage_for(store: Store, order_ids: list[str], period: tuple[datetime, datetime], area: Area,
                 as_of: datetime) -> list[CoverageRow]:  # fmt: skip
    """The fileable clocks of these orders, each checked against the period and area."""
    settings = engine_settings(store)
    rows: list[CoverageRow] = []
    for deadlines, lines in _order_clocks(store, order_ids, as_of):
        rows += check_coverage(deadlines, lines, period, area, settings.shop_province)
    return rows


def notices_covering(store: Store, order_ids: list[str], as_of: datetime) -> list[NoticeCover]:
    """The saved notices that already cover these orders' clocks (see filing.notice_check)."""
    deadlines = [deadline for clocks, _ in _order_clocks(store, order_ids, as_of) for deadline in clocks]
    return covering_notices(deadlines, load_notices(store.directory))


def _order_clocks(store: Store, order_ids: list[str], as_of: datetime):
    """Each order's clocks and order lines, under the packs and notices every triage uses."""
    settings = engine_settings(store)
    packs = packs_in_use(store, all_packs(store.directory))
    for order_id in dict.fromkeys(resolve_order_id(store, some_id) for some_id in order_ids):
        snapshot = load_snapshot(store, order_id)
        triage = compute_deadlines(snapshot.orders, snapshot.after_sales, snapshot.tracking, packs, settings, as_of)
        yield triage.deadlines, snapshot.orders


def create_filing(
    store: Store,
    filing: Filing,
    evidence: list[EvidenceInput],
    out_dir: Path | None,
    as_of: datetime,
    keep_draft: bool = False,
    coverage: list[CoverageRow] | None = None,
) -> tuple[Filing, list[CoverageRow], tuple[Path, Path] | None]:
    """Record the filing (ready when nothing blocks it, else draft; `keep_draft` saves a draft either way)
    and build its package into `out_dir` when one is given. `coverage` (say, with rows the merchant
    dropped) replaces the computed one."""
    if coverage is None:
        coverage = coverage_for(store, filing.order_ids, (filing.period_start, filing.period_end), filing.area, as_of)
    for item in evidence:
        sha256, vault_path = store_evidence(store.directory, item.path)
        filing.evidence.append(EvidenceFile(sha256, item.path.name, item.item, item.elements, str(vault_path)))
    if not filing.text:
        filing.text = draft_text(filing, coverage, notice_line(notices_covering(store, filing.order_ids, as_of)))
    # A 报备 whose deadline has passed cannot be "ready": it waits as a draft for the violation notice (申诉).
    waiting = filing_window(filing, coverage, as_of).latest is None and filing.notice_date is None
    blocked = keep_draft or waiting or ready_blockers(filing, sum(row.covered for row in coverage))
    filing.status = "draft" if blocked else "ready"
    filing.created_at = filing.created_at or as_of
    save_filing(store, filing, coverage)
    built = None
    if out_dir is not None:
        built = build_package(filing, coverage, out_dir, as_of)
        filing.package = str(built[0])
        save_filing(store, filing, coverage)
    return filing, coverage, built
