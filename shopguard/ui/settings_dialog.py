"""Settings: merchant type, ship promise, shop province, active rule packs, language, data folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopguard.core.datadir import choose_data_dir
from shopguard.core.report.mail import MailError
from shopguard.core.rules.packs import RulePack
from shopguard.core.rules.regions import PROVINCES, short_province
from shopguard.core.store.database import DB_NAME, Store
from shopguard.core.store.preferences import SettingError, disabled_packs, get_setting, set_setting
from shopguard.ui.mail_settings import MailSettings


class SettingsDialog(QDialog):
    def __init__(self, store: Store, packs: list[RulePack], data_dir: Path, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Settings"))
        self.merchant = QComboBox()
        self.merchant.addItem(self.tr("Domestic merchant (国内商家)"), "domestic")
        self.merchant.addItem(self.tr("Cross-border merchant (全球购)"), "cross-border")
        self.promise = QComboBox()
        self.promise.addItem(self.tr("Same day (当日发货)"), "same-day")
        self.promise.addItem(self.tr("Next day (次日发货)"), "next-day")
        self.promise.addItem(self.tr("Within 48 h (48小时发货)"), "48h")
        self.province = QComboBox()
        self.province.addItem(self.tr("Not set (assume the shortest transit limit)"), "")
        for province in PROVINCES:
            self.province.addItem(province, province)
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.packs = QListWidget()
        off = disabled_packs(store)
        for pack in packs:
            item = QListWidgetItem(pack.name)  # the name a merchant knows it by; the id only for the curious
            item.setToolTip(pack.id)
            item.setData(Qt.ItemDataRole.UserRole, pack.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if pack.id in off else Qt.CheckState.Checked)
            self.packs.addItem(item)
        self._select(self.merchant, get_setting(store, "merchant"))
        self._select(self.promise, get_setting(store, "promise"))
        stored_province = get_setting(store, "shop_province")
        if stored_province and "/" in stored_province.replace("／", "/") and short_province(stored_province):
            # Set down to the city (「河南省/郑州市」, for city-level notices): offered as it is, so saving keeps it.
            self.province.insertItem(1, stored_province, stored_province)
            self._select(self.province, stored_province)
        else:
            self._select(self.province, short_province(stored_province) or "")
        self._select(self.language, get_setting(store, "language"))

        self.data_dir = data_dir
        self.new_data_dir: Path | None = None
        self.folder = QLabel(str(data_dir))
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        move = QPushButton(self.tr("Change…"))
        move.clicked.connect(self.pick_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(move)
        form = QFormLayout()
        form.addRow(self.tr("Merchant type"), self.merchant)
        form.addRow(self.tr("Ship promise (orders without 承诺发货时间)"), self.promise)
        form.addRow(self.tr("Shop ships from"), self.province)
        form.addRow(self.tr("Rule packs in use"), self.packs)
        form.addRow(self.tr("Language (after restart)"), self.language)
        form.addRow(self.tr("Data folder"), folder_row)
        self.mail = MailSettings(store)
        tabs = QTabWidget()
        general = QWidget()
        general.setLayout(form)
        tabs.addTab(general, self.tr("General"))
        tabs.addTab(self.mail, self.tr("Morning report email"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.packs.setMinimumWidth(self.packs.sizeHintForColumn(0) + 40)  # every pack name whole
        self.setMinimumWidth(720)

    def pick_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder for ShopGuard's data"), str(self.data_dir)
        )
        if chosen:
            self.new_data_dir = Path(chosen)
            self.folder.setText(self.tr("{path} (after restart)").format(path=chosen))

    @staticmethod
    def _select(box: QComboBox, value: str | None) -> None:
        box.setCurrentIndex(max(0, box.findData(value or "")))

    def accept(self) -> None:
        set_setting(self.store, "merchant", self.merchant.currentData())
        set_setting(self.store, "promise", self.promise.currentData())
        set_setting(self.store, "shop_province", self.province.currentData() or None)
        set_setting(self.store, "language", self.language.currentData())
        off = [
            self.packs.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.packs.count())
            if self.packs.item(row).checkState() != Qt.CheckState.Checked
        ]
        set_setting(self.store, "disabled_packs", ",".join(off) or None)
        try:
            self.mail.save()
        except (MailError, SettingError) as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return
        if self.new_data_dir is not None:
            self._move_data(self.new_data_dir)
        super().accept()

    def _move_data(self, folder: Path) -> None:
        """Copy the database into the new folder (unless one is there already) and use it from the next start."""
        target = folder / DB_NAME
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            copy = sqlite3.connect(target)
            try:
                self.store.connection.backup(copy)
            finally:
                copy.close()
        choose_data_dir(folder)
        QMessageBox.information(
            self,
            self.windowTitle(),
            self.tr("The data is in {path} now. Restart ShopGuard to use it; the old folder is left as it was.").format(
                path=folder
            ),
        )
