"""ShopGuard: deadline triage for 抖店 shops."""

__version__ = "0.1.0"
