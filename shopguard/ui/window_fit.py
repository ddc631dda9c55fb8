"""The window fitted to the screen it opens on: never wider or taller than the screen's free area, at any
display scaling, with the table's columns sharing the width the table has and the order pane's buttons in view.

Small screens (a 1366x768 laptop, or 1920x1080 at 150 % which Qt sees as 1280x720) start maximised; larger ones
start at a comfortable size in the middle. A size remembered from another screen is shrunk to fit this one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QHelpEvent
from PySide6.QtWidgets import QStyledItemDelegate, QTableView, QToolTip, QWidget

MAXIMISE_UP_TO = QSize(1600, 960)  # a free area this small or smaller: the window takes all of it
COMFORTABLE = QSize(1440, 900)  # on larger screens

# Per column (in deadline_model.COLUMNS order): a sample of the widest text worth showing whole, the least worth
# showing, and how a longer text is shortened. Long numbers keep their start and end (the part a merchant
# compares) with … in the middle. Samples, not pixels: the widths follow the font and the display scaling.
COLUMN_FIT = (
    ("6917880231000000651", "691788…000651", Qt.TextElideMode.ElideMiddle),  # 订单号: 19 digits
    ("加厚珊瑚绒睡衣 女…", "加厚珊…", Qt.TextElideMode.ElideRight),  # 商品
    ("73010000000000001", "7301…01", Qt.TextElideMode.ElideMiddle),  # 物流/售后单号
    ("退货未签收", "退货…", Qt.TextElideMode.ElideRight),  # 时钟
    ("2023-11-12 10:00:00", "2023-11-12 10:00:00", Qt.TextElideMode.ElideRight),  # 截止时间
    ("已超时 1天12小时", "已超时 1天12小时", Qt.TextElideMode.ElideRight),  # 剩余时间
    ("? 需要核对 ✎", "? 需要核对", Qt.TextElideMode.ElideRight),  # 状态
    ("¥36.00（已产生 ¥12.00）", "¥36.00", Qt.TextElideMode.ElideRight),  # 可能扣款
    ("抖音日常规则（2023 版）", "日常…", Qt.TextElideMode.ElideRight),  # 规则
    ("已联系网点，明早补揽", "备注…", Qt.TextElideMode.ElideRight),  # 备注
)
PADDING = 18  # cell margins and the sort arrow


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def first_geometry(area: QRect) -> tuple[QRect, bool]:
    """Where the window opens the first time on a screen whose free area is `area`, and whether maximised."""
    if area.width() <= MAXIMISE_UP_TO.width() or area.height() <= MAXIMISE_UP_TO.height():
        return QRect(area), True
    size = COMFORTABLE.boundedTo(area.size())
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(area.center())
    return rect, False


def within(rect: QRect, area: QRect) -> QRect:
    """`rect` shrunk to `area` if larger, then moved inside it."""
    fitted = QRect(rect.topLeft(), rect.size().boundedTo(area.size()))
    fitted.moveLeft(min(max(fitted.left(), area.left()), area.right() - fitted.width() + 1))
    fitted.moveTop(min(max(fitted.top(), area.top()), area.bottom() - fitted.height() + 1))
    return fitted


def fit_window(window: QWidget, saved_geometry=None) -> None:
    """Open at the remembered place and size if it fits this screen, else fitted; maximised on a small screen
    the first time. (restoreGeometry also brings back a maximised state.)"""
    area = available_area(window)
    if saved_geometry and window.restoreGeometry(saved_geometry):
        if not window.isMaximized():
            window.setGeometry(within(window.geometry(), area))
        return
    rect, maximise = first_geometry(area)
    window.setGeometry(rect)  # also where a window manager that ignores the state leaves it
    if maximise:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def splitter_sizes(width: int, side: int, pane: int, table_least: int = 0, pane_least: int = 0) -> list[int]:
    """The side list, the table and the order pane across `width`: the table gets what the others leave, and on
    a narrow screen the pane gives up room (down to `pane_least`) so the table has `table_least`, what its
    columns need at their least (else the last columns would sit off to the right, behind a scroll bar)."""
    pane = max(min(pane, pane_least), min(pane, width - side - table_least))
    return [side, max(0, width - side - pane), pane]


def widened_side(sizes: list[int], wanted: int, most: int, table_least: int, pane_least: int) -> list[int] | None:
    """The side list, the table and the order pane with the side list widened to `wanted` (at most `most`) for
    a large store's counts and money: the room comes from the table down to what its columns need at their
    least, then from the pane down to its least. None when it is wide enough already, or no room is left (it
    is never narrowed)."""
    side, _, pane = sizes
    width = sum(sizes)
    wanted = min(wanted, most, width - table_least - pane_least)
    if wanted <= side:
        return None
    return splitter_sizes(width, wanted, pane, table_least, pane_least)


def table_chrome(table: QTableView) -> int:
    """The width a table takes beyond its columns: its frame and the vertical scroll bar."""
    return table.frameWidth() * 2 + table.style().pixelMetric(table.style().PixelMetric.PM_ScrollBarExtent)


class ElidingDelegate(QStyledItemDelegate):
    """Shows a shortened cell's whole text as its tooltip; the text is shortened at its end (the view's
    elide mode). Painting stays in C++: a Python override called for every painted cell waits its turn for
    the interpreter while a worker computes."""

    def helpEvent(self, event: QHelpEvent, view, option, index) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            own = index.data(Qt.ItemDataRole.ToolTipRole)  # the model's explanation wins where it has one
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if not own and text and self._shortened(str(text), option, index):
                QToolTip.showText(event.globalPos(), str(text), view)
                return True
        return super().helpEvent(event, view, option, index)

    def _shortened(self, text: str, option, index) -> bool:
        self.initStyleOption(option, index)
        return option.fontMetrics.horizontalAdvance(text) + PADDING > option.rect.width()


class MiddleElidingDelegate(ElidingDelegate):
    """For long numbers (订单号, 物流/售后单号): shortened in the middle, both ends kept."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class ColumnFitter(QObject):
    """Shares the table's width among its columns until the merchant drags a column border themselves; a
    layout restored from a wider screen is shared out again if it no longer fits."""

    def __init__(self, table: QTableView, restored: bool = False):
        super().__init__(table)
        self.table = table
        self.delegate = ElidingDelegate(table)
        table.setItemDelegate(self.delegate)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.middle = MiddleElidingDelegate(table)
        for column, (_, _, mode) in enumerate(COLUMN_FIT):
            if mode == Qt.TextElideMode.ElideMiddle:
                table.setItemDelegateForColumn(column, self.middle)
        self.by_merchant = restored
        self._fitting = False
        header = table.horizontalHeader()
        header.setMinimumSectionSize(36)
        header.sectionResized.connect(self._resized_by_hand)
        table.viewport().installEventFilter(self)

    def wanted(self) -> tuple[list[int], list[int]]:
        """Each column's width to show its sample whole, and the least it may shrink to."""
        metrics = self.table.fontMetrics()
        bold = self.table.horizontalHeader().fontMetrics()
        model = self.table.model()
        wanted, least = [], []
        for column, (sample, shortest, _) in enumerate(COLUMN_FIT[: model.columnCount()]):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            heading = bold.horizontalAdvance(title) + PADDING
            wanted.append(max(metrics.horizontalAdvance(sample) + PADDING, heading))
            least.append(min(wanted[-1], max(metrics.horizontalAdvance(shortest) + PADDING, heading)))
        return wanted, least

    def fit(self) -> None:
        width = self.table.viewport().width()
        wanted, least = self.wanted()
        widths = share(width, wanted, least)
        self._fitting = True
        try:
            for column, size in enumerate(widths):
                self.table.setColumnWidth(column, size)
        finally:
            self._fitting = False

    def _resized_by_hand(self, *_args) -> None:
        if not self._fitting and self.table.isVisible():
            self.by_merchant = True

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            header = self.table.horizontalHeader()
            too_wide = header.length() > self.table.viewport().width()
            if not self.by_merchant or too_wide:
                self.by_merchant = False
                self.fit()
        return False


def share(width: int, wanted: list[int], least: list[int]) -> list[int]:
    """Widths adding up to `width` where possible: spare room goes to every column in proportion; when short,
    the columns that may shrink give up room in proportion to how much they can, never below `least`."""
    total = sum(wanted)
    if total <= width:
        spare = width - total
        widths = [size + spare * size // total for size in wanted]
        widths[-1] += width - sum(widths)  # rounding: the last column (notes) takes the odd pixels
        return widths
    give = [size - low for size, low in zip(wanted, least, strict=True)]
    can_give = sum(give)
    short = min(total - width, can_give)
    taken = [short * room // can_give if can_give else 0 for room in give]
    for column in sorted(range(len(give)), key=lambda c: give[c] - taken[c], reverse=True):
        if sum(taken) == short:
            break
        taken[column] += 1  # rounding: a pixel more from the columns with the most room left
    return [size - take for size, take in zip(wanted, taken, strict=True)]


def keep_pane_whole(splitter, pane_index: int) -> None:
    """The order pane never collapses or shrinks below the width its buttons need."""
    splitter.setCollapsible(pane_index, False)
    pane = splitter.widget(pane_index)
    pane.setMinimumWidth(pane.minimumSizeHint().width())
