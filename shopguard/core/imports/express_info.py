"""Split the order export's packed 快递信息 column into packages.

Format: `单号-快递公司,商品名称-商品ID,数量;` repeated for each package. Product titles may themselves
contain `-`, `,` and even `;`, so a piece only starts a new package when it begins with a plausible
tracking number followed by `-` and a courier name.
"""

from __future__ import annotations

import re

from shopguard.core.records import Package

_PACKAGE_START = re.compile(r"([A-Za-z0-9]{6,40})-([^,;\-][^,;]*?)(?:,|$)")


def parse_packages(text: str) -> tuple[Package, ...]:
    """Packages in order of appearance, each tracking number once. Raises ValueError when none is found."""
    packages: dict[str, Package] = {}
    for piece in text.split(";"):
        piece = piece.strip().lstrip("\t'")
        match = _PACKAGE_START.match(piece)
        if match is None or match.group(2).strip().isdigit():
            continue  # empty, or the tail of a product title that contained ';'
        tracking_no = match.group(1).upper()
        packages.setdefault(tracking_no, Package(tracking_no, match.group(2).strip() or None))
    if not packages:
        raise ValueError(f"快递信息「{text[:60]}」中找不到物流单号（应为 单号-快递公司,商品,数量;）")
    return tuple(packages.values())
