"""The triage table: a model over a plain list of deadlines, shown in the order the core computed.

Filtering and sorting happen in Python (shopguard.core.triage.filter); the model only presents `rows`,
a list of indexes into `deadlines`. The countdown column is computed from the clock at paint time, so a
tick only needs dataChanged for the visible rows of that one column.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import MET_IN_TIME, Deadline
from shopguard.core.triage.money_totals import incurred_so_far
from shopguard.ui.labels import countdown, kind_label, status_label, yuan

NO_PARENT = QModelIndex()
DEADLINE_ROLE = Qt.ItemDataRole.UserRole + 1  # the Deadline object behind a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

# (attribute used for sorting, header); the order is the column order.
COLUMNS = (
    ("order_id", QT_TRANSLATE_NOOP("DeadlineTableModel", "Order")),
    ("product", QT_TRANSLATE_NOOP("DeadlineTableModel", "Product")),
    ("tracking_no", QT_TRANSLATE_NOOP("DeadlineTableModel", "Tracking / after-sale no.")),
    ("kind", QT_TRANSLATE_NOOP("DeadlineTableModel", "Clock")),
    ("due", QT_TRANSLATE_NOOP("DeadlineTableModel", "Due")),
    ("seconds_left", QT_TRANSLATE_NOOP("DeadlineTableModel", "Time left")),
    ("status", QT_TRANSLATE_NOOP("DeadlineTableModel", "Status")),
    ("money_at_risk", QT_TRANSLATE_NOOP("DeadlineTableModel", "Deduction at risk")),
    ("rule_title", QT_TRANSLATE_NOOP("DeadlineTableModel", "Rule")),
    ("note", QT_TRANSLATE_NOOP("DeadlineTableModel", "Note")),
)
COLUMN_DUE = 4
COLUMN_LEFT = 5
COLUMN_STATUS = 6
COLUMN_MONEY = 7
COLUMN_RULE = 8
COLUMN_NOTE = 9
HANDLED_COLOUR = "#8a8a8a"  # an open clock marked 已处理: dimmed, in its own group until it ends

# Urgency: colour plus a symbol in the text, so colour-blind users read it too.
URGENCY_STYLE = {
    "overdue": ("●", "#fde2e1", "#a4161a"),
    # Cannot be judged (需要核对): a question mark on lilac, apart from the red-to-yellow countdown colours.
    "unknown": ("?", "#efe6f8", "#5b2a86"),
    "within_6h": ("▲", "#ffe8cc", "#8a4b00"),
    "within_24h": ("◆", "#fff6cc", "#6b5900"),
    "later": ("○", None, None),
    "met": ("✓", "#e6f4ea", "#1e6b34"),
    "missed": ("✕", "#f4eaea", "#7a3b3b"),
    "exempt": ("—", "#eef1f5", "#4a5566"),
}


def urgency(deadline: Deadline, now: datetime) -> str:
    """The style of a clock at `now`: only pending and overdue clocks move, with their due time."""
    if deadline.status not in ("pending", "overdue"):
        return deadline.status  # met, missed, exempt, unknown (no due time to count down to)
    left = (deadline.due - now).total_seconds()
    if left < 0:
        return "overdue"
    if left <= 6 * 3600:
        return "within_6h"
    if left <= 24 * 3600:
        return "within_24h"
    return "later"


def countdown_text(deadline: Deadline, now: datetime) -> str:
    if deadline.status == "exempt":
        return labels_tr("Not penalised")
    if deadline.status not in ("pending", "overdue"):
        return status_label(deadline.status)  # done on time, done late, needs checking
    return countdown(math.floor((deadline.due - now).total_seconds()))  # as deadlines.engine.judge


def status_text(deadline: Deadline, now: datetime) -> str:
    """The status as of `now`: a pending clock turns overdue while the window is open."""
    if deadline.status in ("pending", "overdue"):
        return status_label("overdue" if deadline.due < now else "pending")
    return status_label(deadline.status)


CORRECTED_MARK = " ✎"  # after the status of a clock judged on a time the merchant corrected by hand


def money_text(deadline: Deadline) -> str:
    """¥1,036.00, with what is incurred so far when part of it is; "—" when not known; empty for clocks that
    cost nothing by any table (after-sales) and for clocks met in time (the order pane says why)."""
    if deadline.money_basis is None or deadline.money_basis == MET_IN_TIME:
        return ""  # met in time: nothing to pay, and a column of ¥0.00 hides the amounts that matter
    if deadline.money_at_risk is None:
        return "—"
    incurred = incurred_so_far(deadline)
    if incurred:  # incurred by the clock's lateness so far, not yet deducted by the platform
        return QCoreApplication.translate("DeadlineTableModel", "{risk} ({now} incurred)").format(
            risk=yuan(deadline.money_at_risk), now=yuan(incurred)
        )
    return yuan(deadline.money_at_risk)


def labels_tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


QT_TRANSLATE_NOOP("labels", "Not penalised")


_ANSWERED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        DEADLINE_ROLE,
        SORT_ROLE,
    }
)
_BRUSHES: dict[str, QBrush] = {}


def _brush(colour: str) -> QBrush:
    """One brush per colour, made once: a new QBrush(QColor) took 5 µs, twice for every cell painted."""
    brush = _BRUSHES.get(colour)
    if brush is None:
        brush = _BRUSHES[colour] = QBrush(QColor(colour))
    return brush


class DeadlineTableModel(QAbstractTableModel):
    def __init__(self, clock: Callable[[], datetime], parent=None):
        super().__init__(parent)
        self._clock = clock
        self._now = clock()
        self.deadlines: list[Deadline] = []
        self.rows: list[int] = []

    # --- content -----------------------------------------------------------------------------------------
    def set_deadlines(self, deadlines: list[Deadline], rows: list[int]) -> None:
        self.beginResetModel()
        self.deadlines = deadlines
        self.rows = rows
        self._now = self._clock()
        self.endResetModel()

    def set_rows(self, rows: list[int]) -> None:
        """Show another selection or order of the same deadlines."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def deadline_at(self, row: int) -> Deadline:
        return self.deadlines[self.rows[row]]

    def tick(self, first_row: int, last_row: int) -> None:
        """Advance the clock and repaint the countdown and status of rows first..last only."""
        self._now = self._clock()
        if self.rows and 0 <= first_row <= last_row:
            last_row = min(last_row, len(self.rows) - 1)
            self.dataChanged.emit(self.index(first_row, COLUMN_LEFT), self.index(last_row, COLUMN_STATUS))

    # --- Qt model interface ------------------------------------------------------------------------------
    def rowCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=NO_PARENT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("DeadlineTableModel", COLUMNS[section][1])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # Roles the model does not answer (font, alignment, check state…) return at once.
        if role not in _ANSWERED_ROLES or not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self._value(self.deadlines[self.rows[index.row()]], index.column(), role)

    def multiData(self, index: QModelIndex | QPersistentModelIndex, span) -> None:
        """Every role a painted cell asks for, in one call (Qt's delegates ask for seven, one data() each):
        fewer entries into Python per painted cell, each of which waits its turn for the interpreter while a
        worker computes."""
        valid = index.isValid() and 0 <= index.row() < len(self.rows)
        deadline = self.deadlines[self.rows[index.row()]] if valid else None
        column = index.column()
        for role_data in span:
            role = role_data.role()
            value = None if deadline is None or role not in _ANSWERED_ROLES else self._value(deadline, column, role)
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _value(self, deadline: Deadline, column: int, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(deadline, column)
        if role == DEADLINE_ROLE:
            return deadline
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if deadline.handled and deadline.status in ("pending", "overdue", "unknown"):
                return _brush(HANDLED_COLOUR) if role == Qt.ItemDataRole.ForegroundRole else None
            _, background, foreground = URGENCY_STYLE[urgency(deadline, self._now)]
            colour = background if role == Qt.ItemDataRole.BackgroundRole else foreground
            return _brush(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(deadline, column)
        if role == SORT_ROLE:
            return getattr(deadline, COLUMNS[column][0])
        return None

    def _tooltip(self, deadline: Deadline, column: int) -> str | None:
        if column in (COLUMN_LEFT, COLUMN_STATUS, COLUMN_RULE):
            # For a clock that needs checking: what is missing and what to do; a corrected one says so.
            return deadline.explanation
        if column == COLUMN_MONEY:
            return deadline.money_basis  # the table row and source behind the amount, or why there is none
        if column in (0, 2):  # long numbers may be elided: the whole number
            return self._display(deadline, column) or None
        return None

    def _display(self, deadline: Deadline, column: int) -> str:
        name = COLUMNS[column][0]
        if name == "money_at_risk":
            return money_text(deadline)
        if name == "kind":
            return kind_label(deadline.kind)
        if name == "due":
            return format_time(deadline.due) or "—"
        if name == "seconds_left":
            return countdown_text(deadline, self._now)
        if name == "status":
            symbol = URGENCY_STYLE[urgency(deadline, self._now)][0]
            corrected = CORRECTED_MARK if deadline.correction else ""
            mark = f" · {deadline.filing_mark}" if deadline.filing_mark else ""  # "已报备 #3" until it ends
            return f"{symbol} {status_text(deadline, self._now)}{corrected}{mark}"
        if name == "tracking_no":
            return deadline.after_sale_id or deadline.tracking_no or ""
        if name == "note":
            translate = QCoreApplication.translate
            handled = translate("DeadlineTableModel", "[handled] ") if deadline.handled else ""
            corrected = translate("DeadlineTableModel", "[corrected] ") if deadline.correction else ""
            return handled + corrected + (deadline.note or "")
        value = getattr(deadline, name)
        return "" if value is None else str(value)
