"""`shopguard watch [FOLDER] [--once]`: import the new 抖店 exports and tracking sheets that land in a folder."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from shopguard.cli.common import EXIT_OK, InputError, open_store
from shopguard.core.alerts.watch_folder import SETTLE, default_folder, scan, watch_once
from shopguard.core.files import printable
from shopguard.core.imports.filekinds import kind_by_id
from shopguard.core.store.database import IMPORT_WAIT

INTERVAL = 5.0  # seconds between looks when watching continuously


def add_parsers(commands, parents) -> None:
    watch = commands.add_parser(
        "watch", parents=parents, help="自动导入放进文件夹（默认：下载文件夹）的抖店订单/售后导出和快递轨迹表"
    )
    watch.add_argument("folder", nargs="?", type=Path, metavar="FOLDER", help="要监视的文件夹（默认：下载文件夹）")
    watch.add_argument("--once", action="store_true", help="只看一次，导入新的导出文件后退出")
    watch.add_argument("--settle", type=float, default=SETTLE, help=argparse.SUPPRESS)  # tests: seconds to wait
    watch.set_defaults(run=run_watch)


def run_watch(args: argparse.Namespace) -> int:
    folder = (args.folder or default_folder()).expanduser()
    if not folder.is_dir():
        raise InputError(f"文件夹「{printable(str(folder))}」不存在或不是文件夹")
    if args.once:
        with open_store(args, IMPORT_WAIT) as store:
            result = watch_once(store, folder, args.settle)
        _tell(result, once=True)
        return EXIT_OK
    print(f"正在监视 {folder}（按 Ctrl+C 停止）…", flush=True)
    earlier: dict = {}
    try:
        while True:
            with open_store(args, IMPORT_WAIT) as store:
                result, earlier = scan(store, folder, earlier, args.settle)
            _tell(result, once=False)
            sys.stdout.flush()  # each import reported as it happens, also into a log file
            time.sleep(INTERVAL)
    except KeyboardInterrupt:
        return EXIT_OK


def _tell(result, once: bool) -> None:
    for report in result.imported:
        name = printable(report.file_name)
        if report.kind is None:
            why = report.problems[0].message if report.problems else "无法读取"
            print(f"shopguard: {name}：没有导入：{why}", file=sys.stderr)
            continue
        print(
            f"已导入 {name}（{kind_by_id(report.kind).title}）：{report.rows} 行；"
            f"新增 {report.new}，更新 {report.updated}，未变 {report.unchanged}；问题 {len(report.problems)}"
        )
    if once:
        for path in result.waiting:
            print(f"{printable(path.name)}：还在写入（或刚刚改过），下次再导入")
        if not result.imported:
            print("没有新的抖店导出文件或快递轨迹表。")
