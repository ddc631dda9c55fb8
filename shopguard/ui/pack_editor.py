"""Writing a promo rule pack in the window: its rules as rows, checked and previewed before it is saved."""

from __future__ import annotations

import functools
import re
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTextBrowser,
    QVBoxLayout,
)

from shopguard.core.clock import BEIJING, format_time
from shopguard.core.rules.packs import CLOCKS, EVENTS, RulePack, RulePackError, load_pack
from shopguard.core.rules.user_packs import (
    all_packs,
    conflicts,
    deadline_changes,
    in_days,
    install_pack,
    toml_from_fields,
)
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import get_setting
from shopguard.core.triage.session import triage_store
from shopguard.ui.rule_words import free_id, never_applies

# Source strings for lupdate; shown through QCoreApplication.translate("PackEditor", ...).
UNITS = {
    "hours": QT_TRANSLATE_NOOP("PackEditor", "hours"),
    "days": QT_TRANSLATE_NOOP("PackEditor", "days"),
    "end_of_day": QT_TRANSLATE_NOOP("PackEditor", "23:59:59 on day N (0 = the same day)"),
    "extend": QT_TRANSLATE_NOOP("PackEditor", "hours added to the daily limit"),
    "exempt": QT_TRANSLATE_NOOP("PackEditor", "not penalised"),
}
SCOPES = {
    "": QT_TRANSLATE_NOOP("PackEditor", "all merchants"),
    "domestic": QT_TRANSLATE_NOOP("PackEditor", "domestic merchants"),
    "cross-border": QT_TRANSLATE_NOOP("PackEditor", "cross-border (全球购) merchants"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("PackEditor", "Clock"),
    QT_TRANSLATE_NOOP("PackEditor", "Limit"),
    QT_TRANSLATE_NOOP("PackEditor", "Unit"),
    QT_TRANSLATE_NOOP("PackEditor", "From"),
    QT_TRANSLATE_NOOP("PackEditor", "Until"),
    QT_TRANSLATE_NOOP("PackEditor", "Tested on"),
    QT_TRANSLATE_NOOP("PackEditor", "Merchants"),
    QT_TRANSLATE_NOOP("PackEditor", "Regions (e.g. 河南/郑州)"),
    QT_TRANSLATE_NOOP("PackEditor", "Description"),
)


FORM_NAMES = (
    ("source.title", "公告"),
    ("source.date", "公告日期"),
    ("window.from", "开始"),
    ("window.until", "结束"),
    ("window", "窗口"),
    ("short_name", "简称"),
    ("name", "名称"),
    ("extend_hours", "延长小时"),  # before "hours", which it contains
    ("end_of_day", "第 N 天"),
    ("hours", "时限（小时）"),
    ("days", "时限（天）"),
    ("regions", "地区"),
)
# The checker's wording for a pack file, said as a form would say it.
PLAIN_WORDS = (
    (re.compile(r"：应为非空文本$"), "：请填写"),
    (re.compile(r"：应为正数，现在是 (.+)$"), r"：要大于 0（现在是 \1）"),
    (re.compile(r"：应为正数$"), "：要大于 0"),
    (re.compile(r"：「(.+)」不是省份（写法如 河南/郑州）$"), r"：「\1」不是省份，请写成 河南/郑州 或 河北 这样"),
)


def friendly(problem: str) -> str:
    """A pack-file problem in the form's words: `rules[0].window.from：…` → `第 1 条规则 开始：…`."""
    text = re.sub(r"rules\[(\d+)\]\.?", lambda match: f"第 {int(match.group(1)) + 1} 条规则 ", problem)
    for key, label in FORM_NAMES:
        text = text.replace(key, label)
    for pattern, plain in PLAIN_WORDS:
        text = pattern.sub(plain, text)
    return text.replace("规则 ", "规则的", 1) if text.startswith("第 ") else text


def _tr(text: str) -> str:
    return QCoreApplication.translate("PackEditor", text)


def _edit(moment: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime(moment.replace(tzinfo=None)))
    edit.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
    edit.setCalendarPopup(True)
    return edit


def _moment(edit: QDateTimeEdit) -> datetime:
    return edit.dateTime().toPython().replace(tzinfo=BEIJING, microsecond=0)


class PackEditor(QDialog):
    """A new promo pack (or an edit of one of the merchant's own), saved into the data folder."""

    def __init__(self, data_dir: Path, active: list[RulePack], clock: Callable[[], datetime],
                 pack: RulePack | None = None, parent=None):  # fmt: skip
        super().__init__(parent)
        self.data_dir, self.active, self.clock = data_dir, active, clock
        self.setWindowTitle(self.tr("Promo rule pack"))
        # The id is ShopGuard's to make up (from the first rule's date, see generated_id), never the merchant's.
        self.pack_id, self.name, self.short_name = QLineEdit(), QLineEdit(), QLineEdit()
        self.source_title, self.source_url = QLineEdit(), QLineEdit()
        self.source_date = QDateEdit(QDate.fromString(clock().strftime("%Y-%m-%d"), "yyyy-MM-dd"))
        self.source_date.setDisplayFormat("yyyy-MM-dd")
        self.source_date.setCalendarPopup(True)
        self.name.setPlaceholderText(self.tr("e.g. 抖音 2026 618 大促时效调整"))
        self.source_title.setPlaceholderText(self.tr("the notice's title"))
        self.rules = QTableWidget(0, len(COLUMNS))
        self.rules.setHorizontalHeaderLabels([_tr(column) for column in COLUMNS])
        self.rules.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((90, 80, 110, 170, 170, 130, 100, 140)):
            self.rules.setColumnWidth(column, width)
        add, remove = QPushButton(self.tr("Add rule")), QPushButton(self.tr("Remove rule"))
        add.clicked.connect(lambda: self.add_rule())
        remove.clicked.connect(lambda: self.rules.removeRow(self.rules.currentRow()))
        check = QPushButton(self.tr("Check and preview"))
        check.clicked.connect(self.check)
        self.report = QTextBrowser()
        self.report.setMaximumHeight(170)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Short name (shown on clocks)"), self.short_name)
        form.addRow(self.tr("Notice"), self.source_title)
        form.addRow(self.tr("Notice link"), self.source_url)
        form.addRow(self.tr("Notice date"), self.source_date)
        row = QHBoxLayout()
        for widget in (add, remove, check):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(self.tr("Rules (a rule applies when the chosen time falls in its window, both ends included)"))
        )
        layout.addWidget(self.rules, 1)
        layout.addLayout(row)
        layout.addWidget(self.report)
        layout.addWidget(buttons)
        self.resize(1100, 640)
        self.changes: list = []
        if pack is not None:
            self._load(pack)
        else:
            self.add_rule()

    def _load(self, pack: RulePack) -> None:
        self.pack_id.setText(pack.id)
        self.pack_id.setReadOnly(True)
        self.name.setText(pack.name)
        self.short_name.setText(pack.short_name)
        self.source_title.setText(pack.source_title)
        self.source_url.setText(pack.source_url)
        noticed = QDate.fromString(pack.source_date, "yyyy-MM-dd")
        if noticed.isValid():
            self.source_date.setDate(noticed)
        for rule in pack.rules:
            if rule.window is None:
                continue
            hours = rule.duration.total_seconds() / 3600 if rule.duration else 0
            unit = "exempt" if rule.exempt else ("days" if in_days(hours) else "hours")
            amount = hours / 24 if unit == "days" else hours
            if rule.extend is not None:
                unit, amount = "extend", rule.extend.total_seconds() / 3600
            if rule.end_of_day is not None:
                unit, amount = "end_of_day", rule.end_of_day
            regions = "，".join(f"{place}/{town}" if town else place for place, town in (rule.regions or ()))
            scope = next(iter(rule.merchants)) if rule.merchants and len(rule.merchants) == 1 else ""
            self.add_rule(rule.clock, amount, unit, rule.window.start, rule.window.end, rule.window.tested_on,
                          scope, rule.label, regions)  # fmt: skip

    def add_rule(self, clock="pickup", amount=48.0, unit="hours", start=None, end=None, tested_on="shipped_at",
                 scope="", label="", regions="") -> None:  # fmt: skip
        today = self.clock().replace(hour=0, minute=0, second=0, microsecond=0)
        row = self.rules.rowCount()
        self.rules.insertRow(row)
        clocks = QComboBox()
        for key, name in CLOCKS.items():
            clocks.addItem(name, key)
        clocks.setCurrentIndex(clocks.findData(clock))
        value = WholeWhenWholeBox()
        value.setRange(0, 720)
        value.setValue(amount)
        units = QComboBox()
        for key, name in UNITS.items():
            units.addItem(_tr(name), key)
        units.setCurrentIndex(units.findData(unit))
        tested = QComboBox()
        for key, name in EVENTS.items():
            tested.addItem(name, key)
        tested.setCurrentIndex(tested.findData(tested_on))
        scopes = QComboBox()
        for key, name in SCOPES.items():
            scopes.addItem(_tr(name), key)
        scopes.setCurrentIndex(scopes.findData(scope))
        last_second = today.replace(hour=23, minute=59, second=59)
        window = (_edit(start or today), _edit(end or last_second))
        widgets = (clocks, value, units, *window, tested, scopes, QLineEdit(regions), QLineEdit(label))
        for column, widget in enumerate(widgets):
            self.rules.setCellWidget(row, column, widget)

    def fields(self) -> tuple[dict, list[dict]]:
        meta = {
            "id": self.pack_id.text().strip() or self.generated_id(),
            "name": self.name.text().strip(),
            "short_name": self.short_name.text().strip(),
            "source_title": self.source_title.text().strip(),
            "source_url": self.source_url.text().strip(),
            "source_date": self.source_date.date().toString("yyyy-MM-dd"),
        }
        rules = []
        for row in range(self.rules.rowCount()):
            cell = functools.partial(self.rules.cellWidget, row)
            label = cell(8).text().strip() or f"{cell(0).currentText()}{cell(1).value():g}{cell(2).currentText()}"
            regions = [part.strip() for part in cell(7).text().replace("，", ",").split(",") if part.strip()]
            scope = cell(6).currentData()
            rules.append({
                "clock": cell(0).currentData(), "amount": cell(1).value(), "unit": cell(2).currentData(),
                "start": _moment(cell(3)), "end": _moment(cell(4)), "tested_on": cell(5).currentData(),
                "merchants": [scope] if scope else [], "regions": regions, "label": label,
            })  # fmt: skip
        return meta, rules

    def generated_id(self) -> str:
        """promo-20261030 from the first rule's start, made unique among the packs there are."""
        first = self.rules.cellWidget(0, 3) if self.rules.rowCount() else None
        day = _moment(first).strftime("%Y%m%d") if first else self.clock().strftime("%Y%m%d")
        taken = [pack.id for pack in all_packs(self.data_dir)] + [pack.id for pack in self.active]
        return free_id(f"promo-{day}", taken)

    def build(self) -> tuple[RulePack, str]:
        """The pack as the form describes it, checked by the same reader as any pack file."""
        text = toml_from_fields(*self.fields())
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "pack.toml"
            path.write_text(text, encoding="utf-8")
            return load_pack(path), text

    def check(self) -> bool:
        """Validate, list conflicts and count the deadlines in the store this pack would move."""
        try:
            pack, _ = self.build()
        except RulePackError as error:
            problems = [friendly(problem) for problem in error.problems]
            self.report.setPlainText(self.tr("Cannot save yet:") + "\n" + "\n".join(problems))
            return False
        others = [p for p in self.active if p.id != pack.id]
        found = conflicts([*others, pack])
        with Store.open(self.data_dir) as store:
            before = triage_store(store, self.clock(), others, keep=False).triage.deadlines
            after = triage_store(store, self.clock(), [*others, pack], keep=False).triage.deadlines
        self.changes = deadline_changes(before, after)
        lines = [self.tr("{count} deadlines in the store change:").format(count=len(self.changes))]
        lines += [f"  {d.order_id}  {CLOCKS[d.kind]}  {format_time(old) or '—'} → {format_time(new) or '—'}"
                  for d, old, new in self.changes[:50]]  # fmt: skip
        lines += [self.tr("Conflict: {text}").format(text=text) for text in found]
        self.report.setPlainText("\n".join(lines))
        return True

    def accept(self) -> None:
        if not self.check():
            return
        question = self.tr("{count} deadlines change. Save this pack?").format(count=len(self.changes))
        with Store.open(self.data_dir) as store:
            unused = never_applies(self.fields()[1], get_setting(store, "shop_province"))
        if unused:  # saved all the same if the merchant wants (the province may be set later)
            question = "\n\n".join([*unused, question])
        if QMessageBox.question(self, self.windowTitle(), question) != QMessageBox.StandardButton.Yes:
            return
        pack, text = self.build()
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / f"{pack.id}.toml"
            path.write_text(text, encoding="utf-8")
            try:
                self.saved = install_pack(self.data_dir, path)
            except RulePackError as error:
                self.report.setPlainText("\n".join(error.problems))
                return
        super().accept()


class WholeWhenWholeBox(QDoubleSpinBox):
    """48, not 48.00; 1.5 stays 1.5 (a limit in days or hours is whole nearly always)."""

    def textFromValue(self, value: float) -> str:
        return f"{value:.{self.decimals()}f}".rstrip("0").rstrip(".")
