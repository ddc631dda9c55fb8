"""Store problems as the merchant reads them: what happened to the database and what to do about it.

Every way the store can fail (a damaged file, a full disk, a folder that is read-only or cannot be read, a store
busy with another ShopGuard, a database file gone) becomes a `StoreProblem`, told in a dialog and, where the
list can no longer be trusted, in a banner over the window. The text is the window's own (translated), so it is
complete in every language; the core's message goes into the details and the log.

The core's StoreError may say which kind of problem it is (`kind`) and, for a damaged database, where it was
set aside (`moved_to`) and which backup to restore (`backup`); without them the kind is found from the SQLite
or system error behind it.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from shopguard.core.clock import format_time
from shopguard.core.store.database import BACKUP_DIR, DB_NAME, StoreError

DAMAGED, FULL, READ_ONLY, UNREADABLE, BUSY, MISSING, OTHER = (
    "damaged", "full", "read_only", "unreadable", "busy", "missing", "other"
)  # fmt: skip

# How the core may spell a kind, and what it means here.
_KIND_NAMES = {
    DAMAGED: ("damaged", "corrupt", "corrupted", "malformed"),
    FULL: ("full", "disk_full", "disk-full", "no_space"),
    READ_ONLY: ("read_only", "readonly", "read-only"),
    UNREADABLE: ("unreadable", "cannot_open", "no_access", "io"),
    BUSY: ("busy", "locked"),
    MISSING: ("missing",),
}
_KINDS = {name: kind for kind, names in _KIND_NAMES.items() for name in names}

# SQLite's primary result codes (the low byte of sqlite_errorcode).
_SQLITE_KINDS = {
    3: READ_ONLY,  # SQLITE_PERM
    5: BUSY,  # SQLITE_BUSY
    6: BUSY,  # SQLITE_LOCKED
    8: READ_ONLY,  # SQLITE_READONLY
    10: UNREADABLE,  # SQLITE_IOERR: the drive went away or fails
    11: DAMAGED,  # SQLITE_CORRUPT
    13: FULL,  # SQLITE_FULL
    14: UNREADABLE,  # SQLITE_CANTOPEN
    23: UNREADABLE,  # SQLITE_AUTH
    26: DAMAGED,  # SQLITE_NOTADB
}
_OS_KINDS = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
    errno.EIO: UNREADABLE,
    errno.ENXIO: UNREADABLE,
    errno.ENODEV: UNREADABLE,
}


@dataclass(frozen=True)
class StoreProblem:
    kind: str
    folder: Path  # the store's folder
    detail: str = ""  # the core's own words, for the details and the log
    moved_to: Path | None = None  # where a damaged database was set aside
    set_aside: bool = False  # a damaged database was set aside (moved_to says where, if known)
    backup: Path | None = None  # the backup to restore

    @property
    def database(self) -> Path:
        return self.folder / DB_NAME


def store_problem(error: BaseException, folder: Path, set_aside: bool = False) -> StoreProblem | None:
    """The store problem behind `error`, or None when it is not one (a bug, a problem with another file).

    `set_aside`: the caller saw the database file move away while the store was opened (the core sets a
    damaged database aside)."""
    kind = _kind(error, folder)
    if kind is None and not set_aside:
        return None
    if set_aside:
        kind = DAMAGED
    backup = getattr(error, "backup", None) or (latest_backup(folder) if kind in (DAMAGED, MISSING) else None)
    moved_to = getattr(error, "moved", None) or getattr(error, "moved_to", None)  # the core names it `moved`
    detail = str(error) if isinstance(error, StoreError | Warning) else ""
    return StoreProblem(kind, folder, detail, Path(moved_to) if moved_to else None, set_aside, backup and Path(backup))


def _kind(error: BaseException, folder: Path) -> str | None:
    if isinstance(error, StoreError | Warning):
        named = getattr(error, "kind", None)
        if isinstance(named, Enum):
            named = named.value
        if isinstance(named, str):
            return _KINDS.get(named.lower(), OTHER)
    elif not isinstance(error, sqlite3.Error):
        return _kind_of_cause(error, folder)  # any other error with a store error behind it is a bug
    # The SQLite or system error behind a StoreError; or behind an SQLite error such as "cannot rollback",
    # which a full disk leaves when SQLite has already rolled the transaction back itself.
    seen = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        kind = _kind_of_cause(cause, folder)
        if kind is not None:
            return kind
        cause = cause.__cause__ or cause.__context__
    return OTHER if isinstance(error, StoreError | Warning) else None


def _kind_of_cause(error: BaseException, folder: Path) -> str | None:
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return _SQLITE_KINDS.get(code & 0xFF) if code is not None else None
    if isinstance(error, OSError) and _inside(error.filename, folder):
        return _OS_KINDS.get(error.errno, UNREADABLE)
    return None


def _inside(filename, folder: Path) -> bool:
    """A system error about a file in the data folder (one about a spreadsheet being read is not ours)."""
    if not filename:
        return False
    try:
        path = Path(filename).resolve()
        folder = folder.resolve()
    except (OSError, ValueError):
        return False
    return path == folder or folder in path.parents or path in folder.parents


def latest_backup(folder: Path) -> Path | None:
    """The newest automatic backup in the store's backup folder."""
    try:
        backups = [path for path in (folder / BACKUP_DIR).glob("*.db") if path.is_file()]
        return max(backups, key=lambda path: path.stat().st_mtime) if backups else None
    except OSError:
        return None


