"""The filing assistant: type and cause → period and area (with coverage) → evidence → text → package.

Nothing is written until Finish (or an explicit "save draft"); the core does the work (shopguard.core.filing).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shopguard.core.clock import BEIJING, format_time
from shopguard.core.filing.catalogue import CAUSES, FILING_TYPES, ITEMS, items_for, requirements
from shopguard.core.filing.coverage import CoverageRow
from shopguard.core.filing.model import STATUSES, Area, EvidenceFile, Filing, missing_evidence
from shopguard.core.filing.not_built import not_built
from shopguard.core.filing.notice_check import NoticeCover, notice_line
from shopguard.core.filing.plan import draft_text, filing_window
from shopguard.core.filing.service import EvidenceInput, coverage_for, create_filing, notices_covering
from shopguard.core.filing.vault import ALLOWED
from shopguard.core.rules.regions import PROVINCES, short_province
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import engine_settings
from shopguard.ui.labels import countdown, kind_label

WARNING_STYLE = "color:#a4161a"


def _moment(edit: QDateTimeEdit) -> datetime:
    return edit.dateTime().toPython().replace(tzinfo=BEIJING, microsecond=0)


def _edit(moment: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime(moment.replace(tzinfo=None)))
    edit.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
    edit.setCalendarPopup(True)
    return edit


class FilingWizard(QWizard):
    """Built for some orders of the store in `data_dir`; `clock` is the window's (demo or real) clock."""

    def __init__(self, data_dir: Path, order_ids: list[str], clock: Callable[[], datetime], parent=None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.order_ids = order_ids
        self.clock = clock
        self.coverage: list[CoverageRow] = []
        self.evidence: list[EvidenceInput] = []
        self.result_paths: tuple[Path, Path] | None = None
        self.saved: Filing | None = None
        with Store.open(data_dir) as store:  # what the pages start from: notices covering, the shop's province
            self.notice_covers: list[NoticeCover] = notices_covering(store, order_ids, clock())
            self.shop_province = short_province(engine_settings(store).shop_province)
        self.setWindowTitle(self.tr("Filing assistant (报备/申诉)"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Save draft"))
        self.customButtonClicked.connect(self.save_draft)
        self.type_page = TypePage(self)
        self.area_page = AreaPage(self)
        self.evidence_page = EvidencePage(self)
        self.text_page = TextPage(self)
        self.finish_page = FinishPage(self)
        for page in (self.type_page, self.area_page, self.evidence_page, self.text_page, self.finish_page):
            self.addPage(page)
        self.resize(900, 620)

    # --- the filing as the pages describe it --------------------------------------------------------------
    def filing(self) -> Filing:
        start, end = self.area_page.period()
        filing = Filing(
            self.type_page.filing_type(),
            self.type_page.cause(),
            start,
            end,
            self.area_page.area(),
            list(self.order_ids),
            notice_date=self.type_page.notice_date(),
            text=self.text_page.text.toPlainText() if self.text_page.text.toPlainText().strip() else "",
        )
        filing.evidence = [EvidenceFile("", item.path.name, item.item, item.elements) for item in self.evidence]
        return filing

    def kept_coverage(self) -> list[CoverageRow]:
        return [row for row in self.coverage if self.area_page.kept(row)]

    def refresh_coverage(self) -> None:
        start, end = self.area_page.period()
        with Store.open(self.data_dir) as store:
            self.coverage = coverage_for(store, self.order_ids, (start, end), self.area_page.area(), self.clock())

    # --- saving -------------------------------------------------------------------------------------------
    def _save(self, out_dir: Path | None, keep_draft: bool) -> bool:
        """Record the filing (again under the same number once saved: a draft, or a build that failed) and build
        its package into `out_dir`. False when the disk refused (full, read-only): said in a dialog with what
        was kept (core.filing.not_built), the same as the command line; the wizard stays open to try again."""
        filing = self.filing()
        filing.evidence = []
        filing.id = self.saved.id if self.saved else None
        with Store.open(self.data_dir) as store:
            try:
                self.saved, _, self.result_paths = create_filing(
                    store,
                    filing,
                    self.evidence,
                    out_dir,
                    self.clock(),
                    keep_draft=keep_draft,
                    coverage=self.kept_coverage(),
                )
            except OSError as error:
                message = not_built(store, filing, error)
                if message is None:
                    raise  # not the disk's: a programming error, for the global error handler
                self.saved = filing if filing.id is not None else self.saved
                self.result_paths = None
                QMessageBox.warning(self, self.windowTitle(), message + self.tr(
                    "; once that is solved, press Build package again (the same filing is kept)."))  # fmt: skip
                return False
        return True

    def save_draft(self, _button=None) -> None:
        if self._save(None, keep_draft=True):
            QMessageBox.information(self, self.windowTitle(), self.tr("Draft #{id} saved.").format(id=self.saved.id))

    def build(self) -> bool:
        """Record the filing and build its package (once: the text page is a commit page); False when it failed."""
        if self.result_paths is None:
            return self._save(self.data_dir / "filings", keep_draft=False)
        return True

    def accept(self) -> None:
        if self.build():  # the finish page built it already, unless Finish came straight from the text
            super().accept()

    def under_notice(self) -> str | None:
        return notice_line(self.notice_covers)


class TypePage(QWizardPage):
    def __init__(self, wizard: FilingWizard):
        super().__init__()
        self.setTitle(self.tr("Filing type and cause"))
        self.setSubTitle(self.tr("Orders: {orders}").format(orders="、".join(wizard.order_ids)))
        self.type_box = QComboBox()
        for key, label in FILING_TYPES.items():
            self.type_box.addItem(label, key)
        self.cause_box = QComboBox()
        for key, label in CAUSES.items():
            self.cause_box.addItem(label, key)
        self.type_box.currentIndexChanged.connect(self._type_changed)
        self.appeal = QCheckBox(self.tr("A violation notice has arrived (this is an appeal, 申诉)"))
        self.notice = _edit(wizard.clock())
        self.notice.setEnabled(False)
        self.appeal.toggled.connect(self.notice.setEnabled)
        self.mode = QLabel()
        self.mode.setWordWrap(True)
        self.appeal.toggled.connect(self._update_mode)
        form = QFormLayout(self)
        form.addRow(self.tr("Type"), self.type_box)
        form.addRow(self.tr("Cause"), self.cause_box)
        form.addRow(self.appeal)
        form.addRow(self.tr("Notice date"), self.notice)
        form.addRow(self.mode)
        # Saved platform notices first: an automatic one means no filing at all, one that needs filing names it.
        self.notices = QLabel("<br>".join(cover.advice() for cover in wizard.notice_covers))
        self.notices.setWordWrap(True)
        self.notices.setStyleSheet("background:#fff4d6;padding:6px")
        self.notices.setVisible(bool(wizard.notice_covers))
        form.addRow(self.notices)
        self._update_mode()

    def _type_changed(self) -> None:
        self.cause_box.setEnabled(self.filing_type() == "force-majeure")

    def _update_mode(self) -> None:
        if self.appeal.isChecked():
            self.mode.setText(self.tr("申诉: within 7 natural days of the notice, at 店铺 → 店铺保障 → 申诉中心."))
        else:
            self.mode.setText(self.tr("报备: before the deadline, at 抖店后台 → 保障中心 → 报备中心."))

    def filing_type(self) -> str:
        return self.type_box.currentData()

    def cause(self) -> str | None:
        return self.cause_box.currentData() if self.filing_type() == "force-majeure" else None

    def notice_date(self) -> datetime | None:
        return _moment(self.notice) if self.appeal.isChecked() else None


class AreaPage(QWizardPage):
    def __init__(self, wizard: FilingWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Affected period and area"))
        self.setSubTitle(self.tr("An order is covered when its deadline lies in the period and its area matches."))
        now = wizard.clock()
        self.start = _edit(now.replace(hour=0, minute=0, second=0))
        self.end = _edit(now.replace(hour=23, minute=59, second=59))
        self.province = QComboBox()
        self.province.addItem(self.tr("(choose a province)"), "")
        for province in PROVINCES:
            self.province.addItem(province, province)
        if wizard.shop_province:  # pre-filled from the settings (店铺发货省份); the merchant may change it
            self.province.setCurrentIndex(max(0, self.province.findData(wizard.shop_province)))
        self.province.currentIndexChanged.connect(self.check)
        self.city, self.district, self.street = QLineEdit(), QLineEdit(), QLineEdit()
        self.city.setPlaceholderText(self.tr("city, e.g. 杭州市 (optional)"))
        self.district.setPlaceholderText(self.tr("district, e.g. 余杭区 (optional)"))
        self.street.setPlaceholderText(self.tr("street (optional)"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Keep"), self.tr("Order"), self.tr("Clock"), self.tr("Due"), self.tr("Coverage")]
        )
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._toggled)
        self.window_label = QLabel()
        self.window_label.setWordWrap(True)
        self.why_not = QLabel()  # why 下一步 is off, in words
        self.why_not.setWordWrap(True)
        self.why_not.setStyleSheet(WARNING_STYLE)
        # Coverage follows the period and the area as they change, not only on the button.
        for edit in (self.start, self.end):
            edit.dateTimeChanged.connect(self.check)
        for edit in (self.city, self.district, self.street):
            edit.editingFinished.connect(self.check)
        check = QPushButton(self.tr("Check coverage"))
        check.clicked.connect(self.check)
        form = QFormLayout()
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel("—"))
        period.addWidget(self.end)
        form.addRow(self.tr("Period"), period)
        place = QHBoxLayout()
        for widget in (self.province, self.city, self.district, self.street):
            place.addWidget(widget)
        form.addRow(self.tr("Area"), place)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.window_label)
        layout.addWidget(self.why_not)
        self._kept: dict[tuple, bool] = {}

    def period(self) -> tuple[datetime, datetime]:
        return _moment(self.start), _moment(self.end)

    def area(self) -> Area:
        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return Area(self.province.currentData() or None, text(self.city), text(self.district), text(self.street))

    def kept(self, row: CoverageRow) -> bool:
        return self._kept.get((row.order_id, row.kind, row.tracking_no), row.covered)

    def initializePage(self) -> None:
        self.check()

    def check(self) -> None:
        self.wizard_.refresh_coverage()
        self._kept = {}
        self.table.blockSignals(True)  # filling the table is not the merchant ticking boxes
        self.table.setRowCount(len(self.wizard_.coverage))
        for index, row in enumerate(self.wizard_.coverage):
            keep = QTableWidgetItem()
            keep.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            keep.setCheckState(Qt.CheckState.Checked if row.covered else Qt.CheckState.Unchecked)
            self.table.setItem(index, 0, keep)
            for column, value in enumerate(
                (
                    row.order_id,
                    kind_label(row.kind),
                    format_time(row.due) or "—",
                    ("✓ " if row.covered else "✕ ") + row.reason,
                ),
                1,
            ):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()  # a handful of rows: cheap, and the 19-digit order ids show whole
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self._show_window()
        self.completeChanged.emit()

    def _toggled(self, item: QTableWidgetItem) -> None:
        if item.column() == 0 and item.row() < len(self.wizard_.coverage):
            row = self.wizard_.coverage[item.row()]
            self._kept[(row.order_id, row.kind, row.tracking_no)] = item.checkState() == Qt.CheckState.Checked
            self._show_window()
            self.completeChanged.emit()

    def _show_window(self) -> None:
        window = filing_window(self.wizard_.filing(), self.wizard_.kept_coverage(), self.wizard_.clock())
        self.why_not.setText("；".join(self.blockers()))
        self.window_label.setStyleSheet("" if window.is_open() or window.latest is None else WARNING_STYLE)
        if not window.is_open() and (window.closed or window.kind == "appeal") and self.wizard_.kept_coverage():
            # Passed: no "latest moment" in the past as if it were open; say what can still be done.
            hint = "" if window.closed else self.tr(" Tick 'A violation notice has arrived' on the first page then.")
            self.window_label.setStyleSheet(WARNING_STYLE)
            self.window_label.setText(window.explanation + "。" + hint)
            return
        if window.latest is None:
            if any(row.covered for row in self.wizard_.kept_coverage()):  # only clocks without a due time
                self.window_label.setText(
                    self.tr("The covered clocks need checking: their due time is unknown. File as soon as you can.")
                )
            else:
                self.window_label.setText(self.tr("No covered clock yet: adjust the period or area."))
            return
        left = math.floor((window.latest - self.wizard_.clock()).total_seconds())
        remaining = countdown(left) if left >= 0 else self.tr("already passed")
        self.window_label.setText(
            self.tr("Latest moment to file: {latest} ({countdown}). {why}").format(
                latest=format_time(window.latest), countdown=remaining, why=window.explanation
            )
        )

    def blockers(self) -> list[str]:
        """Why Next is off: a period that makes sense, a province, and at least one covered order kept."""
        start, end = self.period()
        reasons = []
        if end < start:
            reasons.append(self.tr("The period ends before it starts"))
        if not self.province.currentData():
            reasons.append(self.tr("Choose the province"))
        if not any(row.covered and self.kept(row) for row in self.wizard_.coverage):
            reasons.append(self.tr("No covered order kept: widen the period or change the area"))
        return reasons

    def isComplete(self) -> bool:
        return not self.blockers()


class EvidencePage(QWizardPage):
    def __init__(self, wizard: FilingWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Evidence"))
        self.setSubTitle(
            self.tr("Attach images or PDFs and tick what each one shows. Missing items block 'ready', not a draft.")
        )
        self.setAcceptDrops(True)
        self.checklist = QLabel()
        self.checklist.setWordWrap(True)
        self.files = QListWidget()
        self.files.setViewMode(QListWidget.ViewMode.IconMode)
        self.files.setIconSize(QSize(96, 96))
        self.files.setMinimumHeight(150)
        self.files.currentRowChanged.connect(self._show_file)
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(self.choose_files)
        self.item_box = QComboBox()
        self.item_box.currentIndexChanged.connect(self._item_changed)
        self.elements = QWidget()
        self.elements_layout = QVBoxLayout(self.elements)
        self.warning = QLabel(
            self.tr("Forged or altered evidence is punished: ¥1,000 and 3 days' closure, removal from the platform "
                    "when serious. ShopGuard copies your files as they are and never changes them.")
        )  # fmt: skip
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.checklist)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addWidget(add, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        form = QFormLayout()
        form.addRow(self.tr("This file is"), self.item_box)
        form.addRow(self.tr("It shows"), self.elements)
        layout.addLayout(form)

    def initializePage(self) -> None:
        self.item_box.blockSignals(True)
        self.item_box.clear()
        for item in items_for(self.wizard_.type_page.filing_type(), self.wizard_.type_page.cause()):
            self.item_box.addItem(ITEMS[item].label, item)
        self.item_box.blockSignals(False)
        self._update_checklist()

    def add_files(self, paths: list[Path]) -> None:
        default = self.item_box.itemData(0)
        for path in paths:
            if path.suffix.lower() not in ALLOWED:
                QMessageBox.warning(
                    self, self.title(), self.tr("{name}: only images or PDF files.").format(name=path.name)
                )
                continue
            self.wizard_.evidence.append(EvidenceInput(path, default, frozenset()))
            pixmap = QPixmap(str(path))
            icon = (
                QIcon(pixmap)
                if not pixmap.isNull()
                else self.style().standardIcon(self.style().StandardPixmap.SP_FileIcon)
            )
            self.files.addItem(QListWidgetItem(icon, path.name))
        self.files.setCurrentRow(self.files.count() - 1)
        self._update_checklist()

    def choose_files(self) -> None:
        kinds = self.tr("Images and PDF (*.jpg *.jpeg *.png *.gif *.bmp *.webp *.pdf *.heic)")
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose evidence"), str(Path.home()), kinds)
        self.add_files([Path(name) for name in names])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.add_files([Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()])

    def _show_file(self, row: int) -> None:
        while self.elements_layout.count():
            self.elements_layout.takeAt(0).widget().deleteLater()
        if not 0 <= row < len(self.wizard_.evidence):
            return
        evidence = self.wizard_.evidence[row]
        self.item_box.blockSignals(True)
        self.item_box.setCurrentIndex(max(0, self.item_box.findData(evidence.item)))
        self.item_box.blockSignals(False)
        for element in ITEMS[evidence.item].elements:
            box = QCheckBox(element)
            box.setChecked(element in evidence.elements)
            box.toggled.connect(lambda checked, name=element: self._tick(name, checked))
            self.elements_layout.addWidget(box)

    def _item_changed(self) -> None:
        row = self.files.currentRow()
        if 0 <= row < len(self.wizard_.evidence):
            current = self.wizard_.evidence[row]
            self.wizard_.evidence[row] = EvidenceInput(current.path, self.item_box.currentData(), frozenset())
            self._show_file(row)
            self._update_checklist()

    def _tick(self, element: str, checked: bool) -> None:
        row = self.files.currentRow()
        current = self.wizard_.evidence[row]
        elements = current.elements | {element} if checked else current.elements - {element}
        self.wizard_.evidence[row] = EvidenceInput(current.path, current.item, frozenset(elements))
        self._update_checklist()

    def _update_checklist(self) -> None:
        filing = self.wizard_.filing()
        missing = missing_evidence(filing)
        lines = [
            ("✓ " if requirement.label() not in missing else "✕ ") + requirement.label()
            for requirement in requirements(filing.type, filing.cause)
        ]
        status = (
            self.tr("Complete.") if not missing else self.tr("Still missing: {items}").format(items="；".join(missing))
        )
        self.checklist.setText(self.tr("Needed:") + "<br>" + "<br>".join(lines) + f"<br><b>{status}</b>")


class TextPage(QWizardPage):
    def __init__(self, wizard: FilingWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Filing text"))
        self.setSubTitle(self.tr("Drafted from the facts; edit it as you like, then Build package records the filing."))
        self.text = QPlainTextEdit()
        self.counter = QLabel()
        self.text.textChanged.connect(self._count)
        self.copy = QPushButton(self.tr("Copy"))
        self.copy.setToolTip(self.tr("Copy the text to paste it into 抖店"))
        self.copy.clicked.connect(self.copy_text)
        bottom = QHBoxLayout()
        bottom.addWidget(self.copy)
        bottom.addStretch(1)
        bottom.addWidget(self.counter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(bottom)
        self.setCommitPage(True)  # leaving it records the filing and builds the package: no way back to edit
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Build package"))

    def initializePage(self) -> None:
        filing = self.wizard_.filing()
        filing.text = ""
        self.text.setPlainText(draft_text(filing, self.wizard_.kept_coverage(), self.wizard_.under_notice()))

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy.setText(self.tr("Copied"))

    def validatePage(self) -> bool:
        return self.wizard_.build()  # a full disk: the dialog said so, the page stays

    def _count(self) -> None:
        self.counter.setText(self.tr("{count} characters").format(count=len(self.text.toPlainText())))


class FinishPage(QWizardPage):
    """What was made and where: the package folder (opened with one click), and what to do next."""

    def __init__(self, wizard: FilingWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Package ready"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(self.tr("Open folder"))
        self.open_folder.clicked.connect(self.show_folder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:
        # Built: saving a draft now would record the filing a second time.
        self.wizard_.button(QWizard.WizardButton.CustomButton1).hide()
        saved, (folder, archive) = self.wizard_.saved, self.wizard_.result_paths
        missing = missing_evidence(saved)
        window = filing_window(saved, self.wizard_.kept_coverage(), self.wizard_.clock())
        when = (self.tr("Submit by {latest}.").format(latest=format_time(window.latest)) if window.is_open()
                else window.explanation + "。")  # fmt: skip
        self.summary.setText(
            self.tr("Filing #{id} is {status}.").format(id=saved.id, status=STATUSES[saved.status])
            + (self.tr(" Still missing: {items}").format(items="；".join(missing)) if missing else "")
            + f"<br>{when}<br><br>"
            + self.tr("Package folder:")
            + f"<br>{folder}<br>"
            + self.tr("Zip file:")
            + f"<br>{archive}"
        )

    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.wizard_.result_paths[0])))
