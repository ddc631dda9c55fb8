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
    assert wizard.currentPage() is area and not area.isComplete()  # no province yet: Next stays off
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    area.province.setCurrentIndex(area.province.findData("广东"))
    assert not area.isComplete() and "省份不符" in area.table.item(0, 4).text()
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
    opened.next()
    opened.area_page.province.setCurrentIndex(opened.area_page.province.findData("浙江"))
    opened.save_draft()
    window.reload()
    assert "报备 #1" in window.notices.text() and not window.notices.isHidden()
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
