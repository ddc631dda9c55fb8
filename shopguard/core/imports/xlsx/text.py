"""The text of XML text nodes as calamine gives it: entities, line ends, trimming, _xHHHH_ escapes, rich
text; and the check that a part is UTF-8."""

from __future__ import annotations

import re

from shopguard.core.imports.xlsx.errors import NotStreamable

XML_SPACE = " \t\n\r"
_ENTITY = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));")
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
# calamine decodes the OOXML escape _xHHHH_ only for code points up to U+00FF (checked empirically).
_OOXML_ESCAPE = re.compile(r"_x00([0-9A-Fa-f]{2})_")
_TEXT_ELEMENT = re.compile(rb"<t(\s[^>]*)?(?:/>|>([^<]*)</t>)")
_PHONETIC_RUN = re.compile(rb"<rPh\b[^>]*/>|<rPh\b.*?</rPh>", re.S)


def _character_reference(match: re.Match) -> str:
    decimal, hexadecimal, name = match.groups()
    if name:
        return _NAMED_ENTITIES[name]
    try:
        return chr(int(decimal) if decimal else int(hexadecimal, 16))
    except (ValueError, OverflowError):
        return match.group(0)


def xml_text(raw: bytes, preserve: bool) -> str:
    """The text of an XML text node the way calamine gives it.

    Line ends are normalised as any XML parser does, entities decoded, surrounding XML whitespace trimmed
    unless xml:space="preserve", and then the OOXML escapes (_x000D_) decoded.
    """
    text = raw.decode()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(_character_reference, text)
    if not preserve:
        text = text.strip(XML_SPACE)
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)
    return text


def needs_full_decoding(raw: bytes) -> bool:
    return b"&" in raw or b"_" in raw or b"\r" in raw


def rich_text(markup: bytes) -> str:
    """The text of a shared or inline string: every run's <t> joined, phonetic (<rPh>) runs left out."""
    if b"<!" in markup:
        raise NotStreamable("CDATA or a comment inside a string")
    if b"<rPh" in markup:
        markup = _PHONETIC_RUN.sub(b"", markup)
    return "".join(xml_text(text, b"preserve" in attributes) for attributes, text in _TEXT_ELEMENT.findall(markup))


def has_special_bytes(buffer: bytes, start: int, end: int) -> bool:
    """Whether any text in this block may need more than decode(): entities, CR, or _x escapes."""
    return (
        buffer.find(b"&", start, end) >= 0 or buffer.find(b"_", start, end) >= 0 or buffer.find(b"\r", start, end) >= 0
    )


_DECLARED_ENCODING = re.compile(rb'^\s*<\?xml[^>]*encoding\s*=\s*["\']([\w.:-]+)["\']')


def check_encoding(head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotStreamable("UTF-16 XML")
    declared = _DECLARED_ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise NotStreamable(f"XML in {declared.group(1).decode()}")
