"""The merchant's settings kept in the store, with their defaults and checks."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import timedelta

from shopguard.core.clock import now
from shopguard.core.rules.packs import RulePack
from shopguard.core.rules.regions import short_province
from shopguard.core.settings import MAIL_PRESETS, MERCHANT_TYPES, PROMISE_TYPES, EngineSettings, MailServer
from shopguard.core.store.database import DEFAULT_BACKUPS_KEPT, Store
from shopguard.core.store.purge import DEFAULT_RETENTION_DAYS, PurgeReport, purge_before


class SettingError(ValueError):
    """A setting value the merchant typed that cannot be used."""


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    label: str
    default: str | None

    def check(self, value: str) -> str:
        value = value.strip()
        if self.key == "merchant" and value not in MERCHANT_TYPES:
            raise SettingError(f"merchant 应为 {' / '.join(MERCHANT_TYPES)}")
        if self.key == "promise" and value not in PROMISE_TYPES:
            raise SettingError(f"promise 应为 {' / '.join(PROMISE_TYPES)}")
        if self.key == "shop_province" and short_province(value) is None:
            raise SettingError(f"「{value}」不是省份名，例如：浙江、广东省、新疆维吾尔自治区")
        if self.key in ("backups_kept", "retention_days") and not (
            value.isdigit() and (int(value) > 0 or self.key == "backups_kept")
        ):
            raise SettingError(f"{self.key} 应为正整数")
        if self.key == "auto_purge" and value not in ("on", "off"):
            raise SettingError("auto_purge 应为 on 或 off")
        if self.key == "pack_answers" and value and not re.fullmatch(r"[\w.-]+=(yes|no)(,[\w.-]+=(yes|no))*", value):
            raise SettingError("pack_answers 应写成 规则包id=yes 或 =no，逗号分隔")
        if self.key == "language" and value not in ("zh_CN", "en", "system"):
            raise SettingError("language 应为 zh_CN、en 或 system")
        if self.key == "mail_preset" and value not in (*MAIL_PRESETS, "custom"):
            raise SettingError(f"mail_preset 应为 {' / '.join((*MAIL_PRESETS, 'custom'))}")
        if self.key == "mail_security" and value not in ("ssl", "starttls", "none"):
            raise SettingError("mail_security 应为 ssl、starttls 或 none（none 只用于本机的邮件服务器）")
        if self.key == "mail_port" and not (value.isdigit() and 0 < int(value) < 65536):
            raise SettingError("mail_port 应为 1–65535 的端口号")
        if self.key == "report_time" and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
            raise SettingError("report_time 应写成 08:30 这样的时刻")
        return value


SETTINGS = {
    spec.key: spec
    for spec in (
        SettingSpec("merchant", "商家类型（domestic 国内 / cross-border 全球购）", "domestic"),
        SettingSpec("promise", "无承诺发货时间时的发货类型（same-day / next-day / 48h）", "same-day"),
        SettingSpec("shop_province", "店铺发货省份（物流中转时限用）", None),
        SettingSpec(
            "backups_kept",
            "自动备份保留几份（每次导入前后各备份一次，只留最新的几份；0 = 不备份）",
            str(DEFAULT_BACKUPS_KEPT),
        ),
        SettingSpec(
            "retention_days", "订单保留天数（shopguard purge 默认删除更早的订单）", str(DEFAULT_RETENTION_DAYS)
        ),
        SettingSpec("auto_purge", "导入时自动删除超过保留天数的订单（on/off，默认关闭）", "off"),
        SettingSpec("disabled_packs", "停用的规则包 id（逗号分隔）", ""),
        SettingSpec(
            "pack_answers", "对规则包提问的回答（规则包id=yes/no，逗号分隔；用 shopguard rules answer 设置）", ""
        ),
        SettingSpec("language", "窗口语言（zh_CN / en / system）", "system"),
        SettingSpec("mail_preset", "发件邮箱（qq / 163 / exmail 腾讯企业邮 / outlook / custom）", "qq"),
        SettingSpec("mail_host", "SMTP 服务器（custom 时填写）", None),
        SettingSpec("mail_port", "SMTP 端口（custom 时填写）", None),
        SettingSpec("mail_security", "加密方式 ssl / starttls（custom 时填写）", None),
        SettingSpec("mail_user", "发件邮箱账号", None),
        SettingSpec("mail_to", "晨报收件人（逗号分隔）", None),
        SettingSpec("report_time", "窗口开着时每天自动发送晨报的时刻（如 08:30；不填则不发）", None),
    )
}


def get_setting(store: Store, key: str) -> str | None:
    return store.setting(key, SETTINGS[key].default)


def set_setting(store: Store, key: str, value: str | None) -> None:
    spec = SETTINGS.get(key)
    if spec is None:
        raise SettingError(f"没有设置项「{key}」；可用：{', '.join(SETTINGS)}")
    store.set_setting(key, None if value is None else spec.check(value))


def engine_settings(store: Store, merchant: str | None = None, promise: str | None = None,
                    shop_province: str | None = None) -> EngineSettings:  # fmt: skip
    """Stored settings, each overridable for one run."""
    return EngineSettings(
        merchant or get_setting(store, "merchant"),
        promise or get_setting(store, "promise"),
        shop_province or get_setting(store, "shop_province"),
    )


def mail_server(store: Store) -> MailServer:
    """The preset's server, or the custom host, port and security from the settings."""
    preset = get_setting(store, "mail_preset")
    if preset in MAIL_PRESETS and not get_setting(store, "mail_host"):
        return MAIL_PRESETS[preset][1]
    host = get_setting(store, "mail_host")
    if not host:
        raise SettingError("请设置 mail_host（SMTP 服务器），或选择 mail_preset")
    return MailServer(host, int(get_setting(store, "mail_port") or 465), get_setting(store, "mail_security") or "ssl")


