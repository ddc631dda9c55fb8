"""The side list of groups kept as narrow as the splitter makes it: a line too long for it (a large store's
count with its money line, e.g. 已完成/豁免 138603 / ¥1,234,567.00) is shortened with … instead of growing
a sideways scroll bar, and the whole text is the entry's tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyledItemDelegate

LINE_BREAK = "\u2028"
TEXT_MARGINS = 8  # the style's space left and right of an entry's text
EXPLANATION_ROLE = Qt.ItemDataRole.UserRole + 1  # an entry's own explanation, shown above its whole text


class _WithinWidth(QStyledItemDelegate):
    """Entries never ask for more width than the list shows, so the view elides instead of scrolling."""

    def sizeHint(self, option, index) -> QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        lines = str(index.data() or "").count("\n") + 1
        # A few pixels more for a two-line entry: at exactly its text's height the style elides its second line.
        return QSize(min(hint.width(), view.viewport().width()), hint.height() + (lines - 1) * 4)

    def initStyleOption(self, option, index) -> None:
        # Each line shortened on its own (Qt's own eliding of a two-line text drops the second line).
        super().initStyleOption(option, index)
        if option.rect.width() > 0:
            room = option.rect.width() - TEXT_MARGINS
            metrics = option.fontMetrics
            lines = option.text.replace("\n", LINE_BREAK).split(LINE_BREAK)  # Qt shows "\n" as LINE_BREAK
            option.text = LINE_BREAK.join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines)
            option.textElideMode = Qt.TextElideMode.ElideNone


def fit_side_list(side: QListWidget) -> None:
    side.setItemDelegate(_WithinWidth(side))
    side.setTextElideMode(Qt.TextElideMode.ElideRight)
    side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    side.setResizeMode(QListWidget.ResizeMode.Adjust)  # entries laid out again when the splitter moves


def wanted_width(side: QListWidget) -> int:
    """The width that shows every entry's lines whole: the longest line, its margins and the list's frame."""
    metrics = side.fontMetrics()
    longest = max(
        (metrics.horizontalAdvance(line) for row in range(side.count()) for line in side.item(row).text().split("\n")),
        default=0,
    )
    return longest + TEXT_MARGINS + 2 * side.frameWidth() + 4  # 4: the style's focus frame around an entry


def set_entry_text(item: QListWidgetItem, text: str, whole: str | None = None) -> None:
    """The entry's text, and as its tooltip the whole of it (`whole`, where the text is a short form), after
    the entry's own explanation, if any."""
    item.setText(text)
    whole = whole or text
    explanation = item.data(EXPLANATION_ROLE)
    item.setToolTip(f"{explanation}\n{whole}" if explanation else whole)
