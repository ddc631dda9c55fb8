"""Whatever the merchant's disk, folders, file names or settings do, the command line answers with a message in
Chinese that names the path, and exit code 2; a programming error still shows its traceback."""

import errno
import gc
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import xlsxwriter.workbook
from openpyxl.workbook.workbook import Workbook

from shopguard.cli import main
from shopguard.core.store.database import DB_NAME
from tests.exports import order_row, write_csv
from tests.processes import run

AT = "2023-11-12 10:00:00"


def failing_save(error_number: int, strerror: str):
    """Workbook.save failing as the OS would, naming the (temporary) file being written."""

    def save(workbook, filename):
        for sheet in workbook.worksheets:  # what save() does first: finish each write-only sheet's stream
            sheet.close()  # (left open, the stream fails later in whichever test the garbage collector runs)
        raise OSError(error_number, strerror, str(filename))

    return save


def failing_zip(error_number: int, strerror: str):
    """The report's .xlsx (xlsxwriter writes it as a zip at close()) refused as the OS would, naming the
    temporary file being written."""

    def zip_file(filename, *args, **kwargs):
        raise OSError(error_number, strerror, str(filename))

    return zip_file


def test_a_report_over_an_existing_folder_is_a_message(tmp_path):
    folder = tmp_path / "晨报"
    folder.mkdir()
    result = run("report", "--demo", "--out", folder)
    assert result.returncode == 2
    assert result.stderr == f"shopguard: 「{folder}」：这是一个文件夹，不是文件。请给出文件名，例如 文件夹/晨报.xlsx\n"
    assert list(tmp_path.iterdir()) == [folder] and not list(folder.iterdir())


def test_a_full_disk_while_writing_the_report_names_the_report_and_keeps_the_old_one(tmp_path, monkeypatch, capsys):
    target = tmp_path / "晨报.xlsx"
    target.write_bytes(b"yesterday's report")
    monkeypatch.setattr(xlsxwriter.workbook, "ZipFile", failing_zip(errno.ENOSPC, "No space left on device"))
    assert main(["report", "--demo", "--out", str(target)]) == 2
    assert capsys.readouterr().err == f"shopguard: 「{target}」：磁盘空间不足。请清理磁盘空间，或换一个位置保存\n"
    assert target.read_bytes() == b"yesterday's report" and list(tmp_path.iterdir()) == [target]


def test_an_unwritable_folder_is_not_mistaken_for_a_file_open_in_excel(tmp_path, monkeypatch, capsys):
    target = tmp_path / "只读" / "晨报.xlsx"
    monkeypatch.setattr(xlsxwriter.workbook, "ZipFile", failing_zip(errno.EACCES, "Permission denied"))
    assert main(["report", "--demo", "--out", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"shopguard: 「{target}」：没有权限。请换一个有写入权限的文件夹，或检查文件是否设成了只读\n"
    )


def test_a_file_name_the_system_refuses_is_a_message_on_one_line(tmp_path, monkeypatch, capsys):
    target = tmp_path / "晨报\n周一.xlsx"  # Windows refuses a line break in a file name
    monkeypatch.setattr(xlsxwriter.workbook, "ZipFile", failing_zip(errno.EINVAL, "Invalid argument"))
    assert main(["report", "--demo", "--out", str(target)]) == 2
    assert capsys.readouterr().err == (
        f'shopguard: 「{tmp_path}/晨报\\n周一.xlsx」：文件名里有不允许的字符。请去掉 \\ / : * ? " < > | 和换行等字符\n'
    )


def test_problems_in_a_file_whose_name_has_a_line_break_stay_one_line_each(tmp_path):
    orders = write_csv(tmp_path / "订单\n导出.csv", [order_row(), order_row(order_id="6917926768823643761", paid="?")])
    result = run("triage", orders, "--at", AT)
    assert result.returncode == 0
    assert (
        "  订单\\n导出.csv 第 3 行 「支付完成时间」列：无法识别的时间「?」，应为 2023-11-01 10:23:45 这样的格式\n"
        in result.stdout
    )


def test_a_filing_package_into_a_path_that_is_a_file_is_a_message(tmp_path):
    orders = write_csv(tmp_path / "orders.csv", [order_row(paid="2023-11-10 09:00:00")])
    assert run("import", orders).returncode == 0
    result = run("filing", "new", "--type", "address", "--orders", "6917926768823643751",
                 "--period", "2023-11-10..2023-11-12", "--out", orders)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        f"shopguard: 材料包没有生成：「{orders}」：已经有同名的文件或文件夹。请换一个名字或位置。"
        "报备 #1 已保存为「草稿」，没有材料包；解决这个问题后请重新运行这条命令生成材料包\n"
    )


@pytest.mark.parametrize("key, value", [("mail_to", "packer@example.com\r\nBcc: thief@example.com"),
                                        ("mail_user", "shop@example.com\nBcc: thief@example.com")])  # fmt: skip
