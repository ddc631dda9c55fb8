"""A watched folder (by default the user's Downloads): a new 抖店 order or after-sales export, or a tracking
sheet, that lands there is imported once; everything else there is left alone.

- Recognised by its header row, as an import recognises it (filekinds, and the merchant's saved mappings);
  other spreadsheets are remembered as "not an export" and not read again while they stay the same.
- Never a file twice: a file whose content (SHA-256) the store has imported before is skipped, whatever its
  name ("订单 (1).xlsx" from a second download included).
- A file still being written (a browser download) is left for the next look: it is taken only when its size
  and modification time were the same at two looks `settle` seconds apart and it was last changed at least
  `settle` seconds ago.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from shopguard.core.files import write_atomically
from shopguard.core.imports.importer import recognised_kind
from shopguard.core.imports.reader import TEXT_SUFFIXES, WORKBOOK_SUFFIXES, UnreadableFile
from shopguard.core.store.database import Store
from shopguard.core.store.mappings import load_mappings
from shopguard.core.store.merge import ImportReport, file_sha256, import_into_store

SUFFIXES = (WORKBOOK_SUFFIXES | TEXT_SUFFIXES) - {".txt"}  # a .txt in Downloads is rarely an export
SETTLE = 2.0  # seconds a file must stay unchanged before it is read
NOTED = "watched-files.json"  # in the data folder: files dealt with (imported, or not exports), by size and time

State = tuple[int, int]  # (size, modification time in ns)


def default_folder() -> Path:
    return platformdirs.user_downloads_path()


@dataclass
class WatchResult:
    imported: list[ImportReport] = field(default_factory=list)  # reports of files imported this time
    waiting: list[Path] = field(default_factory=list)  # still being written: looked at again next time
    not_exports: list[Path] = field(default_factory=list)  # newly found not to be an export

    @property
    def files_imported(self) -> int:
        return sum(1 for report in self.imported if report.kind is not None and report.same_as is None)


def looks(folder: Path) -> dict[Path, State]:
    """Each candidate file in the folder (not its subfolders) with its size and modification time."""
    states = {}
    try:
        entries = list(folder.iterdir())
    except OSError:
        return states
    for path in entries:
        if path.suffix.lower() not in SUFFIXES or path.name.startswith(("~$", ".")):  # Excel's lock files
            continue
        try:
            info = path.stat()
        except OSError:  # gone meanwhile
            continue
        if path.is_file():
            states[path] = (info.st_size, info.st_mtime_ns)
    return states


def _recognised(path: Path, mappings) -> bool:
    """Whether the first rows carry a header ShopGuard imports (a known export, or a layout mapped before)."""
    try:
        return recognised_kind(path, mappings) is not None
    except (UnreadableFile, OSError, ValueError):
        return False


def _noted(data_dir: Path) -> dict[str, list]:
    try:
        value = json.loads((data_dir / NOTED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _note(data_dir: Path, noted: dict[str, list]) -> None:
    try:
        write_atomically(data_dir / NOTED, lambda path: path.write_text(json.dumps(noted), encoding="utf-8"))
    except OSError:
        pass  # only a memory of what to skip: the next look reads those files' headers again


def _imported_before(store: Store, digest: str) -> bool:
    row = store.connection.execute(
        "SELECT 1 FROM imports WHERE sha256 = ? AND kind IS NOT NULL LIMIT 1", (digest,)
    ).fetchone()
    return row is not None


def scan(store: Store, folder: Path, earlier: dict[Path, State], settle: float = SETTLE,
         clock: Callable[[], float] = time.time) -> tuple[WatchResult, dict[Path, State]]:  # fmt: skip
    """One look: import the new exports that were already there, unchanged, at the `earlier` look.
    Returns what happened and this look's states (the `earlier` of the next look)."""
    result = WatchResult()
    current = looks(folder)
    noted = _noted(store.directory)
    before = dict(noted)
    mappings = load_mappings(store)
    to_import = []
    for path, state in sorted(current.items()):
        if noted.get(str(path)) == list(state):
            continue  # dealt with before and unchanged
        if earlier.get(path) != state or clock() - state[1] / 1e9 < settle:
            result.waiting.append(path)
            continue
        try:
            digest = file_sha256(path)
        except OSError:
            result.waiting.append(path)  # locked by the program writing it
            continue
        if _imported_before(store, digest):
            noted[str(path)] = list(state)
            continue
        if not _recognised(path, mappings):
            noted[str(path)] = list(state)
            result.not_exports.append(path)
            continue
        to_import.append(path)
    if to_import:
        result.imported = import_into_store(store, to_import)
        store.backup_after_import()
        for path, report in zip(to_import, result.imported, strict=True):
            if report.kind is not None:  # a file that changed while being read is tried again
                noted[str(path)] = list(current[path])
    noted = {name: value for name, value in noted.items() if Path(name) in current}  # forget files gone
    if noted != before:
        _note(store.directory, noted)
    return result, current


def watch_once(store: Store, folder: Path, settle: float = SETTLE) -> WatchResult:
    """What `shopguard watch --once` does: two looks `settle` seconds apart, then import what held still."""
    first = looks(folder)
    time.sleep(settle)
    result, _ = scan(store, folder, first, settle)
    return result
