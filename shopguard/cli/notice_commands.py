"""`shopguard notices add|list|remove`: platform notices (平台发货及服务调整公告) that move ship deadlines.

`add` always lists the open orders the notice covers (from the store), then saves it; with --dry-run it only
lists them. Commands that schedule ShopGuard cannot answer a question, so there is no "save? [y/n]".
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from shopguard.cli.common import EXIT_OK, InputError, has_store, open_store_to_read, parse_moment, writing_data_folder
from shopguard.core.clock import format_time, now
from shopguard.core.datadir import data_dir
from shopguard.core.deadlines.engine import STATUSES
from shopguard.core.rules.notices import (
    MATCHES,
    Notice,
    add_notice,
    load_notices,
    make_notice,
    notice_to_json,
    remove_notice,
)
from shopguard.core.triage.notice_preview import preview_notice


def add_parser(commands, parents) -> None:
    notices = commands.add_parser("notices", help="平台发货调整公告（灾害、会议赛事）：按地区顺延或豁免发货时限")
    actions = notices.add_subparsers(dest="notices_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=parents, help="添加公告：先列出它覆盖的未完成订单，再保存")
    add.add_argument("--title", required=True, metavar="T", help="公告标题")
    add.add_argument("--places", required=True, metavar='"省/市[/区],..."', help='如 "河南省/郑州市,广东省/汕头市"')
    add.add_argument("--match", required=True, choices=list(MATCHES),
                     help="ship-from 按发货地 / buyer 按收货地址 / either 任一在内")  # fmt: skip
    window = add.add_mutually_exclusive_group(required=True)
    window.add_argument("--promised", metavar='"START..END"', help="承诺发货时间在此窗口内的订单")
    window.add_argument("--paid", metavar='"START..END"', help="或：支付完成时间在此窗口内的订单")
    new_time = add.add_mutually_exclusive_group()
    new_time.add_argument("--ship-by", metavar="TIME", help="新的最晚发货时间（只写日期按当天 23:59:59）")
    new_time.add_argument("--extend-days", type=int, metavar="N", help="或：在原截止时间上顺延 N 天")
    how = add.add_mutually_exclusive_group(required=True)
    how.add_argument("--exempt", action="store_true", help="平台主动豁免（不写新时间则不考核发货时效）")
    how.add_argument("--needs-filing", action="store_true", help="需商家报备：截止时间不变，订单标为可报备")
    add.add_argument("--at", metavar="TIME", help="按这个北京时间列出覆盖的订单（默认：现在）")
    add.add_argument("--dry-run", action="store_true", help="只列出覆盖的订单，不保存")
    add.set_defaults(run=run_add)
    listing = actions.add_parser("list", parents=parents, help="列出已保存的公告")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(run=run_list)
    remove = actions.add_parser("remove", parents=parents, help="删除公告（按编号）")
    remove.add_argument("notice_id", type=int, metavar="ID")
    remove.set_defaults(run=run_remove)


def run_add(args: argparse.Namespace) -> int:
    notice = make_notice(
        args.title,
        args.places,
        args.match,
        args.promised or args.paid,
        "promised_ship_at" if args.promised else "paid_at",
        args.ship_by,
        args.extend_days,
        needs_filing=args.needs_filing,
    )
    as_of = parse_moment(args.at, "--at") if args.at else now()
    print(describe(notice))
    print_coverage(args, notice, as_of)
    if args.dry_run:
        print("（--dry-run：未保存）")
        return EXIT_OK
    with writing_data_folder(args):
        saved = add_notice(data_dir(getattr(args, "data_dir", None)), notice, now())
    print(f"已保存公告 #{saved.id}；之后的每次计算（文件或数据库）都会按它调整。")
    return EXIT_OK


def describe(notice: Notice) -> str:
    lines = [
        f"公告：{notice.title}" + (f"（#{notice.id}）" if notice.id else ""),
        f"  地区（按{MATCHES[notice.match]}）：{notice.places_text()}",
        f"  窗口：{notice.window_text()}",
        f"  效果：{notice.effect()}",
    ]
    return "\n".join(lines)


def print_coverage(args: argparse.Namespace, notice: Notice, as_of: datetime) -> None:
    if not has_store(args):
        print("数据库里还没有订单：无法列出覆盖的订单（导入后每次计算都会按公告调整）。")
        return
    with open_store_to_read(args) as store:
        covered = preview_notice(store, notice, as_of)
    print(f"按 {format_time(as_of)} 计算，覆盖 {len(covered)} 个未完成订单的发货时钟：")
    for clock in covered:
        after = format_time(clock.due_after) if clock.due_after else "不考核"
        mark = "（可报备）" if notice.needs_filing else ""
        print(f"  {clock.order_id}\t{format_time(clock.due_before) or '?'} → {after}\t"
              f"{STATUSES[clock.status_after]}{mark}\t{clock.product or ''}")  # fmt: skip


def run_list(args: argparse.Namespace) -> int:
    notices = load_notices(data_dir(getattr(args, "data_dir", None)))
    if args.format == "json":
        print(json.dumps([notice_to_json(notice) for notice in notices], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not notices:
        print("还没有保存的公告（shopguard notices add 添加）。")
    for notice in notices:
        print(describe(notice))
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    if args.notice_id <= 0:
        raise InputError("公告编号应为正整数")
    with writing_data_folder(args):
        gone = remove_notice(data_dir(getattr(args, "data_dir", None)), args.notice_id)
    print(f"已删除公告 #{gone.id}「{gone.title}」；覆盖的订单恢复原来的截止时间。")
    return EXIT_OK