_PACKAGE = str(Path(__file__).resolve().parents[1])  # the shopguard package's folder


@contextmanager
def core_notices() -> Iterator[list[Warning]]:
    """What the core warns about while the store opens (a Python warning, or a log record from shopguard.core):
    a damaged database it set aside must reach the window, not only the log. Other warnings pass on."""
    notices: list[Warning] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.name.startswith("shopguard.core"):
                notices.append(UserWarning(record.getMessage()))

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("shopguard")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield notices
        for warning in caught:
            ours = warning.category.__module__.startswith("shopguard") or (
                issubclass(warning.category, UserWarning) and warning.filename.startswith(_PACKAGE)
            )
            if ours:
                notices.append(warning.message)
            else:
                warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    finally:
        logger.removeHandler(handler)


translate = QCoreApplication.translate

_WHAT_HAPPENED = {
    DAMAGED: QT_TRANSLATE_NOOP(
        "StoreErrors", "The database file {database} is damaged: ShopGuard cannot read from it or save to it."
    ),
    FULL: QT_TRANSLATE_NOOP(
        "StoreErrors",
        "The disk holding {folder} is full, so ShopGuard cannot save anything new. Everything saved before is "
        "unchanged.",
    ),
    READ_ONLY: QT_TRANSLATE_NOOP(
        "StoreErrors",
        "ShopGuard may not write to {folder}: the folder or its drive is read-only, or your user account has no "
        "permission to change it.",
    ),
    UNREADABLE: QT_TRANSLATE_NOOP(
        "StoreErrors",
        "ShopGuard cannot read or write the database in {folder}: the drive holding it may be disconnected or "
        "failing, or your user account has no permission to open it.",
    ),
    BUSY: QT_TRANSLATE_NOOP(
        "StoreErrors",
        "The database in {folder} is busy: another ShopGuard is writing to it, such as a shopguard command (an "
        "import, the morning report) or a ShopGuard window on another computer.",
    ),
    MISSING: QT_TRANSLATE_NOOP(
        "StoreErrors",
        "The database file shopguard.db is no longer in {folder}: it was moved, renamed or deleted, or the drive "
        "holding it was disconnected.",
    ),
    OTHER: QT_TRANSLATE_NOOP("StoreErrors", "ShopGuard cannot use its database in {folder}."),
}
_WHAT_TO_DO = {
    FULL: QT_TRANSLATE_NOOP(
        "StoreErrors",
        "Free some space on that disk (empty the Recycle Bin, delete or move large files), then try again.",
    ),
    READ_ONLY: QT_TRANSLATE_NOOP(
        "StoreErrors",
        "Make the folder writable (a USB stick: check its lock switch; a shared folder: ask for write permission), "
        "or copy the whole folder somewhere you can write, then try again.",
    ),
    UNREADABLE: QT_TRANSLATE_NOOP(
        "StoreErrors",
        "Check that the drive or USB stick holding the folder is connected and that you can open the folder in "
        "the file manager, then try again.",
    ),
    BUSY: QT_TRANSLATE_NOOP("StoreErrors", "Wait until the other ShopGuard has finished, or close it, then try again."),
}


def what_happened(problem: StoreProblem) -> str:
    folder = str(problem.folder)
    if problem.kind == DAMAGED and problem.set_aside and problem.moved_to:
        text = translate(
            "StoreErrors",
            "The database file in {folder} is damaged. ShopGuard set it aside as {moved}, unchanged, so nothing "
            "in it is overwritten.",
        )
        return text.format(folder=folder, moved=problem.moved_to)
    if problem.kind == DAMAGED and problem.set_aside:
        text = translate(
            "StoreErrors",
            "The database file in {folder} is damaged. ShopGuard set it aside in that folder, unchanged, so "
            "nothing in it is overwritten.",
        )
        return text.format(folder=folder)
    return translate("StoreErrors", _WHAT_HAPPENED[problem.kind]).format(folder=folder, database=problem.database)


