"""When a file's header row is not recognised: the merchant says once which column is which."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from shopguard.core.imports.filekinds import KINDS, ColumnMapping, kind_by_id


class MappingDialog(QDialog):
    def __init__(self, file_name: str, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers = [header for header in headers if header]
        self.boxes: dict[str, QComboBox] = {}
        self.setWindowTitle(self.tr("Which column is which?"))
        intro = QLabel(
            self.tr("ShopGuard does not recognise the columns of {file}. Say once what each one is; files with "
                    "the same columns will be read the same way from now on.").format(file=file_name)
        )  # fmt: skip
        intro.setWordWrap(True)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind.title, kind.id)
        self.kind.currentIndexChanged.connect(self._show_columns)
        self.columns = QWidget()
        self.form = QFormLayout(self.columns)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        kind_row = QFormLayout()
        kind_row.addRow(self.tr("This file is a"), self.kind)
        layout.addLayout(kind_row)
        layout.addWidget(self.columns)
        layout.addWidget(buttons)
        self._show_columns()

    def _show_columns(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.boxes = {}
        for column in kind_by_id(self.kind.currentData()).columns:
            box = QComboBox()
            box.addItem(self.tr("— not in this file —"), "")
            for header in self.headers:
                box.addItem(header, header)
            box.setCurrentIndex(max(0, box.findData(next((h for h in column.headers if h in self.headers), ""))))
            label = column.name + (" *" if column.required else "")
            self.form.addRow(label, box)
            self.boxes[column.field] = box

    def mapping(self) -> ColumnMapping:
        chosen = {field: box.currentData() for field, box in self.boxes.items() if box.currentData()}
        return ColumnMapping(self.kind.currentData(), chosen)

    def accept(self) -> None:
        kind = kind_by_id(self.kind.currentData())
        missing = [c.name for c in kind.columns if c.required and not self.boxes[c.field].currentData()]
        if missing:
            QMessageBox.warning(
                self, self.windowTitle(), self.tr("Please choose: {columns}").format(columns="、".join(missing))
            )
            return
        super().accept()
