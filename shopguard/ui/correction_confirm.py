"""Asking before a manual time correction is saved: the order's clocks with their due time and status before
and after, so the merchant sees what the correction does."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import Deadline
from shopguard.core.store.annotate import CORRECTION_KINDS
from shopguard.core.triage.correction_preview import ClockChange
from shopguard.ui.deadline_model import status_text
from shopguard.ui.labels import kind_label

translate = QCoreApplication.translate


def _state(deadline: Deadline | None, now: datetime) -> str:
    if deadline is None:
        return translate("CorrectionConfirm", "no clock")
    return f"{format_time(deadline.due) or '—'}（{status_text(deadline, now)}）"


def change_lines(changes: list[ClockChange], now: datetime) -> list[str]:
    """One line per clock: 发货 773012345678904：截止 A（已超时）→ B（按时完成）; unchanged clocks say so."""
    lines = []
    for change in changes:
        before = change.before
        subject = before.after_sale_id or before.tracking_no or ""
        name = f"{kind_label(before.kind)} {subject}".strip()
        if change.changed:
            lines.append(
                translate("CorrectionConfirm", "{clock}: due {before} → {after}").format(
                    clock=name, before=_state(before, now), after=_state(change.after, now)
                )
            )
        else:
            lines.append(
                translate("CorrectionConfirm", "{clock}: unchanged, due {before}").format(
                    clock=name, before=_state(before, now)
                )
            )
    return lines


def confirm_correction(
    parent: QWidget, order_id: str, kind_name: str, moment: datetime, changes: list[ClockChange], now: datetime
) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("CorrectionConfirm", "Correct a time"))
    label = CORRECTION_KINDS[kind_name].label
    box.setText(
        translate("CorrectionConfirm", "Set {label} of order {order} to {time}?").format(
            label=label, order=order_id, time=format_time(moment)
        )
    )
    lines = change_lines(changes, now)
    if not any(change.changed for change in changes):
        lines.insert(0, translate("CorrectionConfirm", "This correction changes no due time."))
    box.setInformativeText("<br>".join(escape(line) for line in lines))
    correct = box.addButton(translate("CorrectionConfirm", "Correct"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("CorrectionConfirm", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(correct)
    box.exec()
    return box.clickedButton() is correct
