"""Stream the rows of .xlsx/.xlsm worksheets straight out of the zip, without loading a sheet into memory.

python-calamine parses a whole worksheet before it returns the first row: on a 200,000-row order export that
is 700 MB and 5 seconds. Here the worksheet XML is inflated in chunks (by a background thread: zlib releases
the GIL) and the cells are picked out of the raw bytes with regular expressions. Once the caller knows which
columns it needs (`StreamedSheet.keep_only`), the cell pattern names only those column letters, so the C
regex engine steps over every other cell without creating a Python object for it.

A row comes out as (its number in the sheet, its values by column position, A = 0), with "" for the cells
between and up to the last one read; rows without any cell (read) do not come out at all. The values are
those python-calamine 0.9.1 gives (tests/core/test_xlsx_stream.py compares the two), except that an error
cell gives its text ('#N/A') where calamine gives '', and that a value calamine refuses outright (a
non-numeric t="n" cell, an unknown error code, an unknown entity) comes out as its text instead of making
the whole sheet unreadable. Positions are absolute even when column A is empty, where calamine's rows start
at the first used column.

What this reader does not parse with confidence (namespace-prefixed elements, cells without an r attribute,
non-UTF-8 parts, CDATA or comments inside a cell) raises NotStreamable, before the first row of the sheet
when it shows there, so that the caller can read the sheet with calamine instead.
"""

from __future__ import annotations

import math
import posixpath
import queue
import re
import struct
import threading
import time as clock
import xml.etree.ElementTree as ElementTree
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path

CHUNK_SIZE = 4 << 20  # most decompressed bytes per inflate call
QUEUE_DEPTH = 2  # chunks the decompression thread may run ahead of the parser
BLOCK_SIZE = 1 << 19  # bytes of XML per regex pass: about 1,000 rows of a 34-column export
BACKGROUND_DECOMPRESSION = True
_COMPRESSED_READ = 1 << 20
_SHEET_HEAD_LIMIT = 64 << 20  # bytes before <sheetData> that we are willing to hold while looking for it


class NotStreamable(Exception):
    """The workbook uses XML this reader does not parse; read it with calamine instead."""


class DamagedWorkbook(Exception):
    """The zip archive or the XML in it is damaged; the message names the underlying error."""


# --- column letters --------------------------------------------------------------------------------------


def column_letters(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: bytes | str) -> int:
    """b'A' -> 0, b'AA' -> 26."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


class _EveryColumn(dict):
    """Column letters -> index for any column, computed once per letters."""

    def __missing__(self, letters: bytes) -> int:
        index = self[letters] = column_index(letters)
        return index


# --- text ------------------------------------------------------------------------------------------------

_XML_SPACE = " \t\n\r"
_ENTITY = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));")
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
# calamine decodes the OOXML escape _xHHHH_ only for code points up to U+00FF (checked empirically).
_OOXML_ESCAPE = re.compile(r"_x00([0-9A-Fa-f]{2})_")
_TEXT_ELEMENT = re.compile(rb"<t(\s[^>]*)?(?:/>|>([^<]*)</t>)")
_PHONETIC_RUN = re.compile(rb"<rPh\b[^>]*/>|<rPh\b.*?</rPh>", re.S)
_VALUE_ELEMENT = re.compile(rb"<v(?:\s[^>]*)?(?:/>|>([^<]*)</v>)")
_INLINE_ELEMENT = re.compile(rb"<is(?:\s[^>]*)?(?:/>|>(.*?)</is>)", re.S)


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
        text = text.strip(_XML_SPACE)
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)
    return text


def _needs_full_decoding(raw: bytes) -> bool:
    return b"&" in raw or b"_" in raw or b"\r" in raw


def _rich_text(markup: bytes) -> str:
    """The text of a shared or inline string: every run's <t> joined, phonetic (<rPh>) runs left out."""
    if b"<!" in markup:
        raise NotStreamable("CDATA or a comment inside a string")
    if b"<rPh" in markup:
        markup = _PHONETIC_RUN.sub(b"", markup)
    return "".join(xml_text(text, b"preserve" in attributes) for attributes, text in _TEXT_ELEMENT.findall(markup))


