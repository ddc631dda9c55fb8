"""The table's right-click menu: copy the order or tracking number, mark handled, add a note, file a report;
for one row or several selected rows (batch 已处理 and 报备)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMenu, QTableView

from shopguard.core.deadlines.engine import Deadline
from shopguard.ui.deadline_model import DEADLINE_ROLE


class TableMenu(QObject):
    def __init__(
        self,
        table: QTableView,
        set_handled: Callable[[list[str], bool], None],
        add_note: Callable[[list[str], str], None],
        file_for: Callable[[list[str]], None],
    ):
        super().__init__(table)
        self.table = table
        self.set_handled = set_handled
        self.add_note = add_note
        self.file_for = file_for
        self.menu: QMenu | None = None  # the last menu built (tests read it)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.open_at)

    def selected(self) -> list[Deadline]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        model = self.table.model()
        return [model.index(row, 0).data(DEADLINE_ROLE) for row in rows]

    def build(self) -> QMenu:
        """The menu for the rows selected now."""
        deadlines = self.selected()
        orders = list(dict.fromkeys(d.order_id for d in deadlines if d.order_id))
        tracking = list(dict.fromkeys(d.tracking_no for d in deadlines if d.tracking_no))
        menu = QMenu(self.table)
        copy_orders = menu.addAction(self.tr("Copy order number(s)"), lambda: copy_text(orders))
        copy_orders.setEnabled(bool(orders))
        copy_tracking = menu.addAction(self.tr("Copy tracking number(s)"), lambda: copy_text(tracking))
        copy_tracking.setEnabled(bool(tracking))
        menu.addSeparator()
        all_handled = bool(deadlines) and all(d.handled for d in deadlines)
        if all_handled:
            handled = menu.addAction(self.tr("Mark as not handled"), lambda: self.set_handled(orders, False))
        else:
            count = self.tr("Mark as handled ({count} orders)").format(count=len(orders))
            handled = menu.addAction(
                count if len(orders) > 1 else self.tr("Mark as handled"), lambda: self.set_handled(orders, True)
            )
        handled.setEnabled(bool(orders))
        note = menu.addAction(self.tr("Add note…"), lambda: self._ask_note(orders))
        note.setEnabled(bool(orders))
        several = self.tr("File a report for {count} orders…").format(count=len(orders))
        filing = menu.addAction(
            several if len(orders) > 1 else self.tr("File a report…"), lambda: self.file_for(orders)
        )
        filing.setEnabled(bool(orders))
        self.menu = menu
        return menu

    def open_at(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.selectRow(index.row())  # a right-click outside the selection acts on that row
        self.build().popup(self.table.viewport().mapToGlobal(position))

    def _ask_note(self, orders: list[str]) -> None:
        title = self.tr("Add note")
        label = (
            self.tr("Note for order {order}").format(order=orders[0])
            if len(orders) == 1
            else (self.tr("Note for {count} orders").format(count=len(orders)))
        )
        text, ok = QInputDialog.getText(self.table, title, label)
        if ok and text.strip():
            self.add_note(orders, text.strip())


def copy_text(values: list[str]) -> None:
    """One number a line: pastes into the 抖店 search box or a spreadsheet column alike."""
    QGuiApplication.clipboard().setText("\n".join(values))
