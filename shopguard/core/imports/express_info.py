"""Split the order export's packed 快递信息 column into packages.

Format: `单号-快递公司,商品名称-商品ID,数量;` repeated for each package. Product titles may themselves
contain `-`, `,` and even `;`, so a piece only starts a new package when it begins with a plausible
tracking number followed by `-` and a courier name.
"""

from __future__ import annotations

import functools
import re
import sys

from shopguard.core.records import Package

# A piece that starts a package: `单号-快递公司,` and, when the piece ends in it, the product's `-商品ID,数量`.
_PACKAGE_START = re.compile(r"([A-Za-z0-9]{6,40})-([^,;\-][^,;]*?)(?:,|$)(?:.*-(\d{6,25}),\s*\d+\s*$)?", re.S)
# The end of a product entry, in the tail of a title that contained ';'.
_PRODUCT_END = re.compile(r".*-(\d{6,25}),\s*\d+\s*$", re.S)


def parse_packages(text: str) -> tuple[Package, ...]:
    """Packages in order of appearance, each tracking number once, with the 商品ID of the products packed in
    it. Raises ValueError when none is found."""
    head, _, rest = text.partition(";")
    if not _unpadded(rest):  # one piece (nothing but padding after its ';'): nearly every row
        start = _package_start(_unpadded(head))
        if start is None:
            raise ValueError(_no_package(text))
        number, courier, product = start
        return (Package(number, courier, _shared(() if product is None else (product,))),)
    return _packages_of_pieces(text)


def _packages_of_pieces(text: str) -> tuple[Package, ...]:
    """parse_packages of any text, piece by piece."""
    found: dict[str, tuple[str | None, list[str]]] = {}
    products: list[str] | None = None
    for piece in text.split(";"):
        piece = _unpadded(piece)
        if not piece:
            continue  # the end of the text (it ends in ';'): neither a package nor a product
        start = _package_start(piece)
        if start is not None:
            number, courier, product = start
            products = found.setdefault(number, (courier, []))[1]
        elif products is not None:  # the tail of a product title that contained ';' (or nothing)
            match = _PRODUCT_END.match(piece)
            if match is None:
                continue
            product = sys.intern(match.group(1))  # one copy per product across the whole export
        else:
            continue
        if product is not None and product not in products:
            products.append(product)
    if not found:
        raise ValueError(_no_package(text))
    if len(found) == 1:  # nearly every row: one parcel
        [(number, (courier, ids))] = found.items()
        return (Package(number, courier, _shared(tuple(ids))),)
    return tuple(Package(number, courier, _shared(tuple(ids))) for number, (courier, ids) in found.items())


def _unpadded(piece: str) -> str:
    return piece.strip().lstrip("\t'")


def _package_start(piece: str) -> tuple[str, str | None, str | None] | None:
    """(tracking number, courier, the 商品ID it ends in) when the piece starts a package, else None."""
    match = _PACKAGE_START.match(piece)
    if match is None:
        return None
    # One copy per courier name: a handful of couriers carry every parcel of an export (11 MB at 200,000).
    courier = sys.intern(match.group(2).strip())
    if courier.isdigit():
        return None
    product = None if match.lastindex == 2 else sys.intern(match.group(3))  # one copy per product, as couriers
    return match.group(1).upper(), courier or None, product


def _no_package(text: str) -> str:
    return f"快递信息「{text[:60]}」中找不到物流单号（应为 单号-快递公司,商品,数量;）"


@functools.lru_cache(maxsize=1 << 16)
def _shared(product_ids: tuple[str, ...]) -> tuple[str, ...]:
    """One copy of each product list: most parcels of an export hold one of a few hundred products."""
    return product_ids
