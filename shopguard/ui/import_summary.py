"""The dialog shown after an import: what each file brought, the orders whose clocks it changed, and the problems
in a table (file, row, column, message) with how many more the importer counted but did not keep."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from shopguard.core.records import Problem
from shopguard.core.store.status_changes import ClockChange, OrderChanges, StatusChanges
from shopguard.ui.labels import kind_label, status_label

# Translated in the "MainWindow" context, where these strings first lived.
KIND_NAMES = {
    "orders": QT_TRANSLATE_NOOP("MainWindow", "order export"),
    "after_sales": QT_TRANSLATE_NOOP("MainWindow", "after-sales export"),
    "tracking": QT_TRANSLATE_NOOP("MainWindow", "tracking sheet"),
    None: QT_TRANSLATE_NOOP("MainWindow", "not imported"),
}
PROBLEM_COLUMNS = (
    QT_TRANSLATE_NOOP("ImportSummary", "File"),
    QT_TRANSLATE_NOOP("ImportSummary", "Row"),
    QT_TRANSLATE_NOOP("ImportSummary", "Column"),
    QT_TRANSLATE_NOOP("ImportSummary", "Problem"),
)


class ImportSummary(QDialog):
    """What each file brought, the orders whose clocks changed status, and the problems.

    Nothing in it wraps inside a line: the file lines and the changed orders are shown unwrapped (a scroll bar
    when they are long), a problem is one table row whose full message is also its tooltip.
    """

    def __init__(self, parent, reports, changes: StatusChanges | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import finished"))
        layout = QVBoxLayout(self)
        self.files_label = QLabel("\n".join(self._file_lines(reports)))
        self.files_label.setWordWrap(False)
        self.files_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.files_label)

        self.changes_label = self.changes_view = None
        if changes is not None:
            heading, *changed = self._changed_orders(changes)
            self.changes_label = QLabel(heading)
            layout.addWidget(self.changes_label)
            if changed:
                self.changes_view = QPlainTextEdit("\n".join(changed))
                self.changes_view.setReadOnly(True)
                self.changes_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
                layout.addWidget(self.changes_view, 1)

        problems = [problem for report in reports for problem in report.problems]
        not_listed = sum(report.problems_not_listed for report in reports)
        self.problems_label = QLabel(self._problems_heading(len(problems) + not_listed))
        layout.addWidget(self.problems_label)
        self.problems_table = self._problem_table(problems)
        self.problems_table.setVisible(bool(problems))
        layout.addWidget(self.problems_table, 2)
        # The importer keeps the first problems of each file in rows and counts the others.
        self.not_listed_label = QLabel(self.tr("… {count} more problem(s) not listed").format(count=f"{not_listed:,}"))
        self.not_listed_label.setVisible(not_listed > 0)
        layout.addWidget(self.not_listed_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(960, 640 if problems or self.changes_view else 240)

    def text(self) -> str:
        """The file lines, the changed orders and the problem count as plain text (without the problems)."""
        parts = [self.files_label.text()]
        if self.changes_label is not None:
            parts.append(self.changes_label.text())
        if self.changes_view is not None:
            parts.append(self.changes_view.toPlainText())
        parts.append(self.problems_label.text())
        return "\n".join(parts)

    def _file_lines(self, reports) -> list[str]:
        lines = []
        for report in reports:
            kind = QCoreApplication.translate("MainWindow", KIND_NAMES.get(report.kind, KIND_NAMES[None]))
            if report.same_as:
                text = self.tr("{file} ({kind}): the same file was imported before; nothing changed")
                lines.append(text.format(file=report.file_name, kind=kind))
                continue
            text = self.tr(
                "{file} ({kind}): {rows} rows, {new} new, {updated} updated, {unchanged} unchanged, {problems} problems"
            )
            problems = len(report.problems) + report.problems_not_listed
            counts = {"rows": report.rows, "new": report.new, "updated": report.updated, "unchanged": report.unchanged}
            numbers = {name: f"{value:,}" for name, value in {**counts, "problems": problems}.items()}
            lines.append(text.format(file=report.file_name, kind=kind, **numbers))
        return lines

    def _problems_heading(self, count: int) -> str:
        if count == 0:
            return self.tr("No problems.")
        return self.tr("{count} problem(s), listed below with file, row and column.").format(count=f"{count:,}")

    def _problem_table(self, problems: list[Problem]) -> QTableWidget:
        table = QTableWidget(len(problems), len(PROBLEM_COLUMNS))
        table.setHorizontalHeaderLabels([self.tr(name) for name in PROBLEM_COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)  # one line a problem
        whole_file = self.tr("whole file")
        for index, problem in enumerate(problems):
            row = whole_file if problem.row is None else f"{problem.row:,}"
            for column, text in enumerate((problem.file, row, problem.column or "", problem.message)):
                item = QTableWidgetItem(text)
                if column == 1 and problem.row is not None:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 3:
                    item.setToolTip(text)
                table.setItem(index, column, item)
        header = table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _changed_orders(self, changes: StatusChanges) -> list[str]:
        """A heading, then one line per changed order (most urgent first), then how many more there are."""
        if not changes.orders:
            return [self.tr("No clock changed status with this import.")]
        heading = self.tr("This import changed the clocks of {orders} order(s), {check} of them now need checking:")
        lines = [heading.format(orders=len(changes.orders), check=changes.to_check)]
        listed, more = changes.listed()
        lines += [self._order_line(order) for order in listed]
        if more:
            lines.append(self.tr("… and {count} more order(s): see the list").format(count=more))
        return lines

    def _order_line(self, order: OrderChanges) -> str:
        text = self.tr("; ").join(self._change_text(change) for change in order.changes)
        if not order.order_id:
            return self.tr("After-sales without an order number: {changes}").format(changes=text)
        return self.tr("Order {order}: {changes}").format(order=order.order_id, changes=text)

    def _change_text(self, change: ClockChange) -> str:
        clock = kind_label(change.kind)
        which = change.after_sale_id or change.tracking_no
        if which:
            clock = self.tr("{clock} ({which})").format(clock=clock, which=which)
        if change.before is None:
            return self.tr("{clock} new, {after}").format(clock=clock, after=status_label(change.after))
        before = status_label(change.before)
        after = status_label(change.after) if change.after else self.tr("no longer timed")
        return self.tr("{clock} {before} → {after}").format(clock=clock, before=before, after=after)
