"""A small drawing of where to click in 抖店: each menu step as a box, joined by arrows."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PADDING_X, PADDING_Y, ARROW = 10, 5, 22


class MenuPath(QWidget):
    def __init__(self, steps: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.steps = steps
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip(" → ".join(steps))

    def _box_widths(self) -> list[int]:
        metrics = self.fontMetrics()
        return [metrics.horizontalAdvance(step) + 2 * PADDING_X for step in self.steps]

    def sizeHint(self) -> QSize:
        widths = self._box_widths()
        return QSize(sum(widths) + ARROW * (len(widths) - 1) + 2, self.fontMetrics().height() + 2 * PADDING_Y + 2)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        height = self.fontMetrics().height() + 2 * PADDING_Y
        x = 1.0
        for index, (step, width) in enumerate(zip(self.steps, self._box_widths(), strict=True)):
            box = QRectF(x, 1, width, height)
            last = index == len(self.steps) - 1
            painter.setPen(QPen(QColor("#1f6feb" if last else "#8c959f"), 1.2))
            painter.setBrush(QColor("#ddeeff" if last else "#f6f8fa"))
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(QColor("#0b3d91" if last else "#24292f"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, step)
            x += width
            if not last:
                middle = 1 + height / 2
                painter.setPen(QPen(QColor("#8c959f"), 1.5))
                painter.drawLine(int(x + 5), int(middle), int(x + ARROW - 6), int(middle))
                painter.drawLine(int(x + ARROW - 10), int(middle - 4), int(x + ARROW - 6), int(middle))
                painter.drawLine(int(x + ARROW - 10), int(middle + 4), int(x + ARROW - 6), int(middle))
                x += ARROW
        painter.end()