# --- number formats --------------------------------------------------------------------------------------

PLAIN, MOMENT, DURATION = 0, 1, 2
_BUILTIN_MOMENT_FORMATS = frozenset([*range(14, 23), *range(27, 37), 45, 47, *range(50, 59)])
_BUILTIN_DURATION_FORMATS = frozenset([46])


def format_kind(code: str) -> int:
    """PLAIN, MOMENT or DURATION for a custom number format code, judged as calamine does.

    Only the first section counts. Quoted text, the character after \\ _ or *, and [..] brackets (colours,
    conditions, locales) are not format tokens, except that a bracket holding only h, m or s ([h], [mm])
    makes an elapsed-time format. An 'a' starts AM/PM, after which only p, m or / count.
    """
    escaped = quoted = am_pm = elapsed = False
    depth = 0
    previous = " "
    for char in code:
        if escaped:
            escaped = False
        elif char in "_\\*":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == ";":
            return PLAIN
        elif char == "[":
            depth += 1
        elif char == "]":
            if depth == 1 and elapsed:
                return DURATION
            depth = max(depth - 1, 0)
        elif depth == 0 and not am_pm and char in "aA":
            am_pm = True
        elif depth == 0 and am_pm and char in "pmPM/":
            return MOMENT
        elif depth == 0 and not am_pm and char in "dmhysDMHYS":
            return MOMENT
        elif not (elapsed and char.isascii() and char.lower() == previous.lower()):
            elapsed = previous == "[" and char in "hmsHMS"
        previous = char
    return PLAIN


def _builtin_format_kind(format_id: int) -> int:
    if format_id in _BUILTIN_MOMENT_FORMATS:
        return MOMENT
    return DURATION if format_id in _BUILTIN_DURATION_FORMATS else PLAIN


# --- cell values -----------------------------------------------------------------------------------------

_MS_PER_DAY = 86_400_000
_EXCEL_EPOCH = datetime(1899, 12, 30)
_DAYS_1900_TO_1904 = 1462.0
_ISO_MOMENT = re.compile(rb"(\d{4})-(\d\d?)-(\d\d?)T(\d\d?):(\d\d?):(\d\d?)(?:\.(\d+))?")
_ISO_DATE = re.compile(rb"(\d{4})-(\d\d?)-(\d\d?)")
_ISO_TIME = re.compile(rb"(\d\d?):(\d\d?)(?::(\d\d?)(?:\.(\d+))?)?")


def _number(raw: bytes) -> float | str:
    """A <v> number as calamine reads it (Rust's float syntax); anything else stays text."""
    try:
        value = float(raw)
    except ValueError:
        return xml_text(raw, True)
    # Python's float() also accepts surrounding whitespace and digit-group underscores; Rust does not.
    if b"_" in raw or raw[:1].isspace() or raw[-1:].isspace():
        return xml_text(raw, True)
    return value


def _milliseconds(days: float) -> int:
    """days as whole milliseconds, halves rounded away from zero (Rust's f64::round)."""
    scaled = abs(days * _MS_PER_DAY)
    whole = math.floor(scaled)
    if scaled - whole >= 0.5:
        whole += 1
    return whole if days >= 0 else -whole


def excel_moment(serial: float, date1904: bool) -> datetime | date | time | float:
    """A date-formatted number as python-calamine gives it: a time below 1, a date for a whole number,
    else a datetime (even one that rounds to midnight); a number when the moment is out of range.

    The arithmetic is calamine's, float for float: 1904 serials are moved to the 1900 system by adding
    1462 days, and serials before Excel's phantom 1900-02-29 count one day later.
    """
    if not math.isfinite(serial):
        return serial
    days = serial + _DAYS_1900_TO_1904 if date1904 else serial
    if days < 60:
        days += 1.0
    milliseconds = _milliseconds(days)
    if serial < 1:
        seconds, remainder = divmod(milliseconds % _MS_PER_DAY, 1000)
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60, remainder * 1000)
    try:
        moment = _EXCEL_EPOCH + timedelta(milliseconds=milliseconds)
    except OverflowError:
        return serial
    return moment.date() if serial == int(serial) else moment


