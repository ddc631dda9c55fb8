"""The rule calendar, the promo editor and the settings for a shop owner: days not hours, no ids to invent,
dates from a calendar, pack names readable, and a regional rule that can never apply said before saving."""

from datetime import datetime

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.rules.user_packs import all_packs, user_pack_paths
from shopguard.core.rules.user_packs import hours_text as limit_text
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import set_setting
from shopguard.ui import pack_editor, rule_calendar
from shopguard.ui.app import create_window
from shopguard.ui.pack_editor import PackEditor
from shopguard.ui.rule_calendar import RuleCalendar
from shopguard.ui.rule_words import copy_id, free_id, never_applies
from shopguard.ui.settings_dialog import SettingsDialog

NOW = datetime(2023, 11, 12, 10, tzinfo=BEIJING)


@pytest.fixture
def calendar(qtbot, tmp_path):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    opened = RuleCalendar(window.data_dir, lambda: NOW)
    qtbot.addWidget(opened)
    return opened


def test_whole_days_are_days_and_two_days_stay_48_hours():
    assert limit_text(240) == "10 天" and limit_text(168) == "7 天" and limit_text(72) == "72 小时"
    assert limit_text(48) == "48 小时" and limit_text(30) == "30 小时" and limit_text(100) == "100 小时"


def test_ids_are_made_up_valid_and_unique():
    assert free_id("promo-20231109", ["promo-20231109", "promo-20231109-2"]) == "promo-20231109-3"
    assert free_id("暴雨 公告", []) == "promo"  # nothing usable in the name: a plain id
    assert copy_id("douyin-double11-2023", 2024, ["douyin-double11-2023"]) == "douyin-double11-2024"
    assert copy_id("rain", 2024, ["rain-2024"]) == "rain-2024-2"


def set_cell_time(editor, column, text):
    cell = editor.rules.cellWidget(0, column)
    cell.setDateTime(cell.dateTime().fromString(text, "yyyy-MM-dd HH:mm:ss"))


def test_a_new_promo_needs_no_id_and_its_dates_come_from_a_calendar(calendar, qtbot, monkeypatch):
    asked = []
    yes = pack_editor.QMessageBox.StandardButton.Yes
    monkeypatch.setattr(pack_editor.QMessageBox, "question", lambda *args: (asked.append(args[2]), yes)[1])
    editor = PackEditor(calendar.data_dir, calendar._active(), calendar.clock, parent=calendar)
    qtbot.addWidget(editor)
    assert editor.pack_id.isHidden() or editor.pack_id.parent() is None  # not asked for
    assert editor.source_date.calendarPopup()
    editor.name.setText("暴雨 2023-11")
    editor.short_name.setText("暴雨")
    editor.source_title.setText("关于暴雨天气的公告")
    set_cell_time(editor, 3, "2023-11-09 00:00:00")
    set_cell_time(editor, 4, "2023-11-11 23:59:59")
    editor.rules.cellWidget(0, 1).setValue(12)
    editor.accept()
    assert [path.stem for path in user_pack_paths(calendar.data_dir)] == ["promo-20231109"]
    saved = next(pack for pack in all_packs(calendar.data_dir) if pack.id == "promo-20231109")
    assert saved.source_date == "2023-11-12"  # the calendar's day, picked by default
    assert len(asked) == 1 and "永远" not in asked[0]


def test_a_pickup_rule_for_another_province_is_flagged_when_saved(calendar, qtbot, monkeypatch):
    with Store.open(calendar.data_dir) as store:
        set_setting(store, "shop_province", "浙江")
    asked = []
    no = pack_editor.QMessageBox.StandardButton.No
    monkeypatch.setattr(pack_editor.QMessageBox, "question", lambda *args: (asked.append(args[2]), no)[1])
    editor = PackEditor(calendar.data_dir, calendar._active(), calendar.clock, parent=calendar)
    qtbot.addWidget(editor)
    editor.name.setText("郑州暴雨")
    editor.short_name.setText("郑州")
    editor.source_title.setText("关于河南暴雨的公告")
    editor.rules.cellWidget(0, 2).setCurrentIndex(editor.rules.cellWidget(0, 2).findData("extend"))
    editor.rules.cellWidget(0, 7).setText("河南/郑州")
    editor.accept()
    assert len(asked) == 1 and "第 1 条规则只对从 河南/郑州 发货的店铺生效" in asked[0] and "浙江" in asked[0]
    assert user_pack_paths(calendar.data_dir) == []  # the merchant said no: nothing saved


def test_never_applies_is_only_for_the_shop_side_and_says_when_the_province_is_unknown():
    transit = {"clock": "transit", "regions": ["新疆"]}
    pickup = {"clock": "pickup", "regions": ["河南/郑州", "浙江"]}
    assert never_applies([transit, pickup], "浙江省") == []  # transit counts where the buyer is
    assert "还没设置你的发货省份" in never_applies([pickup], None)[0]


def test_copying_to_a_new_date_makes_up_the_new_id(calendar, monkeypatch):
    calendar.timeline.selected = "douyin-double11-2023"

    def answer(dialog):
        dialog.when.setDateTime(dialog.when.dateTime().fromString("2024-10-30 00:00:00", "yyyy-MM-dd HH:mm:ss"))
        return True

    monkeypatch.setattr(rule_calendar.CopyDialog, "exec", answer)
    calendar.copy_pack()
    assert calendar.selected().id == "douyin-double11-2024"
    details = calendar.details.toPlainText()
    assert "[douyin" not in details and "10 天" in details  # 退货未签收 in the copied 2023 promo: 10 days


def test_settings_list_pack_names_whole_without_ids(qtbot, tmp_path):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    with Store.open(window.data_dir) as store:
        dialog = SettingsDialog(store, all_packs(window.data_dir), window.data_dir, window)
        qtbot.addWidget(dialog)
        dialog.show()
        items = [dialog.packs.item(row) for row in range(dialog.packs.count())]
        assert items and all("[" not in item.text() and item.toolTip() for item in items)
        widest = max(dialog.packs.fontMetrics().horizontalAdvance(item.text()) for item in items)
        assert dialog.packs.viewport().width() >= widest