def test_a_line_break_in_a_mail_address_is_refused_before_anything_is_sent(key, value, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # without --out the workbook lands in the working folder
    settings = {"mail_user": "shop@example.com", "mail_to": "packer@example.com"} | {key: value}
    for name, setting in settings.items():
        assert main(["settings", name, setting]) == 0
    capsys.readouterr()
    assert main(["report", "--demo", "--send"]) == 2
    label = {"mail_to": "收件人", "mail_user": "发件邮箱"}[key]
    shown = value.replace("\r", "\\r").replace("\n", "\\n")
    assert capsys.readouterr().err == (
        f"shopguard: 晨报没有发出：{label}「{shown}」里有换行符或其他控制字符，邮件没有发出："
        f"请在 设置 → 晨报邮件 中重新填写（或 shopguard settings {key} …，多个地址用英文逗号分隔）\n"
    )
    assert main(["mail", "test"]) == 2
    assert "换行符" in capsys.readouterr().err


@pytest.mark.parametrize("error", [OSError(errno.EMFILE, "Too many open files"), OSError("no errno"), KeyError("x")])
def test_a_programming_error_keeps_its_traceback(tmp_path, monkeypatch, error):
    def broken(content, target, **options):
        raise error

    monkeypatch.setattr("shopguard.core.report.workbook.write_workbook", broken)
    with pytest.raises(type(error)):
        main(["report", "--demo", "--out", str(tmp_path / "r.xlsx")])


def test_a_full_disk_while_building_a_filing_package_names_the_package_and_leaves_nothing_behind(
    tmp_path, monkeypatch, capsys
):
    orders = write_csv(tmp_path / "orders.csv", [order_row(paid="2023-11-10 09:00:00")])
    assert main(["import", str(orders)]) == 0
    out = tmp_path / "材料包"
    monkeypatch.setattr(Workbook, "save", failing_save(errno.ENOSPC, "No space left on device"))
    assert main(["filing", "new", "--type", "address", "--orders", "6917926768823643751",
                 "--period", "2023-11-10..2023-11-12", "--out", str(out)]) == 2  # fmt: skip
    error = capsys.readouterr().err
    package = f"{re.escape(str(out))}/(?:报备|申诉)_[^/.]+"  # its own name, not the hidden build folder
    expected = (
        f"shopguard: 材料包没有生成：「{package}」：磁盘空间不足。请清理磁盘空间，或换一个位置保存。"
        "报备 #1 已保存为「草稿」，没有材料包；解决这个问题后请重新运行这条命令生成材料包\n"
    )
    assert re.fullmatch(expected, error)
    assert list(out.iterdir()) == []  # neither the half-built folder nor a partial .zip
    gc.collect()  # what the half-written workbook leaves is collected here: anything it says is this test's


def copy_onto_a_full_disk(into: Path):
    """shutil.copyfile as it fails on a full disk below `into`: part of the file written, then ENOSPC naming the
    source and the target (as the sendfile copy does); copies elsewhere work."""
    real = shutil.copyfile

    def copy(source, target, **kwargs):
        if into not in Path(target).parents:
            return real(source, target, **kwargs)
        Path(target).write_bytes(Path(source).read_bytes()[:100])
        raise OSError(errno.ENOSPC, "No space left on device", str(source), None, str(target))

    return copy


def filing_with_evidence(tmp_path, data, out):
    orders = write_csv(tmp_path / "orders.csv", [order_row(paid="2023-11-10 09:00:00")])
    assert main(["import", str(orders), "--data-dir", str(data)]) == 0
    photo = tmp_path / "快递网点证明.jpg"
    photo.write_bytes(b"\xff\xd8" + bytes(range(256)) * 400)
    return ["filing", "new", "--type", "address", "--orders", "6917926768823643751", "--period",
            "2023-11-10..2023-11-12", "--evidence", str(photo), "--data-dir", str(data), "--out", str(out)]  # fmt: skip


def stored_filings(data) -> list[tuple]:
    connection = sqlite3.connect(data / DB_NAME)
    try:
        return connection.execute("SELECT id, status, package FROM filings").fetchall()
    finally:
        connection.close()


def test_a_full_disk_while_copying_evidence_into_the_data_folder_saves_nothing(tmp_path, monkeypatch, capsys):
    data, out = tmp_path / "data", tmp_path / "材料包"
    command = filing_with_evidence(tmp_path, data, out)
    capsys.readouterr()
    monkeypatch.setattr(shutil, "copyfile", copy_onto_a_full_disk(data / "evidence"))
    assert main(command) == 2
    error = capsys.readouterr().err
    vault_file = f"{re.escape(str(data / 'evidence'))}/[0-9a-f]{{2}}/[0-9a-f]{{64}}\\.jpg"  # not the merchant's photo
    expected = f"shopguard: 报备没有保存：「{vault_file}」：磁盘空间不足。请清理磁盘空间，或换一个位置保存\n"
    assert re.fullmatch(expected, error)
    assert [path for path in (data / "evidence").rglob("*") if path.is_file()] == []  # no half-copied file
    assert stored_filings(data) == [] and not out.exists()


@pytest.mark.parametrize(("notice", "label"), [([], "报备"), (["--notice", "2023-11-13"], "申诉")])
def test_a_full_disk_while_copying_evidence_into_the_package_keeps_the_filing_as_a_draft(
    tmp_path, monkeypatch, capsys, notice, label
):
    data, out = tmp_path / "data", tmp_path / "材料包"
    command = filing_with_evidence(tmp_path, data, out) + notice  # with a violation notice: an appeal (申诉)
    capsys.readouterr()
    monkeypatch.setattr(shutil, "copyfile", copy_onto_a_full_disk(out))
    assert main(command) == 2
    error = capsys.readouterr().err
    package = f"{re.escape(str(out))}/申诉_[^/.]+"  # the 报备 deadline of 2023 is long past: packed as a 申诉
    assert re.fullmatch(
        f"shopguard: 材料包没有生成：「{package}」：磁盘空间不足。请清理磁盘空间，或换一个位置保存。"
        f"{label} #1 已保存为「草稿」，没有材料包；解决这个问题后请重新运行这条命令生成材料包\n",
        error,
    )
    assert list(out.iterdir()) == []  # neither the half-built folder nor a partial .zip
    assert stored_filings(data) == [(1, "draft", None)]  # nothing that looks ready to submit without its package
