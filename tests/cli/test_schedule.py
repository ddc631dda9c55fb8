"""`shopguard schedule install | status | remove` as whole processes, with stand-in `systemctl` and `crontab`
programs on PATH that log what they are asked (nothing is enabled on this machine), and the scheduled
`report --send --push --scheduled` recording how it ended."""

from __future__ import annotations

import os
import stat

import pytest

from tests.processes import run


@pytest.fixture
def fake_systemd(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "commands.log"
    for name in ("systemctl", "crontab"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\nexit 0\n', encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    return tmp_path / "home", log


def test_install_status_remove(fake_systemd, isolated_home):
    home, log = fake_systemd
    done = run("schedule", "install", "--at", "08:00")
    assert done.returncode == 0, done.stderr
    assert "已设置：每天 08:00 自动运行 shopguard report --send --push（systemd 用户定时器）" in done.stdout
    timer = home / ".config" / "systemd" / "user" / "shopguard-report.timer"
    assert "OnCalendar=*-*-* 08:00:00" in timer.read_text(encoding="utf-8")
    assert log.read_text().splitlines() == [
        "systemctl --user show-environment",
        "systemctl --user daemon-reload",
        "systemctl --user enable --now shopguard-report.timer",
    ]
    status = run("schedule", "status")
    assert status.stdout.splitlines() == [
        "每天 08:00 自动发送晨报（systemd 用户定时器，电脑本地时间）",
        "还没有自动运行过",
    ]
    removed = run("schedule", "remove")
    assert removed.returncode == 0 and not timer.exists()
    assert run("schedule", "status").stdout.strip() == "没有设置每天自动发送"


def test_a_bad_time_is_a_message(fake_systemd):
    done = run("schedule", "install", "--at", "8 点")
    assert done.returncode == 2 and "08:00 这样的时刻" in done.stderr


def test_the_scheduled_run_records_success_and_failure(isolated_home, tmp_path):
    failed = run("report", "--demo", "--send", "--scheduled", "--out", tmp_path / "r.xlsx")
    assert failed.returncode == 2
    status = run("schedule", "status").stdout
    assert "上次自动运行：" in status and "失败：晨报没有发出：请先设置发件邮箱" in status
    worked = run("report", "--demo", "--scheduled", "--out", tmp_path / "r.xlsx")
    assert worked.returncode == 0
    assert run("schedule", "status").stdout.splitlines()[-1].endswith("，成功")
    by_hand = run("report", "--demo", "--send", "--out", tmp_path / "r.xlsx")  # not scheduled: not recorded
    assert by_hand.returncode == 2
    assert run("schedule", "status").stdout.splitlines()[-1].endswith("，成功")


def test_installing_warns_when_the_window_also_sends(fake_systemd):
    assert run("settings", "report_time", "08:30").returncode == 0
    done = run("schedule", "install", "--at", "08:30")
    assert done.returncode == 0 and "两者都开会发两次" in done.stdout
