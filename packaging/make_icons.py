"""Render the app icon from resources/icons/shopguard.svg: PNG sizes, Windows .ico, macOS .icns.

    python packaging/make_icons.py

Uses Qt (already a dependency) to draw the SVG and to write .ico and .icns.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "shopguard.svg"))
    if not renderer.isValid():
        print("shopguard.svg could not be read", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in SIZES}
    for size, image in images.items():
        image.save(str(ICONS / f"shopguard-{size}.png"))
    images[256].save(str(ICONS / "shopguard.ico"))
    images[512].save(str(ICONS / "shopguard.icns"))
    del app
    print(f"wrote {len(SIZES)} PNG sizes, shopguard.ico and shopguard.icns into {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
