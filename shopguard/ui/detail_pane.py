"""The selected order: every clock with its rule and reasons, what to do and where, and the merchant's tools
(handled mark, note, manual time correction and undoing one)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import Deadline
from shopguard.core.imports.cells import CellError, parse_time
from shopguard.core.store.annotate import CORRECTION_KINDS, Correction
from shopguard.core.triage.actions import ACTIONS
from shopguard.core.triage.money_totals import incurred_so_far
from shopguard.ui.deadline_model import URGENCY_STYLE, countdown_text, urgency
from shopguard.ui.labels import kind_label, yuan

EDGE_MARGIN = 6  # the pane is the window's right-most part


class DetailPane(QWidget):
    handled_changed = Signal(str, bool)  # order id, handled
    note_added = Signal(str, str)  # order id, text
    correction_requested = Signal(str, str, object)  # order id, correction kind, datetime
    correction_undone = Signal(str, str, str)  # order id, correction kind, target ("" for the order)
    filing_requested = Signal(str)  # order id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.order_id: str | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.handled_button = QPushButton(self.tr("Mark as handled"))
        self.handled_button.setCheckable(True)
        self.handled_button.toggled.connect(self._handled_toggled)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(
            self.tr("Write a note, e.g. called the courier outlet, pickup tomorrow morning")
        )
        self.note_edit.returnPressed.connect(self._add_note)
        note_button = QPushButton(self.tr("Add note"))
        note_button.clicked.connect(self._add_note)
        self.kind_box = QComboBox()
        for kind in CORRECTION_KINDS.values():
            self.kind_box.addItem(kind.label, kind.name)
        # Empty until the merchant types the real time (never a pre-filled "now" saved by a slip of the mouse).
        self.time_edit = QLineEdit()
        self.time_edit.setPlaceholderText(self.tr("e.g. 2026-11-27 14:30"))
        self.time_edit.textChanged.connect(self._enable_correction)
        self.time_edit.returnPressed.connect(self._correct)
        self.correct_button = QPushButton(self.tr("Correct time…"))
        self.correct_button.clicked.connect(self._correct)
        self.time_problem = QLabel()
        self.time_problem.setStyleSheet("color:#a4161a")
        self.time_problem.setWordWrap(True)
        self.time_problem.hide()
        self.corrections: list[Correction] = []
        self.undo_box = QComboBox()
        # A long correction text must not widen the pane (and push the table's columns off the screen).
        self.undo_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.undo_box.setMinimumContentsLength(12)
        self.undo_button = QPushButton(self.tr("Undo correction"))
        self.undo_button.clicked.connect(self._undo)

        notes_row = QHBoxLayout()
        notes_row.addWidget(self.note_edit, 1)
        notes_row.addWidget(note_button)
        correction_row = QHBoxLayout()
        correction_row.addWidget(self.kind_box)
        correction_row.addWidget(self.time_edit, 1)
        correct_row = QHBoxLayout()
        correct_row.addStretch(1)
        correct_row.addWidget(self.correct_button)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_box, 1)
        undo_row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, EDGE_MARGIN, EDGE_MARGIN)  # buttons flush with the screen's edge look cut
        layout.addWidget(self.browser, 1)
        self.filing_button = QPushButton(self.tr("File a report / appeal (报备/申诉)…"))
        self.filing_button.clicked.connect(lambda: self.order_id and self.filing_requested.emit(self.order_id))
        buttons = QHBoxLayout()
        buttons.addWidget(self.handled_button, 1)
        buttons.addWidget(self.filing_button, 1)
        layout.addLayout(buttons)
        layout.addLayout(notes_row)
        layout.addWidget(QLabel(self.tr("A corrected time wins over imported data and is marked on the clocks")))
        layout.addLayout(correction_row)
        layout.addLayout(correct_row)
        layout.addWidget(self.time_problem)
        layout.addLayout(undo_row)
        self.show_order(None, [], None)

    def show_order(
        self,
        order_id: str | None,
        deadlines: list[Deadline],
        now: datetime | None,
        corrections: list[Correction] | None = None,
    ) -> None:
        """Show an order (None: nothing selected); `corrections`: the ones made to it, which can be undone.
        What the merchant is typing stays when the same order is shown again (after a recalculation)."""
        if order_id != self.order_id:
            self.time_edit.clear()
            self.time_problem.hide()
        self.order_id = order_id
        for widget in (self.handled_button, self.filing_button, self.note_edit, self.kind_box, self.time_edit):
            widget.setEnabled(order_id is not None)
        self._enable_correction()
        self._show_corrections(corrections or [])
        if order_id is None:
            hint = self.tr(
                "Select a row in the table to see all clocks of its order, the rules behind them and what to do."
            )
            self.browser.setHtml(f"<p style='color:#666'>{escape(hint)}</p>")
            return
        handled = any(d.handled for d in deadlines)
        self.handled_button.blockSignals(True)
        self.handled_button.setChecked(handled)
        self.handled_button.setText(self.tr("Handled (click to undo)") if handled else self.tr("Mark as handled"))
        self.handled_button.blockSignals(False)
        self.browser.setHtml(order_html(order_id, deadlines, now))

    def _show_corrections(self, corrections: list[Correction]) -> None:
        self.corrections = corrections
        self.undo_box.clear()
        for correction in corrections:
            self.undo_box.addItem(correction.describe())
            self.undo_box.setItemData(self.undo_box.count() - 1, correction.describe(), Qt.ItemDataRole.ToolTipRole)
        for widget in (self.undo_box, self.undo_button):
            widget.setVisible(bool(corrections))

    def _enable_correction(self, *_args) -> None:
        self.correct_button.setEnabled(self.order_id is not None and bool(self.time_edit.text().strip()))

    def _handled_toggled(self, checked: bool) -> None:
        if self.order_id:
            self.handled_changed.emit(self.order_id, checked)

    def _add_note(self) -> None:
        text = self.note_edit.text().strip()
        if self.order_id and text:
            self.note_added.emit(self.order_id, text)
            self.note_edit.clear()

    def _correct(self) -> None:
        text = self.time_edit.text().strip()
        if not self.order_id or not text:
            return
        try:
            moment = parse_time(text)
        except CellError:
            self.time_problem.setText(
                self.tr("「{text}」 is not a time: write it as 2026-11-27 14:30 or 2026/11/27 14:30:00").format(
                    text=text
                )
            )
            self.time_problem.show()
            return
        self.time_problem.hide()
        self.correction_requested.emit(self.order_id, self.kind_box.currentData(), moment)

    def _undo(self) -> None:
        row = self.undo_box.currentIndex()
        if self.order_id and 0 <= row < len(self.corrections):
            correction = self.corrections[row]
            self.correction_undone.emit(self.order_id, correction.kind.name, correction.target)


def order_html(order_id: str, deadlines: list[Deadline], now: datetime) -> str:
    translate = QCoreApplication.translate
    title = translate("DetailPane", "Order {order}").format(order=order_id)
    parts = [f"<h3 style='margin:0'>{escape(title)}</h3>"]
    products = sorted({d.product for d in deadlines if d.product})
    if products:
        parts.append(f"<p style='margin:2px 0;color:#444'>{escape('、'.join(products))}</p>")
    note = next((d.note for d in deadlines if d.note), None)
    if note:
        note_text = translate("DetailPane", "Note: {note}").format(note=note)
        parts.append(f"<p style='margin:4px 0'>{escape(note_text)}</p>")
    parts += [clock_html(deadline, now) for deadline in deadlines]
    return "".join(parts)


def clock_html(deadline: Deadline, now: datetime) -> str:
    """One clock: what it is and how long is left, times, rule, why, and what to do where.

    A clock that needs checking leads with its explanation, the only place that says what is missing and how
    to put it right; the others give it after the rule that it explains.
    """
    translate = QCoreApplication.translate
    symbol, background, foreground = URGENCY_STYLE[urgency(deadline, now)]
    style = f"background:{background or '#f7f7f7'};color:{foreground or '#222'};padding:6px;margin:6px 0"
    subject = (
        translate("DetailPane", "After-sale {number}").format(number=deadline.after_sale_id)
        if deadline.after_sale_id
        else deadline.tracking_no or ""
    )
    action = ACTIONS[deadline.kind]
    where = "".join(f"<li>{escape(place)}</li>" for place in action.where)
    times = translate("DetailPane", "Start {start} · due {due} · done {done}").format(
        start=format_time(deadline.start) or "—",
        due=format_time(deadline.due) or "—",
        done=format_time(deadline.done) or "—",
    )
    rule = translate("DetailPane", "Rule: {rule}").format(rule=deadline.rule_title)
    unverified = translate("DetailPane", "default value, not verified")
    # A clock no rule covers has no rule value to verify: its explanation already says so.
    unverified = "" if deadline.verified or not deadline.rule else f" <i>{escape(unverified)}</i>"
    heading = (
        f"<b>{symbol} {escape(kind_label(deadline.kind))}</b> {escape(subject)} — "
        f"<b>{escape(countdown_text(deadline, now))}</b>"
    )
    reference = f" ({escape(deadline.rule)})" if deadline.rule else ""  # none for a clock no rule covers
    details = f"{escape(times)}<br>{escape(rule)}{reference}{unverified}{money_html(deadline)}"
    if deadline.status == "unknown":
        # The explanation starts 需要核对： or 无法计算： and says what to check: first, in bold.
        body = f"{heading}<p style='margin:4px 0;font-weight:bold'>{escape(deadline.explanation)}</p>{details}"
    else:
        body = f"{heading}<br>{details}<br><span style='color:#333'>{escape(deadline.explanation)}</span>"
    todo = translate("DetailPane", "What to do: {todo}").format(todo=action.todo)
    return (
        f"<div style='{style}'>{body}"
        f"<p style='margin:4px 0 0 0'>{escape(todo)}</p><ul style='margin:0'>{where}</ul></div>"
    )


def money_html(deadline: Deadline) -> str:
    """What the clock can cost, with the table row and source behind the number (or why there is none)."""
    if deadline.money_basis is None:
        return ""
    translate = QCoreApplication.translate
    if deadline.money_at_risk is None:
        text = translate("DetailPane", "Deduction: unknown ({why})").format(why=deadline.money_basis)
    else:
        text = translate("DetailPane", "Deduction at risk: {money}").format(money=yuan(deadline.money_at_risk))
        incurred = incurred_so_far(deadline)
        if incurred:  # incurred by the lateness so far: the platform has not deducted it yet
            text += translate("DetailPane", " ({money} of it incurred, to be deducted)").format(money=yuan(incurred))
        text += f" · {deadline.money_basis}"
    return f"<br>{escape(text)}"
