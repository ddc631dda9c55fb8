import pytest

from shopguard.ui import i18n
from shopguard.ui.app import create_window
from tests.ui.helpers import on_screen


@pytest.fixture(scope="session", autouse=True)
def chinese_window(qapp):
    """The window as a Chinese-speaking merchant sees it; tests of English remove these translators."""
    translators = i18n.install(qapp, "zh_CN")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def demo_window(qtbot, tmp_path):
    """The demo's window, shown, with its own data folder."""
    return on_screen(qtbot, create_window(tmp_path / "data", demo=True))
