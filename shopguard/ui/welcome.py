"""The first-run page: what to import and where to download it in 抖店, instead of an empty table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from shopguard.ui.menu_path import MenuPath

# (button, where to click in 抖店 or elsewhere — the merchant's own menu names, not translated —, what to tick)
SOURCES = (
    (
        QT_TRANSLATE_NOOP("WelcomePage", "Import order export"),
        ("抖店后台", "订单", "订单管理", "批量导出", "导出记录"),
        QT_TRANSLATE_NOOP(
            "WelcomePage",
            "Download it from 导出记录. Tick at least 主订单编号, 子订单编号, 支付完成时间, 承诺发货时间, 发货时间, "
            "订单状态, 快递信息 and 省/市/区.",
        ),
    ),
    (
        QT_TRANSLATE_NOOP("WelcomePage", "Import after-sales export"),
        ("抖店后台", "售后", "售后工作台", "导出"),
        QT_TRANSLATE_NOOP("WelcomePage", "Used for the refund, exchange and return-not-received clocks."),
    ),
    (
        QT_TRANSLATE_NOOP("WelcomePage", "Import tracking sheet"),
        ("快递网点后台 / 快递100 / ERP", "批量查询", "导出"),
        QT_TRANSLATE_NOOP(
            "WelcomePage",
            "Not from 抖店: export it from your courier outlet's portal, a batch tracking query or your ERP, with "
            "快递单号, 揽收时间, 首个分拨中心时间, 签收时间 and 最新轨迹时间 — for outbound and return parcels.",
        ),
    ),
)


class WelcomePage(QWidget):
    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        heading = self.tr("Welcome to ShopGuard")
        intro = self.tr(
            "Import the spreadsheets you download from 抖店 each morning: ShopGuard works out every order's ship, "
            "pickup, logistics and after-sales deadlines and puts the ones about to run out first."
        )
        title = QLabel(f"<h2>{heading}</h2><p>{intro}</p>")
        title.setWordWrap(True)
        grid = QGridLayout()
        for row, (button_text, steps, what) in enumerate(SOURCES):
            button = QPushButton(QCoreApplication.translate("WelcomePage", button_text))
            button.setMinimumWidth(160)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(self.import_requested)
            note = QLabel(QCoreApplication.translate("WelcomePage", what))
            note.setWordWrap(True)
            explanation = QVBoxLayout()
            explanation.setSpacing(4)
            explanation.addWidget(MenuPath(steps))
            explanation.addWidget(note)
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(explanation, row, 1)
        hint = QLabel(self.tr("You can also drop files onto this window. To look around first, open the demo data:"))
        hint.setWordWrap(True)
        demo = QPushButton(self.tr("Open demo data"))
        demo.clicked.connect(self.demo_requested)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        content = QWidget()
        content.setMaximumWidth(900)  # lines of Chinese text stay readable on wide screens
        layout = QVBoxLayout(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        outer.addWidget(content)
        outer.addStretch(1)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(demo, 0, Qt.AlignmentFlag.AlignLeft)
