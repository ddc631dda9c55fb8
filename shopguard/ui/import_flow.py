"""Importing in the window: choose or drop files, read them on a worker thread with progress and cancel,
then the summary and, for files whose columns were not recognised, a mapping and a second try."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from shopguard.core.imports.importer import ImportCancelled
from shopguard.core.rules.packs import RulePackError
from shopguard.core.rules.user_packs import usable_packs
from shopguard.core.store.database import IMPORT_WAIT, Store
from shopguard.core.store.mappings import save_mapping
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.status_changes import compare, statuses
from shopguard.core.triage.session import triage_store
from shopguard.ui import list_data, pack_problems
from shopguard.ui.import_summary import ImportSummary
from shopguard.ui.mapping_dialog import MappingDialog
from shopguard.ui.start_folders import usual_folder


class ImportFlow(QObject):
    """Works for a MainWindow: uses its store folder, clock, task runner, progress bar and status line."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.cancelled = False
        self.last_reports = []

    def choose_files(self) -> None:
        spreadsheets = self.tr("Spreadsheets (*.xlsx *.xls *.csv);;All files (*)")
        title = self.tr("Choose 抖店 exports or tracking sheets")
        paths, _ = QFileDialog.getOpenFileNames(self.window, title, str(usual_folder()), spreadsheets)
        if paths:
            self.start(paths)

    def running(self) -> bool:
        return not self.window.progress.isHidden()

    def start(self, paths: list[str]) -> None:
        window = self.window
        if self.running():
            QMessageBox.information(window, self.tr("Importing"), self.tr("The previous import has not finished yet."))
            return
        self.cancelled = False
        window.set_status_note("")
        window.progress.setRange(0, 0)  # calamine reads a workbook in one go: rows are reported as they are parsed
        window.progress.show()
        window.cancel_button.show()
        window.status.setText(self.tr("Importing {count} file(s)…").format(count=len(paths)))
        data_dir, clock = window.data_dir, window.clock

        def work(report_progress):
            def progress(file_name: str, rows: int) -> None:
                if self.cancelled:
                    raise ImportCancelled()
                report_progress((file_name, rows))

            # A damaged rule pack or notices file of the merchant's never stops an import: left out and said.
            packs, problems = usable_packs(data_dir)
            with Store.open(data_dir, wait=IMPORT_WAIT) as store:  # connections belong to the thread that opened them
                as_of = clock()  # before and after judged at one moment: only the import moves a status
                try:
                    before = statuses(triage_store(store, as_of, packs).triage.deadlines)
                except RulePackError:  # the packs read but do not fit together: the import still goes ahead
                    before = None
                reports = import_into_store(store, paths, progress=progress)
                store.backup_after_import()  # the newest backup holds this import; failing it never undoes it
                after = pack_problems.with_problems(triage_store(store, as_of, packs), problems)
                changes = compare(before, statuses(after.triage.deadlines)) if before is not None else None
                return reports, after, changes, list_data.prepare(after)  # the index built here, not in the window

        window.tasks.start(work, self._finished, self._progress, lasting=True)  # the new list

    def _progress(self, update) -> None:
        file_name, rows = update
        self.window.status.setText(self.tr("Reading {file}: {rows} rows so far…").format(file=file_name, rows=rows))

    def cancel(self) -> None:
        self.cancelled = True
        self.window.status.setText(self.tr("Cancelling the import…"))

    def _finished(self, result, error) -> None:
        window = self.window
        window.progress.hide()
        window.cancel_button.hide()
        if isinstance(error, ImportCancelled):
            # Kept at the head of the status line for a while: the list loaded again on the worker rewrites it.
            window.set_status_note(
                self.tr("Import cancelled: the file being read was not imported; earlier files were.")
            )
            window.refresh()  # on the worker: the earlier files' orders may be many
            window.show_status()
            return
        if error is not None:
            raise error  # the global error handler reports it
        reports, triage, changes, data = result
        window.show_result(triage, None, data)
        self.last_reports = reports
        ImportSummary(window, reports, changes).exec()
        self.offer_mappings(reports)

    def offer_mappings(self, reports) -> None:
        """Files whose columns were not recognised: map them once, then import them again."""
        mapped = []
        for report in reports:
            if report.kind is not None or not report.headers:
                continue
            dialog = MappingDialog(report.file_name, report.headers, self.window)
            if dialog.exec():
                with Store.open(self.window.data_dir) as store:
                    save_mapping(store, report.headers, dialog.mapping())
                mapped.append(report.path)
        if mapped:
            self.start(mapped)
