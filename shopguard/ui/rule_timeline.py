"""A year of rule packs: one lane per pack, its windows as bars, today as a red line. Click a bar for details."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from shopguard.core.clock import BEIJING
from shopguard.core.rules.packs import RulePack

LANE, LABEL_WIDTH, TOP = 34, 210, 28
DAILY, OVERLAY, INACTIVE = QColor("#9bb7d4"), QColor("#f0a04b"), QColor("#c9ced6")


def lane_look(pack: RulePack, inactive: set[str]) -> tuple[str, QBrush]:
    """What a pack's lane says after its name, and how its bars are filled: a pack waiting for the merchant's
    answer is hatched (its deadlines are not used yet), one switched off or answered "not for me" is grey."""
    if pack.id in inactive:
        return "（停用）", QBrush(INACTIVE)
    if pack.awaiting_answer:
        return "（待回答）", QBrush(OVERLAY, Qt.BrushStyle.BDiagPattern)
    if pack.answered_off:
        return "（不适用）", QBrush(INACTIVE)
    return "", QBrush(OVERLAY if pack.kind == "overlay" else DAILY)


def pack_spans(pack: RulePack) -> list[tuple[datetime | None, datetime | None]]:
    """What to draw: a promo's rule windows, or a daily book's effective period."""
    if pack.kind == "overlay":
        return sorted({(rule.window.start, rule.window.end) for rule in pack.rules if rule.window})
    return [(pack.effective_from, pack.effective_until)]


class RuleTimeline(QWidget):
    pack_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.packs: list[RulePack] = []
        self.inactive: set[str] = set()
        self.year = datetime.now(BEIJING).year
        self.today = datetime.now(BEIJING)
        self.selected: str | None = None
        self.setMinimumHeight(TOP + LANE * 3 + 10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_packs(self, packs: list[RulePack], inactive: set[str], year: int, today: datetime) -> None:
        self.packs, self.inactive, self.year, self.today = packs, inactive, year, today
        self.setMinimumHeight(TOP + LANE * max(len(packs), 1) + 10)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, TOP + LANE * max(len(self.packs), 1) + 10)

    def _x(self, moment: datetime) -> float:
        start = datetime(self.year, 1, 1, tzinfo=BEIJING)
        end = datetime(self.year + 1, 1, 1, tzinfo=BEIJING)
        share = (min(max(moment, start), end) - start) / (end - start)
        return LABEL_WIDTH + share * (self.width() - LABEL_WIDTH - 10)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QColor("#666666"))
        for month in range(1, 13):
            x = self._x(datetime(self.year, month, 1, tzinfo=BEIJING))
            painter.setPen(QPen(QColor("#e3e6ea"), 1))
            painter.drawLine(int(x), TOP - 4, int(x), self.height())
            painter.setPen(QColor("#555555"))
            painter.drawText(int(x) + 3, TOP - 10, f"{month}月")
        for lane, pack in enumerate(self.packs):
            top = TOP + lane * LANE
            if pack.id == self.selected:
                painter.fillRect(QRectF(0, top, self.width(), LANE), QColor("#eef4ff"))
            state, brush = lane_look(pack, self.inactive)
            painter.setPen(QColor("#222222" if not state or pack.awaiting_answer else "#888888"))
            label = pack.short_name + state
            painter.drawText(QRectF(6, top, LABEL_WIDTH - 10, LANE), Qt.AlignmentFlag.AlignVCenter, label)
            for start, end in pack_spans(pack):
                first = start or datetime(self.year - 1, 12, 31, tzinfo=BEIJING)
                last = end or datetime(self.year + 1, 1, 2, tzinfo=BEIJING)
                if last.year < self.year or first.year > self.year:
                    continue
                left, right = self._x(first), self._x(last + timedelta(seconds=1))
                painter.setPen(QPen(OVERLAY, 1) if pack.awaiting_answer else Qt.PenStyle.NoPen)  # hatched, framed
                painter.setBrush(brush)
                painter.drawRoundedRect(QRectF(left, top + 8, max(right - left, 3), LANE - 16), 4, 4)
        if self.today.year == self.year:
            x = self._x(self.today)
            painter.setPen(QPen(QColor("#d62828"), 2))
            painter.drawLine(int(x), TOP - 4, int(x), self.height())
            painter.drawText(int(x) + 3, self.height() - 4, "今天")
        painter.end()

    def mousePressEvent(self, event) -> None:
        lane = int((event.position().y() - TOP) // LANE)
        if 0 <= lane < len(self.packs):
            self.selected = self.packs[lane].id
            self.update()
            self.pack_clicked.emit(self.selected)
