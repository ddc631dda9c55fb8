"""The `shopguard triage` outputs: JSON (a stable contract), CSV and a readable morning list."""

from __future__ import annotations

import csv
import functools
import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import TextIO

from shopguard.core.clock import format_time, iso
from shopguard.core.deadlines.engine import STATUSES, Deadline, Triage, shipped_penalty_tables
from shopguard.core.records import Problem
from shopguard.core.rules.packs import CLOCKS
from shopguard.core.triage.buckets import BUCKETS, bucket_of, describe_left
from shopguard.core.triage.iso_text import MomentValues
from shopguard.core.triage.money_totals import ZERO, describe_money, money_at_risk
from shopguard.core.triage.product_risk import describe_product_risk, product_risk
from shopguard.core.triage.shop_risk import describe_shop_risk, shop_risk

FIELDS = (
    "kind", "order_id", "after_sale_id", "tracking_no", "start", "due", "done", "status", "seconds_left",
    "rule", "explanation", "rule_title", "verified", "bucket", "sub_order_ids", "product", "courier",
    "money_at_risk", "money_incurred", "money_basis", "handled", "note", "correction", "filing_mark",
)  # fmt: skip


def deadline_dict(deadline: Deadline) -> dict:
    return {
        "kind": deadline.kind,
        "order_id": deadline.order_id,
        "after_sale_id": deadline.after_sale_id,
        "tracking_no": deadline.tracking_no,
        "start": iso(deadline.start),
        "due": iso(deadline.due),
        "done": iso(deadline.done),
        "status": deadline.status,
        "seconds_left": deadline.seconds_left,
        "rule": deadline.rule,
        "explanation": deadline.explanation,
        "rule_title": deadline.rule_title,
        "verified": deadline.verified,
        "bucket": bucket_of(deadline),
        "sub_order_ids": list(deadline.sub_order_ids),
        "product": deadline.product,
        "courier": deadline.courier,
        "money_at_risk": deadline.money_at_risk,
        "money_incurred": deadline.money_incurred,
        "money_basis": deadline.money_basis,
        "handled": deadline.handled,
        "note": deadline.note,
        "correction": deadline.correction,
        "filing_mark": deadline.filing_mark,  # "已报备 #3" while a submitted filing covers the clock
    }


def _pack_dict(pack) -> dict:
    return {"id": pack.id, "name": pack.name, "kind": pack.kind, "path": pack.path}


def write_json(triage: Triage, problems: list[Problem], out: TextIO, problems_not_listed: int = 0) -> None:
    """Streamed a batch of deadlines at a time: 200,000 orders make a large document, never held whole.
    `problems_not_listed`: import problems counted beyond those the importer keeps (importer.LISTED_PROBLEMS)."""
    head = {"as_of": iso(triage.as_of), "rule_packs": [_pack_dict(p) for p in triage.packs]}
    out.write(json.dumps(head, ensure_ascii=False)[:-1])
    out.write(', "deadlines": [')
    line = _JsonLines()
    deadlines = triage.deadlines
    for first in range(0, len(deadlines), _JSON_BATCH):
        batch = deadlines[first : first + _JSON_BATCH]
        out.write(("\n" if first == 0 else ",\n") + ",\n".join(map(line, batch)))
    out.write("\n], ")
    tail = {
        "problems": [problem.as_dict() for problem in problems],
        "problems_not_listed": problems_not_listed,
        "notices": triage.notices,
        "counts": line.counts,  # bucket_counts(triage.deadlines), counted as they were written
        "shop_risk": shop_risk(triage.deadlines, triage.as_of, shipped_penalty_tables()).as_dict(),
        "product_risk": product_risk(triage.deadlines, triage.as_of, shipped_penalty_tables()).as_dict(),
    }
    out.write(json.dumps(tail, ensure_ascii=False)[1:])
    out.write("\n")


_JSON_BATCH = 2000  # deadlines per write: few calls into the file object, little text held at once


class _EncodedOnce(dict):
    """text -> its JSON string literal, encoded on first use; a hit costs no Python call at all."""

    def __missing__(self, text: str) -> str:
        encoded = self[text] = encode_basestring(text)
        return encoded


