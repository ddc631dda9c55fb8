"""The mail part of the settings: where the morning report goes, how it is sent, and a test email."""

from __future__ import annotations

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from shopguard.core.report.delivery import send_check
from shopguard.core.report.mail import MailError, save_password
from shopguard.core.settings import MAIL_PRESETS
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import SettingError, get_setting, set_setting


class MailSettings(QWidget):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.preset = QComboBox()
        for key, (label, _) in MAIL_PRESETS.items():
            self.preset.addItem(label, key)
        self.preset.addItem(self.tr("Other (custom server)"), "custom")
        self.host, self.user, self.recipients = QLineEdit(), QLineEdit(), QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = QComboBox()
        self.security.addItem("SSL", "ssl")
        self.security.addItem("STARTTLS", "starttls")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("QQ/163: the authorisation code (授权码); kept in the system's credential store")
        )
        self.recipients.setPlaceholderText(self.tr("packer@example.com, service@example.com"))
        self.daily = QTimeEdit()
        self.daily.setDisplayFormat("HH:mm")
        self.send_daily = QComboBox()
        self.send_daily.addItem(self.tr("Do not send automatically"), "")
        self.send_daily.addItem(self.tr("Send every day at"), "daily")
        test = QPushButton(self.tr("Send test email"))
        test.clicked.connect(self.send_test)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        server_row = QHBoxLayout()
        server_row.addWidget(self.host, 1)
        server_row.addWidget(self.port)
        server_row.addWidget(self.security)
        daily_row = QHBoxLayout()
        daily_row.addWidget(self.send_daily)
        daily_row.addWidget(self.daily)
        form = QFormLayout(self)
        form.addRow(self.tr("Mailbox"), self.preset)
        form.addRow(self.tr("Server"), server_row)
        form.addRow(self.tr("Account"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Send the report to"), self.recipients)
        form.addRow(self.tr("Daily"), daily_row)
        form.addRow(test)
        self._load()

    def _load(self) -> None:
        store = self.store
        self.preset.setCurrentIndex(max(0, self.preset.findData(get_setting(store, "mail_preset"))))
        self.user.setText(get_setting(store, "mail_user") or "")
        self.recipients.setText(get_setting(store, "mail_to") or "")
        self._preset_changed()
        if self.preset.currentData() == "custom":
            self.host.setText(get_setting(store, "mail_host") or "")
            self.port.setValue(int(get_setting(store, "mail_port") or 465))
            self.security.setCurrentIndex(max(0, self.security.findData(get_setting(store, "mail_security"))))
        at = get_setting(store, "report_time")
        self.send_daily.setCurrentIndex(1 if at else 0)
        self.daily.setTime(QTime.fromString(at or "08:30", "HH:mm"))

    def _preset_changed(self) -> None:
        preset = self.preset.currentData()
        custom = preset == "custom"
        for widget in (self.host, self.port, self.security):
            widget.setEnabled(custom)
        if not custom:
            server = MAIL_PRESETS[preset][1]
            self.host.setText(server.host)
            self.port.setValue(server.port)
            self.security.setCurrentIndex(self.security.findData(server.security))

    def save(self) -> None:
        """Store the settings; the password goes to the OS credential store only."""
        custom = self.preset.currentData() == "custom"
        set_setting(self.store, "mail_preset", self.preset.currentData())
        set_setting(self.store, "mail_host", self.host.text().strip() if custom else None)
        set_setting(self.store, "mail_port", str(self.port.value()) if custom else None)
        set_setting(self.store, "mail_security", self.security.currentData() if custom else None)
        set_setting(self.store, "mail_user", self.user.text().strip() or None)
        set_setting(self.store, "mail_to", self.recipients.text().strip() or None)
        daily = self.daily.time().toString("HH:mm") if self.send_daily.currentData() else None
        set_setting(self.store, "report_time", daily)
        if self.password.text():
            save_password(self.user.text().strip(), self.password.text())
            self.password.clear()

    def send_test(self) -> None:
        title = self.tr("Send test email")
        try:
            self.save()
            accepted = send_check(self.store)
        except (MailError, SettingError) as error:
            QMessageBox.warning(self, title, str(error))
            return
        QMessageBox.information(self, title, self.tr("Sent to {to}").format(to="、".join(accepted)))
