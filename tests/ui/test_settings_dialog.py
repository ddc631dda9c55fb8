"""The settings dialog keeps what the command line set and the dialog cannot show in a plain province list."""

from shopguard.core.rules.packs import load_packs
from shopguard.core.store.database import Store
from shopguard.ui.settings_dialog import SettingsDialog
from tests.processes import run


def test_saving_keeps_a_ship_from_city_set_on_the_command_line(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPGUARD_HOME", str(tmp_path / "home"))
    folder = tmp_path / "data"
    set_city = run("--data-dir", folder, "settings", "shop_province", "河南省/郑州市")
    assert set_city.returncode == 0, set_city.stderr
    with Store.open(folder) as store:
        dialog = SettingsDialog(store, load_packs(), folder)
        qtbot.addWidget(dialog)
        assert dialog.province.currentText() == "河南省/郑州市"  # shown as set, city included
        dialog.accept()
        assert store.setting("shop_province") == "河南省/郑州市"
        # Choosing another province replaces it, as before.
        again = SettingsDialog(store, load_packs(), folder)
        qtbot.addWidget(again)
        again.province.setCurrentIndex(again.province.findData("广东"))
        again.accept()
        assert store.setting("shop_province") == "广东"
        # A plain province shows as the list's own entry (no extra line).
        third = SettingsDialog(store, load_packs(), folder)
        qtbot.addWidget(third)
        assert third.province.currentData() == "广东" and third.province.findText("河南省/郑州市") == -1
