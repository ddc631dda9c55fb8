"""The table's order: most urgent first (the core's order), most money at risk first, or by a column.

A choice in the 排序 box, or a click on a column header (again: descending; a third time: back to the box's
choice); 最紧急在前 returns in one click. The order and the header's arrow are kept in window.ini, so the arrow
is true after a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QCollator, QLocale, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QPushButton

from shopguard.core.triage.buckets import HANDLED, OPEN
from shopguard.core.triage.filter import SearchIndex, sort_rows
from shopguard.core.triage.money_totals import rows_by_money_at_risk
from shopguard.ui.deadline_model import COLUMNS
from shopguard.ui.sort_ranks import SortRanks

URGENCY = "urgency"
MONEY = "money"
_SINK = {HANDLED: 1, "closed": 2}


def pinyin_key():
    """Chinese text in pinyin order (阿 < 宝 < 纯 < 中): the system's collation for zh_CN."""
    return QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China)).sortKey


class TableSort(QObject):
    changed = Signal()

    def __init__(self, header: QHeaderView, parent=None):
        super().__init__(parent)
        self.header = header
        self.mode = URGENCY  # the box's choice
        self.column: tuple[int, bool] | None = None  # (column, descending) after a header click
        self.box = QComboBox()
        self.box.setObjectName("sort-choice")
        self.box.addItem(self.tr("Most urgent first"), URGENCY)
        self.box.addItem(self.tr("Most money at risk first"), MONEY)
        self.box.setToolTip(self.tr("Order of the list (a click on a column header sorts by that column)"))
        self.box.currentIndexChanged.connect(self._chosen)
        self.urgent_button = QPushButton(self.tr("Most urgent first"))
        self.urgent_button.setObjectName("sort-reset")
        self.urgent_button.setToolTip(self.tr("Back to the most urgent clocks first"))
        self.urgent_button.clicked.connect(self.most_urgent_first)
        self.urgent_button.hide()
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self.click)
        self._text_key = pinyin_key()
        self.ranks = SortRanks()  # each order of the whole list, kept: sorting again after a filter is cheap
        self._show()

    # --- choosing ---------------------------------------------------------------------------------------
    def click(self, column: int) -> None:
        """Ascending, then descending, then back to the box's order (money: the most first, then the least)."""
        first = COLUMNS[column][0] == "money_at_risk"
        if self.column is None or self.column[0] != column:
            self.column = (column, first)
        elif self.column[1] == first:
            self.column = (column, not first)
        else:
            self.column = None
        self._show()
        self.changed.emit()

    def most_urgent_first(self) -> None:
        self.column = None
        self.box.setCurrentIndex(self.box.findData(URGENCY))  # emits through _chosen when it changes
        self._show()
        self.changed.emit()

    def _chosen(self, _index: int) -> None:
        self.mode = self.box.currentData()
        self.column = None
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        if self.column is None:
            self.header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        else:
            column, descending = self.column
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            self.header.setSortIndicator(column, order)
        self.urgent_button.setVisible(self.column is not None or self.mode != URGENCY)

    # --- ordering ---------------------------------------------------------------------------------------
    def order(self, rows: list[int], index: SearchIndex) -> list[int]:
        """`rows` (in the core's urgency order) in the chosen order."""
        if self.column is not None:
            return self.ranks.sorted(self.column, rows, index, lambda some: self._by_column(some, index))
        if self.mode == MONEY:
            return self.ranks.sorted(MONEY, rows, index, lambda some: rows_by_money_at_risk(some, index.money))
        # The core's urgency order, with what the merchant marked 已处理 after the open clocks (in 全部).
        buckets = index.buckets
        return sorted(rows, key=lambda i: _SINK.get(buckets[i], 0))

    def _by_column(self, rows: list[int], index: SearchIndex) -> list[int]:
        column, descending = self.column
        attribute = COLUMNS[column][0]
        if attribute == "money_at_risk":
            if descending:
                return rows_by_money_at_risk(rows, index.money)
            deadlines, amounts = index.deadlines, index.money  # the least first; finished clocks still last
            return sorted(rows, key=lambda i: (deadlines[i].status not in OPEN, amounts[i]))
        attribute = "due" if attribute == "seconds_left" else attribute
        text_key = self._text_key if attribute in ("product", "note") else None
        return sort_rows(rows, index.deadlines, attribute, descending, index.buckets, text_key)

    # --- memory -----------------------------------------------------------------------------------------
    def save(self, settings: QSettings) -> None:
        settings.setValue("sort/mode", self.mode)
        settings.setValue("sort/column", -1 if self.column is None else self.column[0])
        settings.setValue("sort/descending", bool(self.column and self.column[1]))

    def restore(self, settings: QSettings) -> None:
        mode = settings.value("sort/mode", URGENCY)
        column = int(settings.value("sort/column", -1) or -1)
        descending = str(settings.value("sort/descending", "false")).lower() == "true"
        self.box.blockSignals(True)
        self.box.setCurrentIndex(max(0, self.box.findData(mode)))
        self.box.blockSignals(False)
        self.mode = self.box.currentData()
        self.column = (column, descending) if 0 <= column < len(COLUMNS) else None
        self._show()
