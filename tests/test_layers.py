"""The code follows the flow: no module imports from a later stage, no import circles, no Qt in the core.

ARCHITECTURE.md says what each stage owns. Imports are read from the source (also those inside functions and
under TYPE_CHECKING), so a late import cannot hide a dependency.
"""

import ast
import subprocess
import sys
from pathlib import Path

import shopguard

PACKAGE = Path(shopguard.__file__).parent

# In the order data flows through them; a module may import its own stage and the ones before it.
STAGES = (
    "basics",  # shopguard/__init__.py and the modules at the root of core/: records, clock, settings, files ...
    "imports",  # core/imports: spreadsheets become records
    "rules",  # core/rules: rule packs, the rule book, regions
    "deadlines",  # core/deadlines: a record meets a rule and gets its clocks
    "store",  # core/store: everything imported, kept in SQLite, with the merchant's notes and corrections
    "filing",  # core/filing: 报备/申诉 and what approved filings change
    "triage",  # core/triage: the morning list, its groups, filters, outputs and what to do
    "report",  # core/report: the morning report and sending it
    "alerts",  # core/alerts: group robots, the OS schedule, the watched folder, desktop reminders
    "ui",  # the window
    "cli",  # the command line, which also starts the window
)
QT_PACKAGES = {"PySide6", "shiboken6", "PyQt5", "PyQt6"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    if parts[1:2] == ["core"]:
        if len(parts) == 3 and (PACKAGE / "core" / f"{parts[2]}.py").is_file():
            return "basics"
        return parts[2] if len(parts) > 2 else "basics"
    if parts[1:2] in (["ui"], ["cli"]):
        return parts[1]
    return "cli" if module == "shopguard.__main__" else "basics"


def is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported_names(path: Path) -> tuple[set[str], set[str]]:
    """(shopguard modules, other top-level packages) that this file imports anywhere in its body."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    ours, others = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                (ours if alias.name.split(".")[0] == "shopguard" else others).add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != "shopguard":
                others.add(source)
                continue
            for alias in node.names:  # `from package import module` imports that module
                ours.add(f"{source}.{alias.name}" if is_module(f"{source}.{alias.name}") else source)
    ours.discard(module)
    return ours, others


def import_graph() -> dict[str, tuple[set[str], set[str]]]:
    return {module_name(path): imported_names(path) for path in sorted(PACKAGE.rglob("*.py"))}


def later_stage_imports(graph) -> list[str]:
    rank = {stage: number for number, stage in enumerate(STAGES)}
    return [
        f"{module} ({stage_of(module)}) imports {target} ({stage_of(target)})"
        for module, (ours, _) in graph.items()
        for target in sorted(ours)
        if rank[stage_of(target)] > rank[stage_of(module)]
    ]


def import_circles(graph) -> list[list[str]]:
    """Every circle of imports, each once, found by a depth-first search."""
    edges = {module: sorted(ours) for module, (ours, _) in graph.items()}
    circles, state = [], {}
    for start in edges:
        stack = [(start, iter(edges[start]))]
        path, state[start] = [start], "open"
        while stack:
            module, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                stack.pop()
                path.pop()
                state[module] = "done"
            elif state.get(target) == "open":
                circles.append(path[path.index(target) :] + [target])
            elif target not in state and target in edges:
                state[target] = "open"
                stack.append((target, iter(edges[target])))
                path.append(target)
    return circles


def test_every_module_belongs_to_a_known_stage():
    unknown = [module for module in import_graph() if stage_of(module) not in STAGES]
    assert unknown == [], "a new folder in core/ needs its place in STAGES and a paragraph in ARCHITECTURE.md"


def test_no_module_imports_from_a_later_stage():
    assert later_stage_imports(import_graph()) == []


def test_no_import_circles():
    assert import_circles(import_graph()) == []


def test_the_checks_catch_what_they_are_meant_to():
    graph = {
        "shopguard.core.imports.cells": ({"shopguard.core.triage.session"}, set()),
        "shopguard.core.triage.session": ({"shopguard.core.clock"}, set()),
        "shopguard.ui.app": ({"shopguard.ui.main_window"}, set()),
        "shopguard.ui.main_window": ({"shopguard.ui.app"}, set()),
        "shopguard.core.clock": (set(), set()),
    }
    assert later_stage_imports(graph) == [
        "shopguard.core.imports.cells (imports) imports shopguard.core.triage.session (triage)"
    ]
    assert import_circles(graph) == [["shopguard.ui.app", "shopguard.ui.main_window", "shopguard.ui.app"]]
    assert stage_of("shopguard.core.records") == "basics" and stage_of("shopguard.core.store") == "store"


def test_no_core_module_imports_qt_in_its_source():
    offenders = [
        f"{module}: {name}"
        for module, (_, others) in import_graph().items()
        if module.startswith("shopguard.core")
        for name in others
        if name.split(".")[0] in QT_PACKAGES
    ]
    assert offenders == []


def test_importing_every_core_module_and_the_cli_loads_no_qt():
    modules = [module for module in import_graph() if module.startswith("shopguard.core")]
    assert len(modules) > 50
    code = (
        "import importlib, sys\n"
        f"for name in {modules + ['shopguard.cli']!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_a_command_starts_without_what_only_sending_and_reports_need():
    # Every command pays its imports before it starts: 0.1 s of a warm triage that takes ~3 s (issue 20). The
    # keyring, SMTP and the workbook libraries load when a secret, a mail or a report is made.
    code = (
        "import sys\nimport shopguard.cli\n"
        "print(sorted(m for m in ('keyring', 'smtplib', 'ssl', 'openpyxl', 'xlsxwriter') if m in sys.modules))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
