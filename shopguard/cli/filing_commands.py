"""`shopguard filing new|list|set`: 报备/申诉 from the command line, over the same core as the window."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from shopguard.cli.common import EXIT_OK, InputError, open_store, open_store_to_read, parse_moment
from shopguard.core.clock import format_time, iso, now
from shopguard.core.filing.catalogue import CAUSES, FILING_TYPES, ITEMS, items_for
from shopguard.core.filing.model import STATUSES, Area, Filing, missing_evidence
from shopguard.core.filing.not_built import not_built
from shopguard.core.filing.plan import filing_window
from shopguard.core.filing.storage import evidence_requested, load_filings, set_notice_date, set_status
from shopguard.core.rules.packs import CLOCKS


def add_parser(commands, parents) -> None:
    filing = commands.add_parser("filing", help="报备/申诉：生成证明材料包、跟踪进度")
    actions = filing.add_subparsers(dest="filing_command", metavar="ACTION", required=True)
    new = actions.add_parser("new", parents=parents, help="为订单新建报备并生成材料包")
    new.add_argument(
        "--type",
        required=True,
        choices=list(FILING_TYPES),
        help="force-majeure 不可抗力 / address 地址异常 / buyer-delay 买家要求延迟",
    )
    new.add_argument("--cause", choices=list(CAUSES), help="不可抗力的具体原因")
    new.add_argument("--orders", nargs="+", required=True, metavar="ID")
    new.add_argument(
        "--period", required=True, metavar='"START..END"', help='如 "2023-11-10 00:00:00..2023-11-12 23:59:59"'
    )
    new.add_argument("--area", default="", metavar='"省/市/区[/街道]"')
    new.add_argument("--evidence", nargs="*", default=[], metavar="[ITEM=]FILE",
                     help=f"证明文件；ITEM 为 {', '.join(ITEMS)} 之一（视为该文件具备这类材料的全部要素）")  # fmt: skip
    new.add_argument("--notice", metavar="DATE", help="收到违规通知的日期（填写则为申诉）")
    new.add_argument("--out", type=Path, metavar="DIR", help="材料包放在这里（默认：数据文件夹/filings）")
    new.set_defaults(run=run_new)
    listing = actions.add_parser("list", parents=parents, help="列出报备")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_list)
    update = actions.add_parser("set", parents=parents, help="更新报备状态")
    update.add_argument("filing_id", type=int, metavar="ID")
    update.add_argument("--status", required=True, choices=list(STATUSES))
    update.add_argument("--new-due", metavar="TIME", help="平台给出的新考核时间（随已通过）")
    update.add_argument("--ticket", metavar="NO", help="平台工单号")
    update.add_argument("--reason", metavar="TEXT", help="驳回原因")
    update.set_defaults(run=run_set)
    # Deadline events on a filing record: the violation notice (报备 → 申诉, 7 days) and the evidence request (24 h).
    notice = actions.add_parser("notice", parents=parents, help="收到违规通知：报备改为申诉，开始计 7 天")
    notice.add_argument("filing_id", type=int, metavar="ID")
    notice.add_argument("--date", metavar="DATE", help="违规通知的日期（默认：今天）")
    notice.set_defaults(run=run_notice)
    asked = actions.add_parser("evidence-requested", parents=parents, help="平台要求举证：开始计 24 小时")
    asked.add_argument("filing_id", type=int, metavar="ID")
    asked.add_argument("--at", metavar="TIME", help="平台要求举证的时间（默认：现在）")
    asked.set_defaults(run=run_evidence_requested)


def _period(text: str) -> tuple[datetime, datetime]:
    start, separator, end = text.partition("..")
    if not separator:
        raise InputError('--period 应写成 "开始..结束"，如 "2023-11-10 00:00:00..2023-11-12 23:59:59"')
    start, end = start.strip(), end.strip()
    start = start if len(start) > 10 else f"{start} 00:00:00"
    end = end if len(end) > 10 else f"{end} 23:59:59"
    period = parse_moment(start, "--period"), parse_moment(end, "--period")
    if period[1] < period[0]:
        raise InputError("--period 的结束时间早于开始时间")
    return period


def _evidence(values: list[str], filing_type: str, cause: str | None) -> list:
    from shopguard.core.filing.service import EvidenceInput  # with openpyxl: loaded only when a filing is made

    default_item = items_for(filing_type, cause)[0]
    inputs = []
    for value in values:
        item, separator, path = value.partition("=")
        if not separator or item not in ITEMS:
            item, path = default_item, value
        inputs.append(EvidenceInput(Path(path), item, frozenset(ITEMS[item].elements)))
    return inputs


def run_new(args: argparse.Namespace) -> int:
    if args.type == "force-majeure" and not args.cause:
        raise InputError("不可抗力报备请用 --cause 写明原因：" + " / ".join(CAUSES))
    start, end = _period(args.period)
    notice = parse_moment(f"{args.notice} 00:00:00" if args.notice and len(args.notice) <= 10 else args.notice,
                          "--notice") if args.notice else None  # fmt: skip
    if _covered_by_notices(args):
        return EXIT_OK
    filing = Filing(args.type, args.cause, start, end, Area.parse(args.area), args.orders, notice_date=notice)
    from shopguard.core.filing.service import create_filing

    with open_store(args) as store:
        out = args.out or store.directory / "filings"
        try:
            filing, coverage, built = create_filing(
                store, filing, _evidence(args.evidence, args.type, args.cause), out, now()
            )
        except ValueError as error:
            raise InputError(str(error)) from None
        except OSError as error:  # a full disk while copying evidence or building the package, say
            raise InputError(_not_built(store, filing, error)) from None
    window = filing_window(filing, coverage, now())
    covered = sum(row.covered for row in coverage)
    print(f"已建立{'申诉' if window.kind == 'appeal' else '报备'} #{filing.id}（{STATUSES[filing.status]}）："
          f"{covered}/{len(coverage)} 个时钟在范围内。")  # fmt: skip
    for row in coverage:
        if not row.covered:
            print(f"  未覆盖：订单 {row.order_id} {CLOCKS[row.kind]} 截止 {format_time(row.due) or '—'}：{row.reason}")
        elif row.due is None:  # a clock that needs checking, counted in: the merchant must confirm it
            print(f"  需要核对：订单 {row.order_id} {CLOCKS[row.kind]} 截止 —：{row.reason}")
    if window.is_open():
        print(f"最晚提交：{format_time(window.latest)}。{window.explanation}")
    else:  # passed: say what to do instead, never a time in the past as if it were still open
        print(window.explanation + (f"；用 shopguard filing notice {filing.id} --date 日期 记下违规通知" if
                                    window.latest is None else ""))  # fmt: skip
    for missing in missing_evidence(filing):
        print(f"尚缺材料：{missing}")
    if built:
        print(f"材料包：{built[0]}\n压缩包：{built[1]}")
    return EXIT_OK


def _not_built(store, filing: Filing, error: OSError) -> str:
    """What a failed `filing new` left (core.filing.not_built) and what to do next; raises `error` again when it
    is a programming error."""
    message = not_built(store, filing, error)
    if message is None:
        raise error
    return message if filing.id is None else f"{message}；解决这个问题后请重新运行这条命令生成材料包"


def run_list(args: argparse.Namespace) -> int:
    with open_store_to_read(args) as store:
        filings = load_filings(store)
    records = []
    for filing, coverage in filings:
        window = filing_window(filing, coverage, now())
        records.append({
            "id": filing.id, "type": filing.type, "cause": filing.cause, "status": filing.status,
            "kind": window.kind, "orders": filing.order_ids, "package": filing.package, "ticket": filing.ticket,
            "latest_filing_time": iso(window.latest), "missing_evidence": missing_evidence(filing),
            "new_due": iso(filing.new_due), "reason": filing.reason, "window_open": window.is_open(),
            "window": window.explanation, "evidence_due": iso(filing.evidence_due),
        })  # fmt: skip
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not records:
        print("还没有报备。")
    for record, (filing, _) in zip(records, filings, strict=True):
        window = filing_window(filing, _, now())
        latest = format_time(window.latest) if window.is_open() else ("已过" if window.latest else "等违规通知后申诉")
        print(f"#{filing.id}  {STATUSES[filing.status]}  {FILING_TYPES[filing.type]}  {len(filing.order_ids)} 个订单"
              f"  最晚提交 {latest}  {record['package'] or ''}")  # fmt: skip
    return EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    new_due = parse_moment(args.new_due, "--new-due") if args.new_due else None
    with open_store(args) as store:
        try:
            filing = set_status(store, args.filing_id, args.status, args.ticket, args.reason, new_due)
        except ValueError as error:
            raise InputError(str(error)) from None
    print(f"报备 #{filing.id} 现在是「{STATUSES[filing.status]}」。")
    return EXIT_OK


def _covered_by_notices(args: argparse.Namespace) -> bool:
    """Say which saved notices already cover the orders; True when an automatic one covers them all (no filing)."""
    from shopguard.core.filing.service import notices_covering

    with open_store_to_read(args) as store:
        covers = notices_covering(store, args.orders, now())
    for cover in covers:
        print(cover.advice())
    automatic = {order for cover in covers if not cover.notice.needs_filing for order in cover.order_ids}
    return bool(automatic) and set(args.orders) <= automatic


def run_notice(args: argparse.Namespace) -> int:
    date = parse_moment(f"{args.date} 00:00:00" if args.date and len(args.date) <= 10 else args.date, "--date") if (
        args.date) else now().replace(hour=0, minute=0, second=0, microsecond=0)  # fmt: skip
    with open_store(args) as store:
        try:
            filing = set_notice_date(store, args.filing_id, date)
        except ValueError as error:
            raise InputError(str(error)) from None
    window = filing_window(filing, [], now())  # an appeal's window depends on the notice date alone
    state = f"最晚 {format_time(window.latest)} 前提交" if window.is_open() else window.explanation
    print(f"#{filing.id} 改为申诉（违规通知 {format_time(date)[:10]}）：{state}。")
    return EXIT_OK


def run_evidence_requested(args: argparse.Namespace) -> int:
    at = parse_moment(args.at, "--at") if args.at else now()
    with open_store(args) as store:
        try:
            filing = evidence_requested(store, args.filing_id, at)
        except ValueError as error:
            raise InputError(str(error)) from None
    print(f"#{filing.id}：平台要求举证，须在 {format_time(filing.evidence_due)} 前补交证据（24 小时）。")
    return EXIT_OK
