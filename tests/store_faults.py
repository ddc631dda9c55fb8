"""Real faults for the store's tests: a read-only disk, a folder without permission, a full disk, and a
second ShopGuard process holding the write lock.

Mounting needs root (CI runs as root); where the machine does not allow it the test that needs it is skipped
with the reason, and the same case is also covered by a test that injects the error at the same call.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(folder: Path) -> None:
    for _ in range(50):  # a process that just ended may still hold a file there for a moment
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode == 0:
            return
        time.sleep(0.1)
    subprocess.run(["umount", "-l", str(folder)], check=True)


@contextmanager
def read_only_disk(folder: Path):
    """`folder` (with what is in it) on a read-only mount, as a write-protected USB stick: even root gets
    EROFS. Needs root; skips otherwise."""
    if not (IS_ROOT and shutil.which("mount")):
        pytest.skip("a read-only mount needs root")
    if not _mount("--bind", str(folder), str(folder)):
        pytest.skip("this machine does not allow mounts")
    try:
        if not _mount("-o", "remount,ro,bind", str(folder)):
            pytest.skip("this machine does not allow read-only remounts")
        yield folder
    finally:
        _umount(folder)


@contextmanager
def small_disk(folder: Path, size: str = "2m"):
    """A fresh, empty disk of `size` at `folder` (tmpfs). Needs root; skips otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (IS_ROOT and shutil.which("mount")):
        pytest.skip("mounting a small disk needs root")
    if not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("this machine does not allow mounts")
    try:
        yield folder
    finally:
        _umount(folder)


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Fill the disk `folder` is on, leaving about `leave` bytes free; returns the filler file."""
    filler = folder / f"filler-{uuid.uuid4().hex}"
    free = shutil.disk_usage(folder).free - leave
    with filler.open("wb") as out:
        try:
            while free > 0:
                out.write(b"\0" * min(free, 1 << 16))
                out.flush()
                free -= 1 << 16
        except OSError:
            pass
    return filler


def without_privileges() -> list[str]:
    """A command prefix under which permission bits apply to this process's files, even for root: a user
    namespace without capabilities (`unshare -U`). Empty when not root; skips when it is not possible."""
    if not IS_ROOT:
        return []
    if shutil.which("unshare") and subprocess.run(["unshare", "-U", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-U"]
    pytest.skip("dropping root's file permissions needs user namespaces (unshare -U)")


def shopguard(*args, prefix: list[str] = (), env: dict | None = None, timeout: float = 600):
    """`python -m shopguard ARGS` as its own process; never a traceback."""
    completed = subprocess.run(
        [*prefix, sys.executable, "-m", "shopguard", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed


_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from shopguard.core.store.database import Store

    with Store.open(Path(sys.argv[1])) as store:
        store.connection.execute("BEGIN IMMEDIATE")
        print("holding", flush=True)
        time.sleep(float(sys.argv[2]))
        store.connection.execute("ROLLBACK")
    """
)


@contextmanager
def write_lock_held(directory: Path, seconds: float):
    """Another ShopGuard process in the middle of a write transaction on `directory` (as an import is) for
    `seconds`; yields once it holds the write lock. It writes nothing."""
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(directory), str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "holding", child.stderr.read()
        yield child
    finally:
        child.wait(timeout=seconds + 60)
        child.stdout.close()
        child.stderr.close()


ENGLISH_ALLOWED = {"ShopGuard", "SHOPGUARD_HOME", "settings", "backups_kept"}


def english_words(message: str, *paths: Path) -> list[str]:
    """Words of three or more Latin letters in `message` other than the program's own names, once the
    paths named in it are taken out: an English fragment of a Python or SQLite error would show here."""
    for path in sorted(map(str, paths), key=len, reverse=True):
        message = message.replace(path, "")
    message = re.sub(r"--[a-z][a-z-]*", "", message)  # option names (--data-dir) are the program's own
    words = re.findall(r"[A-Za-z][A-Za-z_\-.]{2,}", message)
    return [word for word in words if word.strip("-.") not in ENGLISH_ALLOWED and not word.startswith("shopguard")]
