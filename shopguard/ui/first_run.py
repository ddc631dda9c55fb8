"""The first-run setup: three questions a new merchant answers before the first import (merchant type, ship
promise, the province the shop ships from), each with a plain explanation and where to look it up, and which
orders to export from 抖店. Answers go into the store's settings; a question left open keeps its assumption,
which the setup banner (setup_banner.py) states until it is answered."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopguard.core.rules.regions import PROVINCES, short_province
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import set_setting
from shopguard.core.store.snapshot import store_is_empty
from shopguard.ui.menu_path import MenuPath
from shopguard.ui.store_errors import store_problem, tell

QUESTIONS = ("merchant", "promise", "shop_province")  # the settings the setup asks about
ORDER_EXPORT = ("抖店后台", "订单", "订单管理", "批量导出")
FIRST_EXPORT_DAYS = 30  # a suggestion: orders old enough to be in after-sales still, see export_advice
DAILY_EXPORT_DAYS = 3
# 按订单承诺: the orders' own 承诺发货时间 is used whenever the export has it (it always is); for an order without
# one, the strictest promise is assumed, as the engine's default: warning early costs nothing, late costs a penalty.
BY_ORDER = "by-order"


def unanswered(store: Store) -> list[str]:
    """The setup questions whose setting was never stored (its default is an assumption)."""
    return [key for key in QUESTIONS if store.setting(key) is None]


def save_answers(store: Store, merchant: str | None, promise: str | None, province: str | None) -> None:
    """Store what was answered; None leaves a question open."""
    if merchant is not None:
        set_setting(store, "merchant", merchant)
    if promise is not None:
        set_setting(store, "promise", "same-day" if promise == BY_ORDER else promise)
    if province is not None:
        set_setting(store, "shop_province", province)


class SetupDialog(QDialog):
    def __init__(self, store: Store, today: datetime, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Set up ShopGuard for your shop"))
        intro = QLabel(
            self.tr(
                "Three questions decide how your deadlines are worked out. Anything you leave open is assumed "
                "the strict way (you are warned early rather than late) and shown at the top of the window "
                "until you answer it."
            )
        )
        intro.setWordWrap(True)

        self.merchant = QButtonGroup(self)
        merchant_box = self._question(
            self.tr("1. Merchant type"),
            self.tr(
                "全球购 (cross-border) shops follow their own 【全球购】 rule books and are not covered by some "
                "promotion rules for domestic merchants. If your shop sells imported goods as a 全球购 shop, "
                "choose 全球购; otherwise 国内."
            ),
            self.merchant,
            ((self.tr("Domestic (国内)"), "domestic"), (self.tr("Cross-border (全球购)"), "cross-border")),
            store.setting("merchant"),
        )
        self.promise = QButtonGroup(self)
        promise_box = self._question(
            self.tr("2. Ship-by promise (发货时效)"),
            self.tr(
                "How soon after payment you promise to ship. Orders whose export has 承诺发货时间 always use "
                "that time; this answer is for orders without it. Look at the 承诺发货时间 column of your "
                "order export: if every order has it, choose 按订单承诺 (orders without it are then counted "
                "as 当日发货, the strictest)."
            ),
            self.promise,
            (
                (self.tr("Same day (当日发货)"), "same-day"),
                (self.tr("Next day (次日发货)"), "next-day"),
                (self.tr("Within 48 hours (48 小时发货)"), "48h"),
                (self.tr("As each order promises (按订单承诺)"), BY_ORDER),
            ),
            store.setting("promise"),
            ORDER_EXPORT,
        )
        self.province = QComboBox()
        self.province.setObjectName("setup-province")
        self.province.addItem(self.tr("Not set (assume the shortest transit limit)"), "")
        for province in PROVINCES:
            self.province.addItem(province, province)
        self.province.setCurrentIndex(max(0, self.province.findData(short_province(store.setting("shop_province")))))
        province_box = QGroupBox(self.tr("3. Province you ship from (发货省份)"))
        province_layout = QVBoxLayout(province_box)
        province_layout.addWidget(
            self._note(
                self.tr(
                    "The province of the warehouse your parcels leave from (your 寄件地址, not the buyer's). "
                    "A parcel may stand still longer on its way between provinces or to remote regions than "
                    "within one province, so the transit limit depends on it."
                )
            )
        )
        province_layout.addWidget(self.province)

        export_box = QGroupBox(self.tr("4. Which orders to export"))
        export_layout = QVBoxLayout(export_box)
        export_layout.addWidget(MenuPath(ORDER_EXPORT))
        export_layout.addWidget(self._note(self.export_advice(today)))

        content = QWidget()
        layout = QVBoxLayout(content)
        for widget in (intro, merchant_box, promise_box, province_box, export_box):
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()  # a small screen at 150 %: the questions scroll, the buttons stay
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(buttons)
        self.resize(640, 720)

    def export_advice(self, today: datetime) -> str:
        """Which dates to export, with the dates written out."""
        first = (today - timedelta(days=FIRST_EXPORT_DAYS)).strftime("%Y-%m-%d")
        daily = (today - timedelta(days=DAILY_EXPORT_DAYS)).strftime("%Y-%m-%d")
        return self.tr(
            "The first time, export the orders placed from {first} to today (the last {days} days), so orders "
            "still in delivery or after-sales are included; tick 承诺发货时间. After that, each morning the last "
            "{daily_days} days (from {daily}) are enough: ShopGuard keeps what you imported before and updates "
            "the orders that changed."
        ).format(first=first, days=FIRST_EXPORT_DAYS, daily=daily, daily_days=DAILY_EXPORT_DAYS)

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color:#444")
        return label

    def _question(self, title, explanation, group, choices, current, where=None) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(self._note(explanation))
        if where:
            layout.addWidget(MenuPath(where))
        for text, value in choices:
            button = QRadioButton(text)
            button.setProperty("value", value)
            button.setChecked(value == current)
            group.addButton(button)
            layout.addWidget(button)
        return box

    @staticmethod
    def _chosen(group: QButtonGroup) -> str | None:
        button = group.checkedButton()
        return None if button is None else button.property("value")

    def accept(self) -> None:
        save_answers(
            self.store, self._chosen(self.merchant), self._chosen(self.promise), self.province.currentData() or None
        )
        super().accept()


def offer_setup(window) -> bool:
    """Open the setup when the shop has nothing imported and a question is open (the first start). True if it
    was opened."""
    if window.demo:
        return False
    with Store.open(window.data_dir) as store:
        if not (unanswered(store) and store_is_empty(store)):
            return False
    open_setup(window)
    return True


def open_setup(window) -> None:
    try:
        with Store.open(window.data_dir) as store:
            if SetupDialog(store, window.clock(), window).exec() != QDialog.DialogCode.Accepted:
                return
    except Exception as error:
        problem = store_problem(error, window.data_dir)
        if problem is None:
            raise
        tell(problem, window)  # a store that cannot be read or written: said as everywhere in the window
        return
    window.refresh()  # answers move deadlines
