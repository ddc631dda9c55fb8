"""The window never hides a store problem: at start and during work, a dialog says what happened and what to
do (in Chinese, and complete in English too), and where the list cannot be trusted the window says so.

Real SQLite files filled by the real `shopguard import`, real damage, a really read-only folder, a second
process holding the write lock, and a disk made full through SQLite's own page limit."""

import logging
import re
import sqlite3
import sys
import warnings
from pathlib import Path

import pytest

from shopguard.core.store.database import DB_NAME, Store, StoreError
from shopguard.core.store.migrations import LATEST, MIGRATIONS
from shopguard.ui import error_handler, store_errors
from shopguard.ui import import_flow as import_flow_module
from shopguard.ui import import_summary as import_summary_module
from shopguard.ui.app import create_window, start_window
from tests.exports import order_row, write_csv
from tests.ui.helpers import (
    ORDER,
    Dialogs,
    backup_to_restore,
    banner_text,
    hold_write_lock,
    import_with_the_command,
    read_only,
    store_with_orders,
)

CJK = re.compile(r"[\u3400-\u9fff]")


def damage(database: Path) -> None:
    """What a power cut in the middle of a write can leave: the file no longer starts as a database."""
    with open(database, "r+b") as file:
        file.write(b"\x00" * 100)


def notes_of(data: Path) -> list[str]:
    with Store.open(data) as store:
        return [row[0] for row in store.connection.execute("SELECT text FROM notes ORDER BY id")]


def window_on(qtbot, data: Path):
    window = create_window(data)
    qtbot.addWidget(window)
    return window


def select_order(window, order_id: str) -> None:
    row = next(row for row in range(window.model.rowCount()) if window.model.deadline_at(row).order_id == order_id)
    window.table.selectRow(row)
    assert window.detail.order_id == order_id


def fill_the_disk(store: Store) -> None:
    """From now on the database cannot grow: SQLite answers SQLITE_FULL, as on a full disk."""
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages}")


# --- at start ---------------------------------------------------------------------------------------------------
def test_a_damaged_database_at_start_is_told_with_the_backup_and_the_window_says_it_runs_on_an_empty_one(
    qtbot, tmp_path, monkeypatch
):
    data = tmp_path / "data"
    store_with_orders(tmp_path, data)
    damage(data / DB_NAME)
    dialogs = Dialogs(monkeypatch, "用空数据库打开")
    window = start_window(data)
    qtbot.addWidget(window)
    backup = backup_to_restore(data)
    (shown,) = dialogs.shown
    assert f"{data} 中的数据库文件已损坏。ShopGuard 已把它原样改名保留" in shown
    assert f"把最新的备份 {backup} 复制到 {data}，并把复制出的文件改名为 shopguard.db" in shown
    assert dialogs.buttons[0][:2] == ["用空数据库打开", "退出 ShopGuard"]
    (kept,) = data.glob(f"{DB_NAME}.damaged-*")  # nothing overwritten
    assert kept.stat().st_size > 0
    # Never a blank list pretending all is well: the window says what it runs on and how to get the data back.
    assert not window.banner.isHidden()
    banner = banner_text(window)
    assert banner.startswith("ShopGuard 现在使用的是新建的空数据库。") and str(backup) in banner
    assert window.pages.currentWidget() is window.welcome and window.model.rowCount() == 0


