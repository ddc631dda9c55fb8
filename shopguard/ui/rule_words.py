"""Rules as a shop owner reads and writes them: limits in days when they are whole days (10 天, not 240 小时),
pack ids made up by ShopGuard instead of asked for, and a regional rule that can never apply to this shop."""

from __future__ import annotations

import re
from collections.abc import Iterable

from shopguard.core.rules.regions import short_province

# The clocks whose region is the shop's (the others count where the buyer is), as rules.book._in_regions.
SHOP_SIDE_CLOCKS = ("ship", "pickup")


def free_id(wanted: str, taken: Iterable[str]) -> str:
    """`wanted` made a valid pack id (letters, digits, -) and not yet taken: wanted, wanted-2, wanted-3, ..."""
    base = re.sub(r"[^A-Za-z0-9-]+", "-", wanted).strip("-").lower() or "promo"
    taken = set(taken)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def copy_id(pack_id: str, year: int, taken: Iterable[str]) -> str:
    """The id of a pack copied to `year`: its year replaced (double11-2023 → double11-2024), else added."""
    replaced, count = re.subn(r"(19|20)\d\d", str(year), pack_id, count=1)
    return free_id(replaced if count else f"{pack_id}-{year}", taken)


def never_applies(rules: list[dict], shop_province: str | None) -> list[str]:
    """Rules of the form (pack_editor.fields) limited to regions where this shop can never meet them: a shop-side
    clock (ship, pickup) in provinces other than the one the shop ships from. Unknown province: said too."""
    problems = []
    home = short_province(shop_province)
    for number, rule in enumerate(rules, 1):
        if rule["clock"] not in SHOP_SIDE_CLOCKS or not rule["regions"]:
            continue
        places = {short_province(region.split("/")[0]) for region in rule["regions"]}
        where = "、".join(rule["regions"])
        if home is None:
            problems.append(
                f"第 {number} 条规则只对从 {where} 发货的店铺生效，但还没设置你的发货省份，所以它现在不会生效。"
                "请在设置里填上发货省份。"
            )
        elif home not in places:
            problems.append(
                f"第 {number} 条规则只对从 {where} 发货的店铺生效，你的店铺从{home}发货，这条规则永远不会用到你的订单。"
            )
    return problems
