"""The core must stay free of Qt: the CLI, reports and tests use it without a GUI stack."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import shopguard.core

CORE = Path(shopguard.core.__file__).parent


def test_no_core_module_imports_qt_in_its_source():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {name}"
                for name in names
                if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
            ]
    assert offenders == []


def test_importing_every_core_module_and_the_cli_loads_no_qt():
    modules = [f"shopguard.core.{info.name}" for info in pkgutil.iter_modules([str(CORE)])]
    assert len(modules) > 5
    code = (
        "import importlib, sys\n"
        f"for name in {modules + ['shopguard.cli']!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
