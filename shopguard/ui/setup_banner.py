"""A banner over the window while a setup question is open: what ShopGuard assumes meanwhile and a button to
answer (first_run.SetupDialog), or to put it away until the next start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from shopguard.core.store.database import Store
from shopguard.ui import first_run
from shopguard.ui.store_errors import store_problem


class SetupBanner(QFrame):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setObjectName("setup-banner")
        self.setStyleSheet("#setup-banner{background:#e8f1fb;border:1px solid #b7d1ee;border-radius:4px}")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.set_button = QPushButton(self.tr("Set now…"))
        self.set_button.clicked.connect(lambda: first_run.open_setup(window))
        self.hide_button = QPushButton(self.tr("Not now"))
        self.hide_button.clicked.connect(self.put_away)
        self.put_away_for_now = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.set_button)
        layout.addWidget(self.hide_button)
        self.hide()

    def assumptions(self, open_questions: list[str]) -> str:
        said = {
            "merchant": self.tr("merchant type: counted as a domestic merchant (国内)"),
            "promise": self.tr("ship-by promise for orders without 承诺发货时间: counted as 当日发货, the strictest"),
            "shop_province": self.tr("province you ship from: the shortest transit limit is used"),
        }
        return self.tr("Not set up yet, so ShopGuard assumes: {list}. Deadlines may come earlier than yours.").format(
            list="；".join(said[key] for key in open_questions)
        )

    def refresh(self) -> None:
        try:
            with Store.open(self.window.data_dir) as store:
                open_questions = first_run.unanswered(store)
        except Exception as error:
            if store_problem(error, self.window.data_dir) is None:
                raise
            return  # the store problem is told by the window (store_sync); the banner stays as it was
        self.text.setText(self.assumptions(open_questions) if open_questions else "")
        self.setVisible(bool(open_questions) and not self.put_away_for_now)

    def put_away(self) -> None:
        self.put_away_for_now = True  # back at the next start while a question is still open
        self.hide()


def attach(window) -> SetupBanner:
    """Above the list and the welcome page; up to date after every load (a setting changed anywhere)."""
    banner = SetupBanner(window)
    window.centralWidget().layout().insertWidget(1, banner)
    window.sync.busy.connect(lambda busy: None if busy else banner.refresh())
    banner.refresh()
    return banner
