"""`shopguard rules list|show|check`."""

from __future__ import annotations

import argparse

from shopguard.cli.common import EXIT_OK, InputError
from shopguard.core.clock import format_time
from shopguard.core.rulepacks import CLOCKS, EVENTS, MERCHANTS, PROMISES, Rule, RulePack, load_pack, load_packs


def add_parser(commands) -> None:
    rules = commands.add_parser("rules", help="查看和检查规则包")
    rules.set_defaults(run=run)
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="列出内置规则包")
    show = actions.add_parser("show", help="显示一个规则包的每条规则")
    show.add_argument("pack_id", metavar="ID")
    check = actions.add_parser("check", help="检查一个规则包文件")
    check.add_argument("path", metavar="FILE")


def run(args: argparse.Namespace) -> int:
    if args.rules_command == "list":
        for pack in load_packs():
            print(f"{pack.id}\t{_kind_name(pack)}\t{_effective(pack)}\t{pack.name}（{len(pack.rules)} 条规则）")
        return EXIT_OK
    if args.rules_command == "show":
        packs = load_packs()
        pack = next((p for p in packs if p.id == args.pack_id), None)
        if pack is None:
            raise InputError(f"没有 id 为「{args.pack_id}」的规则包；已有：{'、'.join(p.id for p in packs)}")
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
        unverified = "  [默认值，未核实]" if not rule.verified else ""
        print(f"\n- {rule.id}  {CLOCKS[rule.clock]}：{rule.label}（{limit}）{unverified}")
        print(f"  {rule.explain}")
        if rule.window:
            print(
                f"  适用：{EVENTS[rule.window.tested_on]} 在 {format_time(rule.window.start)} 至 "
                f"{format_time(rule.window.end)}（含两端）"
            )
        if rule.merchants:
            print("  商家：" + "、".join(MERCHANTS[m] for m in sorted(rule.merchants)))


def _limit(rule: Rule) -> str:
    if rule.promise == "promised":
        return "承诺发货时间"
    if rule.promise in ("same-day", "next-day"):
        return PROMISES[rule.promise]
    hours = rule.duration.total_seconds() / 3600
    return f"{hours / 24:g}天" if hours >= 168 and hours % 24 == 0 else f"{hours:g}小时"
