"""The first run: three setup questions before the first import, and a banner stating what is assumed while
any of them is open."""

from datetime import datetime

from PySide6.QtWidgets import QDialog

from shopguard.core.clock import BEIJING
from shopguard.core.store.database import Store
from shopguard.ui import first_run
from shopguard.ui.app import create_window
from shopguard.ui.first_run import SetupDialog
from tests.exports import order_row
from tests.ui.helpers import import_with_the_command


def new_window(qtbot, data):
    window = create_window(data)
    qtbot.addWidget(window)
    window.show()
    return window


def choose(group, value):
    next(button for button in group.buttons() if button.property("value") == value).setChecked(True)


def test_a_new_shop_sees_what_is_assumed_until_it_answers(qtbot, tmp_path):
    window = new_window(qtbot, tmp_path / "data")
    banner = window.setup_banner
    assert banner.isVisible()
    text = banner.text.text()
    assert "国内商家" in text and "当日发货" in text and "最短" in text and "规则包" not in text
    with Store.open(window.data_dir) as store:
        dialog = SetupDialog(store, datetime(2026, 11, 27, 9, tzinfo=BEIJING), window)
        qtbot.addWidget(dialog)
        assert dialog.merchant.checkedButton() is None  # nothing answered yet: nothing pretends to be
        choose(dialog.merchant, "cross-border")
        choose(dialog.promise, "by-order")
        dialog.province.setCurrentIndex(dialog.province.findData("浙江"))
        dialog.accept()
        assert (store.setting("merchant"), store.setting("promise"), store.setting("shop_province")) == (
            "cross-border",
            "same-day",  # 按订单承诺: orders without 承诺发货时间 are counted the strictest way
            "浙江",
        )
    banner.refresh()
    assert not banner.isVisible()


def test_a_question_left_open_stays_in_the_banner_and_not_now_puts_it_away(qtbot, tmp_path):
    window = new_window(qtbot, tmp_path / "data")
    with Store.open(window.data_dir) as store:
        first_run.save_answers(store, "domestic", None, None)
    window.refresh()  # as after the setup: the banner follows the load
    qtbot.waitUntil(lambda: "国内商家" not in window.setup_banner.text.text(), timeout=5000)
    assert "当日发货" in window.setup_banner.text.text() and window.setup_banner.isVisible()
    window.setup_banner.hide_button.click()
    assert not window.setup_banner.isVisible()
    window.setup_banner.refresh()
    assert not window.setup_banner.isVisible()  # put away until the next start


def test_the_setup_says_which_dates_to_export(qtbot, tmp_path):
    with Store.open(tmp_path / "data") as store:
        dialog = SetupDialog(store, datetime(2026, 11, 27, 9, tzinfo=BEIJING))
        qtbot.addWidget(dialog)
        advice = dialog.export_advice(datetime(2026, 11, 27, 9, tzinfo=BEIJING))
    assert "2026-10-28" in advice and "最近 30 天" in advice and "2026-11-24" in advice


def test_the_setup_opens_by_itself_only_before_the_first_import(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(SetupDialog, "exec", lambda dialog: (opened.append(dialog), QDialog.DialogCode.Rejected)[1])
    window = new_window(qtbot, tmp_path / "data")
    assert first_run.offer_setup(window) and len(opened) == 1
    data = tmp_path / "shop"
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    assert not first_run.offer_setup(new_window(qtbot, data))  # orders already there: no questions thrust upon
    demo = create_window(tmp_path / "demo-home", demo=True)
    qtbot.addWidget(demo)
    assert not first_run.offer_setup(demo) and len(opened) == 1 and not hasattr(demo, "setup_banner")


def test_the_banner_looking_at_the_settings_does_not_make_the_window_load_again_and_again(qtbot, tmp_path):
    data = tmp_path / "shop"
    import_with_the_command(tmp_path, data, [order_row()], "1699750000_订单导出.csv")
    window = new_window(qtbot, data)
    shown = window.sync.shown
    window.refresh()
    qtbot.waitUntil(lambda: window.sync.shown == shown + 1 and not window.sync.loading, timeout=10_000)
    for _ in range(3):  # three looks at the store, as the 2-second timer makes
        window.sync.look()
        qtbot.waitUntil(lambda: not window.sync.loading, timeout=10_000)
    assert window.sync.shown == shown + 1 and window.setup_banner.isVisible()
