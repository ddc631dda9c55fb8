"""Writing files (reports, rule packs) all at once or not at all, and what to say when Excel holds one open."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


class TargetLocked(Exception):
    """The target cannot be replaced (on Windows: the workbook is open in Excel or WPS)."""

    def __init__(self, target: Path, suggestion: Path):
        super().__init__(f"{target.name} 无法写入（可能正在 Excel/WPS 中打开）。请关闭它，或另存为 {suggestion.name}")
        self.target = target
        self.suggestion = suggestion


def free_name(target: Path) -> Path:
    """`晨报 (2).xlsx`, `晨报 (3).xlsx`, ...: the first name not taken."""
    for number in range(2, 1000):
        candidate = target.with_name(f"{target.stem} ({number}){target.suffix}")
        if not candidate.exists():
            return candidate
    return target.with_name(f"{target.stem}-new{target.suffix}")


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """`write(temporary path)`, then move it over the target in one step; the target is never half-written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        write(partial)
        os.replace(partial, target)
    except PermissionError:
        partial.unlink(missing_ok=True)
        raise TargetLocked(target, free_name(target)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
