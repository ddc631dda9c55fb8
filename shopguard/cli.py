"""Command line: `shopguard triage`, `shopguard rules ...`. Exit codes: 0 ok, 2 usage or input error."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from shopguard import __version__
from shopguard.core import triage_output
from shopguard.core.cells import CellError, parse_time
from shopguard.core.clock import format_time, now
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.engine import compute_deadlines
from shopguard.core.importer import import_files
from shopguard.core.rulepacks import (
    CLOCKS,
    EVENTS,
    MERCHANTS,
    PROMISES,
    RulePack,
    RulePackError,
    load_pack,
    load_packs,
)
from shopguard.core.settings import MERCHANT_TYPES, PROMISE_TYPES, EngineSettings

EXIT_OK, EXIT_INPUT = 0, 2


class InputError(Exception):
    """Bad input from the user: printed on stderr, exit code 2, no traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopguard", description="抖店时效管家：发货、揽收、物流与售后时限的晨间清单")
    parser.add_argument("--version", action="version", version=f"ShopGuard {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    triage = commands.add_parser(
        "triage", help="计算所有时钟并列出最紧急的", description="读取抖店导出文件，计算每个时钟"
    )
    triage.add_argument("files", nargs="*", metavar="FILE", help="订单导出、售后单导出、快递轨迹表（.xlsx/.xls/.csv）")
    triage.add_argument("--at", metavar="TIME", help='按这个北京时间计算，如 "2023-11-12 10:00:00"（默认：现在）')
    triage.add_argument("--format", choices=("table", "json", "csv"), default="table")
    triage.add_argument(
        "--rules", nargs="+", default=[], metavar="PACKFILE", help="额外的规则包（同 id 替换内置规则包）"
    )
    triage.add_argument("--merchant", choices=MERCHANT_TYPES, default="domestic", help="国内商家或全球购商家")
    triage.add_argument(
        "--promise", choices=PROMISE_TYPES, help="没有承诺发货时间的订单按此发货类型计算（默认 same-day）"
    )
    triage.add_argument("--shop-province", metavar="PROVINCE", help="店铺发货省份，用于物流中转时限，如 浙江")
    triage.add_argument("--all", action="store_true", help="表格里也列出已完成和豁免的时钟")
    triage.add_argument("--demo", action="store_true", help="使用自带的演示数据和固定的演示时间")

    rules = commands.add_parser("rules", help="查看和检查规则包")
    rule_commands = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    rule_commands.add_parser("list", help="列出内置规则包")
    show = rule_commands.add_parser("show", help="显示一个规则包的每条规则")
    show.add_argument("pack_id", metavar="ID")
    check = rule_commands.add_parser("check", help="检查一个规则包文件")
    check.add_argument("path", metavar="FILE")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "triage":
            return run_triage(args)
        if args.command == "rules":
            return run_rules(args)
        build_parser().print_help()
        return EXIT_OK
    except (InputError, RulePackError) as error:
        print(f"shopguard: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # `shopguard triage | head`
        sys.stderr.close()
        return EXIT_OK


def run_triage(args: argparse.Namespace) -> int:
    # `--rules a.toml orders.csv` would hand the spreadsheet to --rules: give it back to the files.
    files = list(args.files) + [path for path in args.rules if not path.lower().endswith(".toml")]
    rule_files = [path for path in args.rules if path.lower().endswith(".toml")]
    settings = EngineSettings(args.merchant, args.promise or "same-day", args.shop_province)
    as_of = _parse_at(args.at) if args.at else None
    if args.demo:
        files = files or [str(path) for path in demo_files()]
        settings = EngineSettings(
            args.merchant,
            args.promise or DEMO_SETTINGS.promise,
            args.shop_province or DEMO_SETTINGS.shop_province,
        )
        as_of = as_of or DEMO_AS_OF
    if not files:
        raise InputError("请给出要读取的文件，例如：shopguard triage 订单导出.xlsx 售后单.xlsx，或用 --demo 看演示")
    packs = load_packs(rule_files)
    imported = import_files(files)
    if not any(summary.kind for summary in imported.files):
        for problem in imported.problems:
            print(triage_output.describe_problem(problem), file=sys.stderr)
        raise InputError("没有一个文件能读取，未计算任何时钟")
    triage = compute_deadlines(
        imported.orders, imported.after_sales, imported.tracking, packs, settings, as_of or now()
    )
    out = sys.stdout
    if args.format == "json":
        triage_output.write_json(triage, imported.problems, out)
    elif args.format == "csv":
        triage_output.write_csv(triage, out)
        for problem in imported.problems:
            print(triage_output.describe_problem(problem), file=sys.stderr)
    else:
        triage_output.write_table(triage, imported.problems, out, show_all=args.all)
    return EXIT_OK


def _parse_at(text: str) -> datetime:
    try:
        return parse_time(text.strip())
    except CellError as error:
        raise InputError(f"--at：{error}") from None


def run_rules(args: argparse.Namespace) -> int:
    if args.rules_command == "list":
        for pack in load_packs():
            print(f"{pack.id}\t{_kind_name(pack)}\t{_effective(pack)}\t{pack.name}（{len(pack.rules)} 条规则）")
        return EXIT_OK
    if args.rules_command == "show":
        pack = next((p for p in load_packs() if p.id == args.pack_id), None)
        if pack is None:
            known = "、".join(p.id for p in load_packs())
            raise InputError(f"没有 id 为「{args.pack_id}」的规则包；已有：{known}")
        print_pack(pack)
        return EXIT_OK
    pack = load_pack(args.path)
    print(f"规则包有效：{pack.id}（{pack.name}），{len(pack.rules)} 条规则")
    return EXIT_OK


def _kind_name(pack: RulePack) -> str:
    return "日常规则" if pack.kind == "daily" else "活动调整"


def _effective(pack: RulePack) -> str:
    start = format_time(pack.effective_from) or "不限"
    end = format_time(pack.effective_until) or "不限"
    return f"{start} 至 {end}"


def print_pack(pack: RulePack) -> None:
    print(f"{pack.name}  [{pack.id}]  {_kind_name(pack)}")
    print(f"来源：{pack.source_title}（{pack.source_date}）{pack.source_url}")
    print(f"生效：{_effective(pack)}")
    for rule in pack.rules:
        limit = "不判罚" if rule.exempt else _limit(rule)
        print(
            f"\n- {rule.id}  {CLOCKS[rule.clock]}：{rule.label}（{limit}）"
            + ("  [默认值，未核实]" if not rule.verified else "")
        )
        print(f"  {rule.explain}")
        if rule.window:
            print(
                f"  适用：{EVENTS[rule.window.tested_on]} 在 {format_time(rule.window.start)} 至 "
                f"{format_time(rule.window.end)}（含两端）"
            )
        if rule.merchants:
            print("  商家：" + "、".join(MERCHANTS[m] for m in sorted(rule.merchants)))


def _limit(rule) -> str:
    if rule.promise == "promised":
        return "承诺发货时间"
    if rule.promise in ("same-day", "next-day"):
        return PROMISES[rule.promise]
    hours = rule.duration.total_seconds() / 3600
    return f"{hours / 24:g}天" if hours >= 168 and hours % 24 == 0 else f"{hours:g}小时"
