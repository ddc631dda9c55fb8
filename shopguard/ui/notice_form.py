"""Platform notices in the window: paste a notice's city list and dates, see which open orders it covers, save
it; the saved ones listed, and removed. (The model and the file are core/rules/notices.py.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import STATUSES
from shopguard.core.files import describe_os_error
from shopguard.core.rules.notices import (
    MATCHES,
    TESTED_ON,
    Notice,
    NoticeError,
    add_notice,
    load_notices,
    make_notice,
    remove_notice,
)
from shopguard.core.rules.packs import RulePackError
from shopguard.core.store.database import Store
from shopguard.core.triage.notice_preview import CoveredClock, preview_notice

ERROR_STYLE = "color:#a4161a"


class NoticeForm(QDialog):
    def __init__(self, data_dir: Path, clock: Callable[[], datetime], parent=None):
        super().__init__(parent)
        self.data_dir, self.clock = data_dir, clock
        self.changed = False
        self.previewed: Notice | None = None  # the notice the table shows; saving needs it to match the form
        self.setWindowTitle(self.tr("Platform notices"))
        self.saved = QListWidget()
        self.saved.setObjectName("saved-notices")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.saved.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("as the notice is titled, e.g. 受台风影响平台发货及服务调整公告"))
        self.places = QPlainTextEdit()
        self.places.setPlaceholderText(
            self.tr("Paste the notice's list: 广东省/汕头市, 河南省/郑州市/金水区, or 汕头、揭阳、潮州")
        )
        self.places.setFixedHeight(64)
        self.match = QComboBox()
        for key in ("either", "ship-from", "buyer"):
            self.match.addItem(MATCHES[key], key)
        self.tested_on = QComboBox()
        for key, label in TESTED_ON.items():
            self.tested_on.addItem(label, key)
        self.window_start = QLineEdit()
        self.window_end = QLineEdit()
        for edit in (self.window_start, self.window_end):
            edit.setPlaceholderText("2026-07-20 00:00:00")
        window = QHBoxLayout()
        window.addWidget(self.tested_on)
        window.addWidget(self.window_start, 1)
        window.addWidget(QLabel(self.tr("to")))
        window.addWidget(self.window_end, 1)
        self.grant = QComboBox()
        self.grant.addItem(self.tr("New latest ship time"), "ship-by")
        self.grant.addItem(self.tr("Days added to the due time"), "extend")
        self.grant.addItem(self.tr("Shipping not assessed"), "none")
        self.ship_by = QLineEdit()
        self.ship_by.setPlaceholderText(self.tr("2026-07-25 23:59:59 (a date alone means 23:59:59)"))
        self.extend_days = QSpinBox()
        self.extend_days.setRange(1, 30)
        self.extend_days.setSuffix(self.tr(" days"))
        grant = QHBoxLayout()
        grant.addWidget(self.grant)
        grant.addWidget(self.ship_by, 1)
        grant.addWidget(self.extend_days)
        self.exempt = QRadioButton(self.tr("The platform exempts by itself (平台主动豁免)"))
        self.needs_filing = QRadioButton(self.tr("Merchants must file (商家报备)"))
        self.exempt.setChecked(True)
        how_group = QButtonGroup(self)
        how_group.addButton(self.exempt)
        how_group.addButton(self.needs_filing)
        how = QHBoxLayout()
        how.addWidget(self.exempt)
        how.addWidget(self.needs_filing)
        how.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Places"), self.places)
        form.addRow(self.tr("Match on"), self.match)
        form.addRow(self.tr("Window"), window)
        form.addRow(self.tr("Grants"), grant)
        form.addRow(self.tr("How"), how)

        self.problems = QLabel()
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.covered = QTableWidget(0, 5)
        self.covered.setObjectName("covered-orders")
        self.covered.setHorizontalHeaderLabels(
            [self.tr("Order"), self.tr("Product"), self.tr("Due before"), self.tr("Due after"), self.tr("Status")]
        )
        self.covered.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.covered.verticalHeader().setVisible(False)
        self.covered.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.preview_button = QPushButton(self.tr("Preview covered orders"))
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self.tr("Save notice"))
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        actions = QHBoxLayout()
        actions.addWidget(self.preview_button)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)

        saved_box = QVBoxLayout()
        saved_box.addWidget(QLabel(self.tr("Saved notices")))
        saved_box.addWidget(self.saved, 1)
        saved_box.addWidget(self.remove_button)
        left = QWidget()
        left.setLayout(saved_box)
        left.setMaximumWidth(330)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.problems)
        right.addWidget(self.summary)
        right.addWidget(self.covered, 1)
        right.addLayout(actions)
        layout = QHBoxLayout(self)
        layout.addWidget(left)
        layout.addLayout(right, 1)
        self.resize(1100, 640)

        # Any change makes the preview stale: saving waits for a preview of what is in the form now.
        for edit in (self.title, self.window_start, self.window_end, self.ship_by):
            edit.textChanged.connect(self._stale)
        self.places.textChanged.connect(self._stale)
        for combo in (self.match, self.tested_on, self.grant):
            combo.currentIndexChanged.connect(self._stale)
        self.extend_days.valueChanged.connect(self._stale)
        self.exempt.toggled.connect(self._stale)
        self._stale()
        self.refresh()

    # --- the saved notices --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.saved.clear()
        try:
            notices = load_notices(self.data_dir)
        except NoticeError as error:
            self.problems.setText("；".join(error.problems))
            notices = []
        for notice in notices:
            kind = self.tr("needs filing") if notice.needs_filing else self.tr("automatic")
            item = QListWidgetItem(f"#{notice.id} {notice.title}\n{notice.places_text()}\n{notice.effect()}")
            item.setToolTip(f"{notice.window_text()}（{kind}）")
            item.setData(256, notice.id)
            self.saved.addItem(item)
        self.remove_button.setEnabled(False)

    def remove_selected(self) -> None:
        item = self.saved.currentItem()
        if item is None:
            return
        notice_id = item.data(256)
        answer = QMessageBox.question(
            self, self.windowTitle(), self.tr("Remove notice #%1? The orders it covers get their own due times back.")
            .replace("%1", str(notice_id)))  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            remove_notice(self.data_dir, notice_id)
        except (NoticeError, OSError) as error:
            QMessageBox.warning(self, self.windowTitle(), _message(error))
            return
        self.changed = True
        self.refresh()

    # --- a new notice ---------------------------------------------------------------------------------------
    def notice(self) -> Notice:
        """The notice in the form; NoticeError lists what is wrong."""
        grant = self.grant.currentData()
        return make_notice(
            self.title.text(),
            self.places.toPlainText(),
            self.match.currentData(),
            f"{self.window_start.text()}..{self.window_end.text()}",
            self.tested_on.currentData(),
            ship_by=self.ship_by.text() if grant == "ship-by" else None,
            extend_days=self.extend_days.value() if grant == "extend" else None,
            needs_filing=self.needs_filing.isChecked(),
        )

    def _stale(self) -> None:
        grant = self.grant.currentData()
        self.ship_by.setVisible(grant == "ship-by")
        self.extend_days.setVisible(grant == "extend")
        self.previewed = None
        self.save_button.setEnabled(False)
        self.save_button.setToolTip(self.tr("Preview the covered orders first: saving needs the preview of this form"))

    def preview(self) -> None:
        try:
            notice = self.notice()
        except NoticeError as error:
            self.problems.setText("\n".join(error.problems))
            return
        self.problems.clear()
        try:
            with Store.open(self.data_dir) as store:
                covered = preview_notice(store, notice, self.clock())
        except RulePackError as error:  # the saved notices or a rule pack file is damaged: said, not a traceback
            self.problems.setText(f"{error.path}：" + "；".join(error.problems))
            return
        self._show(covered, notice)
        self.previewed = notice
        self.save_button.setEnabled(True)
        self.save_button.setToolTip("")

    def _show(self, covered: list[CoveredClock], notice: Notice) -> None:
        self.summary.setText(
            self.tr("%1 open orders are covered: %2.").replace("%1", str(len(covered))).replace("%2", notice.effect())
        )
        self.covered.setRowCount(len(covered))
        for row, clock in enumerate(covered):
            cells = (
                clock.order_id or "",
                clock.product or "",
                format_time(clock.due_before),
                format_time(clock.due_after) or self.tr("not assessed"),
                STATUSES[clock.status_after] + ("（可报备）" if notice.needs_filing else ""),
            )
            for column, text in enumerate(cells):
                self.covered.setItem(row, column, QTableWidgetItem(text))
        self.covered.resizeColumnsToContents()

    def save(self) -> None:
        if self.previewed is None:
            return
        try:
            saved = add_notice(self.data_dir, self.previewed, self.clock())
        except (NoticeError, OSError) as error:
            QMessageBox.warning(self, self.windowTitle(), _message(error))
            return
        self.changed = True
        self.summary.setText(self.tr("Saved as notice #%1; the deadlines follow it now.").replace("%1", str(saved.id)))
        self._stale()
        self.refresh()


def _message(error: Exception) -> str:
    if isinstance(error, NoticeError):
        return "\n".join(error.problems)
    return describe_os_error(error) or str(error)
