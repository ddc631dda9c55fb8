"""设置 → 群机器人推送: the 企业微信 / 钉钉 / 飞书 webhooks and secrets (kept in the OS keyring only), and a 测试
button that sends one test message to each robot set up and says, per robot, whether it arrived."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from shopguard.core.alerts.channels import SecretStoreError, configured_channels, load_secret, masked, save_secret
from shopguard.core.alerts.digest import TEST_TEXT
from shopguard.core.alerts.push import describe_results, push_to_all
from shopguard.core.alerts.robots import ROBOTS, PushError, check_url
from shopguard.ui.tasks import TaskRunner


class PushSettingsDialog(QDialog):
    def __init__(self, parent=None, tasks: TaskRunner | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Group chat robots"))
        self.tasks = tasks or TaskRunner(self)
        self.fields: dict[str, QLineEdit] = {}
        self.examples: dict[str, str] = {}
        self.remove_buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The daily automatic send (Alerts → Send every day) and `shopguard push` send one summary to every "
                "robot set up here. "
                "Addresses and secrets are kept in the system's credential store, never in a file. "
                "If the robot uses keyword security, set the keyword to ShopGuard."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        hints = {"wecom": self.tr("WeCom (企业微信)"), "dingtalk": self.tr("DingTalk (钉钉)"),
                 "feishu": self.tr("Feishu (飞书)")}  # fmt: skip
        for robot in ROBOTS.values():
            box = QGroupBox(hints[robot.id])
            form = QFormLayout(box)
            form.addRow(self.tr("Webhook address"), self._row(robot.url_setting, robot.example))
            if robot.secret_setting:
                form.addRow(self.tr("Signing secret"), self._row(robot.secret_setting, self.tr("optional")))
            layout.addWidget(box)
        self.test_button = QPushButton(self.tr("Test"))
        self.test_button.setToolTip(self.tr("Save, then send one test message to each robot set up"))
        self.test_button.clicked.connect(self.send_test)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.last_results: list | None = None

    def _row(self, key: str, example: str) -> QHBoxLayout:
        field = QLineEdit()
        # A webhook address carries the robot's key: readable while typed or pasted, dots once left.
        field.setEchoMode(
            QLineEdit.EchoMode.PasswordEchoOnEdit if key.endswith("_url") else QLineEdit.EchoMode.Password
        )
        field.setObjectName(key)
        field.setMinimumWidth(420)
        self.fields[key] = field
        self.examples[key] = example
        remove = QPushButton(self.tr("Remove"))
        remove.setObjectName(f"remove-{key}")
        remove.clicked.connect(lambda: self.remove(key))
        self.remove_buttons[key] = remove
        self._show_saved(key)
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(remove)
        return row

    def _show_saved(self, key: str) -> None:
        try:
            saved = load_secret(key)
        except SecretStoreError:
            saved = None
        shown = self.tr("Saved: {shown}. Type to replace").format(shown=masked(key, saved))
        self.fields[key].setPlaceholderText(shown if saved else self.examples[key])
        self.remove_buttons[key].setEnabled(bool(saved))

    def remove(self, key: str) -> None:
        try:
            save_secret(key, None)
        except SecretStoreError as error:
            QMessageBox.warning(self, self.tr("Group chat robots"), str(error))
            return
        self.fields[key].clear()
        self._show_saved(key)

    def save(self) -> bool:
        """Keep what was typed (an empty field keeps what was saved). False, with a message, on a bad value."""
        try:
            for key, field in self.fields.items():
                value = field.text().strip()
                if not value:
                    continue
                if key.endswith("_url"):
                    check_url(next(r for r in ROBOTS.values() if r.url_setting == key), value)
                save_secret(key, value)
        except (PushError, SecretStoreError) as error:
            QMessageBox.warning(self, self.tr("Group chat robots"), str(error))
            return False
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()

    def send_test(self) -> None:
        if not self.save():
            return
        try:
            channels = configured_channels()
        except SecretStoreError as error:
            QMessageBox.warning(self, self.tr("Test"), str(error))
            return
        if not channels:
            QMessageBox.information(self, self.tr("Test"), self.tr("No robot is set up yet: paste a webhook address."))
            return
        self.test_button.setEnabled(False)
        self.tasks.start(lambda _progress: push_to_all(channels, TEST_TEXT), self._tested)

    def _tested(self, results, error) -> None:
        self.test_button.setEnabled(True)
        self.last_results = results
        if error is not None:
            QMessageBox.warning(self, self.tr("Test"), str(error))
            return
        lines = "\n".join(describe_results(results))
        if all(result.ok for result in results):
            QMessageBox.information(self, self.tr("Test"), lines)
        else:
            QMessageBox.warning(self, self.tr("Test"), lines)
