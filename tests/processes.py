"""Running `shopguard` as a whole process, as a merchant or a scheduled task does."""

import subprocess
import sys


def run(*args, cwd=None):
    completed = subprocess.run(
        [sys.executable, "-m", "shopguard", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed
