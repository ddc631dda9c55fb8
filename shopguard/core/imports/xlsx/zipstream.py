"""Reading a zip member in large chunks, CRC-checked, optionally inflated by a background thread; and cutting
the XML into blocks that end where a row (or shared string) begins. A member larger than its limit is refused
before it is unpacked, and so is one row (or string) larger than imports.limits.ROW_BYTES."""

from __future__ import annotations

import queue
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from shopguard.core.imports import limits
from shopguard.core.imports.xlsx.errors import DamagedWorkbook, NotStreamable, TooLarge

CHUNK_SIZE = 4 << 20  # most decompressed bytes per inflate call
QUEUE_DEPTH = 2  # chunks the decompression thread may run ahead of the parser
BLOCK_SIZE = 1 << 19  # bytes of XML per regex pass: about 1,000 rows of a 34-column export
BACKGROUND_DECOMPRESSION = True
_COMPRESSED_READ = 1 << 20

ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
)


@contextmanager
def decompressed_part(path: Path, part: str, limit: int, label: str) -> Iterator[Iterator[bytes]]:
    """The decompressed chunks of a zip member; with BACKGROUND_DECOMPRESSION, inflated by a thread.

    Raises TooLarge, before anything is unpacked, when the member declares more than `limit` bytes (`label`
    names it for the merchant: 「工作表「订单」」).
    """
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    check_part_size(info, limit, label)
    with open(path, "rb") as handle:
        chunks = _inflated(handle, info)
        if BACKGROUND_DECOMPRESSION:
            chunks = _in_background(chunks)
        try:
            yield chunks
        finally:
            chunks.close()


def check_part_size(info: zipfile.ZipInfo, limit: int, label: str) -> None:
    if info.file_size > limit:
        raise TooLarge(
            f"{label}解压后有 {limits.megabytes(info.file_size)}，超过 {limits.megabytes(limit)} 的上限，"
            "远大于正常的导出文件，没有读取。请确认文件是从抖店下载的原文件；数据确实这么多时，请分成几个文件导出后再导入"
        )


def _inflated(handle, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A stored or deflated member's bytes in chunks of up to CHUNK_SIZE, checked against its CRC-32.

    zipfile's own reader would do, but it hands out small pieces and we want few, large ones (see
    _in_background). Unpacking stops as soon as the member gives more than the size it declares, which
    decompressed_part has checked against its limit: a zip bomb cannot hide behind a small declared size.
    """
    if info.flag_bits & 0x1:
        raise NotStreamable("encrypted zip member")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise NotStreamable(f"zip compression method {info.compress_type}")
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local file header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
    remaining = info.compress_size
    pending = b""
    checksum = 0
    unpacked = 0
    while True:
        if not pending:
            if remaining <= 0:
                break
            pending = handle.read(min(_COMPRESSED_READ, remaining))
            if not pending:
                raise EOFError("zip member is truncated")
            remaining -= len(pending)
        if inflater is None:
            chunk, pending = pending, b""
        else:
            chunk = inflater.decompress(pending, CHUNK_SIZE)
            pending = inflater.unconsumed_tail
        if chunk:
            unpacked += len(chunk)
            if unpacked > info.file_size:
                raise zipfile.BadZipFile(f"{info.filename} is larger than its declared size")
            checksum = zlib.crc32(chunk, checksum)
            yield chunk
    if inflater is not None:
        chunk = inflater.flush()
        if not inflater.eof:
            raise EOFError("deflate stream is truncated")
        if unpacked + len(chunk) > info.file_size:
            raise zipfile.BadZipFile(f"{info.filename} is larger than its declared size")
        if chunk:
            checksum = zlib.crc32(chunk, checksum)
            yield chunk
    if checksum != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for {info.filename}")


def _in_background(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The same chunks, produced by a thread a few chunks ahead, so that inflating overlaps parsing.

    zlib releases the GIL while it inflates, but takes it back each time its output buffer grows; the
    reading side therefore gives the GIL away between blocks (see StreamedSheet.rows).
    """
    pipe: queue.Queue = queue.Queue(maxsize=QUEUE_DEPTH)
    stop = threading.Event()
    worker = threading.Thread(target=_pump, args=(chunks, pipe, stop), name="xlsx-inflate", daemon=True)
    worker.start()
    try:
        while True:
            item = pipe.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        _drain(pipe)  # a worker blocked on a full queue sees `stop` once there is room
        worker.join()


