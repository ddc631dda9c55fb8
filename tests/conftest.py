import os

import pytest

# Qt tests run without a display; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test (and every process it starts) keeps its data in a fresh folder, never the real one."""
    home = tmp_path_factory.mktemp("shopguard-home")
    monkeypatch.setenv("SHOPGUARD_HOME", str(home))
    return home


@pytest.fixture
def smtp_server():
    """(inbox, server settings): a real SMTP server on 127.0.0.1, stopped after the test."""
    from tests.mail_helpers import start_smtp_server

    inbox, server, controller = start_smtp_server()
    yield inbox, server
    controller.stop()