class _JsonLines:
    """One deadline as a JSON object, the same as `json.dumps(deadline_dict(d))` but about twice as fast.

    Rule names, explanations, products and couriers repeat across thousands of clocks, so each is encoded
    once, and so is each moment (iso_text). The buckets written are counted on the way (`counts`), so the
    document's counts need no second pass. tests/core/triage/test_output.py keeps this identical to deadline_dict.
    """

    def __init__(self) -> None:
        self._shared = _EncodedOnce({None: "null"})
        self._moment = MomentValues().value
        self.counts = dict.fromkeys(BUCKETS, 0)  # the clocks written per bucket, in BUCKETS order

    def __call__(self, d: Deadline) -> str:
        shared = self._shared
        encode = encode_basestring
        moment = self._moment
        q = '"'  # a quote inside the f-string's expressions (Python 3.11 allows no backslash or same quote there)
        ids = d.sub_order_ids
        bucket = bucket_of(d)
        self.counts[bucket] += 1
        # One f-string of conditional expressions, not helper calls nor `%` with a tuple (a tenth slower):
        # this runs once per clock, 200,000 times a triage.
        return (
            f'{{"kind": {shared[d.kind]}, '
            f'"order_id": {"null" if d.order_id is None else encode(d.order_id)}, '
            f'"after_sale_id": {"null" if d.after_sale_id is None else encode(d.after_sale_id)}, '
            f'"tracking_no": {"null" if d.tracking_no is None else encode(d.tracking_no)}, '
            f'"start": {moment(d.start)}, '  # null when it cannot start
            f'"due": {moment(d.due)}, '
            f'"done": {moment(d.done)}, '
            f'"status": {shared[d.status]}, '
            f'"seconds_left": {"null" if d.seconds_left is None else d.seconds_left}, '
            f'"rule": {shared[d.rule]}, '
            f'"explanation": {shared[d.explanation]}, '
            f'"rule_title": {shared[d.rule_title]}, '
            f'"verified": {"true" if d.verified else "false"}, '
            f'"bucket": {shared[bucket]}, '
            # Nearly every clock has one sub-order.
            f'"sub_order_ids": [{encode(ids[0]) if len(ids) == 1 else ", ".join(map(encode, ids))}], '
            f'"product": {shared[d.product]}, '
            f'"courier": {shared[d.courier]}, '
            f'"money_at_risk": {"null" if d.money_at_risk is None else q + d.money_at_risk + q}, '
            f'"money_incurred": {"null" if d.money_incurred is None else q + d.money_incurred + q}, '
            f'"money_basis": {shared[d.money_basis]}, '
            f'"handled": {"true" if d.handled else "false"}, '
            f'"note": {"null" if d.note is None else encode(d.note)}, '
            f'"correction": {"null" if d.correction is None else encode(d.correction)}, '
            f'"filing_mark": {"null" if d.filing_mark is None else encode(d.filing_mark)}}}'
        )


# A CSV cell starting with one of these is run as a formula by Excel, WPS and LibreOffice when the file is
# opened (=HYPERLINK(…), +cmd|…, -2+3, @SUM(…); a leading TAB or CR is dropped before the formula is seen).
FORMULA_STARTS = frozenset("=+-@\t\r")


def write_csv(triage: Triage, out: TextIO) -> None:
    """The clocks as CSV, the FIELDS of the JSON. Text is data, never a formula: as the .xlsx writers write such
    text as a string cell (core.xlsx_text), a CSV text cell starting with = + - @ (or TAB, CR) gets an apostrophe
    in front, which spreadsheets take as "this is text". Numbers (a negative seconds_left) are left as they are;
    the JSON is never changed."""
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    starts = FORMULA_STARTS
    for deadline in triage.deadlines:
        row = deadline_dict(deadline)
        row["sub_order_ids"] = " ".join(row["sub_order_ids"])
        values = [row[name] for name in FIELDS]
        writer.writerow(["'" + value if value.__class__ is str and value[:1] in starts else value for value in values])


def bucket_counts(deadlines: list[Deadline]) -> dict[str, int]:
    counts = Counter(bucket_of(deadline) for deadline in deadlines)
    return {bucket: counts.get(bucket, 0) for bucket in BUCKETS}


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two. Called for every cell of a long table, so ASCII is quick."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# The morning list's sections, most urgent first: (heading, buckets). 需要核对 comes right after 已超时: a clock
# that cannot be judged may already be late, and only the merchant can supply what is missing.
SECTIONS = (
    (BUCKETS["overdue"], ("overdue",)),
    (BUCKETS["check"], ("check",)),
    (STATUSES["pending"], ("within_6h", "within_24h", "later")),
    (BUCKETS["closed"], ("closed",)),
)
_SECTION_OF = {bucket: heading for heading, buckets in SECTIONS for bucket in buckets}
_CHECK_HEADING = "算不出截止时间或数据前后矛盾，可能已经超时，请按每行下面的说明核对"
TABLE_HEADERS = ("状态", "剩余时间", "时钟", "订单号", "物流/售后单号", "截止时间", "可能扣款", "规则", "商品", "备注")

Section = tuple[str, list[Deadline]]


