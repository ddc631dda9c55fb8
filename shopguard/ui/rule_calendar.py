"""The rule calendar: every pack on a timeline of the year, its rules and sources, and the merchant's own
packs made, copied to a new date, edited, switched on and off, imported and exported."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
)

from shopguard.core.clock import BEIJING, format_time
from shopguard.core.rules.calendar_notes import notes_for_year
from shopguard.core.rules.packs import CLOCKS, EVENTS, MERCHANTS, RulePack, RulePackError
from shopguard.core.rules.user_packs import (
    duplicate_pack,
    export_pack,
    install_pack,
    limit_text,
    remove_pack,
    usable_packs,
    user_pack_paths,
)
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import disabled_packs, packs_in_use, set_pack_answer, set_setting
from shopguard.ui.pack_editor import PackEditor
from shopguard.ui.rule_timeline import RuleTimeline
from shopguard.ui.rule_words import copy_id


class RuleCalendar(QDialog):
    def __init__(self, data_dir: Path, clock: Callable[[], datetime], parent=None):
        super().__init__(parent)
        self.data_dir, self.clock = data_dir, clock
        self.changed = False
        self.setWindowTitle(self.tr("Rule calendar"))
        self.year = QSpinBox()
        self.year.setRange(2020, 2040)
        self.year.setValue(clock().year)
        self.year.valueChanged.connect(self.refresh)
        self.timeline = RuleTimeline()
        self.timeline.pack_clicked.connect(self.show_pack)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.timeline)
        self.details = QTextBrowser()
        # Dated facts that move no deadline ("2026 大促：按日常时效"), for the year shown.
        self.year_notes = QLabel()
        self.year_notes.setWordWrap(True)
        self.question = QuestionPanel(self.answer_question)
        buttons = QHBoxLayout()
        actions = (
            (self.tr("New promo…"), self.new_pack),
            (self.tr("Copy to a new date…"), self.copy_pack),
            (self.tr("Edit…"), self.edit_pack),
            (self.tr("Switch on/off"), self.toggle_pack),
            (self.tr("Import…"), self.import_pack),
            (self.tr("Export…"), self.export_pack),
            (self.tr("Delete"), self.delete_pack),
        )
        for text, slot in actions:
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 2)
        layout.addWidget(self.year_notes)
        layout.addWidget(self.question)
        layout.addLayout(buttons)
        layout.addWidget(self.details, 3)
        self.resize(1100, 680)
        self.refresh()

    # --- what is shown ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.packs, problems = usable_packs(self.data_dir)  # a broken file is named, not a traceback
        self.mine = {path.stem for path in user_pack_paths(self.data_dir)}
        with Store.open(self.data_dir) as store:
            self.inactive = disabled_packs(store)
            self.packs = packs_in_use(store, self.packs, keep=tuple(pack.path for pack in self.packs))
        self.timeline.show_packs(self.packs, self.inactive, self.year.value(), self.clock())
        notes = [f"<b>{escape(n.title)}</b>：{escape(n.text)}（{escape(n.source)}）"
                 for n in notes_for_year(self.year.value())]  # fmt: skip
        year = self.year.value()
        waiting = [pack for pack in self.packs if pack.awaiting_answer and pack.id not in self.inactive
                   and (pack.effective_from is None or pack.effective_from.year <= year)
                   and (pack.effective_until is None or pack.effective_until.year >= year)]  # fmt: skip
        if waiting:
            names = "、".join(f"「{escape(pack.short_name)}」" for pack in waiting)
            notes.append(f"<b style='color:#a4161a'>{len(waiting)} 个规则包等你回答</b>：{names}。"
                         "回答前按日常时限提醒；在时间轴上点它回答。")  # fmt: skip
        notes += [f"<b style='color:#a4161a'>{escape(problem)}</b>" for problem in problems]
        self.year_notes.setText("<br>".join(notes))
        self.year_notes.setVisible(bool(notes))
        self.question.show_pack(None)
        if self.timeline.selected:
            self.show_pack(self.timeline.selected)

    def selected(self) -> RulePack | None:
        return next((pack for pack in self.packs if pack.id == self.timeline.selected), None)

    def show_pack(self, pack_id: str) -> None:
        pack = next((p for p in self.packs if p.id == pack_id), None)
        self.question.show_pack(pack)
        if pack is None:
            self.details.clear()
            return
        origin = self.tr("your own pack") if pack.id in self.mine else self.tr("built in (read-only)")
        state = self.tr("off") if pack.id in self.inactive else self.tr("on")
        if pack.id not in self.inactive and pack.awaiting_answer:
            state = self.tr("waiting for your answer: daily deadlines apply")
        elif pack.id not in self.inactive and pack.answered_off:
            state = self.tr("not for you (your answer)")
        rows = []
        for rule in pack.rules:
            limit = limit_text(rule)
            window = ""
            if rule.window:
                start, end = format_time(rule.window.start), format_time(rule.window.end)
                window = f"{EVENTS[rule.window.tested_on]} 在 {start} 至 {end}"
            scope = "、".join(MERCHANTS[m] for m in sorted(rule.merchants)) if rule.merchants else "全部商家"
            checked = "已核实" if rule.verified else "<b style='color:#a4161a'>未核实（假设值）</b>"
            rows.append(f"<tr><td>{CLOCKS[rule.clock]}</td><td>{escape(rule.label)}</td><td>{escape(limit)}</td>"
                        f"<td>{escape(window)}</td><td>{scope}</td><td>{checked}</td></tr>")  # fmt: skip
        source = escape(pack.source_title) + (f"（{escape(pack.source_date)}）" if pack.source_date else "")
        link = f"<br>{escape(pack.source_url)}" if pack.source_url else ""
        self.details.setHtml(
            f"<h3>{escape(pack.name)} <small>{origin} · {state}</small></h3>"
            f"<p>来源：{source}{link}</p>"
            "<table border='1' cellspacing='0' cellpadding='4'><tr><th>时钟</th><th>规则</th><th>时限</th>"
            f"<th>适用时间</th><th>商家</th><th>核实</th></tr>{''.join(rows)}</table>"
        )

    # --- changes ----------------------------------------------------------------------------------------------
    def _active(self) -> list[RulePack]:
        return [pack for pack in self.packs if pack.id not in self.inactive]

    def _done(self, pack_id: str | None = None) -> None:
        self.changed = True
        if pack_id:
            self.timeline.selected = pack_id
        self.refresh()

    def new_pack(self) -> None:
        editor = PackEditor(self.data_dir, self._active(), self.clock, parent=self)
        if editor.exec():
            self._done(editor.saved.id)

    def edit_pack(self) -> None:
        pack = self.selected()
        if pack is None or pack.id not in self.mine:
            QMessageBox.information(
                self, self.windowTitle(), self.tr("Built-in packs are read-only: copy one to change it.")
            )
            return
        editor = PackEditor(self.data_dir, self._active(), self.clock, pack, parent=self)
        if editor.exec():
            self._done(pack.id)

    def copy_pack(self) -> None:
        pack = self.selected()
        if pack is None:
            return
        dialog = CopyDialog(pack, self.clock(), [p.id for p in self.packs], self)
        if not dialog.exec():
            return
        try:
            new_id = dialog.chosen_id()
            text = duplicate_pack(pack, new_id, dialog.start(), dialog.name.text().strip() or None)
            draft = self.data_dir / f".{new_id}.draft.toml"
            draft.write_text(text, encoding="utf-8")
            try:
                copied = install_pack(self.data_dir, draft)
            finally:
                draft.unlink(missing_ok=True)
        except RulePackError as error:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(error.problems))
            return
        self._done(copied.id)

    def answer_question(self, answer: str | None) -> None:
        pack = self.selected()
        if pack is None or pack.question is None:
            return
        with Store.open(self.data_dir) as store:
            set_pack_answer(store, pack.id, answer)
        self._done(pack.id)

    def toggle_pack(self) -> None:
        pack = self.selected()
        if pack is None:
            return
        with Store.open(self.data_dir) as store:
            off = disabled_packs(store) ^ {pack.id}
            set_setting(store, "disabled_packs", ",".join(sorted(off)) or None)
        self._done(pack.id)

    def import_pack(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a rule pack"), str(Path.home()), "TOML (*.toml)")
        if not name:
            return
        try:
            pack = install_pack(self.data_dir, Path(name))
        except RulePackError as error:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(error.problems))
            return
        self._done(pack.id)

    def export_pack(self) -> None:
        pack = self.selected()
        if pack is None:
            return
        suggested = str(Path.home() / f"{pack.id}.toml")
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Export a rule pack"), suggested, "TOML (*.toml)")
        if target:
            export_pack(pack, Path(target))

    def delete_pack(self) -> None:
        pack = self.selected()
        if pack is None or pack.id not in self.mine:
            return
        if (
            QMessageBox.question(self, self.windowTitle(), self.tr("Delete {name}?").format(name=pack.name))
            == QMessageBox.StandardButton.Yes
        ):
            remove_pack(self.data_dir, pack.id)
            self.timeline.selected = None
            self._done()


class CopyDialog(QDialog):
    """A copy of a pack moved to a new start date: last year's Double 11 becomes this year's."""

    def __init__(self, pack: RulePack, now: datetime, taken: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Copy to a new date"))
        self.new_id = QLineEdit()  # not shown: the id is made up from the new date (chosen_id), not asked for
        self.name = QLineEdit()
        self.name.setPlaceholderText(pack.name)
        self.when = QDateTimeEdit(QDateTime(now.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)))
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.when.setCalendarPopup(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("New name"), self.name)
        form.addRow(self.tr("Starts at"), self.when)
        form.addRow(buttons)
        self.setMinimumWidth(460)
        self.pack_id, self.taken = pack.id, taken

    def chosen_id(self) -> str:
        return self.new_id.text().strip() or copy_id(self.pack_id, self.start().year, self.taken)

    def start(self) -> datetime:
        return self.when.dateTime().toPython().replace(tzinfo=BEIJING, microsecond=0)


class QuestionPanel(QFrame):
    """The question of a pack that depends on the merchant (春节买不停 joined?), with one button per answer."""

    def __init__(self, answered: Callable[[str | None], None], parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.yes, self.no = QPushButton(), QPushButton()
        self.unset = QPushButton(self.tr("Take my answer back"))
        for button, answer in ((self.yes, "yes"), (self.no, "no"), (self.unset, None)):
            button.clicked.connect(lambda _=False, answer=answer: answered(answer))
        row = QHBoxLayout()
        for button in (self.yes, self.no, self.unset):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.hide()

    def show_pack(self, pack: RulePack | None) -> None:
        question = pack.question if pack else None
        self.setVisible(question is not None)
        if question is None:
            return
        if pack.awaiting_answer:
            state = "<b style='color:#a4161a'>还没有回答：按日常时限提醒。</b>"
        else:
            chosen = question.yes if pack.answer == "yes" else question.no
            state = f"你的回答：{escape(chosen)}"
        self.text.setText(f"<b>{escape(question.text)}</b><br>{state}<br>确认方法：{escape(question.confirm)}")
        self.yes.setText(question.yes.split("（")[0])
        self.no.setText(question.no.split("（")[0])
        self.yes.setToolTip(question.yes)
        self.no.setToolTip(question.no)
        self.yes.setEnabled(pack.answer != "yes")
        self.no.setEnabled(pack.answer != "no")
        self.unset.setEnabled(not pack.awaiting_answer)
