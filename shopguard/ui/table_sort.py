"""The table's order: most urgent first (the core's order), most money at risk first, or by a column.

A choice in the 排序 box, or a click on a column header (again: descending; a third time: back to the box's
choice); 最紧急在前 returns in one click. The order and the header's arrow are kept in window.ini, so the arrow
is true after a restart.

On a large list the first sort by a column is computed on the worker (by 商品 in pinyin it takes a second or
more at 200,000 clocks): meanwhile the list stays in the most urgent order, the busy bar moves, and the window
answers; then the list is shown in its new order.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QCollator, QLocale, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHeaderView, QPushButton

from shopguard.core.triage.buckets import HANDLED, OPEN
from shopguard.core.triage.filter import SearchIndex, sort_rows
from shopguard.core.triage.money_totals import rows_by_money_at_risk
from shopguard.ui.deadline_model import COLUMNS
from shopguard.ui.search_delay import LARGE
from shopguard.ui.sort_ranks import Order, Ranked, SortRanks, made_from, whole_list_rank
from shopguard.ui.tasks import TaskRunner

URGENCY = "urgency"
MONEY = "money"
_SINK = {HANDLED: 1, "closed": 2}


def pinyin_key():
    """Chinese text in pinyin order (阿 < 宝 < 纯 < 中): the system's collation for zh_CN."""
    return QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China)).sortKey


class TableSort(QObject):
    changed = Signal()  # the order to show changed: the window sorts its list again
    working = Signal(bool)  # an order is being computed on the worker (True), or it is done (False)

    def __init__(self, header: QHeaderView, tasks: TaskRunner, parent=None):
        super().__init__(parent)
        self.header = header
        self.tasks = tasks
        self.large = LARGE  # rows: from here on, a first sort is computed (for the whole list) on the worker
        self._computing: set[tuple] = set()  # (order, list) pairs being ranked on the worker
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
        """`rows` (in the core's urgency order) in the chosen order; in the most urgent order while the chosen
        one is computed on the worker (`changed` is emitted when it is ready)."""
        if self.column is not None:
            key = self.column
            by = self._column_order(index, self.column, self._text_key)
        elif self.mode == MONEY:
            key, by = MONEY, self._money_order(index)
        else:
            return self._most_urgent(rows, index)
        if len(rows) >= self.large and not self.ranks.has(key, index):  # also a filtered part of a large list
            self._rank_on_worker(key, index)
            return self._most_urgent(rows, index)
        return self.ranks.sorted(key, rows, index, by)

    @staticmethod
    def _most_urgent(rows: list[int], index: SearchIndex) -> list[int]:
        """The core's urgency order, with what the merchant marked 已处理 after the open clocks, then the
        finished ones (in 全部): a stable partition, three passes instead of a sort."""
        buckets = index.buckets
        first = [i for i in rows if buckets[i] not in _SINK]
        if len(first) == len(rows):
            return first
        return first + [i for i in rows if buckets[i] == HANDLED] + [i for i in rows if buckets[i] == "closed"]

    def _rank_on_worker(self, key: Hashable, index: SearchIndex) -> None:
        source, generation = made_from(index), self.ranks.generation
        # The lists stay alive (and their ids unique) while the worker has them.
        job = (key, generation, *map(id, source))
        if job in self._computing:
            return
        self._computing.add(job)

        def work(_progress) -> Ranked:
            # A collator of the worker's own: a QCollator is not to be shared between threads.
            by = self._money_order(index) if key == MONEY else self._column_order(index, key, pinyin_key())
            return whole_list_rank(by, len(index.deadlines))  # (order, places)

        def done(rank, error) -> None:
            self._computing.discard(job)
            if not self._computing:
                self.working.emit(False)
            if error is not None:
                raise error  # a bug: the window's error handler reports it
            self.ranks.keep(key, source, generation, rank)  # not if the list or a note changed: asked again
            self.changed.emit()

        self.working.emit(True)
        self.tasks.start(work, done)

    @staticmethod
    def _money_order(index: SearchIndex) -> Order:
        return lambda some: rows_by_money_at_risk(some, index.money)

    @staticmethod
    def _column_order(index: SearchIndex, chosen: tuple[int, bool], text_key) -> Order:
        return lambda some: TableSort._by_column(some, index, chosen, text_key)

    @staticmethod
    def _by_column(rows: list[int], index: SearchIndex, chosen: tuple[int, bool], text_key) -> list[int]:
        column, descending = chosen
        attribute = COLUMNS[column][0]
        if attribute == "money_at_risk":
            if descending:
                return rows_by_money_at_risk(rows, index.money)
            deadlines, amounts = index.deadlines, index.money  # the least first; finished clocks still last
            return sorted(rows, key=lambda i: (deadlines[i].status not in OPEN, amounts[i]))
        attribute = "due" if attribute == "seconds_left" else attribute
        text_key = text_key if attribute in ("product", "note") else None
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
