"""Qt-free core: records, importers, rule packs and the deadline engine.

Nothing in this package may import PySide6 (tests/core/test_no_qt_in_core.py enforces it).
"""
