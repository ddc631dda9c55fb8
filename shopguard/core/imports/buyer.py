"""Buyer details (收件人, 收件人手机号, 详细地址) as exports deliver them: masked, or encrypted.

Current 抖店 exports encrypt these fields: the cell holds ciphertext such as `##Zm9v…##`, `$…$…$1$`,
`#…#…#1##` or a long base64 string instead of a name, a phone number or an address. Such a value means
nothing to the merchant and must never be shown, reported or sent as if it were one: it is stored as HIDDEN,
and a hidden value never replaces a name, phone or address the store already knows (store.merge).
"""

from __future__ import annotations

import re
import sys
from operator import methodcaller

from shopguard.core.imports.cells import parse_label

# Stored in place of an encrypted value. Text that says what it is, so that whatever shows it by mistake
# shows "encrypted", never ciphertext; code that shows buyer details tests is_hidden() first.
HIDDEN = "（已加密）"

# Ciphertext alphabet: base64 (standard and URL-safe) plus the '#'/'$' separators 抖店 wraps it in.
_CIPHERTEXT = re.compile(r"[A-Za-z0-9+/=_\-#$~]+")
_LONG = 24  # a bare base64 string at least this long is no name, phone or address


def looks_encrypted(text: str) -> bool:
    """Ciphertext rather than a (masked) name, phone number or address."""
    if not text.isascii() or _CIPHERTEXT.fullmatch(text) is None:
        return False  # names and addresses are Chinese; masked values carry '*'
    if text[0] in "#$":
        return len(text) >= 8
    return len(text) >= _LONG and not text.isdigit()


def parse_buyer(value: object) -> str:
    """A buyer field: HIDDEN when the export encrypted it, else the text (as parse_label gives it)."""
    if value.__class__ is str and value.isprintable() and (not value.isascii() or "*" in value):
        return sys.intern(value)  # nearly every cell: a Chinese name or address, or a masked one
    text = parse_label(value)  # without control characters
    return HIDDEN if text.isascii() and "*" not in text and looks_encrypted(text) else text


_MASKED = methodcaller("__contains__", "*")


def parse_buyers(texts: list[str]) -> list[str]:
    """[parse_buyer(text) for text in texts], at once when every text is masked (张**, 138****1234, ***)."""
    if all(map(_MASKED, texts)) and all(map(str.isprintable, texts)):
        return list(map(sys.intern, texts))
    return list(map(parse_buyer, texts))


def is_hidden(value: str | None) -> bool:
    return value == HIDDEN
