"""`shopguard schedule install --at HH:MM | status | remove`: the OS task that runs `shopguard report --send
--push` every day, and the hidden `report --scheduled` with which that task records how its run ended."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime, timedelta

from shopguard.cli.common import EXIT_OK, InputError, has_store, open_store_to_read
from shopguard.core.alerts import schedule
from shopguard.core.clock import now
from shopguard.core.datadir import data_dir
from shopguard.core.store.preferences import get_setting


def add_parsers(commands, parents) -> None:
    scheduled = commands.add_parser("schedule", help="每天定时自动发送晨报和群消息（系统的计划任务）")
    actions = scheduled.add_subparsers(dest="schedule_command", metavar="ACTION", required=True)
    install = actions.add_parser("install", parents=parents, help="每天在这个时刻运行 shopguard report --send --push")
    install.add_argument("--at", required=True, metavar="HH:MM", help="电脑本地时间，如 08:00")
    install.set_defaults(run=run_install)
    actions.add_parser("status", parents=parents, help="是否已设置、上次运行的时间和结果").set_defaults(run=run_status)
    actions.add_parser("remove", parents=parents, help="取消每天自动发送").set_defaults(run=run_remove)
    # The task runs `report --scheduled`, which records its outcome in the data folder for `schedule status`.
    report = commands.choices["report"]
    report.add_argument("--scheduled", action="store_true", help=argparse.SUPPRESS)
    report.set_defaults(run=recorded(report.get_default("run")))


def run_install(args: argparse.Namespace) -> int:
    folder = data_dir(getattr(args, "data_dir", None)).resolve()
    try:
        plan = schedule.install(args.at, folder)
    except schedule.ScheduleError as error:
        raise InputError(f"没有设置好每天自动发送：{error}") from None
    hour, minute = schedule.parse_time(args.at)
    print(f"已设置：每天 {hour:02d}:{minute:02d} 自动运行 shopguard report --send --push（{plan.description}）。")
    print(f"晨报工作簿保存在 {folder / 'reports'}；运行结果见 shopguard schedule status。")
    if _window_also_sends(args):
        print(
            "注意：设置里还有 report_time（窗口开着时每天发送）；两者都开会发两次。"
            "只用这里的自动发送请运行 shopguard settings report_time --unset"
        )
    if datetime.now().astimezone().utcoffset() != timedelta(hours=8):
        print("注意：这台电脑的时区不是北京时间（UTC+8），这个时刻按电脑的本地时间计算。")
    return EXIT_OK


def _window_also_sends(args: argparse.Namespace) -> bool:
    if not has_store(args):
        return False
    with open_store_to_read(args) as store:
        return bool(get_setting(store, "report_time"))


def run_status(args: argparse.Namespace) -> int:
    for line in schedule.status(data_dir(getattr(args, "data_dir", None)).resolve()).describe():
        print(line)
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    try:
        plan = schedule.remove(data_dir(getattr(args, "data_dir", None)).resolve())
    except schedule.ScheduleError as error:
        raise InputError(f"没有取消每天自动发送：{error}") from None
    print(f"已取消每天自动发送（{plan.description}）。")
    return EXIT_OK


class _Tee(io.TextIOBase):
    """stderr as it was, plus a copy kept for the run's record."""

    def __init__(self, original):
        self.original, self.copy = original, io.StringIO()

    def write(self, text: str) -> int:
        self.copy.write(text)
        return self.original.write(text)

    def flush(self) -> None:
        self.original.flush()


def recorded(run):
    def run_and_record(args: argparse.Namespace) -> int:
        if not getattr(args, "scheduled", False):
            return run(args)
        started, tee = now(), _Tee(sys.stderr)
        sys.stderr, code, message = tee, 1, ""
        try:
            code = run(args)
            message = tee.copy.getvalue().strip()
            return code
        except Exception as error:  # InputError and the like end as exit code 2 in main(); others are bugs
            code = 2 if isinstance(error, OSError) or error.__class__.__module__.startswith("shopguard") else 1
            message = (tee.copy.getvalue() + str(error)).strip()
            raise
        finally:
            sys.stderr = tee.original
            folder = data_dir(getattr(args, "data_dir", None))
            try:
                schedule.record_run(folder, started, now(), code, message)
            except OSError as error:
                print(f"shopguard: 无法记录这次自动运行的结果：{error}", file=sys.stderr)

    return run_and_record
