"""The shop-risk gauge above the table: today's late ship clocks against the selling limits, in words and colour.

The numbers, the thresholds and the colour come from the core (triage.shop_risk); this only words them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from shopguard.core.triage.shop_risk import ShopRisk, alert

# (symbol, background, text colour) per alert: a symbol as well as a colour, for colour-blind merchants.
STYLES = {
    "red": ("●", "#fde2e1", "#a4161a"),
    "amber": ("▲", "#fff1d6", "#8a4b00"),
    "green": ("✓", "#e6f4ea", "#1e6b34"),
}


class ShopRiskGauge(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("shop-risk")
        self.setWordWrap(True)
        self.risk: ShopRisk | None = None
        self.colour = "green"
        self.hide()

    def show_risk(self, risk: ShopRisk) -> None:
        """The day as core.triage.shop_risk judged it (on the worker: with the list, and once a minute)."""
        self.risk = risk
        self.colour = alert(risk)
        symbol, background, foreground = STYLES[self.colour]
        self.setStyleSheet(
            f"QLabel#shop-risk{{background:{background};color:{foreground};padding:4px 8px;border-radius:4px;"
            f"font-weight:{'bold' if self.colour != 'green' else 'normal'}}}"
        )
        self.setText(f"{symbol} {self.words(risk)}")
        self.setToolTip(self.tr("Thresholds from {source}").format(source=risk.source))
        self.show()

    def words(self, risk: ShopRisk) -> str:
        today = risk.today
        head = self.tr("Today {due} orders must ship, {late} are late ({rate})").format(
            due=today.ship_due, late=today.ship_late, rate=f"{today.late_rate:.0%}"
        )
        if risk.level is not None:
            lifted = self.tr("lifted the day after the late orders are shipped and picked up")
            return self.tr("{head}: {effect}. {lifted}").format(head=head, effect=risk.level.effect, lifted=lifted)
        if risk.next_level is not None:
            return self.tr("{head}; {count} more late orders and: {effect}").format(
                head=head, count=risk.late_until_next_level, effect=risk.next_level.effect
            )
        if risk.table_known:  # today's orders cannot reach any of its levels
            return self.tr("{head}; not enough orders due today to reach a shop sanction").format(head=head)
        return self.tr("{head}; {why}").format(head=head, why=risk.source)
