"""The OS task that runs `shopguard report --send --push` every day, and starting the window with the system.

One plan per system, written as files and commands, so that what is generated can be checked without
touching this computer's scheduler:
- Windows: a Task Scheduler task made from an XML file (`schtasks /Create /XML`: no 261-character limit on the
  command, any path), task `ShopGuard\\DailyReport`; starting with the system: the HKCU Run key.
- macOS: a LaunchAgent plist in ~/Library/LaunchAgents (StartCalendarInterval; RunAtLoad for starting).
- Linux: a systemd user timer (~/.config/systemd/user), or a crontab line when `systemctl --user` does not
  answer; starting with the system: an XDG autostart .desktop file.
Times are the computer's local time, which the OS scheduler keeps.

A scheduled run writes its outcome to `last-scheduled-run.json` in the data folder (see `record_run`), which
`shopguard schedule status` and the window read.
"""

from __future__ import annotations

import json
import os
import plistlib
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from shopguard.core.clock import format_time
from shopguard.core.files import write_atomically

TASK = "ShopGuard\\DailyReport"  # Windows Task Scheduler folder\name
LABEL = "com.shopguard.report"  # macOS LaunchAgent
AUTOSTART_LABEL = "com.shopguard.window"
UNIT = "shopguard-report"  # systemd user service + timer
CRON_MARK = "# shopguard-report"
RUN_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"
LAST_RUN = "last-scheduled-run.json"
SCHEDULE_FILE = "schedule.json"  # what was installed, for status

# (arguments, stdin) -> (exit code, output): subprocess by default, a recorder in tests
Runner = Callable[[list[str], str | None], tuple[int, str]]


class ScheduleError(Exception):
    """The task could not be set up or removed; the text says why in the merchant's words."""


def run_command(args: list[str], stdin: str | None = None) -> tuple[int, str]:
    try:
        done = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=30, check=False)
    except FileNotFoundError:
        return 127, f"找不到 {args[0]}"
    except (OSError, subprocess.TimeoutExpired) as error:
        return 1, str(error)
    return done.returncode, (done.stdout + done.stderr).strip()


