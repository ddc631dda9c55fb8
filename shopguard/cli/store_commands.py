"""Commands on the local store: import, orders (note / handled / set-time / show), purge, settings."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from shopguard.cli.common import EXIT_INPUT, EXIT_OK, InputError, open_store, open_store_to_read, parse_moment
from shopguard.cli.problems import print_problems
from shopguard.cli.push_commands import is_secret_setting, print_secret_settings, run_secret_setting
from shopguard.core.alerts.channels import SECRET_SETTINGS
from shopguard.core.clock import format_time, now
from shopguard.core.deadlines.engine import STATUSES, Deadline, compute_deadlines
from shopguard.core.files import printable
from shopguard.core.imports.filekinds import kind_by_id
from shopguard.core.rules.packs import CLOCKS, RulePackError, load_packs
from shopguard.core.store import annotate as notes
from shopguard.core.store.database import IMPORT_WAIT
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.preferences import SETTINGS, engine_settings, get_setting, purge_if_chosen, set_setting
from shopguard.core.store.purge import purge_before
from shopguard.core.store.snapshot import annotate, load_snapshot
from shopguard.core.store.status_changes import StatusChanges, compare, describe_order, statuses
from shopguard.core.triage.buckets import describe_left
from shopguard.core.triage.session import triage_store


def add_parsers(commands, parents) -> None:
    imports = commands.add_parser("import", parents=parents, help="把导出文件合并进本地数据库")
    imports.add_argument("files", nargs="+", metavar="FILE")
    imports.add_argument("--at", metavar="TIME", help="按这个北京时间比较导入前后的时钟状态（默认：现在）")
    imports.set_defaults(run=run_import)

    orders = commands.add_parser("orders", help="查看订单、写备注、标记已处理、手动更正时间")
    actions = orders.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    note = actions.add_parser("note", parents=parents, help="给订单加备注")
    note.add_argument("order_id", metavar="ORDER_ID")
    note.add_argument("text", metavar="TEXT")
    note.set_defaults(run=run_note)
    handled = actions.add_parser("handled", parents=parents, help="把订单标记为已处理")
    handled.add_argument("order_id", metavar="ORDER_ID")
    handled.add_argument("--undo", action="store_true", help="取消已处理标记")
    handled.set_defaults(run=run_handled)
    set_time = actions.add_parser("set-time", parents=parents, help="手动更正某个时间（更正优先于导入的数据）")
    set_time.add_argument("order_id", metavar="ORDER_ID")
    set_time.add_argument("--kind", required=True, choices=list(notes.CORRECTION_KINDS))
    when = set_time.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", metavar="TIME", help='北京时间，如 "2023-11-12 10:00:00"')
    when.add_argument("--clear", action="store_true", help="删除这条更正，恢复导入的数据")
    set_time.add_argument("--tracking", metavar="NO", help="订单有多个包裹时，指明物流单号")
    set_time.add_argument("--after-sale", metavar="ID", help="订单有多个售后单时，指明售后单号")
    set_time.set_defaults(run=run_set_time)
    show = actions.add_parser("show", parents=parents, help="显示订单的全部信息")
    show.add_argument("order_id", metavar="ORDER_ID")
    show.add_argument("--at", metavar="TIME", help="按这个北京时间计算时钟（默认：现在）")
    show.set_defaults(run=run_show)

    purge = commands.add_parser("purge", parents=parents, help="删除旧订单（保护买家隐私）")
    purge.add_argument("--before", metavar="DATE", help="删除这个时间之前的订单（默认：按保留天数设置，180 天）")
    purge.add_argument("--yes", action="store_true", help="不再询问，直接删除")
    purge.set_defaults(run=run_purge)

    settings = commands.add_parser("settings", parents=parents, help="查看或修改设置")
    settings.add_argument("key", nargs="?", choices=[*SETTINGS, *SECRET_SETTINGS], metavar="KEY")
    settings.add_argument("value", nargs="?", metavar="VALUE")
    settings.add_argument("--unset", action="store_true", help="恢复默认值")
    settings.set_defaults(run=run_settings)


def run_import(args: argparse.Namespace) -> int:
    as_of = parse_moment(args.at, "--at") if args.at else now()
    with open_store(args, IMPORT_WAIT) as store:
        before = _clocks(store, as_of)
        reports = import_into_store(store, args.files)
        backup_problem = store.backup_after_import()  # the newest backup holds this import
        after = _clocks(store, as_of) if not isinstance(before, RulePackError) else before
        purged = purge_if_chosen(store)
        total = store.connection.execute("SELECT COUNT(DISTINCT order_id) FROM order_lines").fetchone()[0]
    _print_reports(reports)
    if isinstance(after, RulePackError):
        print(f"无法比较导入前后的时钟状态（{after}）；导入不受影响，请修正规则包后运行 shopguard triage 查看。")
    else:
        _print_status_changes(compare(before, after))
    if purged:
        print(f"已按保留期限自动删除 {purged.orders} 个旧订单（设置 auto_purge = on）。")
    print(f"数据库里共有 {total} 个订单。")
    if backup_problem:
        print(f"shopguard: 导入已保存，但{backup_problem}", file=sys.stderr)
    return EXIT_OK if any(report.kind for report in reports) else EXIT_INPUT


def _clocks(store, as_of) -> dict | RulePackError:
    """The statuses of the store's clocks at `as_of`; a broken rule pack of the merchant's must not stop an
    import."""
    try:
        return statuses(triage_store(store, as_of).triage.deadlines)
    except RulePackError as error:
        return error


def _print_reports(reports) -> None:
    for report in reports:
        kind = kind_by_id(report.kind).title if report.kind else "未导入"
        if report.same_as:
            print(
                f"{printable(report.file_name)}（{kind}）：与第 {report.same_as[0]} 次导入"
                f"（{report.same_as[1][:19].replace('T', ' ')}）的文件相同，没有变化"
            )
            continue
        counts = f"新增 {report.new}，更新 {report.updated}，未变 {report.unchanged}"
        if report.older:
            counts += f"，{report.older} 行比已有数据旧未覆盖"
        problems = len(report.problems) + report.problems_not_listed
        print(f"{printable(report.file_name)}（{kind}）：{report.rows} 行；{counts}；问题 {problems:,}")
        print_problems(report.problems, sys.stdout, not_listed=report.problems_not_listed)


def _print_status_changes(changes: StatusChanges) -> None:
    if not changes.orders:
        print("这次导入没有改变任何时钟的状态。")
        return
    checks = f"，其中 {changes.to_check} 个需要核对" if changes.to_check else ""
    print(f"这次导入改变了 {len(changes.orders)} 个订单的时钟状态{checks}：")
    listed, more = changes.listed()
    for order in listed:
        print(f"  {describe_order(order)}")
    if more:
        print(f"  还有 {more} 个订单，运行 shopguard triage 查看全部时钟")


def run_note(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        order_id = notes.resolve_order_id(store, args.order_id)
        notes.add_note(store, order_id, args.text)
    print(f"已给订单 {order_id} 加备注。")
    return EXIT_OK


def run_handled(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        order_id = notes.resolve_order_id(store, args.order_id)
        notes.set_handled(store, order_id, not args.undo)
    print(f"订单 {order_id} {'已取消已处理标记' if args.undo else '已标记为已处理'}。")
    return EXIT_OK


def run_set_time(args: argparse.Namespace) -> int:
    at = None if args.clear else parse_moment(args.at, "--at")
    with open_store(args) as store:
        order_id = notes.resolve_order_id(store, args.order_id)
        correction = notes.set_time(store, order_id, args.kind, at, args.tracking or args.after_sale)
    label = notes.CORRECTION_KINDS[args.kind].label
    print(f"订单 {order_id}：{correction.describe()}" if correction else f"订单 {order_id}：已删除{label}的手动更正")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    as_of = parse_moment(args.at, "--at") if args.at else now()
    with open_store_to_read(args) as store:
        order_id = notes.resolve_order_id(store, args.order_id)
        snapshot = load_snapshot(store, order_id)
        settings = engine_settings(store)
        all_notes = store.connection.execute(
            "SELECT text, created_at FROM notes WHERE order_id = ? ORDER BY id", (order_id,)
        ).fetchall()
        sources = store.connection.execute(
            """SELECT DISTINCT imports.id, imports.file_name, imports.imported_at FROM imports
               WHERE imports.id IN (SELECT first_import FROM order_lines WHERE order_id = :o
                                    UNION SELECT last_import FROM order_lines WHERE order_id = :o
                                    UNION SELECT first_import FROM after_sales WHERE order_id = :o
                                    UNION SELECT last_import FROM after_sales WHERE order_id = :o)
               ORDER BY imports.id""",
            {"o": order_id},
        ).fetchall()
    triage = compute_deadlines(snapshot.orders, snapshot.after_sales, snapshot.tracking, load_packs(), settings, as_of)
    annotate(triage.deadlines, snapshot)
    print(f"订单 {order_id}" + ("  【已处理】" if order_id in snapshot.handled else ""))
    for line in snapshot.orders:
        print(f"  子订单 {line.sub_order_id}  {line.product or ''}  ×{line.quantity or '?'}  {line.order_status or ''}")
        print(f"    支付 {format_time(line.paid_at) or '—'}  承诺发货 {format_time(line.promised_ship_at) or '—'}"
              f"  发货 {format_time(line.shipped_at) or '—'}  收货省份 {line.province or '—'}")  # fmt: skip
        for package in line.packages:
            scans = snapshot.tracking.get(package.tracking_no)
            print(f"    包裹 {package.tracking_no} {package.courier or ''}  " + _scans(scans))
    for sale in snapshot.after_sales:
        print(
            f"  售后 {sale.after_sale_id}  {sale.type or ''}  {sale.status or ''}"
            f"  申请 {format_time(sale.applied_at) or '—'}"
        )
        if sale.return_tracking_no:
            print(f"    退货 {sale.return_tracking_no}  {_scans(snapshot.tracking.get(sale.return_tracking_no))}")
    print(f"时钟（按 {format_time(as_of)} 计算）：")
    for d in triage.deadlines:
        print(f"  {CLOCKS[d.kind]}  {_state(d)}  截止 {format_time(d.due) or '—'}  {d.rule_title}")
        print(f"    {d.explanation}")
    for correction in snapshot.corrections:
        print(f"更正：{correction.describe()}（{format_time(correction.created_at)} 录入）")
    for text, created in all_notes:
        print(f"备注（{created[:19].replace('T', ' ')}）：{text}")
    for import_id, name, imported_at in sources:
        print(f"来源：第 {import_id} 次导入 {name}（{imported_at[:19].replace('T', ' ')}）")
    return EXIT_OK


def _state(deadline: Deadline) -> str:
    """`已超时  已超时 2小时`; the status once where the countdown would repeat it (`需要核对`, `按时完成`)."""
    status, left = STATUSES[deadline.status], describe_left(deadline)
    return status if left == status else f"{status}  {left}"


def _scans(scans) -> str:
    if scans is None:
        return "（没有快递轨迹数据）"
    parts = [
        ("揽收", scans.picked_up_at),
        ("分拨", scans.first_sort_at),
        ("最新", scans.last_update_at),
        ("签收", scans.signed_at),
    ]
    return "  ".join(f"{label} {format_time(moment)}" for label, moment in parts if moment) or "（没有扫描时间）"


def run_purge(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        if args.before:
            cutoff = parse_moment(args.before if " " in args.before else f"{args.before} 00:00:00", "--before")
        else:
            cutoff = now() - timedelta(days=int(get_setting(store, "retention_days")))
        if not args.yes:
            raise InputError(f"将删除 {format_time(cutoff)} 之前的订单及其售后、备注和更正；确认请加 --yes")
        report = purge_before(store, cutoff)
    print(
        f"已删除 {report.orders} 个订单（{report.order_lines} 个子订单、{report.after_sales} 个售后单、"
        f"{report.parcels} 个包裹的轨迹）。自动备份中仍有旧数据，会在之后的导入中逐步轮换掉。"
    )
    return EXIT_OK


def run_settings(args: argparse.Namespace) -> int:
    if is_secret_setting(args.key):  # group robots' URLs and secrets: the OS keyring, never the store
        return run_secret_setting(args)
    changing = args.key and (args.value is not None or args.unset)
    with open_store(args) if changing else open_store_to_read(args) as store:
        if args.key and (args.value is not None or args.unset):
            set_setting(store, args.key, None if args.unset else args.value)
        elif args.key and args.value is None and not args.unset:
            print(get_setting(store, args.key) or "")
            return EXIT_OK
        for key, spec in SETTINGS.items():
            print(f"{key} = {get_setting(store, key) or '（未设置）'}\t# {spec.label}")
    print_secret_settings()
    return EXIT_OK
