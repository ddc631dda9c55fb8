"""`shopguard triage`: every clock, most urgent first, from files or from the store."""

from __future__ import annotations

import argparse
import functools
import sys
from dataclasses import dataclass

from shopguard.cli.common import EXIT_OK, InputError, has_store, open_store_to_read, parse_moment
from shopguard.cli.problems import JSON_LISTS_MORE, print_problems
from shopguard.core.clock import now
from shopguard.core.datadir import data_dir
from shopguard.core.deadlines.engine import Triage, attach_money, compute_deadlines
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.filing.storage import load_filings
from shopguard.core.imports.importer import BUYER_FIELDS, NOT_FOR_DEADLINES, import_files
from shopguard.core.records import OrderLine, Problem
from shopguard.core.rules.packs import RulePack
from shopguard.core.rules.user_packs import all_packs
from shopguard.core.settings import MERCHANT_TYPES, PROMISE_TYPES, EngineSettings
from shopguard.core.store.preferences import engine_settings, packs_in_use
from shopguard.core.triage import output as triage_output
from shopguard.core.triage.money_totals import by_money_at_risk
from shopguard.core.triage.session import triage_store


def add_parser(commands, parents) -> None:
    triage = commands.add_parser(
        "triage",
        parents=parents,
        help="计算所有时钟并列出最紧急的",
        description="读取抖店导出文件（或本地数据库），计算每个时钟",
    )
    triage.set_defaults(run=run)
    add_source_options(triage)
    triage.add_argument("--format", choices=("table", "json", "csv"), default="table")
    triage.add_argument("--all", action="store_true", help="表格里也列出已完成和豁免的时钟")
    triage.add_argument(
        "--limit", type=int, default=200, metavar="N", help="表格最多列出 N 个最紧急的时钟（默认 200；0 = 全部）"
    )
    triage.add_argument(
        "--sort", choices=("urgency", "money"), default="urgency",
        help="urgency：最紧急的在前（默认）；money：可能扣款最多的在前，金额相同按紧急程度",
    )  # fmt: skip


def add_source_options(parser: argparse.ArgumentParser) -> None:
    """Where the clocks come from and how they are judged: shared by triage and report."""
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="订单导出、售后单导出、快递轨迹表（.xlsx/.xls/.csv）；不给文件时用本地数据库",
    )
    parser.add_argument("--at", metavar="TIME", help='按这个北京时间计算，如 "2023-11-12 10:00:00"（默认：现在）')
    parser.add_argument(
        "--rules", nargs="+", default=[], metavar="PACKFILE", help="额外的规则包（同 id 替换内置规则包）"
    )
    parser.add_argument("--merchant", choices=MERCHANT_TYPES, help="国内商家或全球购商家（默认：设置中的值，domestic）")
    parser.add_argument(
        "--promise", choices=PROMISE_TYPES, help="没有承诺发货时间的订单按此发货类型计算（默认 same-day）"
    )
    parser.add_argument("--shop-province", metavar="PROVINCE", help="店铺发货省份，用于物流中转时限，如 浙江")
    parser.add_argument("--demo", action="store_true", help="使用自带的演示数据和固定的演示时间")


def active_packs(args: argparse.Namespace, extra: list[str]) -> list[RulePack]:
    """Shipped and the merchant's own packs (and any given), less those deactivated in the store."""
    folder = data_dir(getattr(args, "data_dir", None))
    # First: a data folder that cannot be looked into is a message (StoreError) before its packs are read.
    if not has_store(args):  # reading settings must not create a store; no answers yet: the packs that ask wait
        return all_packs(folder, extra)
    packs = all_packs(folder, extra)
    with open_store_to_read(args) as store:
        return packs_in_use(store, packs, keep=tuple(str(path) for path in extra))


@dataclass(slots=True)
class Computed:
    triage: Triage
    problems: list[Problem]
    filings: list
    orders: list[OrderLine]
    problems_not_listed: int = 0  # counted by the importer beyond what it keeps (importer.LISTED_PROBLEMS)
    money_later: bool = False  # computed without money: the table fills in the clocks it lists


