"""The notices above the list (core.triage.notices, the same sentences as the mail): each with one button that
fixes it (opens the rule calendar or the filings) and one that hides it until it changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shopguard.core.triage.notices import FILINGS, RULE_CALENDAR, Notice


class NoticeBanner(QFrame):
    def __init__(self, window):
        super().__init__()
        self.window = window
        self.setObjectName("notices")
        self.setStyleSheet("#notices{background:#fff4d6;border-radius:4px} #notices QLabel{color:#5c4400}")
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(8, 4, 8, 4)
        self.hidden_texts: set[str] = set()  # hidden by the merchant; back when the sentence changes
        self.notices: list[Notice] = []
        self.hide()

    def show_notices(self, notices: list[Notice]) -> None:
        """core.triage.notices.merchant_notices of the list shown (made on the worker, with the list)."""
        self.notices = notices
        self._fill()

    def text(self) -> str:
        return "\n".join(self.texts())

    def texts(self) -> list[str]:
        """The sentences shown now."""
        return [notice.text for notice in self.notices if notice.text not in self.hidden_texts]

    def _fill(self) -> None:
        while self.rows.count():
            self.rows.takeAt(0).widget().deleteLater()
        for notice in self.notices:
            if notice.text not in self.hidden_texts:
                self.rows.addWidget(self._row(notice))
        self.setVisible(bool(self.texts()))

    def _row(self, notice: Notice) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QLabel(notice.text)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(text, 1)
        fixes = {
            RULE_CALENDAR: (self.tr("Open the rule calendar"), "show_rule_calendar"),
            FILINGS: (self.tr("Open filings"), "show_filings"),
        }
        if notice.fix in fixes:
            label, action = fixes[notice.fix]
            fix = QPushButton(label)
            fix.clicked.connect(lambda: getattr(self.window, action)())
            layout.addWidget(fix)
        hide = QPushButton(self.tr("Hide"))
        hide.clicked.connect(lambda: self.put_away(notice.text))
        layout.addWidget(hide)
        return row

    def put_away(self, text: str) -> None:
        self.hidden_texts.add(text)
        self._fill()
