"""Hostile .xlsx files built in a fraction of a second: zip members that unpack to gigabytes.

A deflate stream may be cut into segments that each end with a full flush (byte-aligned, no reference to
earlier data), so one compressed segment of a repeated piece can simply be written N times. The CRC-32 is
computed over the whole unpacked content, so the archive is valid: only its size is hostile.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from tests.core.imports.test_xlsx_stream import MAIN_NS, write_parts


@dataclass
class Repeated:
    """head + piece * count + tail, without ever holding it."""

    head: bytes
    piece: bytes
    count: int
    tail: bytes

    @property
    def size(self) -> int:
        return len(self.head) + len(self.piece) * self.count + len(self.tail)

    def crc(self) -> int:
        crc = zlib.crc32(self.head)
        for _ in range(self.count):
            crc = zlib.crc32(self.piece, crc)
        return zlib.crc32(self.tail, crc)

    def deflated(self) -> bytes:
        piece = _segment(self.piece)
        return _segment(self.head) + piece * self.count + _segment(self.tail) + b"\x03\x00"  # an empty final block


def _segment(data: bytes) -> bytes:
    compressor = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def write_zip(path: Path, parts: dict[str, bytes | Repeated], declared_sizes: dict[str, int] | None = None) -> Path:
    """A zip archive (no zip64: every member below 4 GB); `declared_sizes` lets a member lie about its size."""
    local, central = bytearray(), bytearray()
    for name, content in parts.items():
        if isinstance(content, Repeated):
            data, crc, size = content.deflated(), content.crc(), content.size
        else:
            data, crc, size = _segment(content) + b"\x03\x00", zlib.crc32(content), len(content)
        size = (declared_sizes or {}).get(name, size)
        encoded = name.encode()
        fields = (20, 0, zipfile.ZIP_DEFLATED, 0, 0x21, crc, len(data), size, len(encoded))
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, len(local))
        central += encoded
        local += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *fields, 0) + encoded + data
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def bomb_workbook(
    path: Path, replace: dict[str, bytes | Repeated], declared_sizes: dict[str, int] | None = None, **options
) -> Path:
    """A one-sheet workbook (sheet "S", as write_parts makes it, with `options`) with some parts replaced."""
    write_parts(path, [("S", "")], **options)
    with zipfile.ZipFile(path) as archive:
        parts: dict[str, bytes | Repeated] = {name: archive.read(name) for name in archive.namelist()}
    parts.update(replace)
    return write_zip(path, parts, declared_sizes)


def worksheet(body: bytes | Repeated, prefix: str = "") -> bytes | Repeated:
    """A worksheet part around `body` (its <sheetData> content); `prefix` such as "x:" for calamine-only XML."""
    name = prefix.rstrip(":")
    namespace = f"xmlns:{name}" if name else "xmlns"
    head = f'<?xml version="1.0" encoding="UTF-8"?><{prefix}worksheet {namespace}="{MAIN_NS}"><{prefix}sheetData>'
    tail = f"</{prefix}sheetData></{prefix}worksheet>".encode()
    if isinstance(body, Repeated):
        return Repeated(head.encode() + body.head, body.piece, body.count, body.tail + tail)
    return head.encode() + body + tail