def compute(args: argparse.Namespace) -> Computed:
    """The triage (with import problems, filings and order lines) from the files given, the demo, or the store."""
    # `--rules a.toml orders.csv` would hand the spreadsheet to --rules: give it back to the files.
    files = list(args.files) + [path for path in args.rules if not path.lower().endswith(".toml")]
    packs = active_packs(args, [path for path in args.rules if path.lower().endswith(".toml")])
    as_of = parse_moment(args.at, "--at") if args.at else None
    with_buyer = getattr(args, "with_buyer", False)
    if args.demo:
        settings = EngineSettings(
            args.merchant or DEMO_SETTINGS.merchant,
            args.promise or DEMO_SETTINGS.promise,
            args.shop_province or DEMO_SETTINGS.shop_province,
        )
        return _from_files(files or demo_files(), packs, settings, as_of or DEMO_AS_OF, with_buyer,
                           money=not _only_listed_money(args))  # fmt: skip
    if files:
        settings = EngineSettings(args.merchant or "domestic", args.promise or "same-day", args.shop_province)
        return _from_files(files, packs, settings, as_of or now(), with_buyer, money=not _only_listed_money(args))
    return _from_store(args, packs, as_of or now(), with_buyer)


def run(args: argparse.Namespace) -> int:
    computed = compute(args)
    _write(computed.triage, computed.problems, args, computed)
    return EXIT_OK


def _only_listed_money(args: argparse.Namespace) -> bool:
    """The morning table by urgency shows the money of the clocks it lists and nothing else of it."""
    return getattr(args, "format", None) == "table" and getattr(args, "sort", "urgency") == "urgency"


def _from_files(files, packs, settings: EngineSettings, as_of, with_buyer: bool = False, money: bool = True):
    # Buyer details are read only for a report that asks for them; columns no clock needs are never read.
    imported = import_files(files, skip=NOT_FOR_DEADLINES - BUYER_FIELDS if with_buyer else NOT_FOR_DEADLINES)
    if not any(summary.kind for summary in imported.files):
        print_problems(imported.problems, sys.stderr, prefix="", not_listed=imported.problems_not_listed)
        raise InputError("没有一个文件能读取，未计算任何时钟")
    triage = compute_deadlines(
        imported.orders, imported.after_sales, imported.tracking, packs, settings, as_of, money=money
    )
    return Computed(triage, imported.problems, [], imported.orders, imported.problems_not_listed, money_later=not money)


def _from_store(args: argparse.Namespace, packs, as_of, with_buyer: bool = False) -> Computed:
    with open_store_to_read(args) as store:
        settings = engine_settings(store, args.merchant, args.promise, args.shop_province)
        result = triage_store(store, as_of, packs, settings, with_buyer)
        filings = load_filings(store)
    if result.empty:
        print("数据库里还没有订单：先用 shopguard import 导入抖店导出文件，或给出文件名直接计算。", file=sys.stderr)
    return Computed(result.triage, [], filings, result.snapshot.orders)


def _write(triage: Triage, problems: list[Problem], args: argparse.Namespace, computed: Computed) -> None:
    out = sys.stdout
    not_listed = computed.problems_not_listed
    if getattr(args, "sort", "urgency") == "money":
        triage.deadlines = by_money_at_risk(triage.deadlines)
    if args.format == "json":
        triage_output.write_json(triage, problems, out, not_listed)
        return
    if args.format == "csv":
        triage_output.write_csv(triage, out)
        print_problems(problems, sys.stderr, prefix="", more=JSON_LISTS_MORE, not_listed=not_listed)
        return
    money_for = None
    if computed.money_later:
        money_for = functools.partial(attach_money, orders=computed.orders, as_of=triage.as_of)
    triage_output.write_table(triage, [], out, show_all=args.all, limit=max(args.limit, 0), money_for=money_for)
    if problems:  # after the list, as write_table would, but never more than PRINTED_PROBLEMS lines
        out.write(f"\n导入问题（{len(problems) + not_listed:,}）：\n")
        print_problems(problems, out, more=JSON_LISTS_MORE, not_listed=not_listed)
