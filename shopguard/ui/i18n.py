"""The window's language: system locale by default, `--lang` to override. Chinese is complete; English is
the source language. Qt's own dialogs and standard buttons are translated too (qtbase)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from shopguard.core.resources import resource_dir

LANGUAGES = ("zh_CN", "en")


def pick_language(requested: str | None) -> str:
    if requested in LANGUAGES:
        return requested
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def translations_dir():
    return resource_dir() / "i18n"


def install(app: QApplication, language: str) -> list[QTranslator]:
    """Load ShopGuard's and Qt's translations for `language`; keep the returned objects alive."""
    installed = []
    if language == "en":
        return installed
    sources = (
        (f"shopguard_{language}", str(translations_dir())),
        (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    QLocale.setDefault(QLocale(language))
    return installed