def what_to_do(problem: StoreProblem) -> str:
    if problem.kind in (DAMAGED, MISSING) and problem.backup is None:
        text = translate(
            "StoreErrors",
            "There is no backup in {backups}. Import your latest 抖店 exports again to rebuild the list; notes and "
            "handled marks were only in the old file.",
        )
        return text.format(backups=problem.folder / BACKUP_DIR)
    if problem.kind in (DAMAGED, MISSING):
        text = translate(
            "StoreErrors",
            "To get your data back: quit ShopGuard, copy the newest backup {backup} into {folder} and name the copy "
            "shopguard.db (replacing the file there, if any), then start ShopGuard again. Orders imported after "
            "that backup can be imported again from your 抖店 exports.",
        )
        return text.format(backup=problem.backup, folder=problem.folder)
    if problem.kind in _WHAT_TO_DO:
        return translate("StoreErrors", _WHAT_TO_DO[problem.kind])
    # A problem the window has no words for: the core's message says what to do.
    return problem.detail or translate(
        "StoreErrors", "Quit ShopGuard and start it again; if this keeps happening, send us the log file."
    )


def message_box(problem: StoreProblem, parent: QWidget | None = None, log_path: Path | None = None) -> QMessageBox:
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical if problem.kind == DAMAGED else QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("StoreErrors", "ShopGuard: problem with the database"))
    box.setText(what_happened(problem))
    informative = what_to_do(problem)
    if log_path:
        informative += "\n\n" + translate("StoreErrors", "Log file: {path}").format(path=log_path)
    box.setInformativeText(informative)
    if problem.detail and problem.detail != informative:
        box.setDetailedText(problem.detail)
    return box


def tell(problem: StoreProblem, parent: QWidget | None = None, log_path: Path | None = None) -> None:
    """A store problem during work: the dialog, with OK."""
    message_box(problem, parent, log_path).exec()


class StartAnswer(Enum):
    RETRY = "retry"
    QUIT = "quit"
    CONTINUE = "continue"  # open on the new, empty database, with the problem shown in the window


def ask_at_start(problem: StoreProblem) -> StartAnswer:
    """The store cannot be opened at start, or was set aside as damaged: quit, try again, or (when a damaged
    database was set aside) go on with a new, empty one."""
    box = message_box(problem)
    if problem.set_aside:
        box.addButton(translate("StoreErrors", "Open with an empty database"), QMessageBox.ButtonRole.AcceptRole)
    else:
        box.addButton(QMessageBox.StandardButton.Retry)
    quit_button = box.addButton(translate("StoreErrors", "Quit ShopGuard"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is None or clicked is quit_button:
        return StartAnswer.QUIT
    return StartAnswer.CONTINUE if problem.set_aside else StartAnswer.RETRY


class ProblemBanner(QLabel):
    """Store problems over the window, above the list and the welcome page alike: one that lasts as long as the
    window (a damaged database set aside, a database file gone) and one that lasts until the store can be read
    again (the list below may be out of date)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("store-problem")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths to copy
        self.setStyleSheet(
            "background:#fde2e1;color:#7a1212;border:1px solid #f1a9a4;padding:6px 10px;border-radius:4px"
        )
        self.lasting: StoreProblem | None = None
        self.load_problem: StoreProblem | None = None
        self._list_from: datetime | None = None
        self._on_empty_store = False
        self.hide()

    def set_lasting(self, problem: StoreProblem | None, on_empty_store: bool = False) -> None:
        """`on_empty_store`: the window now works on a new, empty database (a damaged one was set aside)."""
        self.lasting, self._on_empty_store = problem, on_empty_store
        self._show()

    def set_load_problem(self, problem: StoreProblem | None, list_from: datetime | None = None) -> None:
        """`list_from`: the moment the list on screen was computed for, if there is one."""
        if problem is None and self.load_problem is None:
            return
        self.load_problem, self._list_from = problem, list_from
        self._show()

    def _show(self) -> None:
        parts = []
        if self.lasting is not None:
            if self._on_empty_store:
                parts.append(self.tr("ShopGuard is working on a new, empty database."))
            parts += [what_happened(self.lasting), what_to_do(self.lasting)]
        if self.load_problem is not None:
            if self._list_from is not None:
                text = self.tr("The list below is from {time} and may be out of date.")
                parts.append(text.format(time=format_time(self._list_from)))
            parts += [what_happened(self.load_problem), what_to_do(self.load_problem)]
        # The first sentence in bold: the state the window is in; then what happened and what to do.
        self.setText("<br>".join(f"<b>{escape(part)}</b>" if n == 0 else escape(part) for n, part in enumerate(parts)))
        self.setVisible(bool(parts))
