"""Chinese is complete and consistent with the code; English (the source language) still works."""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication

from shopguard.ui import i18n

TS = i18n.translations_dir() / "shopguard_zh_CN.ts"
QM = i18n.translations_dir() / "shopguard_zh_CN.qm"
UI = Path(i18n.__file__).parent
PLACEHOLDER = re.compile(r"\{\w+\}|<[^>]+>")


def tool(name: str) -> str:
    bundled = Path(PySide6.__file__).parent / name
    return str(bundled) if bundled.exists() else shutil.which(f"pyside6-{name}")


def messages(path: Path):
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.find("name").text, message.find("source").text, message.find("translation")


def test_every_source_string_has_a_finished_chinese_translation_with_the_same_placeholders():
    found = list(messages(TS))
    assert len(found) > 80
    for context, source, translation in found:
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (context, source)
        assert translation.text, (context, source)
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation.text)), (context, source)


def test_the_translation_file_covers_every_string_in_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [tool("lupdate"), *map(str, sorted(UI.glob("*.py"))), "-ts", str(fresh)], check=True, capture_output=True
    )
    in_code = {(context, source) for context, source, _ in messages(fresh)}
    translated = {(context, source) for context, source, _ in messages(TS)}
    assert in_code - translated == set(), "run pyside6-lupdate shopguard/ui/*.py -ts resources/i18n/shopguard_zh_CN.ts"


def test_the_compiled_translations_match_the_source(tmp_path):
    compiled = tmp_path / "zh.qm"
    subprocess.run([tool("lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True)
    assert compiled.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on the .ts file"


def test_chinese_is_active_in_tests_including_qts_own_buttons():
    assert QCoreApplication.translate("labels", "Overdue") == "已超时"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_english_is_the_source_language(qapp, chinese_window):
    for translator in chinese_window:
        qapp.removeTranslator(translator)
    try:
        assert QCoreApplication.translate("labels", "Overdue") == "Overdue"
    finally:
        for translator in chinese_window:
            qapp.installTranslator(translator)


@pytest.mark.parametrize("requested, expected", [("en", "en"), ("zh_CN", "zh_CN")])
def test_lang_flag_wins_over_the_system(requested, expected):
    assert i18n.pick_language(requested) == expected