def write_table(
    triage: Triage,
    problems: list[Problem],
    out: TextIO,
    show_all: bool = False,
    limit: int | None = None,
    money_for: Callable[[list[Deadline]], None] | None = None,
) -> None:
    """The morning list: counts per bucket, then the most urgent clocks (at most `limit`) section by section,
    notices, problems. `money_for(clocks)` fills in the money of the clocks listed, when the triage was
    computed without (engine.attach_money): nothing else in the list depends on it."""
    counts = bucket_counts(triage.deadlines)
    out.write(f"ShopGuard 晨间清单 · 截至 {format_time(triage.as_of)}（北京时间）\n")
    out.write("规则包：" + "、".join(pack.name_with_state for pack in triage.packs) + "\n")
    out.write("  ".join(f"{BUCKETS[b]} {n}" for b, n in counts.items()) + "\n")
    out.write(describe_shop_risk(shop_risk(triage.deadlines, triage.as_of, shipped_penalty_tables())) + "\n")
    products = describe_product_risk(product_risk(triage.deadlines, triage.as_of, shipped_penalty_tables()))
    if products:  # only when a product is at or near a ban
        out.write(products + "\n")
    sections = _sections(triage.deadlines, show_all)
    shown = _most_urgent(sections, limit)
    if money_for is not None:
        money_for([deadline for _, clocks in shown for deadline in clocks])
    listed, shown_count = _count(sections), _count(shown)
    if shown:
        _write_sections(shown, out)
    else:
        out.write("\n没有待处理的时钟。\n")
    if shown_count < listed:
        unlisted_checks = counts["check"] - _count(section for section in shown if section[0] == BUCKETS["check"])
        among = f"，其中需要核对 {unlisted_checks} 个" if unlisted_checks else ""
        out.write(
            f"\n只列出最紧急的 {shown_count} 个；另有 {listed - shown_count} 个未列出{among}（--limit 0 列出全部）。\n"
        )
    finished = len(triage.deadlines) - listed
    if finished:
        out.write(f"\n另有 {finished} 个已完成或豁免的时钟未列出（加 --all 显示）。\n")
    for notice in triage.notices:
        out.write(f"\n提示：{notice}\n")
    if problems:
        out.write(f"\n导入问题（{len(problems)}）：\n")
        for problem in problems:
            out.write(f"  {describe_problem(problem)}\n")


def _sections(deadlines: list[Deadline], show_all: bool) -> list[Section]:
    """The listed clocks by section, each in the triage's order; finished and exempt ones only with --all."""
    grouped: dict[str, list[Deadline]] = {heading: [] for heading, _ in SECTIONS}
    for deadline in deadlines:
        bucket = bucket_of(deadline)
        if show_all or bucket != "closed":
            grouped[_SECTION_OF[bucket]].append(deadline)
    return [(heading, clocks) for heading, clocks in grouped.items() if clocks]


def _most_urgent(sections: list[Section], limit: int | None) -> list[Section]:
    if not limit:
        return sections
    kept: list[Section] = []
    for heading, clocks in sections:
        room = limit - _count(kept)
        if room <= 0:
            break
        kept.append((heading, clocks[:room]))
    return kept


def _count(sections) -> int:
    return sum(len(clocks) for _, clocks in sections)


def _table_row(d: Deadline) -> tuple[str, ...]:
    return (
        STATUSES[d.status],
        describe_left(d),
        CLOCKS[d.kind],
        d.order_id or "",
        d.after_sale_id or d.tracking_no or "",
        format_time(d.due) or "—",
        describe_money(d),
        d.rule_title + ("（默认值，未核实）" if not d.verified and d.rule else ""),
        _shorten(d.product or "", 12),
        _shorten(
            (f"【{d.filing_mark}】" if d.filing_mark else "") + ("【已处理】" if d.handled else "") + (d.note or ""), 20
        ),
    )


def _write_sections(sections: list[Section], out: TextIO) -> None:
    """Each section under its heading and the column names; columns line up across sections. A 需要核对 clock
    has its explanation (what is missing, what to do) on the line below it."""
    tables = [(heading, clocks, [_table_row(d) for d in clocks]) for heading, clocks in sections]
    totals = {heading: sum((money_at_risk(d) for d in clocks), ZERO) for heading, clocks in sections}
    width = functools.lru_cache(maxsize=65536)(_width)  # statuses, rules and products repeat
    every_row = [TABLE_HEADERS, *(row for _, _, rows in tables for row in rows)]
    widths = [max(width(row[i]) for row in every_row) for i in range(len(TABLE_HEADERS))]

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row)).rstrip() + "\n"

    for heading, clocks, rows in tables:
        checking = heading == BUCKETS["check"]
        money = f"，可能扣款合计 ¥{totals[heading]}" if totals[heading] else ""
        out.write(f"\n【{heading}】{len(clocks)} 个{money}" + (f"：{_CHECK_HEADING}" if checking else "") + "\n")
        out.write(line(TABLE_HEADERS))
        for deadline, row in zip(clocks, rows, strict=True):
            out.write(line(row))
            if checking:
                out.write(f"    说明：{deadline.explanation}\n")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_problem(problem: Problem) -> str:
    where = [problem.file]
    if problem.row is not None:
        where.append(f"第 {problem.row} 行")
    if problem.column:
        where.append(f"「{problem.column}」列")
    return " ".join(where) + f"：{problem.message}"
