"""The data folder as merchants really have it: on a write-protected USB stick, without permission, a file
where the folder should be, on a full disk. Looking works wherever the data can be read; a change that
cannot be saved is a Chinese message with exit code 2; nothing stored is lost; never a traceback."""

import json
import os

import pytest

from shopguard.cli import main
from shopguard.core.store import database
from shopguard.core.store.database import DB_NAME
from tests.exports import order_row, write_csv
from tests.store_faults import english_words, fill_disk, read_only_disk, shopguard, small_disk, without_privileges

ORDER = "6917926768823643751"
AT = ("--at", "2023-11-12 10:00:00")
NOTICE = "只能查看；这次不会保存任何更改"

READS = [
    ("triage", *AT, "--format", "json"),
    ("orders", "show", ORDER, *AT),
    ("settings",),
    ("settings", "shop_province"),
    ("filing", "list"),
    ("rules", "list"),
]
WRITES = [
    ("import", "{orders}"),
    ("orders", "note", ORDER, "已催快递"),
    ("orders", "handled", ORDER),
    ("orders", "set-time", ORDER, "--kind", "pickup", *AT),
    ("settings", "shop_province", "浙江"),
    ("purge", "--before", "2024-01-01", "--yes"),
    ("rules", "deactivate", "douyin-double11-2023"),
    ("rules", "new", "--from", "douyin-double11-2023", "--id", "double11-2026", "--start", "2026-10-20"),
]


def imported(tmp_path, directory):
    orders = write_csv(tmp_path / "1699750800_orders.csv", [order_row(paid="2023-11-11 08:00:00")])
    done = shopguard("import", orders, "--data-dir", directory)
    assert done.returncode == 0, done.stderr
    return orders


def snapshot(directory) -> dict:
    return {path: path.read_bytes() for path in sorted(directory.rglob("*")) if path.is_file()}


def test_looking_works_on_a_read_only_data_folder_and_says_once_that_nothing_is_saved(tmp_path):
    directory = tmp_path / "stick"
    imported(tmp_path, directory)
    before = snapshot(directory)
    with read_only_disk(directory):
        for command in READS:
            looked = shopguard(*command, "--data-dir", directory)
            assert looked.returncode == 0, (command, looked.stderr)
            assert looked.stderr.count(NOTICE) == 1, (command, looked.stderr)
        listed = json.loads(shopguard("triage", *AT, "--format", "json", "--data-dir", directory).stdout)
        assert [d["order_id"] for d in listed["deadlines"]] == [ORDER]
        out = tmp_path / "out" / "晨报.xlsx"
        out.parent.mkdir()
        report = shopguard("report", "--out", out, *AT, "--data-dir", directory)
        assert report.returncode == 0 and out.stat().st_size > 0, report.stderr
    assert snapshot(directory) == before


def test_changes_on_a_read_only_data_folder_are_refused_with_a_message(tmp_path):
    directory = tmp_path / "stick"
    orders = imported(tmp_path, directory)
    before = snapshot(directory)
    with read_only_disk(directory):
        for command in WRITES:
            command = [part.format(orders=orders) for part in command]
            refused = shopguard(*command, "--data-dir", directory)
            assert refused.returncode == 2, (command, refused.stdout, refused.stderr)
            assert "只读" in refused.stderr and "没有保存" in refused.stderr, (command, refused.stderr)
            assert english_words(refused.stderr, directory) == [], refused.stderr
    assert snapshot(directory) == before