def excel_duration(serial: float) -> timedelta | float:
    if not math.isfinite(serial):
        return serial
    try:
        return timedelta(milliseconds=_milliseconds(serial))
    except OverflowError:
        return serial


def _moment_cell(date1904: bool) -> Callable[[bytes], object]:
    def convert(raw: bytes) -> object:
        value = _number(raw)
        return excel_moment(value, date1904) if value.__class__ is float else value

    return convert


def _duration_cell(raw: bytes) -> object:
    value = _number(raw)
    return excel_duration(value) if value.__class__ is float else value


def _boolean_cell(raw: bytes) -> bool | str:
    if raw == b"1" or raw == b"true":
        return True
    if raw == b"0" or raw == b"false":
        return False
    return xml_text(raw, True)


def _text_cell(raw: bytes) -> str:
    """t="str" (a formula's text result) and t="e" (an error such as #N/A): the text, not trimmed."""
    return xml_text(raw, True)


def _ignored_value(raw: bytes) -> str:
    """t="inlineStr" keeps its text in <is>; calamine ignores a <v> there."""
    return ""


def _iso_cell(raw: bytes) -> object:
    """t="d": ISO 8601 text. Unparseable or out-of-range text stays text, as in calamine."""
    try:
        if match := _ISO_MOMENT.fullmatch(raw):
            *fields, fraction = match.groups()
            microseconds = int((fraction or b"0")[:6].ljust(6, b"0"))
            return datetime(*map(int, fields), microseconds)
        if match := _ISO_DATE.fullmatch(raw):
            return date(*map(int, match.groups()))
        if match := _ISO_TIME.fullmatch(raw):
            hours, minutes, seconds, fraction = match.groups()
            microseconds = int((fraction or b"0")[:6].ljust(6, b"0"))
            return time(int(hours), int(minutes), int(seconds or 0), microseconds)
    except ValueError:
        pass
    return xml_text(raw, True)


# --- the workbook ----------------------------------------------------------------------------------------

_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
)


