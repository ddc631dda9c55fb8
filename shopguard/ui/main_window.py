"""The morning triage window: buckets, filters, the live table, the order detail, and imports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopguard.core.clock import format_time
from shopguard.core.rules.packs import CLOCKS, load_packs
from shopguard.core.store import annotate as notes
from shopguard.core.store.database import Store
from shopguard.core.triage.buckets import TODO_GROUPS
from shopguard.core.triage.correction_preview import preview_correction
from shopguard.core.triage.filter import SearchIndex, TriageFilter
from shopguard.core.triage.session import StoreTriage
from shopguard.ui import list_data, side_list, window_fit
from shopguard.ui.alerts_menu import AlertsMenu
from shopguard.ui.correction_confirm import confirm_correction
from shopguard.ui.deadline_model import DEADLINE_ROLE, DeadlineTableModel
from shopguard.ui.detail_pane import DetailPane
from shopguard.ui.elided_label import ElidedLabel
from shopguard.ui.filing_wizard import FilingWizard
from shopguard.ui.filings_dialog import FilingsDialog
from shopguard.ui.first_load import BusyIndicator
from shopguard.ui.import_flow import ImportFlow
from shopguard.ui.labels import bucket_label, kind_label, yuan, yuan_short
from shopguard.ui.list_data import ClocksByOrder, ListData
from shopguard.ui.minute_pass import MinutePass
from shopguard.ui.notice_banner import NoticeBanner
from shopguard.ui.notice_form import NoticeForm
from shopguard.ui.report_actions import ReportActions
from shopguard.ui.rule_calendar import RuleCalendar
from shopguard.ui.search_delay import SearchDelay
from shopguard.ui.settings_dialog import SettingsDialog
from shopguard.ui.shop_risk_gauge import ShopRiskGauge
from shopguard.ui.side_counts import SideCounts
from shopguard.ui.store_errors import ProblemBanner
from shopguard.ui.store_sync import StoreSync
from shopguard.ui.store_watch import StoreState
from shopguard.ui.table_menu import TableMenu
from shopguard.ui.table_sort import TableSort
from shopguard.ui.tasks import TaskRunner
from shopguard.ui.welcome import WelcomePage

STATUS_NOTE_MS = 5 * 60_000  # how long a note stays at the head of the status line
NEEDS_FILING = "needs_filing"  # the side list's entry for the 需要报备? list
COLUMNS_VERSION = 2  # window.ini's column layout is used only when it was saved for these columns


class MainWindow(QMainWindow):
    # The welcome page's "try the demo": app.create_window opens it, since only app builds main windows.
    demo_requested = Signal()
    closed = Signal()

    def __init__(
        self, data_dir: Path, clock: Callable[[], datetime], demo: bool = False, tasks: TaskRunner | None = None
    ):
        super().__init__()
        self.data_dir = data_dir
        self.clock = clock
        self.demo = demo
        self.demo_window: MainWindow | None = None
        self.tasks = tasks or TaskRunner(self)
        self.result: StoreTriage | None = None
        self.index: SearchIndex | None = None
        self.by_order = ClocksByOrder([])
        self.counts = SideCounts()
        self.setWindowTitle(self.tr("ShopGuard - Douyin shop deadlines") + (self.tr(" (demo data)") if demo else ""))
        self.setAcceptDrops(True)
        self.model = DeadlineTableModel(clock, self)
        self._build()
        self._restore_layout()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(1000)
        self.minute_pass = MinutePass(self)
        self.rebucket_timer = QTimer(self)
        self.rebucket_timer.timeout.connect(self.rebucket)
        self.rebucket_timer.start(60_000)
        self.sync = StoreSync(self)  # loads again what others write to the store, tells store problems
        self.busy = BusyIndicator(self)
        self.sorting.working.connect(lambda working: self.busy.show_busy(working, "sort"))  # on the worker

    # --- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        import_action = QAction(self.tr("Import files…"), self)
        import_action.setShortcut(QKeySequence.StandardKey.Open)
        import_action.triggered.connect(self.choose_files)
        refresh_action = QAction(self.tr("Recalculate"), self)
        refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh_action.triggered.connect(self.refresh)  # on the worker: never freezes the window
        toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(import_action)
        toolbar.addAction(refresh_action)
        filing_action = QAction(self.tr("File a report…"), self)
        filing_action.setToolTip(self.tr("报备/申诉 for the selected orders"))
        filing_action.triggered.connect(self.file_selected)
        toolbar.addAction(filing_action)
        self.reports = ReportActions(self, self.data_dir, self.clock, self.tasks)
        report_menu = QMenu(self.tr("&Report"), self)  # added to the menu bar after 文件
        export_action = report_menu.addAction(self.tr("Export report…"), self.reports.export)
        report_menu.addAction(self.tr("Export report with every clock…"), partial(self.reports.export, full=True))
        report_menu.addAction(self.tr("Open in mail client"), self.reports.open_draft)
        send_action = report_menu.addAction(self.tr("Send email"), self.reports.send_now)
        toolbar.addAction(export_action)
        toolbar.addAction(send_action)
        calendar_action = QAction(self.tr("Rule calendar…"), self)
        calendar_action.triggered.connect(self.show_rule_calendar)
        filings_action = QAction(self.tr("Filings…"), self)
        filings_action.triggered.connect(self.show_filings)
        toolbar.addAction(filings_action)
        toolbar.addAction(calendar_action)
        settings_action = QAction(self.tr("Settings…"), self)
        settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        settings_action.triggered.connect(self.edit_settings)
        toolbar.addAction(settings_action)
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(import_action)
        menu.addAction(refresh_action)
        menu.addAction(settings_action)
        menu.addAction(self.tr("Platform notices…"), self.show_notices)
        menu.addSeparator()
        menu.addAction(self.tr("Quit"), QKeySequence.StandardKey.Quit, lambda: self.alerts.quit())  # not to the tray
        self.menuBar().addMenu(report_menu)
        self.alerts = AlertsMenu(self)  # group robots, daily send, tray and reminders (ui/alerts_menu.py)

        self.bucket_list = QListWidget()
        self.bucket_list.setObjectName("buckets")
        self.bucket_list.setMaximumWidth(200)
        side_list.fit_side_list(self.bucket_list)  # long counts elided, whole in the tooltip; no sideways scroll
        for key in ("", *TODO_GROUPS):
            item = QListWidgetItem(bucket_label(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.bucket_list.addItem(item)
        self.needs_filing_item = QListWidgetItem(self.tr("Needs filing?"))
        self.needs_filing_item.setData(Qt.ItemDataRole.UserRole, NEEDS_FILING)
        self.needs_filing_item.setData(
            side_list.EXPLANATION_ROLE,
            self.tr("Shipping and logistics clocks overdue, needing a check, or due within 24 h"),
        )
        side_list.set_entry_text(self.needs_filing_item, self.tr("Needs filing?"))
        self.bucket_list.addItem(self.needs_filing_item)
        self.bucket_list.setCurrentRow(0)
        self.bucket_list.currentRowChanged.connect(self.apply_filter)

        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("All clocks"), "")
        for kind in CLOCKS:
            self.kind_box.addItem(kind_label(kind), kind)
        self.courier_box = QComboBox()
        self.type_box = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search order, tracking or after-sale number, or product"))
        self.search.setClearButtonEnabled(True)
        for box in (self.kind_box, self.courier_box, self.type_box):
            box.currentIndexChanged.connect(self.apply_filter)
        self.search_delay = SearchDelay(
            self.search, self.apply_filter, lambda: len(self.index.deadlines) if self.index else 0
        )
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Clock")))
        filters.addWidget(self.kind_box)
        filters.addWidget(QLabel(self.tr("Courier")))
        filters.addWidget(self.courier_box)
        filters.addWidget(QLabel(self.tr("After-sale type")))
        filters.addWidget(self.type_box)
        filters.addWidget(self.search, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

        self.table = QTableView()
        self.table.setObjectName("deadlines")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.sorting = TableSort(header, self.tasks, self)  # the core's urgency order until the merchant picks another
        self.sorting.changed.connect(self.apply_filter)
        filters.addWidget(self.sorting.box)
        filters.addWidget(self.sorting.urgent_button)
        for column, width in enumerate((168, 104, 116, 50, 142, 112, 96, 92, 180, 150)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self.show_selected)
        self.table.doubleClicked.connect(self.open_detail)  # Enter (activated) opens nothing: no dialog by mistake
        self.table_menu = TableMenu(self.table, self.set_handled_many, self.add_note_many, self.open_filing)
        self.no_match = QWidget()
        no_match_layout = QHBoxLayout(self.no_match)
        no_match_layout.setContentsMargins(8, 4, 8, 4)
        self.no_match_text = QLabel()
        clear_button = QPushButton(self.tr("Clear filters"))
        clear_button.clicked.connect(self.clear_filters)
        no_match_layout.addWidget(self.no_match_text, 1)
        no_match_layout.addWidget(clear_button)
        self.no_match.setStyleSheet("background:#eef1f5")
        self.no_match.hide()
        self.gauge = ShopRiskGauge()

        self.detail = DetailPane()
        self.detail.handled_changed.connect(self.set_handled)
        self.detail.note_added.connect(self.add_note)
        self.detail.correction_requested.connect(self.correct_time)
        self.detail.correction_undone.connect(self.undo_correction)
        self.detail.filing_requested.connect(lambda order_id: self.open_filing([order_id]))

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        self.notices = NoticeBanner(self)  # what is missing, what it means, a button to fix it (as in the mail)
        centre_layout.addWidget(self.notices)
        centre_layout.addWidget(self.gauge)
        centre_layout.addLayout(filters)
        centre_layout.addWidget(self.no_match)
        centre_layout.addWidget(self.table, 1)
        self.splitter = QSplitter()
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.bucket_list)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)

        self.welcome = WelcomePage()
        self.welcome.import_requested.connect(self.choose_files)
        self.welcome.demo_requested.connect(self.demo_requested)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.banner = ProblemBanner()  # above both pages: on the welcome page of a new, empty database too
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.status = ElidedLabel()  # a long list of rule packs is shortened, never widens the window
        self.status_note = ""  # a sentence kept at the head of the status line (import_flow: 导入已取消)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_import)
        self.importer = ImportFlow(self)
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    # --- loading (see store_sync.StoreSync) ---------------------------------------------------------------
    def reload(self) -> None:
        """Recompute every clock from the store (on the GUI thread: the store is local and this is quick)."""
        self.sync.reload()

    def refresh(self) -> None:
        """Recompute on a worker thread (a large store takes seconds); the table changes when it is done."""
        self.status.setText(self.tr("Recalculating…"))
        self.sync.load(force=True)

    def show_result(self, result: StoreTriage, state: StoreState | None = None, data: ListData | None = None) -> None:
        """Show a triage of the store; `state`: what it was computed from, when known (see store_watch); `data`:
        its search index and more, when the worker built them (list_data)."""
        self.sync.shown_result(state)
        order_id = self.detail.order_id
        self.result = result
        deadlines = result.triage.deadlines
        data = data or list_data.prepare(result)
        self.index, self.by_order = data.index, data.by_order
        self.counts.given(data.index, data.counts)
        self._fill_choices(self.courier_box, self.tr("All couriers"), data.couriers)
        self._fill_choices(self.type_box, self.tr("All after-sale types"), data.after_sale_types)
        self.pages.setCurrentWidget(self.splitter if deadlines or not result.empty else self.welcome)
        self.notices.show_notices(data.notices)
        self.gauge.show_risk(data.risk)
        self.model.set_deadlines(deadlines, self._ordered_rows())
        self._after_rows_changed(order_id)
        self._fit_side_list()

    def _fit_side_list(self) -> None:
        """The side list as wide as its counts and money need (200,000 clocks need more than the demo), with
        every table column still in view."""
        sizes = self.splitter.sizes()
        if any(sizes):
            wider = window_fit.widened_side(
                sizes, side_list.wanted_width(self.bucket_list), self.bucket_list.maximumWidth(),
                self._table_least(), self.detail.minimumWidth(),
            )  # fmt: skip
            if wider is not None:
                self.splitter.setSizes(wider)

    def _table_least(self) -> int:
        """The table's width with every column at its least (else the last ones sit off to the right)."""
        return sum(self.column_fitter.wanted()[1]) + window_fit.table_chrome(self.table) + 8  # 8: rounding

    def _ordered_rows(self) -> list[int]:
        return self.sorting.order(self.index.select(self.current_filter()), self.index) if self.index else []

    def _after_rows_changed(self, order_id: str | None) -> None:
        """The counts, the status line and the "no match" note follow the list; the detail pane follows the
        order it showed (selected again, up to date) or is cleared when the list no longer has it."""
        self._update_counts()
        self.show_status()
        self._show_no_match()
        row = None if order_id is None else self._table_row_of(order_id)
        if row is None:
            self.detail.show_order(None, [], None)
        else:
            self.table.selectRow(row)
            self.show_selected(self.model.index(row, 0))

    def _table_row_of(self, order_id: str) -> int | None:
        """The first table row of the order's clocks, None when none is shown. A search of the table's rows in
        C (list.index) for each of the order's few clocks: a pass in Python took 0.1 s at 200,000 rows, at
        every filter and sort while an order is shown in the pane."""
        shown = self.model.rows
        found = []
        for place in self.by_order.places.get(order_id, ()):
            try:
                found.append(shown.index(place))
            except ValueError:  # filtered out
                continue
        return min(found, default=None)

    def open_order(self, order_id: str) -> None:
        """Show one order (a notification was clicked): selected in the list, the filters cleared when they hide it."""
        if self.index is None:
            return
        if self._table_row_of(order_id) is None:
            self.clear_filters()
        self._after_rows_changed(order_id)

    def _show_no_match(self) -> None:
        empty = self.index is not None and not self.model.rows and bool(self.index.deadlines)
        if empty:
            search = self.search.text().strip()
            text = (
                self.tr("No clock matches 「{text}」 with these filters").format(text=search)
                if search
                else self.tr("No clock in this group with these filters")
            )
            self.no_match_text.setText(text)
        self.no_match.setVisible(empty)

    @staticmethod
    def _fill_choices(box: QComboBox, everything: str, values: list[str]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everything, "")
        for value in values:
            box.addItem(value, value)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.blockSignals(False)

    def _update_counts(self) -> None:
        """Counts (and money at risk) of the clocks the filters and the search let pass, per group."""
        if self.index is None:
            return
        summary = self.counts.summary(self.index, self.current_filter())  # counted again only when needed
        for row in range(self.bucket_list.count()):
            item = self.bucket_list.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            if key == NEEDS_FILING:
                side_list.set_entry_text(item, f"{self.tr('Needs filing?')}  {summary.needs_filing}")
                continue
            text = f"{bucket_label(key)}  {summary.counts.get(key, 0) if key else summary.total}"
            money = sum(summary.money.values()) if not key else summary.money.get(key)
            if money:  # the amount alone on a line of its own, the list stays narrow; the tooltip says what it is
                at_risk = self.tr("At risk {money}").format(money=yuan(money))
                side_list.set_entry_text(item, f"{text}\n  {yuan_short(money)}", f"{text}\n{at_risk}")
            else:
                side_list.set_entry_text(item, text)

    def set_status_note(self, text: str) -> None:
        """A sentence at the head of the status line (what the last action said, e.g. 导入已取消), for
        STATUS_NOTE_MS: long enough to be read after the list reloads, not for the rest of the day."""
        self.status_note = text
        if text:
            QTimer.singleShot(STATUS_NOTE_MS, self, lambda: self._note_read(text))

    def _note_read(self, text: str) -> None:
        if self.status_note == text:
            self.status_note = ""
            self.show_status()

    def show_status(self) -> None:
        if not self.result:
            self.status.setText(self.status_note)
            return
        packs = "、".join(pack.name_with_state for pack in self.result.triage.packs)
        shown = len(self.model.rows)
        total = len(self.result.triage.deadlines)
        demo = self.tr("Demo data · ") if self.demo else ""
        text = self.tr("As of {time} (Beijing time) · showing {shown} of {total} clocks · rule packs: {packs}")
        note = f"{self.status_note} · " if self.status_note else ""  # what the last action said, e.g. 导入已取消
        self.status.setText(
            note + demo + text.format(time=format_time(self.result.triage.as_of), shown=shown, total=total, packs=packs)
        )

    # --- filtering, sorting and the live countdown ---------------------------------------------------------
    def current_filter(self) -> TriageFilter:
        kind = self.kind_box.currentData()
        item = self.bucket_list.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item else ""
        return TriageFilter(
            bucket=key if key and key != NEEDS_FILING else None,
            needs_filing=key == NEEDS_FILING,
            kinds=frozenset({kind}) if kind else frozenset(),
            courier=self.courier_box.currentData() or None,
            after_sale_type=self.type_box.currentData() or None,
            text=self.search.text(),
        )

    def apply_filter(self, *_args) -> None:
        if self.index is None:
            return
        order_id = self.detail.order_id
        selected = {self.model.rows[index.row()] for index in self.table.selectionModel().selectedRows()}
        self.model.set_rows(self._ordered_rows())
        self._after_rows_changed(order_id)
        if len(selected) > 1:  # several rows picked for a batch action stay picked
            self._select_again(selected)

    def _select_again(self, selected: set[int]) -> None:
        chosen = QItemSelection()
        last = self.model.columnCount() - 1
        for position, row in enumerate(self.model.rows):
            if row in selected:
                chosen.select(self.model.index(position, 0), self.model.index(position, last))
        self.table.selectionModel().select(chosen, QItemSelectionModel.SelectionFlag.Select)

    def sort_by(self, column: int) -> None:
        """As a click on the column's header: ascending, descending, then back to the chosen order."""
        self.sorting.click(column)

    def clear_filters(self) -> None:
        for box in (self.kind_box, self.courier_box, self.type_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.bucket_list.blockSignals(True)
        self.bucket_list.setCurrentRow(0)
        self.bucket_list.blockSignals(False)
        self.search.clear()  # applies the filter once
        self.apply_filter()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def visible_rows(self) -> tuple[int, int]:
        viewport = self.table.viewport()
        first = self.table.rowAt(0)
        last = self.table.rowAt(viewport.height() - 1)
        if first < 0:
            return 0, -1
        return first, (last if last >= 0 else self.model.rowCount() - 1)

    def tick(self) -> None:
        self.model.tick(*self.visible_rows())

    def rebucket(self) -> None:
        """Once a minute: clocks that ran out move to 已超时 in the counts (ui/minute_pass)."""
        self.minute_pass.run()

    # --- the selected order and what the merchant adds ---------------------------------------------------
    def show_selected(self, current, _previous=None) -> None:
        deadline = current.data(DEADLINE_ROLE) if current.isValid() else None
        order_id = deadline.order_id if deadline else None
        self._show_order(order_id)

    def _show_order(self, order_id: str | None) -> None:
        corrections = self.result.snapshot.corrections if self.result and order_id else []
        self.detail.show_order(
            order_id,
            self.by_order.get(order_id or "", []),
            self.clock(),
            [c for c in corrections if c.order_id == order_id],
        )

    def open_detail(self, index) -> None:
        """Double-click: the order in the detail pane, opened if the merchant had dragged it shut."""
        self.show_selected(index)
        sizes = self.splitter.sizes()
        if sizes[2] == 0:
            self.splitter.setSizes([sizes[0], max(0, sizes[1] - 330), 330])
        self.detail.browser.setFocus()

    def _refresh_order(self, order_id: str) -> None:
        self._show_order(order_id)
        self.apply_filter()

    def set_handled(self, order_id: str, handled: bool) -> None:
        self.set_handled_many([order_id], handled)

    def set_handled_many(self, order_ids: list[str], handled: bool) -> None:
        """已处理 (or not) for these orders in one transaction; their open clocks move to or from 已处理."""

        if self.sync.save(lambda store: notes.set_handled(store, order_ids, handled)):
            for order_id in order_ids:
                for deadline in self.by_order.get(order_id, []):
                    deadline.handled = handled
            if self.index is not None:
                self.index.rebucket()
        if self.detail.order_id in order_ids or len(order_ids) == 1:
            self._show_order(self.detail.order_id)  # after a failure: the button shows the mark as it is stored
        self.apply_filter()

    def add_note(self, order_id: str, text: str) -> None:
        if not self.add_note_many([order_id], text):
            # The pane empties its field once this returns: give the merchant their words back.
            QTimer.singleShot(0, lambda: self.detail.note_edit.setText(text))

    def add_note_many(self, order_ids: list[str], text: str) -> bool:
        if not self.sync.save(lambda store: notes.add_note(store, order_ids, text)):
            return False
        for order_id in order_ids:
            for deadline in self.by_order.get(order_id, []):
                deadline.note = text
        self.sorting.ranks.forget()  # the 备注 column's order changed
        if self.detail.order_id:
            self._show_order(self.detail.order_id)
        self.apply_filter()
        return True

    def correct_time(self, order_id: str, kind: str, moment: datetime) -> None:
        """Shows the order's due times before and after, and saves the correction once confirmed."""
        now = self.clock()
        target = self._correction_target(order_id, kind)
        changes = []

        def preview(store: Store) -> None:
            changes.extend(preview_correction(store, order_id, kind, moment, now, target))

        try:  # a read, on the window's connection so that a store problem is told as for a save
            if not self.sync.save(preview):
                return
        except notes.AnnotationError as error:
            QMessageBox.warning(self, self.tr("Cannot correct the time"), str(error))
            return
        if not confirm_correction(self, order_id, kind, moment, changes, now):
            return
        try:
            saved = self.sync.save(lambda store: notes.set_time(store, order_id, kind, moment, target))
        except notes.AnnotationError as error:
            QMessageBox.warning(self, self.tr("Cannot correct the time"), str(error))
            return
        if saved:
            self.detail.time_edit.clear()
            self.refresh()  # a corrected time can change every clock of the order

    def _correction_target(self, order_id: str, kind: str) -> str | None:
        """The parcel or after-sale of the selected row, when the time belongs to one: an order with several
        parcels is corrected on the one the merchant is looking at (the core picks it when there is one)."""
        current = self.table.currentIndex()
        deadline = current.data(DEADLINE_ROLE) if current.isValid() else None
        if deadline is None or deadline.order_id != order_id:
            return None
        level = notes.CORRECTION_KINDS[kind].level
        if level == "parcel":
            return deadline.tracking_no if deadline.after_sale_id is None else None
        if level in ("after_sale", "return_parcel"):
            return deadline.after_sale_id
        return None

    def undo_correction(self, order_id: str, kind: str, target: str) -> None:
        if self.sync.save(lambda store: notes.set_time(store, order_id, kind, None, target or None)):
            self.refresh()

    def selected_orders(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return list(
            dict.fromkeys(self.model.deadline_at(row).order_id for row in rows if self.model.deadline_at(row).order_id)
        )

    def file_selected(self) -> None:
        orders = self.selected_orders()
        if not orders:
            QMessageBox.information(self, self.tr("File a report"), self.tr("Select the orders to file for first."))
            return
        self.open_filing(orders)

    def open_filing(self, order_ids: list[str]) -> None:
        wizard = FilingWizard(self.data_dir, order_ids, self.clock, self)
        if wizard.exec():
            self.refresh()

    def show_rule_calendar(self) -> None:
        calendar = RuleCalendar(self.data_dir, self.clock, self)
        calendar.exec()
        if calendar.changed:
            self.refresh()  # new or switched packs move deadlines

    def show_notices(self) -> None:
        form = NoticeForm(self.data_dir, self.clock, self)
        form.exec()
        if form.changed:
            self.refresh()  # a notice moves or marks the deadlines it covers

    def show_filings(self) -> None:
        dialog = FilingsDialog(self.data_dir, self.clock, self)
        dialog.exec()
        if dialog.changed:
            self.refresh()  # approved filings change the clocks they cover

    def edit_settings(self) -> None:
        with Store.open(self.data_dir) as store:
            if SettingsDialog(store, load_packs(), self.data_dir, self).exec():
                self.refresh()

    # --- importing (see import_flow.ImportFlow) -----------------------------------------------------------
    def choose_files(self) -> None:
        self.importer.choose_files()

    def import_files(self, paths: list[str]) -> None:
        self.importer.start(paths)

    def import_running(self) -> bool:
        return self.importer.running()

    def cancel_import(self) -> None:
        self.importer.cancel()

    # --- drag and drop ------------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    # --- layout memory ------------------------------------------------------------------------------------
    def _settings(self) -> QSettings:
        return QSettings(str(self.data_dir / "window.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        settings = self._settings()
        window_fit.fit_window(self, settings.value("geometry"))  # never larger than the screen
        restored = bool(settings.value("columns")) and int(settings.value("columns-version", 1) or 1) == COLUMNS_VERSION
        if restored:
            self.table.horizontalHeader().restoreState(settings.value("columns"))
        self.column_fitter = window_fit.ColumnFitter(self.table, restored=restored)
        window_fit.keep_pane_whole(self.splitter, 2)
        saved = settings.value("splitter")
        side, _, pane = self.splitter.sizes() if saved and self.splitter.restoreState(saved) else (120, 0, 330)
        # The table keeps room for every column at its least and the pane gives way down to its minimum, also
        # when the widths were saved on a wider screen (the 备注 column would start off to the right).
        width = self.width() - self.splitter.handleWidth() * 2
        self.splitter.setSizes(
            window_fit.splitter_sizes(width, side, pane, self._table_least(), self.detail.minimumWidth())
        )
        self.sorting.restore(settings)  # after the header's state: its arrow is the order really shown

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.sync.look()  # back from the terminal where a shopguard command ran
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        if self.alerts.hide_to_tray():  # keeps running in the tray to remind (ui/desktop_alerts.py)
            event.ignore()
            return
        settings = self._settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("columns", self.table.horizontalHeader().saveState())
        settings.setValue("columns-version", COLUMNS_VERSION)
        self.sorting.save(settings)
        settings.sync()
        self.timer.stop()
        self.sync.timer.stop()
        self.tasks.wait()  # a worker still running must not deliver its result to a closed window
        self.sync.stop()
        self.closed.emit()
        super().closeEvent(event)
