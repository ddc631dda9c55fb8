"""One ShopGuard window per data folder: a second start brings the first window to the front and ends.

The first window holds a lock file in the data folder (QLockFile: a window that crashed leaves a lock whose
process is gone, which the next start takes over) and listens on a local server named after the folder. A
second start that cannot take the lock asks that server to bring its window forward, and exits. The lock
decides, so two starts at the same moment never both open; the server only carries the request.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from enum import Enum
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QSysInfo, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

LOCK_NAME = "window.lock"
PATIENCE = 5.0  # seconds a second start waits for the first window's answer (it may be starting up or busy)
_SHOW, _SHOWN = b"show", b"shown"


class Claim(Enum):
    OURS = "ours"  # this process holds the folder: open the window
    ELSEWHERE = "elsewhere"  # another ShopGuard window holds it
    UNAVAILABLE = "unavailable"  # no lock file can be made (the folder's problem is told when the store opens)


def server_name(folder: Path) -> str:
    """Short and ASCII whatever the folder's path: on Windows it names a pipe, elsewhere a socket file whose
    path must stay under about 100 bytes; long paths and non-ASCII user names are hashed away."""
    path = os.path.normcase(str(folder.resolve()))
    return "ShopGuard-" + hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def bring_to_front(widget: QWidget | None) -> None:
    if widget is None:
        return
    widget.setWindowState((widget.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    widget.show()
    widget.raise_()
    widget.activateWindow()


class SingleInstance(QObject):
    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.folder = folder
        self.window: QWidget | None = None  # brought forward when a second start asks
        self.lock = QLockFile(str(folder / LOCK_NAME))
        # A live window holds the lock for hours: never take it over for its age, only when its process is gone.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def claim(self) -> Claim:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return Claim.UNAVAILABLE
        if self.lock.tryLock(0):
            self._listen()
            return Claim.OURS
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            return Claim.ELSEWHERE
        return Claim.UNAVAILABLE

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    # --- the first window ---------------------------------------------------------------------------------
    def _listen(self) -> None:
        name = server_name(self.folder)
        QLocalServer.removeServer(name)  # a socket left by a window that crashed: we hold the lock now
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):  # the window still works; a second start then says it gets no answer
            log.warning("cannot listen for second starts on %s: %s", name, server.errorString())
            return
        server.newConnection.connect(self._accept)
        self.server = server

    def _accept(self) -> None:
        while (connection := self.server.nextPendingConnection()) is not None:
            connection.disconnected.connect(connection.deleteLater)
            connection.readyRead.connect(partial(self._answer, connection))
            self._answer(connection)  # the request may be here already

    def _answer(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            return
        if bytes(connection.readLine().data()).strip() == _SHOW:
            bring_to_front(QApplication.activeModalWidget() or self.window)
            connection.write(_SHOWN + b"\n")
            connection.flush()
        connection.disconnectFromServer()

    # --- a second start -----------------------------------------------------------------------------------
    def hand_over(self, patience: float | None = None) -> bool:
        """Ask the window holding the folder to come to the front; True once it has."""
        _allow_to_take_focus(self.holder()[0])
        give_up = time.monotonic() + (PATIENCE if patience is None else patience)
        while True:
            socket = QLocalSocket()
            socket.connectToServer(server_name(self.folder))
            if socket.waitForConnected(500):
                socket.write(_SHOW + b"\n")
                socket.waitForBytesWritten(1000)
                left = max(100, int((give_up - time.monotonic()) * 1000))
                if socket.canReadLine() or socket.waitForReadyRead(left):
                    answered = bytes(socket.readLine().data()).strip() == _SHOWN
                    socket.abort()
                    return answered
            socket.abort()
            if time.monotonic() >= give_up:
                return False
            time.sleep(0.2)  # the first window may still be starting: its lock is taken before it listens

    def holder(self) -> tuple[int, str]:
        """(process id, computer name) of the window holding the folder, as far as the lock file says."""
        info = self.lock.getLockInfo()
        if not info:
            return 0, ""
        pid, host, _app = info
        return pid, host


def _allow_to_take_focus(pid: int) -> None:
    """Windows lets only the foreground process hand the foreground on: allow the first window to come forward."""
    if sys.platform == "win32" and pid > 0:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(pid)


translate = QCoreApplication.translate


def handed_over_text(folder: Path) -> str:
    text = translate("SingleInstance", "ShopGuard is already open on {folder}: its window was brought to the front.")
    return text.format(folder=folder)


def no_answer_text(instance: SingleInstance) -> str:
    """A second start whose first window does not answer: say where it runs and what to do."""
    _pid, host = instance.holder()
    if host and host != QSysInfo.machineHostName():
        text = translate(
            "SingleInstance",
            "ShopGuard is already open on the data folder {folder} on the computer {host}. Close it there, then "
            "start ShopGuard again. If ShopGuard no longer runs there, delete the file {lock} and start again.",
        )
        return text.format(folder=instance.folder, host=host, lock=instance.folder / LOCK_NAME)
    text = translate(
        "SingleInstance",
        "ShopGuard is already open on the data folder {folder}, but its window does not answer. Switch to it in "
        "the taskbar, or close it (or end it in the Task Manager), then start ShopGuard again.",
    )
    return text.format(folder=instance.folder)
