"""The merchant's settings the engine needs. (Persisted settings arrive with the store.)"""

from __future__ import annotations

from dataclasses import dataclass

MERCHANT_TYPES = ("domestic", "cross-border")
PROMISE_TYPES = ("same-day", "next-day", "48h")


@dataclass(frozen=True, slots=True)
class EngineSettings:
    merchant: str = "domestic"
    # Ship-by type for orders whose export lacks 承诺发货时间. Until the merchant says otherwise, assume
    # the strictest common promise: warning a day early costs nothing, a day late costs a penalty.
    promise: str = "same-day"
    # Where the shop ships from; transit stall limits depend on it. Unknown: assume the shortest limit.
    shop_province: str | None = None
