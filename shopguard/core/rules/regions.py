"""Province names as exports write them (新疆维吾尔自治区, 上海市, ...) reduced to the short names rules use."""

from __future__ import annotations

PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏",
    "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾",
)  # fmt: skip


def short_province(name: str | None) -> str | None:
    """`新疆维吾尔自治区` → `新疆`; None when the name is empty or not a province."""
    if not name:
        return None
    text = name.strip()
    for province in PROVINCES:
        if text.startswith(province):
            return province
    return None
