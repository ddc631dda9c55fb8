"""The notice form in the window: paste a notice, preview the open orders it covers, save, remove."""

from datetime import datetime

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.rules.notices import load_notices
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.preferences import set_setting
from shopguard.core.triage.session import triage_store
from shopguard.ui import notice_form as form_module
from shopguard.ui.notice_form import NoticeForm
from tests.exports import order_row, write_csv

NOW = datetime(2026, 7, 21, 10, tzinfo=BEIJING)


def row(index, province, city, promised):
    ids = dict(order_id=f"69179267688236437{index:02d}", sub_order_id=f"69179267688236438{index:02d}")
    return order_row(**ids, paid="2026-07-19 10:00:00", promised=promised, province=province) | {"市": city}


@pytest.fixture
def form(qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    orders = write_csv(tmp_path / "orders.csv", [
        row(0, "广东省", "汕头市", "2026-07-21 12:00:00"),
        row(1, "广东省", "深圳市", "2026-07-21 12:00:00"),
        row(2, "福建省", "厦门市", "2026-07-22 09:00:00"),
    ])  # fmt: skip
    with Store.open(data) as store:
        import_into_store(store, [orders])
        set_setting(store, "shop_province", "浙江省")
    monkeypatch.setattr(form_module.QMessageBox, "question", lambda *a: form_module.QMessageBox.StandardButton.Yes)
    opened = NoticeForm(data, lambda: NOW)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def fill(form: NoticeForm) -> None:
    form.title.setText("受台风影响平台发货及服务调整公告")
    form.places.setPlainText("汕头、揭阳、潮州\n厦门")  # pasted from the notice as it is
    form.match.setCurrentIndex(form.match.findData("buyer"))
    form.window_start.setText("2026-07-20")
    form.window_end.setText("2026-07-22")
    form.ship_by.setText("2026-07-25")


def ship_due(data, order_id):
    with Store.open(data) as store:
        deadlines = triage_store(store, NOW).triage.deadlines
    return next((d.due, d.rule) for d in deadlines if d.kind == "ship" and d.order_id == order_id)


def test_paste_preview_then_save_moves_the_covered_orders(form):
    fill(form)
    assert not form.save_button.isEnabled() and form.save_button.toolTip()  # says why: preview first
    form.preview()
    assert form.problems.text() == ""
    assert form.covered.rowCount() == 2
    shown = {form.covered.item(r, 0).text(): form.covered.item(r, 3).text() for r in range(2)}
    assert shown == {"6917926768823643700": "2026-07-25 23:59:59", "6917926768823643702": "2026-07-25 23:59:59"}
    assert form.covered.item(0, 2).text() == "2026-07-21 12:00:00"
    assert "2" in form.summary.text()
    form.title.setText("受台风影响平台发货及服务调整公告（8.21更新）")  # changed after the preview
    assert not form.save_button.isEnabled()
    form.preview()
    form.save()
    assert form.changed
    assert [n.title for n in load_notices(form.data_dir)] == ["受台风影响平台发货及服务调整公告（8.21更新）"]
    assert form.saved.count() == 1 and "#1" in form.saved.item(0).text()
    due, rule = ship_due(form.data_dir, "6917926768823643700")
    assert due == datetime(2026, 7, 25, 23, 59, 59, tzinfo=BEIJING) and rule == "notice-1/ship"
    form.saved.setCurrentRow(0)
    assert form.remove_button.isEnabled()
    form.remove_selected()
    assert form.saved.count() == 0 and load_notices(form.data_dir) == []
    assert ship_due(form.data_dir, "6917926768823643700")[0] == datetime(2026, 7, 21, 12, tzinfo=BEIJING)


def test_a_needs_filing_notice_previews_as_fileable_and_bad_input_is_named(form):
    fill(form)
    form.window_end.setText("2026-07-19")
    form.ship_by.setText("下周一")
    form.preview()
    assert "早于开始" in form.problems.text() and "不是时间" in form.problems.text()
    assert "下周一" in form.problems.text() and not form.save_button.isEnabled()
    form.window_end.setText("2026-07-22")
    form.ship_by.setText("2026-07-25")
    form.needs_filing.setChecked(True)
    form.preview()
    assert form.problems.text() == "" and form.covered.rowCount() == 2
    assert form.covered.item(0, 3).text() == "2026-07-21 12:00:00"  # the due time stays
    assert "可报备" in form.covered.item(0, 4).text()
    form.grant.setCurrentIndex(form.grant.findData("extend"))
    assert form.ship_by.isHidden() and not form.extend_days.isHidden()
