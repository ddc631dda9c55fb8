"""Which clocks the desktop warns about: a clock is announced once, when it comes within its lead time of
turning overdue (per clock kind: by default 2 hours for 发货 and 揽收, the clocks a shop can still save in
that time), and each check makes at most one notification, however many clocks came due, so that a morning
with 300 orders is one message, not 300."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from shopguard.core.deadlines.engine import Deadline
from shopguard.core.rules.packs import CLOCKS
from shopguard.core.triage.buckets import describe_span

DEFAULT_LEADS = {"ship": 120, "pickup": 120}  # minutes before due; kinds not listed are not announced
SHOWN = 3  # orders named in the notification; the rest counted


class LeadsError(ValueError):
    """A lead-time setting the merchant typed that cannot be used."""


_BY_NAME = {name: kind for kind, name in CLOCKS.items()}


def parse_leads(text: str | None) -> dict[str, int]:
    """`发货=120, 揽收=90` (or `ship=120,pickup=90`) → minutes per clock kind; empty text: the defaults."""
    if not text or not text.strip():
        return dict(DEFAULT_LEADS)
    leads = {}
    for part in filter(None, (piece.strip() for piece in re.split(r"[,，;；]", text))):
        match = re.fullmatch(r"(\w+)\s*[=＝]\s*(\d+)", part)
        kind = _BY_NAME.get(match.group(1), match.group(1)) if match else None
        if kind not in CLOCKS:
            raise LeadsError(f"「{part}」应写成 时钟=分钟，如 发货=120（时钟：{'、'.join(CLOCKS.values())}）")
        leads[kind] = int(match.group(2))
    return leads


def format_leads(leads: dict[str, int]) -> str:
    return ", ".join(f"{CLOCKS[kind]}={minutes}" for kind, minutes in leads.items())


def clock_key(deadline: Deadline) -> str:
    """One clock, across reloads: its kind, what it belongs to and its due time (a new due time is news)."""
    due = deadline.due.isoformat() if deadline.due else ""
    return "|".join((deadline.kind, deadline.order_id or "", deadline.after_sale_id or "",
                     deadline.tracking_no or "", due))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Reminder:
    title: str
    text: str
    order_id: str | None  # the most urgent order: clicking the notification opens it
    keys: frozenset[str]  # the clocks it announces


def due_soon(deadlines: list[Deadline], as_of: datetime, leads: dict[str, int]) -> list[tuple[Deadline, int]]:
    """(clock, seconds left at `as_of`) for open clocks, not marked handled, due within their kind's lead time;
    soonest first. The clocks may have been judged at another moment: the time left is taken from `as_of`."""
    soon = []
    for deadline in deadlines:
        lead = leads.get(deadline.kind)
        if lead is None or deadline.handled or deadline.due is None or deadline.status not in ("pending", "overdue"):
            continue
        left = int((deadline.due - as_of).total_seconds())
        if 0 < left <= lead * 60:
            soon.append((deadline, left))
    return sorted(soon, key=lambda pair: pair[1])


def next_reminder(deadlines: list[Deadline], as_of: datetime, leads: dict[str, int],
                  announced: set[str]) -> Reminder | None:  # fmt: skip
    """The one notification this check makes (None: nothing new), naming the first few clocks."""
    new = [(d, left) for d, left in due_soon(deadlines, as_of, leads) if clock_key(d) not in announced]
    if not new:
        return None
    lines = [f"{d.order_id or d.after_sale_id or d.tracking_no} {CLOCKS[d.kind]} 还剩 {describe_span(left)}"
             for d, left in new[:SHOWN]]  # fmt: skip
    if len(new) > SHOWN:
        lines.append(f"还有 {len(new) - SHOWN} 条")
    title = f"ShopGuard：{len(new)} 条即将超时" if len(new) > 1 else "ShopGuard：1 条即将超时"
    return Reminder(title, "\n".join(lines), new[0][0].order_id, frozenset(clock_key(d) for d, _ in new))
