"""The watched folder with real files: exports recognised by their headers and imported once, copies under
other names skipped by content, files still being written left for the next look, everything else ignored
and not read again."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from shopguard.core.alerts import watch_folder
from shopguard.core.alerts.watch_folder import looks, scan
from shopguard.core.store.database import Store
from tests.exports import after_sale_row, order_row, tracking_row, write_csv, write_xlsx

LATER = lambda: time.time() + 60  # noqa: E731 (a clock for which every file has held still long enough)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def downloads(tmp_path):
    folder = tmp_path / "下载"
    folder.mkdir()
    return folder


def imports(store) -> list[tuple[str, str | None]]:
    return store.connection.execute("SELECT file_name, kind FROM imports ORDER BY id").fetchall()


def orders_in(store) -> int:
    return store.connection.execute("SELECT COUNT(DISTINCT order_id) FROM order_lines").fetchone()[0]


def test_exports_are_imported_once_and_other_files_ignored(store, downloads, monkeypatch):
    write_xlsx(downloads / "1699754430_订单导出.xlsx", [order_row(), order_row(order_id="6917926768823643761")])
    write_csv(downloads / "售后单.csv", [after_sale_row()])
    write_csv(downloads / "快递轨迹.csv", [tracking_row("SF1000000000001", picked="2023-11-02 09:00:00")])
    write_xlsx(downloads / "工资表.xlsx", [{"姓名": "张三", "工资": "5000"}])  # a spreadsheet, not an export
    (downloads / "发票.pdf").write_bytes(b"%PDF-1.4")
    (downloads / "~$1699754430_订单导出.xlsx").write_bytes(b"lock")  # Excel's lock file
    (downloads / "readme.txt").write_text("主订单编号,子订单编号", encoding="utf-8")
    first = looks(downloads)
    assert sorted(p.name for p in first) == ["1699754430_订单导出.xlsx", "售后单.csv", "工资表.xlsx", "快递轨迹.csv"]
    result, states = scan(store, downloads, first, clock=LATER)
    assert sorted((r.file_name, r.kind) for r in result.imported) == [
        ("1699754430_订单导出.xlsx", "orders"), ("售后单.csv", "after_sales"), ("快递轨迹.csv", "tracking"),
    ]  # fmt: skip
    assert result.files_imported == 3
    assert [p.name for p in result.not_exports] == ["工资表.xlsx"]
    assert orders_in(store) == 2

    hashed = []
    monkeypatch.setattr(watch_folder, "file_sha256", lambda path: hashed.append(path) or "x")
    again, _ = scan(store, downloads, states, clock=LATER)
    assert again.imported == [] and again.not_exports == [] and again.waiting == []
    assert hashed == []  # nothing unchanged is read again, not even the payroll sheet
    assert len(imports(store)) == 3


def test_a_second_download_of_the_same_file_is_not_imported_again(store, downloads):
    export = write_xlsx(downloads / "1699754430_订单导出.xlsx", [order_row()])
    result, states = scan(store, downloads, looks(downloads), clock=LATER)
    assert result.files_imported == 1
    shutil.copyfile(export, downloads / "1699754430_订单导出 (1).xlsx")  # what a browser names a second download
    later = looks(downloads)
    again, _ = scan(store, downloads, later, clock=LATER)
    assert again.imported == []
    assert imports(store) == [("1699754430_订单导出.xlsx", "orders")]


def test_a_file_still_being_written_waits_for_the_next_look(store, downloads):
    path = downloads / "1699754430_订单导出.csv"
    write_csv(path, [order_row()])
    first = looks(downloads)
    with path.open("a", encoding="utf-8") as handle:  # the download goes on after the first look
        handle.write("\t6917926768823643771,\t6917926768823643779,\t连衣裙,1,\t99.00,\t广东省,\t深圳市,\t南山区,"
                     "\t2023-11-01 11:00:00,-,-,\t待发货,-,-\n")  # fmt: skip
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    result, states = scan(store, downloads, first, clock=LATER)
    assert result.waiting == [path] and result.imported == []
    # Unchanged since, but modified just now: it has not held still for `settle` seconds yet.
    recent, states = scan(store, downloads, states, settle=30)
    assert recent.waiting == [path] and recent.imported == []
    done, _ = scan(store, downloads, states, clock=LATER)
    assert done.files_imported == 1 and orders_in(store) == 2  # both rows: the whole file


def test_watch_once_from_the_command_line(downloads, tmp_path):
    from tests.processes import run

    write_csv(downloads / "1699754430_订单导出.csv", [order_row()])
    data = tmp_path / "data"
    first = run("watch", downloads, "--once", "--settle", "0.3", "--data-dir", data)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("已导入 1699754430_订单导出.csv（订单导出）：1 行；新增 1")
    second = run("watch", downloads, "--once", "--settle", "0.3", "--data-dir", data)
    assert second.returncode == 0 and second.stdout.strip() == "没有新的抖店导出文件或快递轨迹表。"
    missing = run("watch", tmp_path / "nowhere", "--once", "--data-dir", data)
    assert missing.returncode == 2 and "不存在" in missing.stderr


def test_the_default_folder_is_the_users_downloads(tmp_path, monkeypatch):
    from tests.processes import run

    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    write_csv(home / "Downloads" / "快递轨迹.csv", [tracking_row("SF1000000000001", picked="2023-11-02 09:00:00")])
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    done = run("watch", "--once", "--settle", "0.3", "--data-dir", tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert "已导入 快递轨迹.csv（快递轨迹表）" in done.stdout


def test_watching_continuously_imports_a_file_that_arrives_later_and_stops_on_ctrl_c(downloads, tmp_path):
    import signal
    import subprocess
    import sys

    command = ["watch", str(downloads), "--settle", "0.3", "--data-dir", str(tmp_path / "d")]
    watcher = subprocess.Popen([sys.executable, "-m", "shopguard", *command], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env=os.environ | {"PYTHONUNBUFFERED": ""})  # fmt: skip
    try:
        assert watcher.stdout.readline().startswith("正在监视")
        write_csv(downloads / "1699754430_订单导出.csv", [order_row()])  # lands while it watches
        line = watcher.stdout.readline()  # two looks 5 s apart, then the import
        assert line.startswith("已导入 1699754430_订单导出.csv（订单导出）：1 行；新增 1"), line
    finally:
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0 and "Traceback" not in err