def _pump(chunks: Iterator[bytes], pipe: queue.Queue, stop: threading.Event) -> None:
    try:
        for chunk in chunks:
            if not _offer(pipe, chunk, stop):
                return
        _offer(pipe, None, stop)
    except Exception as error:  # handed to the reading thread, which raises it
        _offer(pipe, error, stop)
    finally:
        chunks.close()


def _offer(pipe: queue.Queue, item, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            pipe.put(item, timeout=0.05)
            return True
        except queue.Full:
            pass
    return False


def _drain(pipe: queue.Queue) -> None:
    try:
        while True:
            pipe.get_nowait()
    except queue.Empty:
        pass


def xml_blocks(
    chunks: Iterator[bytes],
    item_start: bytes,
    item_end: bytes,
    closing_tag: bytes,
    buffer: bytes = b"",
    start: int = 0,
    too_large: Callable[[bytes], str] = lambda item: "其中一项",
) -> Iterator[tuple[bytes, int, int]]:
    """(buffer, start, end): consecutive slices of about BLOCK_SIZE of the content, up to `closing_tag`.

    Items are rows (<row ...</row>) or shared strings (<si>...</si>); a slice always ends where an item
    begins, so it never splits a cell. A part that ends before `closing_tag` is damaged. An item longer than
    limits.ROW_BYTES raises TooLarge (`too_large(the item's first bytes)` names it for the merchant) rather
    than being buffered: a 1 GB row would otherwise be copied again for every chunk that adds to it.
    """
    while True:
        # The closing tag follows the last item, so only the buffer's tail needs searching for it.
        last_item_end = buffer.rfind(item_end, start)
        end_tag = buffer.find(closing_tag, last_item_end if last_item_end >= 0 else start)
        limit = end_tag if end_tag >= 0 else buffer.rfind(item_start, start)
        while limit > start:
            cut = _block_end(buffer, start, limit, item_start)
            yield buffer, start, cut
            start = cut
        if end_tag >= 0:
            return
        chunk = next(chunks, None)
        if chunk is None:
            raise DamagedWorkbook(f"XML ends before {closing_tag.decode()}")
        joint = chunk.find(item_start)
        if joint < 0:  # an item longer than a chunk
            if len(buffer) - start + len(chunk) > limits.ROW_BYTES:
                raise TooLarge(
                    f"{too_large(buffer[start : start + 200])}超过 {limits.megabytes(limits.ROW_BYTES)}"
                    "（正常的导出每行只有几 KB），文件已损坏或不是正常的导出文件，没有读取。"
                    "请重新从抖店下载原文件再导入"
                )
            buffer, start = buffer[start:] + chunk, 0
            continue
        # The item cut in two by the chunk boundary goes out on its own, so the chunk itself is not copied.
        straddling = buffer[start:] + chunk[:joint]
        end_tag = straddling.find(closing_tag)
        if end_tag >= 0:
            yield straddling, 0, end_tag
            return
        if straddling:
            yield straddling, 0, len(straddling)
        buffer, start = chunk, joint


def _block_end(buffer: bytes, start: int, limit: int, item_start: bytes) -> int:
    if limit - start <= BLOCK_SIZE:
        return limit
    cut = buffer.rfind(item_start, start + 1, start + BLOCK_SIZE)
    if cut > start:
        return cut
    cut = buffer.find(item_start, start + BLOCK_SIZE, limit)  # one item longer than a block
    return cut if cut > start else limit
