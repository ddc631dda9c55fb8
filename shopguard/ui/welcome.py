"""The first-run page: what to import and where to download it in 抖店, instead of an empty table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

SOURCES = (
    ("导入订单导出", "抖店后台 → 订单 → 订单管理 → 批量导出，在「导出记录」里下载。至少勾选主订单编号、子订单编号、"
     "支付完成时间、承诺发货时间、发货时间、订单状态、快递信息、省市区。"),
    ("导入售后单导出", "抖店后台 → 售后 → 售后工作台 → 导出。用于退款、换货和退货未签收的时限。"),
    ("导入快递轨迹表", "从快递公司网点后台、批量查询工具（如快递100）或 ERP 导出，包含快递单号、揽收时间、"
     "首个分拨中心时间、签收时间、最新轨迹时间。"),
)  # fmt: skip


class WelcomePage(QWidget):
    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel("<h2>欢迎使用 ShopGuard 抖店时效管家</h2>"
                       "<p>每天早上导入抖店导出的表格，ShopGuard 会算出每个订单的发货、揽收、物流和售后截止时间，"
                       "把快要超时的排在最前面。</p>")  # fmt: skip
        title.setWordWrap(True)
        grid = QGridLayout()
        for row, (button_text, where) in enumerate(SOURCES):
            button = QPushButton(button_text)
            button.setMinimumWidth(160)
            button.clicked.connect(self.import_requested)
            note = QLabel(where)
            note.setWordWrap(True)
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(note, row, 1)
        hint = QLabel("也可以直接把文件拖到这个窗口里。想先看看效果？运行 <b>shopguard --demo</b> 打开演示数据。")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addStretch(1)