class StreamingWorkbook:
    """The sheet list, styles and shared strings of an .xlsx/.xlsm; the sheets are streamed on demand."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            with zipfile.ZipFile(self.path) as archive:
                self._read_metadata(archive)
        except (ElementTree.ParseError, UnicodeDecodeError, KeyError, ValueError, *_ZIP_ERRORS) as error:
            raise DamagedWorkbook(f"{type(error).__name__}: {error}") from error

    @property
    def sheet_names(self) -> list[str]:
        return [name for name, _, _ in self._sheets]

    def sheet(self, name: str) -> StreamedSheet:
        for sheet_name, part, kind in self._sheets:
            if sheet_name == name:
                return StreamedSheet(self, name, part, kind)
        raise KeyError(name)

    def cell_kind(self, attributes: bytes) -> Callable[[bytes], object]:
        """The converter for a cell's <v>, from its attributes other than r (t="s", s="3", ...)."""
        found = dict(_ATTRIBUTE.findall(attributes))
        cell_type = found.get(b"t", b"n")
        if cell_type == b"n":
            style = int(found.get(b"s", 0))
            kind = self._style_kinds[style] if style < len(self._style_kinds) else PLAIN
            if kind == MOMENT:
                return _moment_cell(self.date1904)
            return _duration_cell if kind == DURATION else _number
        converter = self._type_converters.get(cell_type)
        if converter is None:
            raise NotStreamable(f"unknown cell type t={cell_type!r}")
        return converter

    def _read_metadata(self, archive: zipfile.ZipFile) -> None:
        self._names = {name.lower(): name for name in archive.namelist()}
        workbook_part = self._office_document(archive)
        workbook = _parse_xml(archive.read(workbook_part))
        relationships = self._relationships(archive, workbook_part)
        self.date1904 = any(
            _local(element.tag) == "workbookPr" and element.get("date1904", "").lower() in ("1", "true")
            for element in workbook.iter()
        )
        self._sheets = []
        for element in workbook.iter():
            if _local(element.tag) != "sheet":
                continue
            relationship_id = next((value for key, value in element.attrib.items() if _local(key) == "id"), None)
            if relationship_id not in relationships:
                raise NotStreamable(f"sheet {element.get('name')!r} has no part")
            kind, part = relationships[relationship_id]
            self._sheets.append((element.get("name", ""), part, kind))
        by_kind = {kind: part for kind, part in relationships.values()}
        self._style_kinds = self._read_styles(archive, by_kind.get("styles"))
        strings = self._read_shared_strings(by_kind.get("sharedStrings"))

        def shared_string(raw: bytes) -> str:
            index = int(raw)
            if index < 0:
                raise IndexError(f"shared string {index}")
            return strings[index]

        self._type_converters = {
            b"s": shared_string,
            b"str": _text_cell,
            b"e": _text_cell,
            b"b": _boolean_cell,
            b"inlineStr": _ignored_value,
            b"d": _iso_cell,
        }

    def _part(self, name: str) -> str:
        """The zip entry for a part name; writers disagree on case, zip readers (and Excel) do not care."""
        return self._names.get(name.lower(), name)

    def _office_document(self, archive: zipfile.ZipFile) -> str:
        try:
            package = self._relationships(archive, "")
        except KeyError:
            return self._part("xl/workbook.xml")
        for kind, part in package.values():
            if kind == "officeDocument":
                return part
        return self._part("xl/workbook.xml")

    def _relationships(self, archive: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
        """Id -> (type such as 'worksheet', zip entry) for the part `source` ('' for the package)."""
        folder, file_name = posixpath.split(source)
        relationships = _parse_xml(archive.read(self._part(posixpath.join(folder, "_rels", file_name + ".rels"))))
        found = {}
        for element in relationships.iter():
            if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
                continue
            target = element.get("Target", "").replace("\\", "/")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            kind = element.get("Type", "").rsplit("/", 1)[-1]
            found[element.get("Id")] = (kind, self._part(posixpath.normpath(path)))
        return found

    def _read_styles(self, archive: zipfile.ZipFile, part: str | None) -> list[int]:
        """PLAIN, MOMENT or DURATION for every cell style (the s attribute indexes this list)."""
        if part is None or part not in archive.NameToInfo:
            return []
        styles = _parse_xml(archive.read(part))
        custom = {
            int(element.get("numFmtId", -1)): element.get("formatCode", "")
            for element in styles.iter()
            if _local(element.tag) == "numFmt"
        }
        kinds = []
        for element in styles.iter():
            if _local(element.tag) == "cellXfs":
                for xf in element:
                    if _local(xf.tag) == "xf":
                        format_id = int(xf.get("numFmtId", 0))
                        code = custom.get(format_id)
                        kinds.append(_builtin_format_kind(format_id) if code is None else format_kind(code))
                break
        return kinds

    def _read_shared_strings(self, part: str | None) -> list[str]:
        if part is None or part not in self._names.values():
            return []
        strings: list[str] = []
        with _decompressed(self.path, part) as chunks:
            head = next(chunks, b"")
            _check_encoding(head)
            if _PREFIXED_ELEMENT.search(head):
                raise NotStreamable("namespace-prefixed shared strings")
            if _EMPTY_SHARED_STRINGS.search(head):
                return strings
            for buffer, start, end in _blocks(chunks, b"<si", b"</si>", b"</sst>", head):
                strings.extend(_shared_items(buffer, start, end))
            for _ in chunks:  # read to the end, so that the zip checksum is verified
                pass
        return strings


_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_EMPTY_SHARED_STRINGS = re.compile(rb"<sst\b[^>]*/>")
_SHARED_ITEM = re.compile(rb'<si>(?:<t>([^<]*)</t>|<t xml:space="preserve">([^<]*)</t>|(.*?))</si>|<si/>', re.S)


def _shared_items(buffer: bytes, start: int, end: int) -> list[str]:
    found = _SHARED_ITEM.findall(buffer, start, end)
    if len(found) != buffer.count(b"<si", start, end):  # one item missed would shift all that follow
        raise NotStreamable("shared strings this reader does not parse")
    special = _has_special_bytes(buffer, start, end)
    items = []
    for plain, preserved, markup in found:
        if plain:
            items.append(xml_text(plain, False) if special else plain.decode().strip(_XML_SPACE))
        elif preserved:
            items.append(xml_text(preserved, True) if special else preserved.decode())
        else:
            items.append(_rich_text(markup) if markup else "")
    return items


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_xml(data: bytes) -> ElementTree.Element:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # OOXML parts never declare entities
        raise NotStreamable("DOCTYPE in a workbook part")
    return ElementTree.fromstring(data)


def _has_special_bytes(buffer: bytes, start: int, end: int) -> bool:
    """Whether any text in this block may need more than decode(): entities, CR, or _x escapes."""
    return (
        buffer.find(b"&", start, end) >= 0 or buffer.find(b"_", start, end) >= 0 or buffer.find(b"\r", start, end) >= 0
    )


_DECLARED_ENCODING = re.compile(rb'^\s*<\?xml[^>]*encoding\s*=\s*["\']([\w.:-]+)["\']')


def _check_encoding(head: bytes) -> None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotStreamable("UTF-16 XML")
    declared = _DECLARED_ENCODING.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise NotStreamable(f"XML in {declared.group(1).decode()}")


# --- reading a part in chunks ----------------------------------------------------------------------------


@contextmanager
def _decompressed(path: Path, part: str) -> Iterator[Iterator[bytes]]:
    """The decompressed chunks of a zip member; with BACKGROUND_DECOMPRESSION, inflated by a thread."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    with open(path, "rb") as handle:
        chunks = _inflated(handle, info)
        if BACKGROUND_DECOMPRESSION:
            chunks = _in_background(chunks)
        try:
            yield chunks
        finally:
            chunks.close()


def _inflated(handle, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A stored or deflated member's bytes in chunks of up to CHUNK_SIZE, checked against its CRC-32.

    zipfile's own reader would do, but it hands out small pieces and we want few, large ones (see
    _in_background).
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
            checksum = zlib.crc32(chunk, checksum)
            yield chunk
    if inflater is not None:
        chunk = inflater.flush()
        if not inflater.eof:
            raise EOFError("deflate stream is truncated")
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


def _blocks(
    chunks: Iterator[bytes],
    item_start: bytes,
    item_end: bytes,
    closing_tag: bytes,
    buffer: bytes = b"",
    start: int = 0,
) -> Iterator[tuple[bytes, int, int]]:
    """(buffer, start, end): consecutive slices of about BLOCK_SIZE of the content, up to `closing_tag`.

    Items are rows (<row ...</row>) or shared strings (<si>...</si>); a slice always ends where an item
    begins, so it never splits a cell. A part that ends before `closing_tag` is damaged.
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


# --- a worksheet -----------------------------------------------------------------------------------------

_SHEET_DATA = re.compile(rb"<sheetData(?:\s[^>]*)?(/?)>")
_ANY_CELL = re.compile(rb"<c[\s/>]")
_CELL_NOT_R_FIRST = re.compile(rb'<c(?! r=")[\s/>]')
_PREFIXED_ELEMENT = re.compile(rb"</?[A-Za-z_][\w.-]*:")
# After the r attribute: the other attributes, then either "/>" or the content. The content shapes that
# nearly every writer produces are matched directly (inline text with or without xml:space="preserve", a
# lone <v>); anything else (a formula, rich text, spacing between elements) is captured whole and parsed
# by _value_from_markup. Each cell comes out as
# (letters, row, attributes, preserved text, plain text, value, other markup).
_CELL_CONTENT = (
    rb'([^>/]*)(?:/>|>(?:<is><t xml:space="preserve">([^<]*)</t></is>|<is><t>([^<]*)</t></is>'
    rb"|<v>([^<]*)</v>|(.*?))</c>)"
)
_ANY_LETTERS = rb"[A-Z]{1,3}"


def _cell_pattern(letters: bytes, r_first: bool) -> re.Pattern:
    if r_first:  # the literal prefix <c r=" lets the regex engine skip quickly from cell to cell
        return re.compile(rb'<c r="(' + letters + rb')(\d+)"' + _CELL_CONTENT, re.S)
    # Attributes in any order: those before r are captured too (see StreamedSheet._cells).
    before = rb'<c((?:\s+(?!r=)[^\s=>/]+\s*=\s*"[^"]*")*)\s+r="(' + letters + rb')(\d+)"'
    return re.compile(before + _CELL_CONTENT, re.S)


def _letters_alternation(columns: Collection[int]) -> bytes:
    """A regex matching exactly the letters of these columns, such as (?:AB|[ABCE])."""
    letters = sorted({column_letters(column) for column in columns}, key=lambda text: (-len(text), text))
    singles = "".join(text for text in letters if len(text) == 1)
    parts = [text for text in letters if len(text) > 1] + ([f"[{singles}]"] if singles else [])
    return ("(?:" + "|".join(parts) + ")").encode() if parts else b"(?!)"


class StreamedSheet:
    """One worksheet; rows() reads it from the start each time it is called."""

    def __init__(self, workbook: StreamingWorkbook, name: str, part: str, kind: str):
        self._workbook = workbook
        self.name = name
        self._part = part
        self._kind = kind
        self._kept: frozenset[int] | None = None
        self._r_first = True  # whether every cell starts <c r="; decided from the first block
        self._pattern: re.Pattern | None = None
        self._columns: dict = _EveryColumn()
        self._width = 0
        self._cell_kinds: dict[bytes, Callable[[bytes], object]] = {}

    def keep_only(self, columns: Collection[int]) -> None:
        """Read only these 0-based columns from the next row on; the others come out as ""."""
        self._kept = frozenset(columns)
        self._columns = {column_letters(column).encode(): column for column in self._kept}
        self._width = max(self._kept, default=-1) + 1
        self._pattern = None

    def rows(self) -> Iterator[tuple[int, list]]:
        """(spreadsheet row number, cell values) for each row with a cell, in file order.

        Raises NotStreamable before the first row when the sheet cannot be streamed, DamagedWorkbook when
        the zip or the XML is damaged.
        """
        if self._kind == "chartsheet":
            return
        if self._kind != "worksheet":
            raise NotStreamable(f"{self._kind} sheets are not streamed")
        try:
            with _decompressed(self._workbook.path, self._part) as chunks:
                yield from self._rows_from(chunks)
        except (UnicodeDecodeError, ValueError, IndexError, KeyError, *_ZIP_ERRORS) as error:
            raise DamagedWorkbook(f"{type(error).__name__}: {error}") from error

    def _rows_from(self, chunks: Iterator[bytes]) -> Iterator[tuple[int, list]]:
        found = _sheet_data_start(chunks)
        if found is None:
            return
        buffer, start = found
        blocks = _blocks(chunks, b"<row", b"</row>", b"</sheetData>", buffer, start)
        for number, (buffer, start, end) in enumerate(blocks):
            if number == 0 or not self._every_cell_found(buffer, start, end):
                self._check_block(buffer, start, end)
            yield from self._rows_in_block(buffer, start, end)
            if BACKGROUND_DECOMPRESSION:
                # Hand the GIL to the inflating thread now rather than when the interpreter forces a
                # switch (every 5 ms): without this the thread barely gets ahead and nothing overlaps.
                clock.sleep(0)
        for _ in chunks:  # read to the end, so that the zip checksum is verified
            pass

    def _every_cell_found(self, buffer: bytes, start: int, end: int) -> bool:
        """Whether the cell pattern chosen so far sees every cell of this block.

        A cell it missed would be silently lost (a ship time, say), so every block is checked, not just the
        first: while all cells start <c r=" one regex search for a cell that does not tells (about 0.3 s on
        a 577 MB sheet); otherwise _check_block's full regex count decides.
        """
        return self._r_first and _CELL_NOT_R_FIRST.search(buffer, start, end) is None

    def _check_block(self, buffer: bytes, start: int, end: int) -> None:
        """Refuse the sheet, or decide how its cells are written, from a block of rows.

        Before the first row this lets the caller read the sheet with calamine instead; later it stops the
        import of this sheet with a message rather than lose a cell.
        """
        if _PREFIXED_ELEMENT.search(buffer, start, end):
            raise NotStreamable("namespace-prefixed elements in sheetData")
        cells = len(_ANY_CELL.findall(buffer, start, end))
        for r_first in (True, False):
            if len(_cell_pattern(_ANY_LETTERS, r_first).findall(buffer, start, end)) == cells:
                self._r_first = r_first
                self._pattern = None
                return
        raise NotStreamable("cells without an r attribute, or attributes this reader does not parse")

    def _cells(self, buffer: bytes, start: int, end: int) -> list[tuple]:
        if self._pattern is None:
            letters = _ANY_LETTERS if self._kept is None else _letters_alternation(self._kept)
            self._pattern = _cell_pattern(letters, self._r_first)
        found = self._pattern.findall(buffer, start, end)
        if self._r_first:
            return found
        return [(letters, row, before + after, *content) for before, letters, row, after, *content in found]

    def _rows_in_block(self, buffer: bytes, start: int, end: int) -> Iterator[tuple[int, list]]:
        special = _has_special_bytes(buffer, start, end)
        position = start
        while position < end:
            if self._kept is not None:
                yield from self._assemble(self._cells(buffer, position, end), special)
                return
            # Without keep_only, one row element at a time: keep_only() after any row applies from the next.
            following = buffer.find(b"<row", position + 1, end)
            if following < 0:
                following = end
            yield from self._assemble(self._cells(buffer, position, following), special)
            position = following

    def _assemble(self, cells: list[tuple], special: bool) -> Iterator[tuple[int, list]]:
        """Consecutive cells of one row -> (row number, values). This loop runs once per cell read."""
        columns = self._columns
        cell_kinds = self._cell_kinds
        width = self._width
        needs_full_decoding = _needs_full_decoding
        space = _XML_SPACE
        row_number = None
        values: list = []
        for letters, row, attributes, preserved, plain, number, markup in cells:
            if row != row_number:
                if row_number is not None:
                    yield int(row_number), values
                row_number = row
                values = [""] * width
            if preserved:
                value = xml_text(preserved, True) if special and needs_full_decoding(preserved) else preserved.decode()
            elif plain:
                value = (
                    xml_text(plain, False) if special and needs_full_decoding(plain) else plain.decode().strip(space)
                )
            elif number:
                convert = cell_kinds.get(attributes)
                if convert is None:
                    convert = cell_kinds[attributes] = self._workbook.cell_kind(attributes)
                value = convert(number)
            elif markup:
                value = self._value_from_markup(attributes, markup)
            else:
                continue  # an empty cell
            index = columns[letters]
            try:
                values[index] = value
            except IndexError:  # without keep_only: a row wider than any before
                values.extend([""] * (index + 1 - len(values)))
                values[index] = value
                width = index + 1
                if self._kept is None:
                    self._width = width
        if row_number is not None:
            yield int(row_number), values

    def _value_from_markup(self, attributes: bytes, markup: bytes) -> object:
        """A cell whose content is not a lone <v> or plain inline text: a formula, rich text, spacing."""
        if b"<!" in markup:
            raise NotStreamable("CDATA or a comment inside a cell")
        inline = _INLINE_ELEMENT.search(markup)
        if inline is not None:
            return _rich_text(inline.group(1) or b"")
        value = _VALUE_ELEMENT.search(markup)
        if value is None or not value.group(1):
            return ""  # a formula without a cached result, or an empty cell
        convert = self._cell_kinds.get(attributes)
        if convert is None:
            convert = self._cell_kinds[attributes] = self._workbook.cell_kind(attributes)
        return convert(value.group(1))


def _sheet_data_start(chunks: Iterator[bytes]) -> tuple[bytes, int] | None:
    """(buffer read so far, offset just after <sheetData>), or None for an empty sheet."""
    buffer = b""
    for chunk in chunks:
        if not buffer:
            _check_encoding(chunk)
        buffer += chunk
        found = _SHEET_DATA.search(buffer)
        if found is not None:
            return None if found.group(1) else (buffer, found.end())
        if len(buffer) > _SHEET_HEAD_LIMIT:
            break
    if b":sheetData" in buffer:
        raise NotStreamable("namespace-prefixed worksheet")
    raise NotStreamable("no sheetData in the worksheet")


def open_workbook(path: Path) -> StreamingWorkbook:
    return StreamingWorkbook(path)