def parse_time(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
    if not match:
        raise ScheduleError(f"时间「{text}」应写成 08:00 这样的时刻（24 小时制）")
    return int(match.group(1)), int(match.group(2))


def shopguard_command(*arguments: str) -> list[str]:
    """How this ShopGuard is started again: the bundled program, or this Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "shopguard", *arguments]


def package_root() -> str | None:
    """The folder holding the `shopguard` package when run from a checkout (the task needs it on PYTHONPATH)."""
    if getattr(sys, "frozen", False):
        return None
    return str(Path(__file__).resolve().parents[3])


def report_command(data_dir: Path) -> list[str]:
    return shopguard_command("report", "--send", "--push", "--scheduled", "--data-dir", str(data_dir))


@dataclass
class Plan:
    """What installing (or removing) does: files to write, files to delete, commands to run in order."""

    description: str
    files: dict[Path, bytes] = field(default_factory=dict)
    delete: list[Path] = field(default_factory=list)
    commands: list[tuple[list[str], str | None]] = field(default_factory=list)
    optional: set[int] = field(default_factory=set)  # indexes of commands whose failure does not matter


# --- Linux ---------------------------------------------------------------------------------------------


def _config_home(home: Path) -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")


def systemd_quote(argument: str) -> str:
    """One ExecStart argument: double-quoted, with systemd's specifiers (%) and variables ($) escaped."""
    escaped = argument.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{escaped}"'


def _specifiers_escaped(path: str) -> str:
    """A path setting (WorkingDirectory=): no quotes there, spaces allowed, only % (a specifier) escaped."""
    return path.replace("%", "%%")


def systemd_units(command: list[str], workdir: Path, hour: int, minute: int) -> tuple[str, str]:
    root = package_root()
    environment = f"Environment={systemd_quote('PYTHONPATH=' + root)}\n" if root else ""
    service = (
        "[Unit]\nDescription=ShopGuard 晨报：发送邮件和群消息\n\n[Service]\nType=oneshot\n"
        f"WorkingDirectory={_specifiers_escaped(str(workdir))}\n{environment}"
        f"ExecStart={' '.join(systemd_quote(part) for part in command)}\n"
    )
    timer = (
        f"[Unit]\nDescription=每天 {hour:02d}:{minute:02d} 发送 ShopGuard 晨报\n\n"
        f"[Timer]\nOnCalendar=*-*-* {hour:02d}:{minute:02d}:00\nPersistent=true\nUnit={UNIT}.service\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return service, timer


def cron_line(command: list[str], workdir: Path, hour: int, minute: int) -> str:
    root = package_root()
    environment = f"PYTHONPATH={shlex.quote(root)} " if root else ""
    line = f"cd {shlex.quote(str(workdir))} && {environment}{shlex.join(command)}"
    return f"{minute} {hour} * * * {line.replace('%', chr(92) + '%')} {CRON_MARK}"  # % ends a cron command


def _linux_install(command, workdir, hour, minute, home: Path, runner: Runner) -> Plan:
    if runner(["systemctl", "--user", "show-environment"], None)[0] == 0:
        units = _config_home(home) / "systemd" / "user"
        service, timer = systemd_units(command, workdir, hour, minute)
        return Plan(
            "systemd 用户定时器",
            files={units / f"{UNIT}.service": service.encode(), units / f"{UNIT}.timer": timer.encode()},
            commands=[
                (["systemctl", "--user", "daemon-reload"], None),
                (["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"], None),
            ],
        )
    code, current = runner(["crontab", "-l"], None)
    kept = [line for line in current.splitlines() if CRON_MARK not in line] if code == 0 else []
    table = "\n".join([*kept, cron_line(command, workdir, hour, minute)]) + "\n"
    return Plan("cron", commands=[(["crontab", "-"], table)])


def _linux_remove(home: Path, runner: Runner) -> Plan:
    units = _config_home(home) / "systemd" / "user"
    plan = Plan("systemd / cron", delete=[units / f"{UNIT}.service", units / f"{UNIT}.timer"])
    if (units / f"{UNIT}.timer").exists():
        plan.commands += [
            (["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"], None),
            (["systemctl", "--user", "daemon-reload"], None),
        ]
        plan.optional |= {0, 1}
    code, current = runner(["crontab", "-l"], None)
    if code == 0 and CRON_MARK in current:
        kept = [line for line in current.splitlines() if CRON_MARK not in line]
        plan.commands.append((["crontab", "-"], "\n".join(kept) + "\n" if kept else ""))
    return plan


# --- macOS ---------------------------------------------------------------------------------------------


def launch_agent(label: str, command: list[str], workdir: Path, log: Path, hour=None, minute=None) -> bytes:
    agent = {"Label": label, "ProgramArguments": command, "WorkingDirectory": str(workdir)}
    root = package_root()
    if root:
        agent["EnvironmentVariables"] = {"PYTHONPATH": root}
    if hour is None:
        agent["RunAtLoad"] = True
    else:
        agent["StartCalendarInterval"] = {"Hour": hour, "Minute": minute}
        agent["StandardOutPath"] = agent["StandardErrorPath"] = str(log)
    return plistlib.dumps(agent)


def _mac_agent(home: Path, label: str) -> Path:
    return home / "Library" / "LaunchAgents" / f"{label}.plist"


def _mac_load(plist: Path) -> list[tuple[list[str], str | None]]:
    domain = f"gui/{os.getuid()}" if hasattr(os, "getuid") else "gui/501"
    return [
        (["launchctl", "bootout", domain, str(plist)], None),
        (["launchctl", "bootstrap", domain, str(plist)], None),
    ]


# --- Windows -------------------------------------------------------------------------------------------


def task_xml(command: list[str], workdir: Path, hour: int, minute: int) -> bytes:
    """A Task Scheduler task: daily at the time, as the logged-on user, catching up a missed run."""
    from xml.sax.saxutils import escape  # here: it loads urllib.request and ssl, 16 ms at every command's start

    arguments = subprocess.list2cmdline(command[1:])
    start = f"2026-01-01T{hour:02d}:{minute:02d}:00"
    xml = f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>ShopGuard 晨报：发送邮件和群消息</Description></RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>{start}</StartBoundary>
      <Enabled>true</Enabled>
      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals><Principal id="Author"><LogonType>InteractiveToken</LogonType></Principal></Principals>
  <Settings>
    <StartWhenAvailable>true</StartWhenAvailable>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT1H</ExecutionTimeLimit>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(command[0])}</Command>
      <Arguments>{escape(arguments)}</Arguments>
      <WorkingDirectory>{escape(str(workdir))}</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""
    return xml.encode("utf-16")  # with its byte order mark, as schtasks wants


# --- the plans -----------------------------------------------------------------------------------------


def install_plan(
    at: str, data_dir: Path, system: str = sys.platform, home: Path | None = None, runner: Runner = run_command
) -> Plan:
    hour, minute = parse_time(at)
    home = home or Path.home()
    workdir = data_dir / "reports"  # where the day's workbook is written
    command = report_command(data_dir)
    if system == "win32":
        xml = data_dir / "scheduled-task.xml"
        return Plan(
            "Windows 任务计划程序",
            files={xml: task_xml(command, workdir, hour, minute)},
            commands=[(["schtasks", "/Create", "/TN", TASK, "/XML", str(xml), "/F"], None)],
        )
    if system == "darwin":
        plist = _mac_agent(home, LABEL)
        log = data_dir / "logs" / "scheduled-report.log"
        plan = Plan(
            "macOS LaunchAgent",
            files={plist: launch_agent(LABEL, command, workdir, log, hour, minute)},
            commands=_mac_load(plist),
        )
        plan.optional = {0}  # bootout fails when it was not loaded yet
        return plan
    return _linux_install(command, workdir, hour, minute, home, runner)


def remove_plan(
    data_dir: Path, system: str = sys.platform, home: Path | None = None, runner: Runner = run_command
) -> Plan:
    home = home or Path.home()
    if system == "win32":
        plan = Plan("Windows 任务计划程序", delete=[data_dir / "scheduled-task.xml"])
        plan.commands = [(["schtasks", "/Delete", "/TN", TASK, "/F"], None)]
        return plan
    if system == "darwin":
        plist = _mac_agent(home, LABEL)
        plan = Plan("macOS LaunchAgent", delete=[plist], commands=_mac_load(plist)[:1])
        plan.optional = {0}
        return plan
    return _linux_remove(home, runner)


def carry_out(plan: Plan, runner: Runner = run_command) -> None:
    """Write the files, run the commands; a command that fails (and matters) is a ScheduleError."""
    for path, content in plan.files.items():
        write_atomically(path, lambda partial, content=content: partial.write_bytes(content))
    for path in plan.delete:
        path.unlink(missing_ok=True)
    for index, (args, stdin) in enumerate(plan.commands):
        code, output = runner(args, stdin)
        if code != 0 and index not in plan.optional:
            raise ScheduleError(f"{plan.description}：命令 {' '.join(args[:3])} 失败（{code}）：{output[-300:]}")


def install(at: str, data_dir: Path, system: str = sys.platform, home: Path | None = None,
            runner: Runner = run_command) -> Plan:  # fmt: skip
    plan = install_plan(at, data_dir, system, home, runner)
    (data_dir / "reports").mkdir(parents=True, exist_ok=True)
    carry_out(plan, runner)
    hour, minute = parse_time(at)
    record = {"at": f"{hour:02d}:{minute:02d}", "method": plan.description}
    write_atomically(data_dir / SCHEDULE_FILE, lambda path: path.write_text(json.dumps(record, ensure_ascii=False)))
    return plan


def remove(data_dir: Path, system: str = sys.platform, home: Path | None = None,
           runner: Runner = run_command) -> Plan:  # fmt: skip
    plan = remove_plan(data_dir, system, home, runner)
    carry_out(plan, runner)
    (data_dir / SCHEDULE_FILE).unlink(missing_ok=True)
    return plan


# --- what happened -------------------------------------------------------------------------------------


def record_run(data_dir: Path, started: datetime, finished: datetime, exit_code: int, message: str) -> None:
    """Written by the scheduled `report --send --push` when it ends, whatever the outcome."""
    record = {
        "started": started.isoformat(),
        "finished": finished.isoformat(),
        "ok": exit_code == 0,
        "exit_code": exit_code,
        "message": message[-1000:],
    }
    write_atomically(data_dir / LAST_RUN, lambda path: path.write_text(json.dumps(record, ensure_ascii=False)))


def _read_json(path: Path) -> dict | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


@dataclass(frozen=True, slots=True)
class Status:
    at: str | None  # HH:MM when installed
    method: str | None
    last_run: dict | None

    def describe(self) -> list[str]:
        lines = [f"每天 {self.at} 自动发送晨报（{self.method}，电脑本地时间）" if self.at else "没有设置每天自动发送"]
        run = self.last_run
        if run is None:
            lines.append("还没有自动运行过" if self.at else "")
        else:
            try:
                when = format_time(datetime.fromisoformat(str(run.get("finished"))))
            except ValueError:
                when = "时间不明"
            why = run.get("message") or f"退出码 {run.get('exit_code')}"
            outcome = "成功" if run.get("ok") else f"失败：{why}"
            lines.append(f"上次自动运行：{when}，{outcome}")
        return [line for line in lines if line]


def status(data_dir: Path) -> Status:
    installed = _read_json(data_dir / SCHEDULE_FILE) or {}
    return Status(installed.get("at"), installed.get("method"), _read_json(data_dir / LAST_RUN))


# --- starting with the system --------------------------------------------------------------------------


def autostart_plan(enable: bool, data_dir: Path, system: str = sys.platform, home: Path | None = None) -> Plan:
    """Start the window minimised when the user logs in (or stop doing so)."""
    home = home or Path.home()
    command = shopguard_command("--minimized", "--data-dir", str(data_dir))
    if system == "win32":
        if not enable:
            return Plan("Windows 启动项", commands=[(["reg", "delete", RUN_KEY, "/v", "ShopGuard", "/f"], None)],
                        optional={0})  # fmt: skip
        value = subprocess.list2cmdline(command)
        return Plan("Windows 启动项", commands=[(["reg", "add", RUN_KEY, "/v", "ShopGuard", "/d", value, "/f"], None)])
    if system == "darwin":
        plist = _mac_agent(home, AUTOSTART_LABEL)
        if not enable:
            return Plan("macOS 登录项", delete=[plist])
        return Plan("macOS 登录项", files={plist: launch_agent(AUTOSTART_LABEL, command, home, home)})
    desktop = _config_home(home) / "autostart" / "shopguard.desktop"
    if not enable:
        return Plan("自动启动", delete=[desktop])
    root = package_root()
    exec_line = " ".join(_desktop_quote(part) for part in (["env", f"PYTHONPATH={root}"] if root else []) + command)
    entry = (
        "[Desktop Entry]\nType=Application\nName=ShopGuard\nComment=抖店时效管家（最小化启动）\n"
        f"Exec={exec_line}\nX-GNOME-Autostart-enabled=true\nTerminal=false\n"
    )
    return Plan("自动启动", files={desktop: entry.encode()})


def _desktop_quote(argument: str) -> str:
    """An Exec argument per the Desktop Entry spec: quoted when it needs to be, with \\ " ` $ escaped."""
    if re.fullmatch(r"[\w./=:+-]+", argument):
        return argument
    escaped = re.sub(r'([\\"`$])', r"\\\1", argument).replace("%", "%%")
    return f'"{escaped}"'


def autostart_enabled(system: str = sys.platform, home: Path | None = None, runner: Runner = run_command) -> bool:
    home = home or Path.home()
    if system == "win32":
        return runner(["reg", "query", RUN_KEY, "/v", "ShopGuard"], None)[0] == 0
    if system == "darwin":
        return _mac_agent(home, AUTOSTART_LABEL).exists()
    return (_config_home(home) / "autostart" / "shopguard.desktop").exists()
