"""The rule calendar in the window: create, copy with shifted dates, edit, validate, preview, import/export."""

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from shopguard.core.clock import BEIJING
from shopguard.core.rules.user_packs import user_pack_paths
from shopguard.ui import pack_editor, rule_calendar
from shopguard.ui.app import create_window
from shopguard.ui.pack_editor import PackEditor
from shopguard.ui.rule_calendar import RuleCalendar
from shopguard.ui.rule_timeline import lane_look

NOW = datetime(2023, 11, 12, 10, tzinfo=BEIJING)  # the demo's morning


@pytest.fixture
def calendar(qtbot, tmp_path, monkeypatch):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    monkeypatch.setattr(pack_editor.QMessageBox, "question", lambda *args: pack_editor.QMessageBox.StandardButton.Yes)
    opened = RuleCalendar(window.data_dir, lambda: NOW)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def fill(editor: PackEditor, start: datetime, end: datetime, hours: float = 24, unit: str = "hours") -> None:
    editor.pack_id.setText("rain-2023")
    editor.name.setText("暴雨 2023-11")
    editor.short_name.setText("暴雨")
    editor.source_title.setText("关于暴雨天气的公告")
    editor.source_date.setDate(editor.source_date.date().fromString("2023-11-08", "yyyy-MM-dd"))
    row = lambda column: editor.rules.cellWidget(0, column)  # noqa: E731
    row(0).setCurrentIndex(row(0).findData("pickup"))
    row(1).setValue(hours)
    row(2).setCurrentIndex(row(2).findData(unit))
    row(3).setDateTime(row(3).dateTime().fromString(start.strftime("%Y-%m-%d %H:%M:%S"), "yyyy-MM-dd HH:mm:ss"))
    row(4).setDateTime(row(4).dateTime().fromString(end.strftime("%Y-%m-%d %H:%M:%S"), "yyyy-MM-dd HH:mm:ss"))


def test_a_new_promo_is_checked_previewed_and_changes_the_clocks(calendar, qtbot):
    editor = PackEditor(calendar.data_dir, calendar._active(), calendar.clock, parent=calendar)
    qtbot.addWidget(editor)
    fill(editor, datetime(2023, 11, 10, tzinfo=BEIJING), datetime(2023, 11, 9, tzinfo=BEIJING))
    assert not editor.check() and "结束时间早于开始时间" in editor.report.toPlainText()  # end before start
    fill(editor, datetime(2023, 11, 9, tzinfo=BEIJING), datetime(2023, 11, 11, tzinfo=BEIJING), 40, "days")
    assert not editor.check() and "超出合理范围" in editor.report.toPlainText()  # 40 days
    fill(editor, datetime(2023, 11, 9, tzinfo=BEIJING), datetime(2023, 11, 11, 23, 59, 59, tzinfo=BEIJING), hours=72)
    assert editor.check()
    report = editor.report.toPlainText()
    # 72 h against Double 11's 48 h over the same days: the earlier deadline wins, so nothing moves.
    assert "冲突" in report and "按较早的截止时间" in report
    assert report.startswith("数据库中有 0 个截止时间会改变")
    fill(editor, datetime(2023, 11, 9, tzinfo=BEIJING), datetime(2023, 11, 11, 23, 59, 59, tzinfo=BEIJING), hours=12)
    assert editor.check() and editor.report.toPlainText().startswith(
        "数据库中有 5 个截止时间会改变"
    )  # 5 demo parcels shipped 11-09..11
    editor.accept()
    assert [path.stem for path in user_pack_paths(calendar.data_dir)] == ["rain-2023"]


def test_copy_to_a_new_date_then_switch_off_and_delete(calendar, monkeypatch):
    calendar.timeline.selected = "douyin-double11-2023"

    def answer(dialog):
        dialog.new_id.setText("double11-2024")
        dialog.when.setDateTime(dialog.when.dateTime().fromString("2024-10-30 00:00:00", "yyyy-MM-dd HH:mm:ss"))
        return True

    monkeypatch.setattr(rule_calendar.CopyDialog, "exec", answer)
    calendar.copy_pack()
    copied = calendar.selected()
    assert copied.id == "double11-2024" and copied.effective_from == datetime(2024, 10, 30, tzinfo=BEIJING)
    assert "2024-11-13 23:59:59" in calendar.details.toPlainText() and "未核实" in calendar.details.toPlainText()
    calendar.toggle_pack()
    assert "double11-2024" in calendar.inactive and calendar.changed
    monkeypatch.setattr(
        rule_calendar.QMessageBox, "question", lambda *args: rule_calendar.QMessageBox.StandardButton.Yes
    )
    calendar.delete_pack()
    assert user_pack_paths(calendar.data_dir) == []


