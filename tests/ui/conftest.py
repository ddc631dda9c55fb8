import pytest

from shopguard.ui import i18n


@pytest.fixture(scope="session", autouse=True)
def chinese_window(qapp):
    """The window as a Chinese-speaking merchant sees it; tests of English remove these translators."""
    translators = i18n.install(qapp, "zh_CN")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
