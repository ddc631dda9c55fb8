"""`shopguard rules ...`: the rule calendar from the command line."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from shopguard.cli.common import (
    EXIT_OK,
    InputError,
    has_store,
    open_store,
    open_store_to_read,
    parse_moment,
    writing_data_folder,
)
from shopguard.core.clock import format_time, now
from shopguard.core.datadir import data_dir
from shopguard.core.rules.packs import CLOCKS, EVENTS, MERCHANTS, PROMISES, Rule, RulePack, load_pack
from shopguard.core.rules.user_packs import (
    all_packs,
    conflicts,
    deadline_changes,
    duplicate_pack,
    export_pack,
    install_pack,
    limit_text,
    remove_pack,
    user_pack_paths,
)
from shopguard.core.store.preferences import disabled_packs, pack_answers, set_pack_answer, set_setting
from shopguard.core.triage.session import triage_store


def add_parser(commands, parents) -> None:
    rules = commands.add_parser("rules", help="查看、添加、停用规则包（规则日历）")
    rules.set_defaults(run=run)
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    actions.add_parser("list", parents=parents, help="列出所有规则包和是否启用")
    show = actions.add_parser("show", parents=parents, help="显示一个规则包的每条规则")
    show.add_argument("pack_id", metavar="ID")
    check = actions.add_parser("check", parents=parents, help="检查一个规则包文件（及与已启用规则包的冲突）")
    check.add_argument("path", metavar="FILE")
    new = actions.add_parser("new", parents=parents, help="复制一个规则包并整体平移日期（如去年双11 → 今年）")
    new.add_argument("--from", dest="source", required=True, metavar="ID")
    new.add_argument("--id", dest="new_id", required=True, metavar="NEWID")
    new.add_argument("--start", required=True, metavar="TIME", help='新规则包的开始时间，如 "2026-10-20 00:00:00"')
    new.add_argument("--name", help="新规则包的名称")
    preview = actions.add_parser("preview", parents=parents, help="加入这个规则包后，数据库里哪些截止时间会变")
    preview.add_argument("path", metavar="FILE")
    preview.add_argument("--at", metavar="TIME", help="按这个北京时间计算（默认：现在）")
    imported = actions.add_parser("import", parents=parents, help="导入别人发来的规则包文件（先检查）")
    imported.add_argument("path", metavar="FILE")
    export = actions.add_parser("export", parents=parents, help="导出规则包文件")
    export.add_argument("pack_id", metavar="ID")
    export.add_argument("path", metavar="FILE")
    answer = actions.add_parser("answer", parents=parents, help="回答规则包的提问（如春节是否参加「春节买不停」）")
    answer.add_argument("pack_id", metavar="ID")
    answer.add_argument("answer", choices=("yes", "no", "unset"), help="yes 是 / no 否 / unset 撤回回答")
    for name, text in (("activate", "启用规则包"), ("deactivate", "停用规则包"), ("remove", "删除自己添加的规则包")):
        action = actions.add_parser(name, parents=parents, help=text)
        action.add_argument("pack_id", metavar="ID")


def run(args: argparse.Namespace) -> int:
    folder = data_dir(getattr(args, "data_dir", None))
    has_store(args)  # a data folder that cannot be looked into is a message (StoreError), before its packs are read
    packs = all_packs(folder)
    by_id = {pack.id: pack for pack in packs}
    command = args.rules_command
    if command == "list":
        off = _disabled(args)
        answers = _answers(args)
        mine = {path.stem for path in user_pack_paths(folder)}
        for pack in packs:
            state = "停用" if pack.id in off else _answer_state(pack, answers.get(pack.id))
            origin = "自定义" if pack.id in mine else ("公告" if pack.id.startswith("notice-") else "内置")
            columns = (
                pack.id,
                state,
                origin,
                _kind_name(pack),
                _effective(pack),
                f"{pack.name}（{len(pack.rules)} 条规则）",
            )
            print("\t".join(columns))
        for conflict in conflicts([pack for pack in packs if pack.id not in off]):
            print(f"冲突：{conflict}")
        for pack in packs:
            if pack.question and pack.id not in off and pack.id not in answers:
                print(f"待回答：{pack.question.text}（shopguard rules answer {pack.id} yes|no；回答前按日常时限）")
        return EXIT_OK
    if command in ("show", "export", "activate", "deactivate", "answer") and args.pack_id not in by_id:
        raise InputError(f"没有 id 为「{args.pack_id}」的规则包；已有：{'、'.join(by_id)}")
    if command == "show":
        print_pack(by_id[args.pack_id])
    elif command == "answer":
        _answer(args, by_id[args.pack_id])
    elif command == "check":
        pack = load_pack(args.path)
        print(f"规则包有效：{pack.id}（{pack.name}），{len(pack.rules)} 条规则")
        others = [p for p in packs if p.id != pack.id and p.id not in _disabled(args)]
        for conflict in conflicts([*others, pack]):
            print(f"冲突：{conflict}")
    elif command == "new":
        if args.source not in by_id:
            raise InputError(f"没有 id 为「{args.source}」的规则包")
        start = parse_moment(args.start if len(args.start) > 10 else f"{args.start} 00:00:00", "--start")
        text = duplicate_pack(by_id[args.source], args.new_id, start, args.name)
        with tempfile.TemporaryDirectory() as scratch:
            draft = Path(scratch) / f"{args.new_id}.toml"
            draft.write_text(text, encoding="utf-8")
            with writing_data_folder(args):
                pack = install_pack(folder, draft)
        print(f"已新建规则包 {pack.id}（{pack.name}），{_effective(pack)}")
        print("数值沿用原规则包，已标为未核实，请对照新公告修改：")
        print(f"  {folder / 'rules' / (pack.id + '.toml')}")
    elif command == "preview":
        _preview(args, packs, load_pack(args.path))
    elif command == "import":
        with writing_data_folder(args):
            pack = install_pack(folder, Path(args.path))
        print(f"已导入规则包 {pack.id}（{pack.name}），{len(pack.rules)} 条规则")
    elif command == "export":
        print(f"已导出到 {export_pack(by_id[args.pack_id], Path(args.path))}")
    elif command == "remove":
        with writing_data_folder(args):
            remove_pack(folder, args.pack_id)
        print(f"已删除规则包 {args.pack_id}")
    else:
        _set_active(args, args.pack_id, command == "activate")
        print(f"规则包 {args.pack_id} 已{'启用' if command == 'activate' else '停用'}")
    return EXIT_OK


def _preview(args: argparse.Namespace, packs: list[RulePack], candidate: RulePack) -> None:
    as_of = parse_moment(args.at, "--at") if args.at else now()
    current = [pack for pack in packs if pack.id not in _disabled(args)]
    proposed = [pack for pack in current if pack.id != candidate.id] + [candidate]
    with open_store_to_read(args) as store:
        before = triage_store(store, as_of, current, keep=False).triage.deadlines
        after = triage_store(store, as_of, proposed, keep=False).triage.deadlines
    changes = deadline_changes(before, after)
    print(f"加入「{candidate.name}」后，{len(changes)} 个截止时间会改变：")
    for deadline, old, new in changes[:200]:
        print(f"  {deadline.order_id}  {CLOCKS[deadline.kind]}  {format_time(old) or '—'} → {format_time(new) or '—'}"
              f"  {deadline.rule_title}")  # fmt: skip


def _disabled(args: argparse.Namespace) -> set[str]:
    if not has_store(args):
        return set()
    with open_store_to_read(args) as store:
        return disabled_packs(store)


def _answers(args: argparse.Namespace) -> dict[str, str]:
    if not has_store(args):
        return {}
    with open_store_to_read(args) as store:
        return pack_answers(store)


def _answer_state(pack: RulePack, answer: str | None) -> str:
    if pack.question is None:
        return "启用"
    if answer is None:
        return "待回答（按日常时限）"
    return "启用" if answer == pack.question.applies_if else "不适用（按你的回答）"


def _answer(args: argparse.Namespace, pack: RulePack) -> None:
    question = pack.question
    if question is None:
        raise InputError(f"规则包「{pack.id}」没有需要回答的问题")
    with open_store(args) as store:
        set_pack_answer(store, pack.id, None if args.answer == "unset" else args.answer)
    print(question.text)
    if args.answer == "unset":
        print(f"已撤回回答：「{pack.short_name}」等你回答，在此之前按日常时限提醒。")
        return
    print(f"你的回答：{question.yes if args.answer == 'yes' else question.no}")
    if args.answer == question.applies_if:
        print(f"「{pack.name}」已启用。")
    else:
        print(f"「{pack.name}」不适用于你的订单，按日常时限提醒。")


def _set_active(args: argparse.Namespace, pack_id: str, active: bool) -> None:
    with open_store(args) as store:
        off = disabled_packs(store)
        off = off - {pack_id} if active else off | {pack_id}
        set_setting(store, "disabled_packs", ",".join(sorted(off)) or None)


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
    if pack.question:
        print(f"提问：{pack.question.text}（yes：{pack.question.yes}；no：{pack.question.no}）")
        print(f"  确认方法：{pack.question.confirm}")
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
    return limit_text(rule)
