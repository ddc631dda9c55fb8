"""Names the window shows for the core's clock kinds, statuses and buckets, through Qt's translations."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shopguard.core.triage.buckets import span_parts

KIND_SOURCES = {
    "ship": QT_TRANSLATE_NOOP("labels", "Ship"),
    "pickup": QT_TRANSLATE_NOOP("labels", "Pickup"),
    "first_sort": QT_TRANSLATE_NOOP("labels", "Sorting"),
    "transit": QT_TRANSLATE_NOOP("labels", "Transit"),
    "return_refund": QT_TRANSLATE_NOOP("labels", "Refund"),
    "exchange": QT_TRANSLATE_NOOP("labels", "Exchange"),
    "return_receipt": QT_TRANSLATE_NOOP("labels", "Return not received"),
}
STATUS_SOURCES = {
    "overdue": QT_TRANSLATE_NOOP("labels", "Overdue"),
    "pending": QT_TRANSLATE_NOOP("labels", "Pending"),
    "missed": QT_TRANSLATE_NOOP("labels", "Done late"),
    "met": QT_TRANSLATE_NOOP("labels", "Done on time"),
    "exempt": QT_TRANSLATE_NOOP("labels", "Exempt"),
    "unknown": QT_TRANSLATE_NOOP("labels", "Needs checking"),
}
BUCKET_SOURCES = {
    "": QT_TRANSLATE_NOOP("labels", "All"),
    "overdue": QT_TRANSLATE_NOOP("labels", "Overdue"),
    "check": QT_TRANSLATE_NOOP("labels", "Needs checking"),
    "within_6h": QT_TRANSLATE_NOOP("labels", "Within 6 h"),
    "within_24h": QT_TRANSLATE_NOOP("labels", "Within 24 h"),
    "later": QT_TRANSLATE_NOOP("labels", "Later"),
    "handled": QT_TRANSLATE_NOOP("labels", "Handled"),
    "closed": QT_TRANSLATE_NOOP("labels", "Done / exempt"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def kind_label(kind: str) -> str:
    return _tr(KIND_SOURCES[kind])


def status_label(status: str) -> str:
    return _tr(STATUS_SOURCES[status])


def bucket_label(bucket: str) -> str:
    return _tr(BUCKET_SOURCES[bucket])


def span_text(seconds: int) -> str:
    """`2天3小时` / `2 d 3 h`: the two largest units of a countdown (see core.buckets.describe_span)."""
    days, hours, minutes = span_parts(seconds)
    translate = QCoreApplication.translate
    if days and hours:
        return translate("labels", "{days} d {hours} h").format(days=days, hours=hours)
    if days:
        return translate("labels", "{days} d").format(days=days)
    if hours and minutes:
        return translate("labels", "{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    if hours:
        return translate("labels", "{hours} h").format(hours=hours)
    if minutes:
        return translate("labels", "{minutes} min").format(minutes=minutes)
    return translate("labels", "under 1 min")


def countdown(left_seconds: int) -> str:
    if left_seconds < 0:
        return QCoreApplication.translate("labels", "Overdue {span}").format(span=span_text(left_seconds))
    return QCoreApplication.translate("labels", "{span} left").format(span=span_text(left_seconds))


def yuan(amount) -> str:
    """¥8,000.00: an amount as the window writes money everywhere, with thousands separators ("8000.00" in the
    store and the JSON stays as it is)."""
    return f"¥{Decimal(amount):,}"


def yuan_short(amount) -> str:
    """Money where room is short (the side list): as yuan() below ¥100,000, then in 万 with one decimal
    (¥436.7万), as merchants speak of large sums; the exact amount goes in the tooltip."""
    value = Decimal(amount)
    if abs(value) < 100_000:
        return yuan(value)
    return f"¥{(value / 10_000).quantize(Decimal('0.1'), ROUND_HALF_UP):,}万"
