"""The summary shown after an import: what each file brought, and every problem with file, row and column."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox

from shopguard.core.triage.output import describe_problem

# Translated in the "MainWindow" context, where these strings first lived.
KIND_NAMES = {
    "orders": QT_TRANSLATE_NOOP("MainWindow", "order export"),
    "after_sales": QT_TRANSLATE_NOOP("MainWindow", "after-sales export"),
    "tracking": QT_TRANSLATE_NOOP("MainWindow", "tracking sheet"),
    None: QT_TRANSLATE_NOOP("MainWindow", "not imported"),
}


class ImportSummary(QMessageBox):
    """What each file brought, and every problem with its file, row and column."""

    def __init__(self, parent, reports):
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
        self.setText("\n".join(lines))
        if problems:
            self.setInformativeText(
                self.tr("{count} problem(s), listed below with file, row and column.").format(count=len(problems))
            )
            self.setDetailedText("\n".join(problems))