def test_quitting_at_a_damaged_database_opens_nothing_and_keeps_the_damaged_file(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    store_with_orders(tmp_path, data)
    damage(data / DB_NAME)
    dialogs = Dialogs(monkeypatch, "退出 ShopGuard")
    assert start_window(data) is None
    assert len(dialogs.shown) == 1
    assert not (data / DB_NAME).exists()  # no new, empty database put in its place
    assert len(list(data.glob(f"{DB_NAME}.damaged-*"))) == 1


def test_the_damaged_database_dialog_is_complete_in_english(qtbot, tmp_path, monkeypatch, qapp, chinese_window):
    data = tmp_path / "data"
    backup = store_with_orders(tmp_path, data)
    damage(data / DB_NAME)
    for translator in chinese_window:
        qapp.removeTranslator(translator)
    try:
        dialogs = Dialogs(monkeypatch, "Open with an empty database")
        window = start_window(data)
        qtbot.addWidget(window)
        banner = banner_text(window)
    finally:
        for translator in chinese_window:
            qapp.installTranslator(translator)
    backup = backup_to_restore(data)
    (shown,) = dialogs.shown
    (moved,) = data.glob(f"{DB_NAME}.damaged-*")
    assert f"The database file in {data} is damaged. ShopGuard set it aside as {moved}, unchanged" in shown
    assert f"quit ShopGuard, copy the newest backup {backup} into {data} and name the copy shopguard.db" in shown
    assert CJK.sub("", shown.replace("抖店", "")) == shown.replace("抖店", "")  # no Chinese left but the name 抖店
    assert banner.startswith("ShopGuard is working on a new, empty database.")


def test_a_read_only_data_folder_at_start_is_told_and_retry_opens_once_it_is_writable(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    store_with_orders(tmp_path, data)
    with read_only(data) as make_writable:

        def fix_then_retry():
            make_writable()  # the merchant followed the advice
            return "重试"

        dialogs = Dialogs(monkeypatch, fix_then_retry)
        window = start_window(data)
    qtbot.addWidget(window)
    (shown,) = dialogs.shown
    assert f"ShopGuard 无法写入 {data}：这个文件夹或所在的磁盘是只读的" in shown
    assert "请让这个文件夹可以写入" in shown
    assert window.model.rowCount() == 2 and window.banner.isHidden()  # nothing was set aside
    assert not list(data.glob(f"{DB_NAME}.damaged-*"))


@pytest.mark.parametrize("tells_by", ["warning", "log"])
def test_a_core_that_sets_a_damaged_database_aside_and_only_warns_is_heard_too(qtbot, tmp_path, monkeypatch, tells_by):
    """The core may open a new database instead of raising, and say so in a warning or its log."""
    data = tmp_path / "data"
    backup = store_with_orders(tmp_path, data)
    said = "数据库文件已损坏，已移到 shopguard.db.damaged-1 保留"
    real_open = Store.open.__func__

    class StoreWarning(UserWarning):
        pass

    StoreWarning.__module__ = "shopguard.core.store.database"  # as if the core defined it

    def open_setting_aside(cls, directory):
        if (directory / DB_NAME).exists() and not (directory / f"{DB_NAME}.damaged-1").exists():
            (directory / DB_NAME).rename(directory / f"{DB_NAME}.damaged-1")
            if tells_by == "warning":
                warnings.warn(StoreWarning(said), stacklevel=2)
            else:
                logging.getLogger("shopguard.core.store.database").warning(said)
        return real_open(cls, directory)

    monkeypatch.setattr(Store, "open", classmethod(open_setting_aside))
    dialogs = Dialogs(monkeypatch, "用空数据库打开")
    window = start_window(data)
    qtbot.addWidget(window)
    (shown,) = dialogs.shown
    assert "中的数据库文件已损坏。ShopGuard 已把它原样改名保留" in shown and str(backup) in shown
    assert banner_text(window).startswith("ShopGuard 现在使用的是新建的空数据库。")


def test_a_store_busy_at_start_is_told_and_retry_opens_it_once_the_other_is_done(qtbot, tmp_path, monkeypatch):
    """A store from an older version must be brought forward while a command holds it (an import running)."""
    data = tmp_path / "data"
    data.mkdir()
    older = sqlite3.connect(data / DB_NAME, isolation_level=None)
    for step in range(LATEST - 1):
        older.executescript(f"BEGIN;\n{MIGRATIONS[step]}\nPRAGMA user_version = {step + 1};\nCOMMIT;")
    older.close()
    other = hold_write_lock(data / DB_NAME)

    def other_done_then_retry():
        other.communicate("")
        return "重试"

    dialogs = Dialogs(monkeypatch, other_done_then_retry)
    window = start_window(data)
    qtbot.addWidget(window)
    (shown,) = dialogs.shown
    assert f"{data} 中的数据库正忙：另一个 ShopGuard 正在写入" in shown
    assert "请等另一个 ShopGuard 完成，或者把它关闭，然后再试一次。" in shown
    assert dialogs.buttons[0][:2] == ["重试", "退出 ShopGuard"]  # (and 显示详情: the core's own words)
    assert window.pages.currentWidget() is window.welcome and window.banner.isHidden()


# --- during work ------------------------------------------------------------------------------------------------
def test_a_full_disk_during_an_import_is_told_and_the_store_is_unchanged(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    window = window_on(qtbot, data)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    error_handler.install(None, data)  # as run_gui does
    real_import = import_flow_module.import_into_store

    def import_onto_a_full_disk(store, *args, **kwargs):
        fill_the_disk(store)
        return real_import(store, *args, **kwargs)

    monkeypatch.setattr(import_flow_module, "import_into_store", import_onto_a_full_disk)
    summaries = []
    monkeypatch.setattr(import_summary_module.ImportSummary, "exec", lambda self: summaries.append(self.text()))
    dialogs = Dialogs(monkeypatch)
    rows = [order_row(order_id=f"69{n:017d}", sub_order_id=f"68{n:017d}", product="长" * 200) for n in range(500)]
    window.import_files([str(write_csv(tmp_path / "1699760000_订单导出.csv", rows))])
    qtbot.waitUntil(lambda: not window.import_running(), timeout=20000)
    (shown,) = dialogs.shown
    assert f"存放 {data} 的磁盘已满，ShopGuard 无法保存任何新内容。之前保存的数据都没有变化。" in shown
    assert "请在那个磁盘上腾出一些空间" in shown and "意外错误" not in shown
    assert summaries == []
    with Store.open(data) as store:
        assert store.connection.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0] == 1
    assert window.model.rowCount() == 1  # the list as it was


def test_a_full_disk_while_adding_a_note_gives_the_words_back(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    window = window_on(qtbot, data)
    select_order(window, ORDER)
    fill_the_disk(window.sync.watcher.store())
    dialogs = Dialogs(monkeypatch)
    note = "买家要求改地址，已联系快递网点，" * 300  # long enough to need new pages
    window.detail.note_edit.setText(note)
    window.detail.note_edit.returnPressed.emit()
    (shown,) = dialogs.shown
    assert "的磁盘已满，ShopGuard 无法保存任何新内容" in shown and "腾出一些空间" in shown
    qtbot.waitUntil(lambda: window.detail.note_edit.text() == note)  # not lost with the failed save
    assert notes_of(data) == []
    assert window.model.deadline_at(0).note is None


def test_a_busy_store_while_marking_handled_is_told_and_the_button_shows_what_is_stored(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    window = window_on(qtbot, data)
    select_order(window, ORDER)
    window.sync.watcher.store().connection.execute("PRAGMA busy_timeout = 200")  # not the 5 s a merchant waits
    dialogs = Dialogs(monkeypatch)
    other = hold_write_lock(data / DB_NAME)
    try:
        window.detail.handled_button.click()
    finally:
        other.communicate("")
    (shown,) = dialogs.shown
    assert f"{data} 中的数据库正忙：另一个 ShopGuard 正在写入" in shown
    assert "请等另一个 ShopGuard 完成，或者把它关闭，然后再试一次。" in shown
    assert not window.detail.handled_button.isChecked()
    window.detail.handled_button.click()  # the other one is done: now it is saved
    with Store.open(data) as store:
        assert store.connection.execute("SELECT order_id FROM marks").fetchall() == [(ORDER,)]


def test_a_database_file_gone_during_work_is_told_and_no_empty_one_takes_its_place(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    backup = store_with_orders(tmp_path, data)
    window = window_on(qtbot, data)
    dialogs = Dialogs(monkeypatch)
    away = tmp_path / "moved.db"
    (data / DB_NAME).rename(away)  # a USB stick pulled, the file moved by hand
    window.sync.look()
    (shown,) = dialogs.shown
    assert f"数据库文件 shopguard.db 已不在 {data} 中" in shown and str(backup) in shown
    assert not window.banner.isHidden() and "已不在" in banner_text(window)
    assert window.model.rowCount() == 2  # the list stays as it was
    window.detail.handled_changed.emit(ORDER, True)  # a mark now is not saved into a new, empty file
    assert len(dialogs.shown) == 2 and "已不在" in dialogs.shown[1]
    assert not (data / DB_NAME).exists()
    away.rename(data / DB_NAME)  # put back
    window.sync.look()
    assert window.banner.isHidden()


def test_a_store_that_cannot_be_read_during_work_is_told_once_and_the_list_is_marked_out_of_date(
    qtbot, tmp_path, monkeypatch
):
    data = tmp_path / "data"
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    window = window_on(qtbot, data)
    dialogs = Dialogs(monkeypatch)
    damage(data / DB_NAME)  # the file went bad under the open window
    window.refresh()
    qtbot.waitUntil(lambda: not window.sync.loading, timeout=20000)
    window.refresh()  # again: the banner stays, the dialog is not repeated
    qtbot.waitUntil(lambda: not window.sync.loading, timeout=20000)
    assert len(dialogs.shown) == 1
    assert f"数据库文件 {data / DB_NAME} 已损坏" in dialogs.shown[0]
    banner = banner_text(window)
    assert banner.startswith("下面的清单是 ") and "的数据，可能已经过时。" in banner
    assert window.model.rowCount() == 1


# --- what the core may tell -------------------------------------------------------------------------------------
class TypedStoreError(StoreError):
    """A StoreError as the core may raise it: its kind, where a damaged file went, the backup to restore."""

    def __init__(self, message, kind, **details):
        super().__init__(message)
        self.kind = kind
        for name, value in details.items():
            setattr(self, name, value)


def test_the_kind_and_backup_the_core_names_are_what_the_dialog_says(tmp_path):
    moved, backup = tmp_path / "shopguard.db.damaged-1", tmp_path / "backups" / "shopguard-1.db"
    error = TypedStoreError("数据库文件已损坏", "damaged", moved_to=moved, backup=backup)
    problem = store_errors.store_problem(error, tmp_path, set_aside=True)
    assert store_errors.what_happened(problem) == (
        f"{tmp_path} 中的数据库文件已损坏。ShopGuard 已把它原样改名保留为 {moved}，里面的内容不会被覆盖。"
    )
    assert f"把最新的备份 {backup} 复制到" in store_errors.what_to_do(problem)
    full = store_errors.store_problem(TypedStoreError("磁盘已满", "disk_full"), tmp_path)
    assert full.kind == store_errors.FULL
    other = store_errors.store_problem(TypedStoreError("请升级 ShopGuard 后再打开", "newer"), tmp_path)
    assert store_errors.what_to_do(other) == "请升级 ShopGuard 后再打开"  # the core's own words say what to do


def test_errors_that_are_not_the_stores_stay_unexpected_errors(tmp_path):
    spreadsheet = PermissionError(13, "Permission denied", str(tmp_path / "elsewhere" / "订单.xlsx"))
    assert store_errors.store_problem(spreadsheet, tmp_path / "data") is None
    assert store_errors.store_problem(ValueError("bug"), tmp_path) is None
    in_the_folder = PermissionError(13, "Permission denied", str(tmp_path / "data" / DB_NAME))
    assert store_errors.store_problem(in_the_folder, tmp_path / "data").kind == store_errors.READ_ONLY
    try:  # a bug in code that handles a store error is still a bug
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.OperationalError:
            {}["missing"]
    except KeyError as bug:
        assert store_errors.store_problem(bug, tmp_path) is None
