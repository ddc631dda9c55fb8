"""The filing wizard walked page by page, as a merchant would, including what it refuses."""

import json

import pytest
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QWizard

from shopguard.core.filing.storage import load_filings
from shopguard.core.store.database import Store
from shopguard.ui import filing_wizard as wizard_module
from shopguard.ui.app import create_window
from shopguard.ui.filing_wizard import FilingWizard

ORDER = "6917880231000000451"  # demo: shipped 2023-11-10 18:00, pickup due 2023-11-12 18:00, shop in 浙江


@pytest.fixture
def wizard(qtbot, tmp_path, monkeypatch):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    monkeypatch.setattr(wizard_module.QMessageBox, "information", lambda *args: None)
    monkeypatch.setattr(wizard_module.QMessageBox, "warning", lambda *args: None)
    opened = FilingWizard(window.data_dir, [ORDER], window.clock, window)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def photo(tmp_path):
    path = tmp_path / "网点证明.png"
    pixmap = QPixmap(120, 80)
    pixmap.fill(QColor("#c33"))
    pixmap.save(str(path))
    return path


def test_walking_the_wizard_builds_a_ready_package(wizard, tmp_path):
    type_page = wizard.currentPage()
    assert type_page is wizard.type_page
    type_page.type_box.setCurrentIndex(type_page.type_box.findData("force-majeure"))
    type_page.cause_box.setCurrentIndex(type_page.cause_box.findData("weather"))
    assert "报备中心" in type_page.mode.text()
    wizard.next()

    area = wizard.area_page
    assert wizard.currentPage() is area and area.province.currentData() == "浙江"  # the shop's, from the settings
    assert area.isComplete() and area.why_not.text() == ""
    area.province.setCurrentIndex(0)  # no province: Next stays off, and says why
    assert not area.isComplete() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "请选择省份" in area.why_not.text()
    area.province.setCurrentIndex(area.province.findData("广东"))
    assert not area.isComplete() and "省份不符" in area.table.item(0, 4).text()
    assert "没有保留任何覆盖的订单" in area.why_not.text()
    area.province.setCurrentIndex(area.province.findData("浙江"))
    assert area.isComplete() and area.table.item(0, 4).text().startswith("✓")
    assert "2023-11-12 18:00:00" in area.window_label.text()  # latest moment to file: the pickup due time
    wizard.next()

    evidence = wizard.evidence_page
    assert "尚缺" in evidence.checklist.text()
    evidence.add_files([photo(tmp_path), tmp_path / "notes.txt"])  # the text file is refused
    assert evidence.files.count() == 1 and not evidence.files.item(0).icon().isNull()
    evidence.item_box.setCurrentIndex(evidence.item_box.findData("courier-certificate"))
    boxes = [evidence.elements_layout.itemAt(i).widget() for i in range(evidence.elements_layout.count())]
    for box in boxes[:-1]:
        box.setChecked(True)
    assert "尚缺" in evidence.checklist.text()  # the issue date is not ticked yet
    boxes[-1].setChecked(True)
    assert "材料齐全" in evidence.checklist.text()
    wizard.next()

    text = wizard.text_page
    assert "受影响订单（1 个）：" + ORDER in text.text.toPlainText()
    assert text.counter.text().endswith("字")
    text.text.appendPlainText("另附网点电话：0571-12345678")
    wizard.accept()

    folder, archive = wizard.result_paths
    assert wizard.saved.status == "ready" and archive.exists()
    assert "0571-12345678" in (folder / "说明.txt").read_text(encoding="utf-8-sig")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"][0]["name"] == "01_快递网点证明_网点证明.png"
    assert len(manifest["files"][0]["elements"]) == 6


def test_nothing_is_saved_until_finish_but_a_draft_can_be_saved(wizard):
    wizard.next()
    wizard.area_page.province.setCurrentIndex(wizard.area_page.province.findData("浙江"))
    with Store.open(wizard.data_dir) as store:
        assert load_filings(store) == []
    wizard.save_draft()
    with Store.open(wizard.data_dir) as store:
        ((saved, coverage),) = load_filings(store)
    assert saved.status == "draft" and saved.package is None and coverage[0].order_id == ORDER


