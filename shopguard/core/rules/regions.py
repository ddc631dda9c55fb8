"""Province names as exports write them (新疆维吾尔自治区, 上海市, ...) reduced to the short names rules use."""

from __future__ import annotations

import re
from dataclasses import dataclass

PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏",
    "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾",
)  # fmt: skip


MUNICIPALITIES = ("北京", "天津", "上海", "重庆")


def short_province(name: str | None) -> str | None:
    """`新疆维吾尔自治区` → `新疆`; None when the name is empty or not a province."""
    if not name:
        return None
    text = name.strip()
    for province in PROVINCES:
        if text.startswith(province):
            return province
    return None


@dataclass(frozen=True, slots=True)
class Place:
    """A place a notice lists: a province, a city in it, a district in that; a notice's bare city name
    (「汕头」) has no province. Names are kept short: 汕头, not 汕头市."""

    province: str | None
    city: str | None = None
    district: str | None = None

    def describe(self) -> str:
        return "/".join(part for part in (self.province, self.city, self.district) if part)


class PlaceError(ValueError):
    """A place the merchant typed that names no province, city or district we can match on (message in Chinese)."""


_SEPARATORS = re.compile(r"[,，、;；\n]+")


def parse_places(text: str) -> tuple[Place, ...]:
    """「河南省/郑州市,广东省/汕头市/潮阳区」 or a notice's list pasted as is (「汕头、揭阳、潮州」).

    Each entry is province/city/district with "/" (or a space) between; an entry that does not start with a
    province is a city (or, ending in 区/县/旗, a district) in whatever province."""
    places = []
    for entry in _SEPARATORS.split(text.replace("／", "/")):
        parts = [part for part in re.split(r"[/\s]+", entry.strip()) if part]
        if not parts:
            continue
        if len(parts) > 3:
            raise PlaceError(f"「{entry.strip()}」层级太多：写成 省/市/区，如 广东省/汕头市/潮阳区")
        province = short_province(parts[0])
        if province is not None:
            rest = parts[1:]
        else:
            rest = parts
            if len(parts) == 3:
                raise PlaceError(f"「{entry.strip()}」的第一级不是省份（写法如 河南省/郑州市）")
        city = short_city(rest[0]) if rest else None
        district = rest[1].strip() if len(rest) > 1 else None
        # 「北京市/朝阳区」: a municipality's second level is a district (exports write 市 = 北京市 for it).
        if len(rest) == 1 and rest[0].endswith(("区", "县", "旗")) and province in MUNICIPALITIES:
            city, district = province, rest[0]
        elif province is None and len(rest) == 1 and rest[0].endswith(("区", "县", "旗")):
            # Many districts share a name (鼓楼区 is in five cities): a bare one could excuse the wrong orders.
            raise PlaceError(f"「{entry.strip()}」是区县：请写上省市，如 福建省/福州市/{rest[0]}（同名区县很多）")
        places.append(Place(province, city, district))
    if not places:
        raise PlaceError("没有填写地区：写成 河南省/郑州市,广东省/汕头市")
    return tuple(dict.fromkeys(places))


def short_city(name: str | None) -> str | None:
    """`汕头市` → `汕头`; None when empty."""
    if not name or not name.strip():
        return None
    return name.strip().removesuffix("市") or None


def place_covers(place: Place, province: str | None, city: str | None, district: str | None) -> bool | None:
    """Whether an address lies in the place: True, False, or None when the address is too vague to tell
    (a city-level notice and an address that names only the province)."""
    if place.province is not None:
        known = short_province(province)
        if known is None:
            return None
        if known != place.province:
            return False
    if place.city is not None:
        known_city = short_city(city)
        if known_city is None:
            return None
        if known_city != place.city:
            return False
    if place.district is not None:
        if not district or not district.strip():
            return None
        if district.strip() != place.district:
            return False
    return True
