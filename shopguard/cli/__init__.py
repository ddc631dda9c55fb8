"""Command line. Exit codes: 0 ok, 2 usage or input error (message on stderr, never a traceback).

An OSError the merchant caused (disk full, no permission, a folder where a file was meant, a bad file name) is a
message naming the path; any other exception is a programming error and keeps its traceback (on stderr, which a
scheduled `shopguard report --send` writes to its log).
"""

from __future__ import annotations

import argparse
import os
import sys

from shopguard import __version__
from shopguard.cli import (
    filing_commands,
    notice_commands,
    push_commands,
    report_commands,
    rules,
    schedule_commands,
    store_commands,
    triage,
    watch_commands,
)
from shopguard.cli.common import EXIT_INPUT, EXIT_OK, InputError
from shopguard.core.bulk import collector_paused
from shopguard.core.datadir import DataDirError
from shopguard.core.files import describe_os_error
from shopguard.core.rules.packs import RulePackError
from shopguard.core.store.annotate import AnnotationError
from shopguard.core.store.database import StoreError
from shopguard.core.store.preferences import SettingError


def open_window(args: argparse.Namespace) -> int:
    """`shopguard` without a command opens the window; Qt is imported only here."""
    from shopguard.core.datadir import data_dir
    from shopguard.ui.app import run_gui, smoke_test

    if args.smoke_test:
        return smoke_test()
    if not _has_screen():
        message = "没有图形界面（DISPLAY 未设置），无法打开窗口；请用 shopguard triage、shopguard report 等命令。"
        print(f"shopguard: {message}", file=sys.stderr)
        return EXIT_INPUT
    try:
        folder = data_dir(args.data_dir)
    except DataDirError as error:  # said in a dialog too: a window started from the desktop has no terminal
        print(f"shopguard: {error}", file=sys.stderr)
        from PySide6.QtWidgets import QApplication, QMessageBox

        _ = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, "ShopGuard", str(error))
        return EXIT_INPUT
    return run_gui(folder, demo=args.demo, language=args.lang, minimized=args.minimized)


def _has_screen() -> bool:
    """Qt aborts the process when it finds no display: say so instead (Linux over SSH, a server)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


USER_ERRORS = (InputError, RulePackError, StoreError, AnnotationError, SettingError, DataDirError)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopguard", description="抖店时效管家：发货、揽收、物流与售后时限的晨间清单")
    parser.add_argument("--version", action="version", version=f"ShopGuard {__version__}")
    # Accepted before or after the command: `shopguard --data-dir D import ...` or `shopguard import --data-dir D ...`.
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="数据文件夹（默认：系统的用户数据目录或 $SHOPGUARD_HOME）",
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", default=None, help="数据文件夹（默认：系统的用户数据目录或 $SHOPGUARD_HOME）"
    )
    parser.add_argument("--demo", action="store_true", help="不带命令时：打开窗口并载入演示数据（单独的演示数据库）")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="窗口语言（默认跟随系统）")
    parser.add_argument("--minimized", action="store_true", help="不带命令时：启动到系统托盘（开机自动启动用）")
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)  # used by packaging/build.py
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    triage.add_parser(commands, [data_dir])
    store_commands.add_parsers(commands, [data_dir])
    filing_commands.add_parser(commands, [data_dir])
    report_commands.add_parsers(commands, [data_dir])
    push_commands.add_parsers(commands, [data_dir])
    schedule_commands.add_parsers(commands, [data_dir])  # after report: it adds report --scheduled
    watch_commands.add_parsers(commands, [data_dir])
    rules.add_parser(commands, [data_dir])
    notice_commands.add_parser(commands, [data_dir])
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return open_window(args)
    try:
        # A command builds hundreds of thousands of acyclic records and then ends: the cyclic collector
        # would only rescan them, about half a second of a 200,000-row triage.
        with collector_paused():
            return args.run(args)
    except USER_ERRORS as error:
        print(f"shopguard: {error}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # `shopguard triage | head`
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:
        message = describe_os_error(error)
        if message is None:
            raise
        print(f"shopguard: {message}", file=sys.stderr)
        return EXIT_INPUT