def test_dropping_an_uncovered_order_removes_it_from_the_filing(wizard):
    wizard.next()
    area = wizard.area_page
    area.province.setCurrentIndex(area.province.findData("浙江"))
    area.table.item(0, 0).setCheckState(area.table.item(0, 0).checkState().__class__.Unchecked)
    assert not area.isComplete() and wizard.kept_coverage() == []


def test_the_window_shows_a_filing_due_soon_and_an_approved_filing(qtbot, tmp_path, monkeypatch):
    from shopguard.core.filing.storage import set_status

    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    monkeypatch.setattr(wizard_module.QMessageBox, "information", lambda *args: None)
    opened = FilingWizard(window.data_dir, [ORDER], window.clock, window)
    qtbot.addWidget(opened)
    opened.show()  # a wizard starts (and checks coverage on its pages) once shown
    opened.next()
    opened.area_page.province.setCurrentIndex(opened.area_page.province.findData("浙江"))
    opened.save_draft()
    window.reload()
    assert "报备 #1" in window.notices.text() and not window.notices.isHidden()
    with Store.open(window.data_dir) as store:
        set_status(store, 1, "filed", ticket="T1")
    window.reload()
    from shopguard.ui.deadline_model import COLUMNS

    status_column = [name for name, _ in COLUMNS].index("status")
    shown = {
        window.model.data(window.model.index(row, status_column))
        for row in range(window.model.rowCount())
        if window.model.deadline_at(row).order_id == ORDER and window.model.deadline_at(row).kind == "pickup"
    }
    assert shown == {"◆ 未到期 · 已报备 #1"}  # submitted: marked until the platform answers
    with Store.open(window.data_dir) as store:
        set_status(store, 1, "approved", ticket="T1")
    window.reload()
    pickup = next(d for d in window.by_order[ORDER] if d.kind == "pickup")
    assert pickup.status == "exempt" and "报备 #1 已通过" in pickup.rule_title


def test_the_filings_dialog_records_progress(qtbot, tmp_path, monkeypatch):
    from shopguard.ui import filings_dialog

    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    monkeypatch.setattr(wizard_module.QMessageBox, "information", lambda *args: None)
    warnings = []
    monkeypatch.setattr(filings_dialog.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    opened = FilingWizard(window.data_dir, [ORDER], window.clock, window)
    qtbot.addWidget(opened)
    opened.show()  # a wizard starts (and checks coverage on its pages) once shown
    opened.next()
    opened.area_page.province.setCurrentIndex(opened.area_page.province.findData("浙江"))
    opened.save_draft()
    dialog = filings_dialog.FilingsDialog(window.data_dir, window.clock)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "草稿"
    dialog.status.setCurrentIndex(dialog.status.findData("rejected"))
    dialog.save()
    assert warnings and "驳回原因" in warnings[0]  # refused: no reason given
    dialog.status.setCurrentIndex(dialog.status.findData("filed"))
    dialog.ticket.setText("BB20231112")
    dialog.save()
    assert dialog.table.item(0, 2).text() == "已提交" and dialog.table.item(0, 5).text() == "BB20231112"
    assert dialog.changed


def test_evidence_can_be_dropped_onto_the_page(wizard, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    wizard.next()
    wizard.area_page.province.setCurrentIndex(wizard.area_page.province.findData("浙江"))
    wizard.next()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo(tmp_path)))])
    drop = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    wizard.evidence_page.dropEvent(drop)
    assert wizard.evidence_page.files.count() == 1 and wizard.evidence[0].path.name == "网点证明.png"