def mail_recipients(store: Store) -> list[str]:
    return [address.strip() for address in (get_setting(store, "mail_to") or "").split(",") if address.strip()]


def disabled_packs(store: Store) -> set[str]:
    return {pack_id.strip() for pack_id in (get_setting(store, "disabled_packs") or "").split(",") if pack_id.strip()}


def pack_answers(store: Store) -> dict[str, str]:
    """The merchant's answers to the packs' questions (RulePack.question), by pack id."""
    pairs = (item.partition("=") for item in (get_setting(store, "pack_answers") or "").split(","))
    return {pack_id.strip(): answer.strip() for pack_id, _, answer in pairs if pack_id.strip() and answer}


def set_pack_answer(store: Store, pack_id: str, answer: str | None) -> None:
    """Record "yes" / "no" for a pack's question; None takes the answer back (the pack waits again)."""
    answers = pack_answers(store)
    answers.pop(pack_id, None)
    if answer is not None:
        answers[pack_id] = answer
    set_setting(store, "pack_answers", ",".join(f"{key}={value}" for key, value in sorted(answers.items())) or None)


def packs_in_use(store: Store, packs: list[RulePack], keep: tuple[str, ...] = ()) -> list[RulePack]:
    """The packs switched on, each carrying the merchant's answer to its question (if it asks one).

    `keep`: paths of packs given for this run only, used even when switched off."""
    off = disabled_packs(store)
    answers = pack_answers(store)
    return [
        dataclasses.replace(pack, answer=answers[pack.id]) if pack.question and pack.id in answers else pack
        for pack in packs
        if pack.id not in off or pack.path in keep
    ]


def purge_if_chosen(store: Store) -> PurgeReport | None:
    """Apply the retention period, but only when the merchant has switched auto_purge on."""
    if get_setting(store, "auto_purge") != "on":
        return None
    return purge_before(store, now() - timedelta(days=int(get_setting(store, "retention_days"))))
