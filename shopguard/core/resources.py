"""Find the bundled resources/ folder from a checkout, an installed package or a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def candidate_dirs(module_file: str, frozen_dir: str | None, prefix: str) -> list[Path]:
    """Where resources/ can be, in order: a source checkout or editable install, a PyInstaller bundle,
    a wheel install (pyproject data-files put them under <prefix>/share/shopguard)."""
    candidates = [Path(module_file).resolve().parents[2] / "resources"]
    if frozen_dir:
        candidates.append(Path(frozen_dir) / "resources")
    candidates.append(Path(prefix) / "share" / "shopguard")
    return candidates


def resource_dir() -> Path:
    for candidate in candidate_dirs(__file__, getattr(sys, "_MEIPASS", None), sys.prefix):
        if (candidate / "rules").is_dir():
            return candidate
    raise FileNotFoundError("ShopGuard 的资源文件夹（rules/、demo/）找不到，安装可能不完整")


def rules_dir() -> Path:
    return resource_dir() / "rules"


def demo_dir() -> Path:
    return resource_dir() / "demo"
