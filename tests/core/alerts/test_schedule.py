"""The OS task that sends the report every day: the Linux files are written into a temporary HOME and checked
by systemd itself (systemd-analyze verify) and by running the command they hold; the Windows task XML and the
macOS plist are checked as generated. Nothing is enabled on this machine: the runner records commands."""

from __future__ import annotations

import os
import plistlib
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from shopguard.core.alerts import schedule
from shopguard.core.clock import BEIJING


class Recorder:
    """Stands in for the OS commands: remembers them, answers as told."""

    def __init__(self, answers: dict[str, tuple[int, str]] | None = None):
        self.calls: list[tuple[list[str], str | None]] = []
        self.answers = answers or {}

    def __call__(self, args, stdin=None):
        self.calls.append((args, stdin))
        return self.answers.get(" ".join(args[:3]), (0, ""))

    @property
    def commands(self) -> list[str]:
        return [" ".join(args) for args, _ in self.calls]


@pytest.fixture
def places(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    data = tmp_path / "店铺 数据 100%"  # a space, Chinese and a % (a systemd specifier, a cron line end)
    return home, data


def unit_value(text: str, key: str) -> str:
    return next(line.split("=", 1)[1] for line in text.splitlines() if line.startswith(f"{key}="))


def test_linux_systemd_timer_files_pass_systemd_and_run_the_report(places):
    home, data = places
    runner = Recorder()
    schedule.install("8:05", data, "linux", home, runner)
    units = home / ".config" / "systemd" / "user"
    service = (units / "shopguard-report.service").read_text(encoding="utf-8")
    timer = (units / "shopguard-report.timer").read_text(encoding="utf-8")
    assert unit_value(timer, "OnCalendar") == "*-*-* 08:05:00"
    assert unit_value(timer, "Persistent") == "true"
    assert runner.commands == [
        "systemctl --user show-environment",
        "systemctl --user daemon-reload",
        "systemctl --user enable --now shopguard-report.timer",
    ]
    if shutil.which("systemd-analyze"):  # systemd's own parser, where the machine has it (this one does)
        files = [str(units / "shopguard-report.service"), str(units / "shopguard-report.timer")]
        checked = subprocess.run(["systemd-analyze", "verify", *files], capture_output=True, text=True, timeout=60)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    # The service's command, unquoted as systemd does, run as the timer would: it sends (here: fails to, no
    # mailbox set) and records the outcome in the data folder.
    command = shlex.split(unit_value(service, "ExecStart").replace("%%", "%").replace("$$", "$"))
    assert command[1:] == ["-m", "shopguard", "report", "--send", "--push", "--scheduled", "--data-dir", str(data)]
    environment = dict([shlex.split(unit_value(service, "Environment"))[0].split("=", 1)])
    workdir = Path(unit_value(service, "WorkingDirectory").replace("%%", "%"))
    assert workdir == data / "reports" and workdir.is_dir()
    done = subprocess.run(command + ["--demo"], cwd=workdir, env=os.environ | environment, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    status = schedule.status(data)
    assert status.at == "08:05" and status.last_run["ok"] is False
    assert "请先设置发件邮箱" in status.last_run["message"]
    lines = status.describe()
    assert lines[0] == "每天 08:05 自动发送晨报（systemd 用户定时器，电脑本地时间）"
    assert lines[1].startswith("上次自动运行：") and "失败：" in lines[1] and "请先设置发件邮箱" in lines[1]
    assert list(workdir.glob("ShopGuard晨报_*.xlsx"))  # the day's workbook stays in the data folder

    removing = Recorder()
    schedule.remove(data, "linux", home, removing)
    assert not (units / "shopguard-report.timer").exists() and not (units / "shopguard-report.service").exists()
    assert removing.commands[1:] == [
        "systemctl --user disable --now shopguard-report.timer",
        "systemctl --user daemon-reload",
    ]
    assert schedule.status(data).describe()[0] == "没有设置每天自动发送"


def test_linux_without_systemd_user_uses_cron_and_keeps_the_other_lines(places):
    home, data = places
    existing = "0 3 * * * /usr/bin/backup\n30 7 * * * old shopguard line # shopguard-report\n"
    runner = Recorder({"systemctl --user show-environment": (1, "Failed to connect to bus"),
                       "crontab -l": (0, existing)})  # fmt: skip
    plan = schedule.install("07:45", data, "linux", home, runner)
    assert plan.description == "cron"
    args, table = runner.calls[-1]
    assert args == ["crontab", "-"]
    lines = table.splitlines()
    assert lines[0] == "0 3 * * * /usr/bin/backup" and len(lines) == 2
    assert lines[1].startswith("45 7 * * * cd ") and lines[1].endswith(" # shopguard-report")
    assert not (home / ".config" / "systemd").exists()
    # What cron runs: the line after the five time fields, with cron's \% turned back into %, by sh.
    command = lines[1].split(" ", 5)[5].removesuffix(" # shopguard-report").replace("\\%", "%")
    done = subprocess.run(["sh", "-c", command + " --demo"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert schedule.status(data).last_run["ok"] is False
    assert list((data / "reports").glob("ShopGuard晨报_*.xlsx"))

    removing = Recorder({"crontab -l": (0, table)})
    schedule.remove(data, "linux", home, removing)
    assert removing.calls[-1] == (["crontab", "-"], "0 3 * * * /usr/bin/backup\n")


def test_windows_task_xml_and_schtasks_commands(places):
    home, data = places
    runner = Recorder()
    schedule.install("08:00", data, "win32", home, runner)
    xml_path = data / "scheduled-task.xml"
    raw = xml_path.read_bytes()
    assert raw[:2] in (b"\xff\xfe", b"\xfe\xff")  # UTF-16 with a byte order mark, as schtasks /XML reads
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    root = ET.fromstring(raw.decode("utf-16").replace('encoding="UTF-16"', ""))
    assert root.find(".//t:CalendarTrigger/t:StartBoundary", ns).text.endswith("T08:00:00")
    assert root.find(".//t:ScheduleByDay/t:DaysInterval", ns).text == "1"
    assert root.find(".//t:StartWhenAvailable", ns).text == "true"  # a computer off at 08:00 sends when back
    assert root.find(".//t:Exec/t:Command", ns).text == sys.executable
    arguments = root.find(".//t:Exec/t:Arguments", ns).text
    assert arguments == subprocess.list2cmdline(
        ["-m", "shopguard", "report", "--send", "--push", "--scheduled", "--data-dir", str(data)]
    )
    assert f'"{data}"' in arguments  # the path with a space is one argument
    assert root.find(".//t:Exec/t:WorkingDirectory", ns).text == str(data / "reports")
    assert runner.calls == [(["schtasks", "/Create", "/TN", "ShopGuard\\DailyReport", "/XML", str(xml_path), "/F"],
                             None)]  # fmt: skip
    removing = Recorder()
    schedule.remove(data, "win32", home, removing)
    assert removing.commands == ["schtasks /Delete /TN ShopGuard\\DailyReport /F"]
    assert not xml_path.exists()


def test_windows_a_refused_task_is_a_message(places):
    home, data = places
    runner = Recorder({"schtasks /Create /TN": (1, "错误: 拒绝访问。")})
    with pytest.raises(schedule.ScheduleError, match="拒绝访问"):
        schedule.install("08:00", data, "win32", home, runner)
    assert schedule.status(data).at is None  # not recorded as installed


def test_macos_launch_agent(places):
    home, data = places
    runner = Recorder({"launchctl bootout": (5, "Boot-out failed: 3: No such process")})  # not loaded yet: fine
    schedule.install("21:30", data, "darwin", home, runner)
    plist = home / "Library" / "LaunchAgents" / "com.shopguard.report.plist"
    agent = plistlib.loads(plist.read_bytes())
    assert agent["Label"] == "com.shopguard.report"
    assert agent["StartCalendarInterval"] == {"Hour": 21, "Minute": 30}
    assert agent["ProgramArguments"] == schedule.report_command(data)
    assert agent["WorkingDirectory"] == str(data / "reports")
    assert agent["StandardErrorPath"] == str(data / "logs" / "scheduled-report.log")
    uid = os.getuid()
    assert runner.commands == [f"launchctl bootout gui/{uid} {plist}", f"launchctl bootstrap gui/{uid} {plist}"]
    schedule.remove(data, "darwin", home, Recorder())
    assert not plist.exists()


def test_bad_times_are_refused():
    for text in ("8", "24:00", "08:60", "eight", ""):
        with pytest.raises(schedule.ScheduleError, match="08:00"):
            schedule.parse_time(text)


def test_status_reads_a_success_and_survives_a_damaged_record(tmp_path):
    started = datetime(2026, 11, 30, 8, 0, 1, tzinfo=BEIJING)
    schedule.record_run(tmp_path, started, started.replace(second=9), 0, "")
    assert schedule.status(tmp_path).describe() == ["没有设置每天自动发送", "上次自动运行：2026-11-30 08:00:09，成功"]
    (tmp_path / schedule.LAST_RUN).write_text("{not json", encoding="utf-8")
    assert schedule.status(tmp_path).describe() == ["没有设置每天自动发送"]


def test_autostart_files_per_system(places):
    home, data = places
    plan = schedule.autostart_plan(True, data, "linux", home)
    schedule.carry_out(plan, Recorder())
    desktop = (home / ".config" / "autostart" / "shopguard.desktop").read_text(encoding="utf-8")
    assert "--minimized" in desktop and "Type=Application" in desktop
    assert schedule.autostart_enabled("linux", home)
    schedule.carry_out(schedule.autostart_plan(False, data, "linux", home), Recorder())
    assert not schedule.autostart_enabled("linux", home)
    windows = schedule.autostart_plan(True, data, "win32", home)
    [(args, _)] = windows.commands
    assert args[:5] == ["reg", "add", schedule.RUN_KEY, "/v", "ShopGuard"] and "--minimized" in args[6]
    mac = schedule.autostart_plan(True, data, "darwin", home)
    [(path, content)] = mac.files.items()
    assert plistlib.loads(content)["RunAtLoad"] is True and "--minimized" in plistlib.loads(content)["ProgramArguments"]
