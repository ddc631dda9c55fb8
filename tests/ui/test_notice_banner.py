"""The notice above the list says what is missing and what it means for the orders, with one button that fixes
it and one that hides it; the mail says the same."""

from PySide6.QtWidgets import QPushButton

from shopguard.core.report.content import build_content
from shopguard.ui.app import create_window


def test_a_stall_no_time_limit_covers_is_told_with_a_button_to_the_rule_calendar(qtbot, tmp_path, monkeypatch):
    window = create_window(tmp_path / "data", demo=True)
    qtbot.addWidget(window)
    window.show()
    banner = window.notices
    assert banner.isVisible()
    [text] = banner.texts()
    assert "中转截止时间算不出来" in text and "规则包" not in text
    assert text in build_content(window.result.triage, []).notices  # the mail's words
    opened = []
    monkeypatch.setattr(window, "show_rule_calendar", lambda: opened.append("规则日历"))
    buttons = {button.text(): button for button in banner.findChildren(QPushButton)}
    assert set(buttons) == {"打开规则日历", "隐藏"}
    buttons["打开规则日历"].click()
    assert opened == ["规则日历"]
    buttons["隐藏"].click()
    assert not banner.isVisible()
    window.reload()
    assert not banner.isVisible()  # hidden until the sentence changes
