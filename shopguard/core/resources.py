"""Find the bundled resources/ folder from a checkout, an installed package or a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    candidates = [
        Path(__file__).resolve().parents[2] / "resources",  # source checkout / editable install
        Path(getattr(sys, "_MEIPASS", "")) / "resources",  # PyInstaller bundle
        Path(sys.prefix) / "share" / "shopguard",  # wheel install (pyproject data-files)
    ]
    for candidate in candidates:
        if (candidate / "rules").is_dir():
            return candidate
    raise FileNotFoundError("ShopGuard 的资源文件夹（rules/、demo/）找不到，安装可能不完整")


def rules_dir() -> Path:
    return resource_dir() / "rules"


def demo_dir() -> Path:
    return resource_dir() / "demo"