def test_export_and_import_round_trip_with_validation(calendar, tmp_path, monkeypatch):
    calendar.timeline.selected = "douyin-double11-2023"
    target = tmp_path / "shared.toml"
    monkeypatch.setattr(rule_calendar.QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    calendar.export_pack()
    changed = target.read_text(encoding="utf-8").replace('id = "douyin-double11-2023"', 'id = "from-a-friend"')
    target.write_text(changed, encoding="utf-8")
    monkeypatch.setattr(rule_calendar.QFileDialog, "getOpenFileName", lambda *args: (str(target), ""))
    calendar.import_pack()
    assert calendar.selected().id == "from-a-friend"
    broken = tmp_path / "broken.toml"
    broken.write_text(
        changed.replace('id = "from-a-friend"', 'id = "broken"').replace("hours = 48", "hours = -5"), encoding="utf-8"
    )
    warnings = []
    monkeypatch.setattr(rule_calendar.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    monkeypatch.setattr(rule_calendar.QFileDialog, "getOpenFileName", lambda *args: (str(broken), ""))
    calendar.import_pack()
    assert warnings and "应为正数" in warnings[0]
    assert sorted(path.stem for path in user_pack_paths(calendar.data_dir)) == ["from-a-friend"]


def test_editing_a_built_in_pack_is_refused(calendar, monkeypatch):
    shown = []
    monkeypatch.setattr(rule_calendar.QMessageBox, "information", lambda *args: shown.append(args[2]))
    calendar.timeline.selected = "douyin-daily-2023"
    calendar.edit_pack()
    assert "只读" in shown[0]


def test_problems_are_named_in_the_forms_words():
    from shopguard.ui.pack_editor import friendly

    assert friendly("rules[0].window：结束时间早于开始时间") == "第 1 条规则的窗口：结束时间早于开始时间"
    assert friendly("source.title：应为非空文本") == "公告：请填写"
    assert friendly("rules[2].extend_hours：应为正数") == "第 3 条规则的延长小时：要大于 0"
    assert friendly("rules[0].hours：应为正数，现在是 0.0") == "第 1 条规则的时限（小时）：要大于 0（现在是 0.0）"
    assert friendly("rules[1].regions：「火星」不是省份（写法如 河南/郑州）") == (
        "第 2 条规则的地区：「火星」不是省份，请写成 河南/郑州 或 河北 这样"
    )


def test_the_2026_note_explains_why_double_11_changes_nothing(calendar):
    assert calendar.year_notes.isHidden()  # 2023: no note
    calendar.year.setValue(2026)
    assert not calendar.year_notes.isHidden()
    assert "2026 大促：按日常时效" in calendar.year_notes.text() and "双11" in calendar.year_notes.text()
    calendar.year.setValue(2024)
    calendar.show_pack("douyin-spring-2024")
    shown = calendar.details.toPlainText()
    assert "2024-02-22 23:59:59 前" in shown and "支付完成时间 在 2024-02-02 00:00:00 至 2024-02-20 23:59:59" in shown


def test_a_spring_pack_waits_for_the_merchants_answer_and_the_answer_moves_the_clocks(calendar, qtbot):
    """春节 2024: unanswered, the daily deadlines; "没有参加" switches the pack on; taking it back waits again."""
    from shopguard.core.store.database import Store
    from shopguard.core.store.preferences import pack_answers

    assert "等你回答" not in calendar.year_notes.text()  # 2023: no pack asks about this year
    calendar.year.setValue(2024)
    assert "「春节 2024」" in calendar.year_notes.text() and "等你回答" in calendar.year_notes.text()
    calendar.timeline.selected = "douyin-spring-2024"
    calendar.show_pack("douyin-spring-2024")
    assert calendar.question.isVisible()
    assert "有没有参加「春节买不停」" in calendar.question.text.text() and "还没有回答" in calendar.question.text.text()
    assert "等你回答" in calendar.details.toPlainText() or "waiting" in calendar.details.toPlainText()
    assert calendar.question.no.text() == "没有参加" and not calendar.question.unset.isEnabled()
    spring = lambda: next(pack for pack in calendar.packs if pack.id == "douyin-spring-2024")  # noqa: E731
    state, brush = lane_look(spring(), calendar.inactive)
    assert state == "（待回答）" and brush.style() == Qt.BrushStyle.BDiagPattern  # not drawn as if in use
    qtbot.mouseClick(calendar.question.no, qtbot_button())
    assert lane_look(spring(), calendar.inactive)[0] == ""  # in use now: a plain bar
    with Store.open(calendar.data_dir) as store:
        assert pack_answers(store) == {"douyin-spring-2024": "no"}
    assert calendar.changed and "你的回答：没有参加" in calendar.question.text.text()
    assert "「春节 2024」" not in calendar.year_notes.text()
    assert not calendar.question.no.isEnabled() and calendar.question.unset.isEnabled()
    qtbot.mouseClick(calendar.question.yes, qtbot_button())
    assert lane_look(spring(), calendar.inactive)[0] == "（不适用）"
    qtbot.mouseClick(calendar.question.unset, qtbot_button())
    with Store.open(calendar.data_dir) as store:
        assert pack_answers(store) == {}
    assert "还没有回答" in calendar.question.text.text()
    calendar.show_pack("douyin-daily-2023")
    assert not calendar.question.isVisible()


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
