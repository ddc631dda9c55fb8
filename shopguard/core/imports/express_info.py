"""Split the order export's packed 快递信息 column into packages.

Format: `单号-快递公司,商品名称-商品ID,数量;` repeated for each package. Product titles may themselves
contain `-`, `,` and even `;`, so a piece only starts a new package when it begins with a plausible
tracking number followed by `-` and a courier name.
"""

from __future__ import annotations

import re

from shopguard.core.records import Package

_PACKAGE_START = re.compile(r"([A-Za-z0-9]{6,40})-([^,;\-][^,;]*?)(?:,|$)")
# The end of a product entry: `-商品ID,数量`. Product ids are long numbers; titles may end in anything.
_PRODUCT_END = re.compile(r"-(\d{6,25}),\s*\d+\s*$")


def parse_packages(text: str) -> tuple[Package, ...]:
    """Packages in order of appearance, each tracking number once, with the 商品ID of the products packed in
    it. Raises ValueError when none is found."""
    couriers: dict[str, str | None] = {}
    products: dict[str, list[str]] = {}
    current = None
    for piece in text.split(";"):
        piece = piece.strip().lstrip("\t'")
        match = _PACKAGE_START.match(piece)
        if match is not None and not match.group(2).strip().isdigit():
            current = match.group(1).upper()
            couriers.setdefault(current, match.group(2).strip() or None)
            products.setdefault(current, [])
            piece = piece[match.end() :]
        # else: empty, or the tail of a product title that contained ';' (its product id may end it)
        product = _PRODUCT_END.search(piece) if current else None
        if product and product.group(1) not in products[current]:
            products[current].append(product.group(1))
    if not couriers:
        raise ValueError(f"快递信息「{text[:60]}」中找不到物流单号（应为 单号-快递公司,商品,数量;）")
    return tuple(Package(number, courier, tuple(products[number])) for number, courier in couriers.items())
