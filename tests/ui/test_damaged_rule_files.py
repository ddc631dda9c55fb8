"""A damaged notices.json or merchant rule pack in the window: said in Chinese (banner and dialog once), the list
keeps working with the shipped packs, and the files stay byte for byte as they were."""

from PySide6.QtWidgets import QMessageBox

from shopguard.core.rules.notices import NOTICES_FILE
from shopguard.ui.app import create_window
from shopguard.ui.notice_form import NoticeForm
from shopguard.ui.rule_calendar import RuleCalendar

BROKEN_NOTICES = '{"next_id": 2, "notices": [{"id": 1, "title": "台风"'.encode()  # cut off mid-write
BROKEN_PACK = 'schema = 1\nid = "rain-2023"\nname = 暴雨\n'.encode()  # text without quotes


def dialogs(window):
    return [box for box in window.findChildren(QMessageBox) if box.objectName() == "pack_problems"]


def test_damaged_notices_and_pack_are_said_and_the_list_keeps_working(qtbot, tmp_path):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    window.show()
    clocks_before = len(window.index.deadlines)
    assert clocks_before > 0 and not dialogs(window)
    notices = window.data_dir / NOTICES_FILE
    notices.write_bytes(BROKEN_NOTICES)
    (window.data_dir / "rules").mkdir(exist_ok=True)
    pack = window.data_dir / "rules" / "rain-2023.toml"
    pack.write_bytes(BROKEN_PACK)

    window.reload()  # was: RulePackError out of the reload

    said = window.notices.texts()
    assert any("公告文件" in text and "本次未使用，文件原样保留" in text for text in said), said
    assert any("rain-2023.toml" in text and "第 3 行" in text for text in said), said
    assert len(window.index.deadlines) == clocks_before  # the shipped packs still give every clock
    (box,) = dialogs(window)
    assert box.isVisible() and "公告文件" in box.informativeText()
    box.close()
    window.refresh()  # the worker's load: the same problems, no second dialog
    qtbot.waitUntil(lambda: not window.sync.loading, timeout=20000)
    assert len(dialogs(window)) == 1 and any("公告文件" in text for text in window.notices.texts())
    assert notices.read_bytes() == BROKEN_NOTICES and pack.read_bytes() == BROKEN_PACK

    # The rule calendar opens and names the file; the notice form's preview says it instead of raising.
    calendar = RuleCalendar(window.data_dir, window.clock)
    qtbot.addWidget(calendar)
    assert "rain-2023.toml" in calendar.year_notes.text() and calendar.packs
    form = NoticeForm(window.data_dir, window.clock)
    qtbot.addWidget(form)
    assert "公告文件已损坏" in form.problems.text()
    form.title.setText("暴雨公告")
    form.places.setPlainText("杭州")
    form.window_start.setText("2023-11-09")
    form.window_end.setText("2023-11-12")
    form.ship_by.setText("2023-11-14")
    form.preview()  # the first broken file met is named
    assert "rain-2023.toml：TOML 语法错误" in form.problems.text() and not form.save_button.isEnabled()
    assert notices.read_bytes() == BROKEN_NOTICES and pack.read_bytes() == BROKEN_PACK

    # Fixed (removed): the banner no longer says it.
    notices.unlink()
    pack.unlink()
    window.reload()
    assert not any("本次未使用" in text for text in window.notices.texts())


def test_an_import_and_the_report_go_ahead_with_a_damaged_notices_file(qtbot, tmp_path, monkeypatch):
    from shopguard.core.demo import demo_files
    from shopguard.ui import import_flow, report_actions

    window = create_window(tmp_path / "data")
    qtbot.addWidget(window)
    notices = window.data_dir / NOTICES_FILE
    notices.write_bytes(BROKEN_NOTICES)
    summaries = []

    class Summary:  # the import summary dialog, recorded instead of shown
        def __init__(self, parent, reports, changes):
            summaries.append(reports)

        def exec(self):
            return 0

    monkeypatch.setattr(import_flow, "ImportSummary", Summary)
    window.import_files([str(path) for path in demo_files()])  # was: RulePackError out of the worker
    qtbot.waitUntil(lambda: not window.import_running() and bool(summaries), timeout=30000)
    assert window.index.deadlines and any("公告文件" in text for text in window.notices.texts())
    content = report_actions._content(window.data_dir, window.clock())
    assert content.deadlines and any("公告文件" in text for text in content.notices)
    assert notices.read_bytes() == BROKEN_NOTICES
