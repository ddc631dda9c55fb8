"""`shopguard report` (workbook, HTML, .eml, send) and `shopguard mail password|test`."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from tempfile import TemporaryDirectory

from shopguard.cli.common import EXIT_INPUT, EXIT_OK, InputError, open_store, open_store_to_read
from shopguard.cli.problems import print_problems
from shopguard.cli.push_commands import push_after_report
from shopguard.cli.triage import add_source_options, compute
from shopguard.core.clock import now
from shopguard.core.report.content import build_content, buyer_details
from shopguard.core.report.mail import MailError, save_password
from shopguard.core.store.preferences import SettingError, get_setting, mail_recipients


def add_parsers(commands, parents) -> None:
    report = commands.add_parser("report", parents=parents, help="生成晨报工作簿、邮件正文、邮件草稿，或直接发送")
    add_source_options(report)
    report.add_argument("--out", type=Path, metavar="FILE.xlsx", help="晨报工作簿（默认：ShopGuard晨报_日期.xlsx）")
    report.add_argument("--html", type=Path, metavar="FILE.html", help="邮件正文（HTML）")
    report.add_argument(
        "--eml", type=Path, metavar="FILE.eml", help="邮件草稿，可用 Outlook、Foxmail、Thunderbird 打开"
    )
    report.add_argument("--send", action="store_true", help="用设置中的邮箱发送给 mail_to")
    report.add_argument("--push", action="store_true", help="同时把时效摘要发到设置好的企业微信 / 钉钉 / 飞书群")
    report.add_argument(
        "--with-buyer", action="store_true", help="包含收件人姓名、电话（打码为 138****1234）和地址（默认不包含）"
    )
    report.add_argument(
        "--full", action="store_true", help="工作簿另加「全部时钟」：每个时钟一行，包括已结束的（数据多时较慢）"
    )
    report.set_defaults(run=run_report)
    mail = commands.add_parser("mail", help="发件邮箱：保存密码、发测试邮件")
    actions = mail.add_subparsers(dest="mail_command", metavar="ACTION", required=True)
    password = actions.add_parser("password", parents=parents, help="把邮箱密码/授权码存入系统的密码保管服务")
    password.set_defaults(run=run_password)
    test = actions.add_parser("test", parents=parents, help="发一封测试邮件给 mail_to")
    test.set_defaults(run=run_test)


def run_report(args: argparse.Namespace) -> int:
    # The report's modules bring xlsxwriter: imported here, not on every start of the CLI.
    from shopguard.core.files import TargetLocked, describe_os_error, write_atomically
    from shopguard.core.report.html import render_html
    from shopguard.core.report.message import build_message, write_eml
    from shopguard.core.report.workbook import write_workbook

    computed = compute(args)
    buyers = buyer_details(computed.orders) if args.with_buyer else None
    content = build_content(computed.triage, computed.filings, buyers)
    problems = computed.problems
    outputs = []
    mail_failed = None
    try:
        workbook = args.out
        if workbook is None and not (args.html or args.eml):
            workbook = Path(f"ShopGuard晨报_{content.as_of.strftime('%Y-%m-%d')}.xlsx")
        with TemporaryDirectory() as scratch:
            if workbook is None and (args.eml or args.send):
                workbook = Path(scratch) / "report.xlsx"  # attached to the email only
            if workbook is not None:
                write_workbook(content, workbook, full=args.full)
                if workbook.parent != Path(scratch):
                    outputs.append(workbook)
            if args.html:
                html = render_html(content)
                outputs.append(write_atomically(args.html, lambda path: path.write_text(html, encoding="utf-8")))
            if args.eml:
                outputs.append(write_eml(build_message(content, workbook), args.eml))
            if args.send:
                try:
                    _send_report(args, content, workbook)
                except InputError as error:  # said after the push: a failed email does not stop the group chats
                    mail_failed = error
    except TargetLocked as error:
        not_written = InputError(str(error))
    except OSError as error:  # a full disk, an unwritable folder: said after the push, which needs no file
        if describe_os_error(error) is None:
            raise
        not_written = error
    else:
        not_written = None
    pushed = push_after_report(args, content) if args.push else True
    for path in outputs:
        print(f"已写入 {path}")
    print_problems(problems, sys.stderr, prefix="导入问题：", not_listed=computed.problems_not_listed)
    if not_written is not None:
        raise not_written  # the command line's handler says it in the merchant's words (exit 2)
    if mail_failed:
        raise mail_failed
    return EXIT_OK if pushed else EXIT_INPUT


def _send_report(args: argparse.Namespace, content, workbook: Path) -> None:
    from shopguard.core.report.delivery import send_report

    with open_store(args) as store:
        try:
            accepted = send_report(store, content, workbook, now())
        except (MailError, SettingError) as error:
            raise InputError(f"晨报没有发出：{error}") from None
        recipients = mail_recipients(store)
    print(f"晨报已发给 {'、'.join(accepted)}")
    refused = [address for address in recipients if address not in accepted]
    if refused:
        print(f"这些收件人被服务器拒绝：{'、'.join(refused)}", file=sys.stderr)


def run_password(args: argparse.Namespace) -> int:
    with open_store_to_read(args) as store:
        user = get_setting(store, "mail_user")
    if not user:
        raise InputError("请先设置发件邮箱：shopguard settings mail_user you@qq.com")
    password = getpass.getpass(f"{user} 的密码或授权码：") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if not password:
        raise InputError("没有输入密码")
    try:
        save_password(user, password)
    except MailError as error:
        raise InputError(str(error)) from None
    print("已保存到系统的密码保管服务（不会写入任何文件）。")
    return EXIT_OK


def run_test(args: argparse.Namespace) -> int:
    from shopguard.core.report.delivery import send_check

    with open_store_to_read(args) as store:
        try:
            accepted = send_check(store)
        except (MailError, SettingError) as error:
            raise InputError(str(error)) from None
    print(f"测试邮件已发给 {'、'.join(accepted)}")
    return EXIT_OK
