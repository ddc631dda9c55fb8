"""What the merchant can set, and the values a setting may take. (store/preferences keeps them.)"""

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


@dataclass(frozen=True, slots=True)
class MailServer:
    host: str
    port: int
    security: str  # "ssl", "starttls", or "none" (only for a server on this computer)


# The mail providers the merchant picks from (setting mail_preset), with their SMTP servers.
MAIL_PRESETS = {
    "qq": ("QQ邮箱", MailServer("smtp.qq.com", 465, "ssl")),
    "163": ("163 邮箱", MailServer("smtp.163.com", 465, "ssl")),
    "exmail": ("腾讯企业邮", MailServer("smtp.exmail.qq.com", 465, "ssl")),
    "outlook": ("Outlook.com", MailServer("smtp-mail.outlook.com", 587, "starttls")),
}
