"""The summary shown after an import: what each file brought, the orders whose clocks it changed, and every
problem with file, row and column."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox

from shopguard.core.store.status_changes import ClockChange, OrderChanges, StatusChanges
from shopguard.core.triage.output import describe_problem
from shopguard.ui.labels import kind_label, status_label

# Translated in the "MainWindow" context, where these strings first lived.
KIND_NAMES = {
    "orders": QT_TRANSLATE_NOOP("MainWindow", "order export"),
    "after_sales": QT_TRANSLATE_NOOP("MainWindow", "after-sales export"),
    "tracking": QT_TRANSLATE_NOOP("MainWindow", "tracking sheet"),
    None: QT_TRANSLATE_NOOP("MainWindow", "not imported"),
}
SHOWN_FIRST = 10  # changed orders in the message itself; the details list up to status_changes.LISTED


class ImportSummary(QMessageBox):
    """What each file brought, the orders whose clocks changed status, and every problem."""

    def __init__(self, parent, reports, changes: StatusChanges | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import finished"))
        self.setIcon(QMessageBox.Icon.Information)
        lines, problems = [], []
        for report in reports:
            kind = QCoreApplication.translate("MainWindow", KIND_NAMES.get(report.kind, KIND_NAMES[None]))
            if report.same_as:
                text = self.tr("{file} ({kind}): the same file was imported before; nothing changed")
                lines.append(text.format(file=report.file_name, kind=kind))
                continue
            text = self.tr(
                "{file} ({kind}): {rows} rows, {new} new, {updated} updated, {unchanged} unchanged, {problems} problems"
            )
            counts = dict(rows=report.rows, new=report.new, updated=report.updated, unchanged=report.unchanged)
            lines.append(text.format(file=report.file_name, kind=kind, problems=len(report.problems), **counts))
            problems += [describe_problem(problem) for problem in report.problems]
        details = []
        if changes is not None:
            changed = self._changed_orders(changes)
            lines += ["", *changed[: SHOWN_FIRST + 1]]
            if len(changed) > SHOWN_FIRST + 1:
                lines.append(self.tr("… (all of them below)"))
                details += [*changed, ""]
        self.setText("\n".join(lines))
        if problems:
            self.setInformativeText(
                self.tr("{count} problem(s), listed below with file, row and column.").format(count=len(problems))
            )
            details += problems
        if details:
            self.setDetailedText("\n".join(details))

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
