"""The filings the merchant has made, and their progress: filed (ticket), approved (maybe a new due
time) or rejected (the platform's reason)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from shopguard.core.clock import BEIJING, format_time
from shopguard.core.filing.catalogue import FILING_TYPES
from shopguard.core.filing.model import STATUSES
from shopguard.core.filing.plan import filing_window
from shopguard.core.filing.storage import (
    FilingError,
    evidence_requested,
    load_filings,
    set_notice_date,
    set_status,
)
from shopguard.core.store.database import Store


class FilingsDialog(QDialog):
    def __init__(self, data_dir: Path, clock: Callable[[], datetime], parent=None):
        super().__init__(parent)
        self.data_dir, self.clock = data_dir, clock
        self.changed = False
        self.setWindowTitle(self.tr("Filings"))
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Type"), self.tr("Status"), self.tr("Orders"), self.tr("File by"),
             self.tr("Ticket"), self.tr("Package")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        self.status = QComboBox()
        for key, label in STATUSES.items():
            self.status.addItem(label, key)
        self.ticket = QLineEdit()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("the platform's reason, when rejected"))
        self.grant = QCheckBox(self.tr("The platform set a new due time"))
        self.new_due = QDateTimeEdit(QDateTime(clock().replace(tzinfo=None)))
        self.new_due.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.new_due.setEnabled(False)
        self.grant.toggled.connect(self.new_due.setEnabled)
        save = QPushButton(self.tr("Save status"))
        save.clicked.connect(self.save)
        open_folder = QPushButton(self.tr("Open package folder"))
        open_folder.clicked.connect(self.open_package)
        # Deadline events, one click each: the platform's evidence request (24 h) and the violation notice (7 days).
        self.asked_for_evidence = QPushButton(self.tr("Platform asked for evidence (24 h)"))
        self.asked_for_evidence.clicked.connect(self.evidence_requested)
        self.notice_arrived = QPushButton(self.tr("Violation notice arrived (appeal, 7 days)"))
        self.notice_arrived.clicked.connect(self.violation_notice)
        form = QFormLayout()
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Ticket number"), self.ticket)
        form.addRow(self.tr("Rejection reason"), self.reason)
        due_row = QHBoxLayout()
        due_row.addWidget(self.grant)
        due_row.addWidget(self.new_due, 1)
        form.addRow(due_row)
        buttons = QHBoxLayout()
        buttons.addWidget(open_folder)
        buttons.addWidget(self.asked_for_evidence)
        buttons.addWidget(self.notice_arrived)
        buttons.addStretch(1)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(900, 520)
        self.load()

    def load(self) -> None:
        with Store.open(self.data_dir) as store:
            self.filings = load_filings(store)
        self.table.setRowCount(len(self.filings))
        for row, (filing, coverage) in enumerate(self.filings):
            values = (f"#{filing.id}", FILING_TYPES[filing.type], STATUSES[filing.status], str(len(filing.order_ids)),
                      self._file_by(filing, coverage), filing.ticket or "", filing.package or "")  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if self.filings:
            self.table.selectRow(0)

    def selected(self):
        row = self.table.currentRow()
        return self.filings[row][0] if 0 <= row < len(self.filings) else None

    def _show_selected(self) -> None:
        filing = self.selected()
        if filing is None:
            return
        self.status.setCurrentIndex(self.status.findData(filing.status))
        self.ticket.setText(filing.ticket or "")
        self.reason.setText(filing.reason or "")
        self.grant.setChecked(filing.new_due is not None)

    def save(self) -> None:
        new_due = (
            self.new_due.dateTime().toPython().replace(tzinfo=BEIJING, microsecond=0)
            if self.grant.isChecked()
            else None
        )
        self._record(lambda store, filing_id: set_status(
            store, filing_id, self.status.currentData(), self.ticket.text().strip() or None,
            self.reason.text().strip() or None, new_due))  # fmt: skip

    def _file_by(self, filing, coverage) -> str:
        """The latest moment to submit, never a past one as if open; and the evidence clock when it runs."""
        window = filing_window(filing, coverage, self.clock())
        if window.is_open():
            text = format_time(window.latest)
        elif window.latest is None and window.kind == "appeal":
            text = self.tr("passed: appeal after the violation notice")
        else:
            text = self.tr("passed") if window.latest else "—"
        if filing.evidence_due is not None and filing.status in ("draft", "ready", "filed"):
            text += self.tr("; evidence by {time}").format(time=format_time(filing.evidence_due))
        return text

    def _record(self, change) -> None:
        filing = self.selected()
        if filing is None:
            return
        try:
            with Store.open(self.data_dir) as store:
                change(store, filing.id)
        except FilingError as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return
        self.changed = True
        row = self.table.currentRow()
        self.load()
        self.table.selectRow(row)

    def evidence_requested(self) -> None:
        self._record(lambda store, filing_id: evidence_requested(store, filing_id, self.clock()))

    def violation_notice(self) -> None:
        today = self.clock().replace(hour=0, minute=0, second=0, microsecond=0)
        self._record(lambda store, filing_id: set_notice_date(store, filing_id, today))

    def open_package(self) -> None:
        filing = self.selected()
        if filing is not None and filing.package:
            QDesktopServices.openUrl(QUrl.fromLocalFile(filing.package))