def test_an_order_whose_ship_clock_needs_checking_is_counted_in_and_flagged(qtbot, tmp_path):
    from shopguard.core.store.merge import import_into_store
    from shopguard.ui.app import prepare_demo_store
    from tests.clocks import NO_START_ORDER, write_orders_to_check

    with Store.open(prepare_demo_store(tmp_path / "data")) as store:  # an order with no time to start from
        import_into_store(store, [write_orders_to_check(tmp_path / "exports")], backups_kept=0)
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    wizard = FilingWizard(window.data_dir, [NO_START_ORDER], window.clock, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    area = wizard.area_page
    area.province.setCurrentIndex(area.province.findData("浙江"))
    assert area.table.rowCount() == 1 and area.table.item(0, 2).text() == "发货" and area.table.item(0, 3).text() == "—"
    assert area.table.item(0, 4).text().startswith("✓ 截止时间无法计算（需要核对），按覆盖计")
    assert area.isComplete()
    assert area.window_label.text() == "覆盖的时钟需要核对：截止时间未知，请尽早提交。"  # not "no covered clock"
    wizard.next()
    wizard.next()
    assert "受影响订单（1 个）：" + NO_START_ORDER in wizard.text_page.text.toPlainText()


def walk_to_text(wizard, tmp_path, evidence=True):
    wizard.next()  # type → area (province pre-filled from the settings)
    wizard.next()  # area → evidence
    if evidence:
        wizard.evidence_page.add_files([photo(tmp_path)])
    wizard.next()  # evidence → text


def test_copy_then_build_shows_the_finish_page_with_open_folder(wizard, tmp_path, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    assert "¥1,000" in wizard.evidence_page.warning.text() and "停业整顿 3 天" in wizard.evidence_page.warning.text()
    walk_to_text(wizard, tmp_path)
    text = wizard.text_page
    text.copy.click()
    assert QGuiApplication.clipboard().text() == text.text.toPlainText() and text.copy.text() == "已复制"
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "生成材料包"
    wizard.next()  # commit: records the filing and builds the package
    assert wizard.currentPage() is wizard.finish_page
    folder, archive = wizard.result_paths
    shown = wizard.finish_page.summary.text()
    assert str(folder) in shown and str(archive) in shown and "请在 2023-11-12 18:00:00 前提交" in shown
    opened = []
    monkeypatch.setattr(wizard_module.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    wizard.finish_page.open_folder.click()
    assert opened == [str(folder)]
    wizard.accept()  # Finish: nothing built twice
    with Store.open(wizard.data_dir) as store:
        assert len(load_filings(store)) == 1


def test_the_package_never_alters_evidence_files(wizard, tmp_path):
    original = photo(tmp_path)
    before = original.read_bytes()
    walk_to_text(wizard, tmp_path, evidence=False)
    wizard.evidence.append(wizard_module.EvidenceInput(original, "courier-certificate", frozenset()))
    wizard.next()
    folder, archive = wizard.result_paths
    (copied,) = folder.glob("01_*")
    assert original.read_bytes() == before and copied.read_bytes() == before
    import zipfile

    with zipfile.ZipFile(archive) as bundle:
        (inside,) = [name for name in bundle.namelist() if "/01_" in name]
        assert bundle.read(inside) == before


def test_a_filing_whose_time_has_passed_becomes_an_appeal_and_never_shows_a_past_time_as_open(qtbot, tmp_path):
    from datetime import timedelta

    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    later = window.clock() + timedelta(days=1)  # the pickup was due 2023-11-12 18:00: now it has passed
    opened = FilingWizard(window.data_dir, [ORDER], lambda: later, window)
    qtbot.addWidget(opened)
    opened.show()
    opened.next()
    area = opened.area_page
    assert not area.isComplete()  # the period starts today: yesterday's pickup is outside it
    from PySide6.QtCore import QDateTime

    area.start.setDateTime(QDateTime.fromString("2023-11-12 00:00:00", "yyyy-MM-dd HH:mm:ss"))
    assert area.isComplete()  # coverage followed the new period without pressing 检查覆盖
    label = area.window_label.text()
    assert "报备时限已过" in label and "申诉" in label and "最晚提交" not in label
    opened.next()
    opened.evidence_page.add_files([photo(tmp_path)])
    opened.next()
    opened.next()
    assert opened.saved.status == "draft"  # not 可提交
    assert opened.result_paths[0].name.startswith("申诉_")  # packed as the appeal it has become
    shown = opened.finish_page.summary.text()
    assert "报备时限已过" in shown and "请在" not in shown


def test_a_saved_notice_is_named_before_filing(qtbot, tmp_path):
    from datetime import datetime

    from shopguard.core.clock import BEIJING
    from shopguard.core.rules.notices import add_notice, make_notice
    from shopguard.core.store.merge import import_into_store
    from shopguard.core.store.preferences import set_setting
    from tests.exports import order_row, write_csv

    data, now = tmp_path / "data", datetime(2026, 7, 21, 10, tzinfo=BEIJING)
    unshipped = order_row(paid="2026-07-20 09:00:00", promised="2026-07-21 18:00:00")  # not shipped yet
    with Store.open(data) as store:
        import_into_store(store, [write_csv(tmp_path / "orders.csv", [unshipped])])
        set_setting(store, "shop_province", "河南省/郑州市")
    for title, needs_filing in (("暴雨公告", False), ("会议公告", True)):
        notice = make_notice(title, "河南省/郑州市", "ship-from", "2026-07-21..2026-07-21", ship_by="2026-07-24",
                             needs_filing=needs_filing)  # fmt: skip
        add_notice(data, notice, now)
    opened = FilingWizard(data, ["6917926768823643751"], lambda: now)
    qtbot.addWidget(opened)
    banner = opened.type_page.notices.text()
    # The earlier due time wins: the notice that needs filing sets the clock, and says to file under it.
    assert "公告 #2「会议公告」覆盖订单 6917926768823643751" in banner and "请按这份公告报备" in banner
    assert opened.under_notice() == "依据平台公告：「会议公告」（订单在公告列出的地区和时间内）"
    from shopguard.core.rules.notices import remove_notice

    remove_notice(data, 2)
    opened = FilingWizard(data, ["6917926768823643751"], lambda: now)
    qtbot.addWidget(opened)
    banner = opened.type_page.notices.text()
    assert "公告 #1「暴雨公告」已由平台主动豁免订单 6917926768823643751" in banner and "无需报备" in banner


def test_one_click_starts_the_evidence_clock_and_records_the_violation_notice(qtbot, tmp_path, monkeypatch):
    from shopguard.ui import filings_dialog

    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    monkeypatch.setattr(wizard_module.QMessageBox, "information", lambda *args: None)
    opened = FilingWizard(window.data_dir, [ORDER], window.clock, window)
    qtbot.addWidget(opened)
    opened.show()
    opened.next()
    opened.save_draft()
    dialog = filings_dialog.FilingsDialog(window.data_dir, window.clock)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 4).text() == "2023-11-12 18:00:00"
    dialog.asked_for_evidence.click()
    assert dialog.table.item(0, 4).text() == "2023-11-12 18:00:00；举证截止 2023-11-13 10:00:00"
    window.reload()
    assert "须在 2023-11-13 10:00:00 前补交证据" in window.notices.text()
    dialog.notice_arrived.click()
    assert dialog.table.item(0, 4).text().startswith("2023-11-19 23:59:59")  # notice day + 7, 23:59:59
    with Store.open(window.data_dir) as store:
        ((filing, _),) = load_filings(store)
    assert filing.notice_date.strftime("%Y-%m-%d %H:%M") == "2023-11-12 00:00"


def test_a_full_disk_while_building_the_package_says_so_keeps_a_draft_and_can_try_again(qtbot, tmp_path, monkeypatch):
    """The wizard says what the command line says (材料包没有生成…已保存为草稿), stays on the text page, and a
    second try once there is space builds the same filing, not a second one."""
    import shutil

    from tests.cli.test_user_errors import copy_onto_a_full_disk

    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    warnings = []
    monkeypatch.setattr(wizard_module.QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    wizard = FilingWizard(window.data_dir, [ORDER], window.clock, window)
    qtbot.addWidget(wizard)
    wizard.show()
    walk_to_text(wizard, tmp_path)
    packages = window.data_dir / "filings"
    real_copy = shutil.copyfile
    monkeypatch.setattr(shutil, "copyfile", copy_onto_a_full_disk(packages))
    wizard.next()  # commit: the evidence copy into the package fails with ENOSPC
    assert wizard.currentPage() is wizard.text_page  # not the finish page with no package
    (said,) = warnings
    assert said.startswith("材料包没有生成：") and "磁盘空间不足" in said
    assert "报备 #1 已保存为「草稿」，没有材料包" in said
    assert wizard.result_paths is None
    with Store.open(wizard.data_dir) as store:
        ((saved, _),) = load_filings(store)
    assert saved.id == 1 and saved.status == "draft" and saved.package is None
    assert not packages.exists() or [p for p in packages.rglob("*") if p.is_file()] == []  # no half-built package

    monkeypatch.setattr(shutil, "copyfile", real_copy)  # space freed
    wizard.next()
    assert wizard.currentPage() is wizard.finish_page and wizard.result_paths[1].exists()
    with Store.open(wizard.data_dir) as store:
        ((saved, _),) = load_filings(store)
    # One filing, now with its package (still a draft here: the photo's elements were not ticked).
    assert saved.id == 1 and saved.package == str(wizard.result_paths[0]) and saved.status == wizard.saved.status