def test_a_read_only_folder_where_the_system_says_so_without_a_mount(tmp_path, monkeypatch, capsys):
    """The same as above where mounting is not possible: the operating system answers "not writable" for the
    data folder (os.access, as on a write-protected stick), the rest is real."""
    directory = tmp_path / "stick"
    imported(tmp_path, directory)
    before = snapshot(directory)
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and str(path).startswith(str(directory)):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(database.os, "access", access)
    monkeypatch.setattr(database, "_checked_this_run", set())
    assert main(["triage", *AT, "--format", "json", "--data-dir", str(directory)]) == 0
    looked = capsys.readouterr()
    assert [d["order_id"] for d in json.loads(looked.out)["deadlines"]] == [ORDER]
    assert looked.err.count(NOTICE) == 1
    assert main(["orders", "note", ORDER, "已催快递", "--data-dir", str(directory)]) == 2
    assert "只读" in capsys.readouterr().err
    assert snapshot(directory) == before


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_a_data_folder_that_is_a_file(tmp_path, how):
    not_a_folder = tmp_path / "ShopGuard"
    not_a_folder.write_text("这是一个文件", encoding="utf-8")
    for command in [*READS[:3], *WRITES[:2], ("report", *AT), ("filing", "list")]:
        command = [part.format(orders=tmp_path / "x.csv") for part in command]
        if how == "flag":
            refused = shopguard(*command, "--data-dir", not_a_folder)
        else:
            refused = shopguard(*command, env={**os.environ, "SHOPGUARD_HOME": str(not_a_folder)})
        assert refused.returncode == 2, (command, refused.stderr)
        assert "是一个文件，不是文件夹" in refused.stderr, (command, refused.stderr)
        assert english_words(refused.stderr, not_a_folder) == []
    assert not_a_folder.read_text(encoding="utf-8") == "这是一个文件"


def test_a_data_folder_without_permission(tmp_path):
    prefix = without_privileges()  # root reads everything: drop that, as for an ordinary user
    directory = tmp_path / "data"
    orders = imported(tmp_path, directory)
    before = snapshot(directory)
    directory.chmod(0)
    try:
        for command in [*READS, *WRITES]:
            command = [part.format(orders=orders) for part in command]
            refused = shopguard(*command, "--data-dir", directory, prefix=prefix)
            assert refused.returncode == 2, (command, refused.stdout, refused.stderr)
            assert "没有读取权限" in refused.stderr, (command, refused.stderr)
            assert english_words(refused.stderr, directory) == []
    finally:
        directory.chmod(0o755)
    assert snapshot(directory) == before


def test_a_data_folder_without_write_permission(tmp_path):
    prefix = without_privileges()
    directory = tmp_path / "data"
    orders = imported(tmp_path, directory)
    before = snapshot(directory)
    directory.chmod(0o555)
    try:
        looked = shopguard("triage", *AT, "--format", "json", "--data-dir", directory, prefix=prefix)
        assert looked.returncode == 0 and looked.stderr.count(NOTICE) == 1, looked.stderr
        refused = shopguard("import", orders, "--data-dir", directory, prefix=prefix)
        assert refused.returncode == 2 and "没有写入权限" in refused.stderr
    finally:
        directory.chmod(0o755)
    assert snapshot(directory) == before


def test_a_full_disk_during_a_write(tmp_path):
    with small_disk(tmp_path / "disk", size="4m") as disk:
        directory = disk / "data"
        imported(tmp_path, directory)
        assert shopguard("settings", "backups_kept", "0", "--data-dir", directory).returncode == 0
        rows = [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}") for n in range(20_000)]
        big = write_csv(tmp_path / "1699837200_big.csv", rows)  # more than the disk has room for
        fill_disk(disk, leave=512 * 1024)
        before = (directory / DB_NAME).read_bytes()
        refused = shopguard("import", big, "--data-dir", directory)
        assert refused.returncode == 2, refused.stderr
        assert "磁盘空间已满" in refused.stderr and "没有保存" in refused.stderr
        assert english_words(refused.stderr, directory) == []
        fill_disk(disk)  # now not a byte left
        noted = shopguard("orders", "note", ORDER, "已催快递", "--data-dir", directory)
        assert noted.returncode == 2 and "磁盘空间已满" in noted.stderr, noted.stderr
        looked = shopguard("triage", *AT, "--format", "json", "--data-dir", directory)
        assert looked.returncode == 0 and "磁盘已满" in looked.stderr, looked.stderr
        assert [d["order_id"] for d in json.loads(looked.stdout)["deadlines"]] == [ORDER]
        assert (directory / DB_NAME).read_bytes() == before


def test_a_data_folder_that_cannot_be_created(tmp_path):
    prefix = without_privileges()
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        for command in [READS[0], WRITES[1]]:
            refused = shopguard(*command, env={**os.environ, "SHOPGUARD_HOME": str(parent / "ShopGuard")},
                                prefix=prefix)  # fmt: skip
            assert refused.returncode == 2, refused.stderr
            assert "无法新建数据文件夹" in refused.stderr and "没有写入权限" in refused.stderr
            assert english_words(refused.stderr, parent / "ShopGuard") == []
    finally:
        parent.chmod(0o755)
    assert list(parent.iterdir()) == []
