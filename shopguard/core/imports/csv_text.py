"""The text lines of a CSV file, each decoded on its own, within the line limit of imports.limits.

Excel and WPS re-save exports as GBK/GB18030, and a merchant who pastes rows from one file into another ends
up with a UTF-8 file holding a few GBK rows (or the reverse). Decoding such a file in one encoding turns those
rows into U+FFFD or into mojibake without a word. Here every line is decoded by itself: ASCII as it is, a line
that is valid UTF-8 as UTF-8 (GBK text with Chinese in it practically never is), any other line as GB18030.
The file's own encoding (a BOM, or the one most of its first lines are written in) tells which rows are the
odd ones. A row read in the other encoding gets a note (RecordState.note) the importer reports for that row;
a row with bytes neither encoding reads, or with U+FFFD already in it, is marked garbled, and the reader hands
out its cells holding U+FFFD as cells that cannot be read, never as text.

The file is read in blocks and split into lines as bytes (no GB18030 character has a 0x0A or 0x0D byte), so a
huge file is never decoded whole, and a line is never buffered beyond the limit.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from shopguard.core.imports import limits

UTF8, GB = "utf-8", "gb18030"
ENCODING_NAMES = {UTF8: "UTF-8", GB: "GBK"}
SAMPLE_LINES = 2000  # lines with non-ASCII text read to tell the file's own encoding when it has no BOM
SAMPLE_BYTES = 16 * limits.MB  # and no more than this
BLOCK_BYTES = 1 << 20
GARBLED = "\ufffd"  # what a decoder leaves where it could not read the bytes
# Looked up once: bytes.decode("gb18030") looks the codec up on every call, which doubles its cost per line.
_DECODERS = {UTF8: codecs.utf_8_decode, GB: codecs.lookup(GB).decode}


class NotedRow(list):
    """A row's cells with a sentence for the merchant about how the row was decoded (the importer reports it)."""

    __slots__ = ("note",)


class RecordState:
    """What the lines of the CSV record being read have shown; the reader resets it after each record."""

    __slots__ = ("chars", "note", "garbled")

    def __init__(self):
        self.chars = 0  # characters in the record's lines: a cell may be over limits.CSV_CELL_CHARS
        self.note: str | None = None  # the record was read in the other encoding
        self.garbled = False  # some of its text holds U+FFFD

    def reset(self) -> None:
        self.chars = 0
        self.note = None
        self.garbled = False


def csv_records(path: Path, state: RecordState, error: Callable[[str], Exception]) -> Iterator[list]:
    """The CSV records of a .csv/.txt/.tsv file (UTF-8, GB18030 or UTF-16 by BOM, or lines of both of the first
    two). `state` describes the record just handed out; `error(message)` is raised for a malformed file."""
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
            lines = _utf16_lines(path, state, error)
        else:
            own = UTF8 if head.startswith(codecs.BOM_UTF8) else _own_encoding(path)
            lines = _decoded_lines(_byte_lines(handle, error), own, state, error)
        first = next(lines, None)
        if first is None:
            return
        # Exports pad cells with TABs, so only a header without any comma means tab-separated.
        delimiter = "\t" if "\t" in first and "," not in first else ","
        # The limit is process-wide; it only stops a quoted cell spanning many lines (each line is checked).
        csv.field_size_limit(limits.CSV_LINE_CHARS)
        try:
            yield from csv.reader(_chain(first, lines), delimiter=delimiter)
        except csv.Error:
            raise error(  # the importer says after which row
                f"CSV 文件里有一个单元格超过 {limits.CSV_LINE_CHARS:,} 个字符（多半是引号没有配对，后面的内容都成了"
                "这个单元格），文件无法读取：请在 Excel/WPS 中打开检查后另存为 CSV 再导入"
            ) from None


def _line_too_long(number: int) -> str:
    return (
        f"CSV 文件的第 {number:,} 行超过 {limits.CSV_LINE_CHARS:,} 个字符（正常的导出每行只有几百个字符），"
        "文件已损坏或不是正常的导出文件，没有读取。请重新从抖店下载原文件"
    )


def _byte_lines(handle, error: Callable[[str], Exception]) -> Iterator[bytes]:
    """The file's lines as bytes, ending in \\n, \\r\\n or a lone \\r (Excel for Mac). A line is buffered up to
    the bytes limits.CSV_LINE_CHARS characters can take (4 each in UTF-8): a longer one ends the file."""
    most = 4 * limits.CSV_LINE_CHARS
    start: list[bytes] = []  # the beginning of a line whose end has not been read yet
    started = 0
    handed_out = 0
    for block in iter(partial(handle.read, BLOCK_BYTES), b""):
        if b"\n" not in block and b"\r" not in block:
            start.append(block)
            started += len(block)
            if started > most:
                raise error(_line_too_long(handed_out + 1))
            continue
        if start:
            block = b"".join(start) + block
        lines = block.splitlines(keepends=True)  # bytes split at \n, \r\n and \r only
        last = lines.pop()  # may end in a \r whose \n comes with the next block: kept back
        handed_out += len(lines)
        yield from lines
        start, started = [last], len(last)
        if started > most:
            raise error(_line_too_long(handed_out + 1))
    if start:
        yield b"".join(start)


class _SampleEnds(Exception):
    pass


def _own_encoding(path: Path) -> str:
    """UTF-8 or GB18030, whichever most of the first SAMPLE_LINES lines with non-ASCII text are written in."""
    utf8 = other = read = 0
    with path.open("rb") as handle:
        try:
            for line in _byte_lines(handle, _SampleEnds):  # a line too long ends the sample (and, later, the file)
                read += len(line)
                if read > SAMPLE_BYTES:
                    break
                if line.isascii():
                    continue
                try:
                    line.decode(UTF8)
                    utf8 += 1
                except UnicodeDecodeError:
                    other += 1
                if utf8 + other >= SAMPLE_LINES:
                    break
        except _SampleEnds:
            pass
    return GB if other > utf8 else UTF8


def _decoded_lines(
    lines: Iterator[bytes], own: str, state: RecordState, error: Callable[[str], Exception]
) -> Iterator[str]:
    other_note = _other_encoding_note(GB if own == UTF8 else UTF8, own)
    limit = limits.CSV_LINE_CHARS
    utf8, gb, own_decoder = _DECODERS[UTF8], _DECODERS[GB], _DECODERS[own]
    for number, line in enumerate(lines, start=1):  # runs for every line: kept to plain statements
        if line.isascii():
            text = line.decode("ascii")
        else:
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            try:
                text = utf8(line, "strict", True)[0]
                odd = own != UTF8
            except UnicodeDecodeError:
                try:
                    text = gb(line)[0]
                    odd = own != GB
                except UnicodeDecodeError:
                    text = own_decoder(line, "replace")[0]
                    odd = False
            if odd and state.note is None:
                state.note = other_note
            if GARBLED in text:
                state.garbled = True
        if len(text) > limit:
            raise error(_line_too_long(number))
        state.chars += len(text)
        yield text


def _utf16_lines(path: Path, state: RecordState, error: Callable[[str], Exception]) -> Iterator[str]:
    with path.open(encoding="utf-16", errors="replace", newline="") as handle:
        limit = limits.CSV_LINE_CHARS
        for number, line in enumerate(iter(partial(handle.readline, limit), ""), start=1):
            if len(line) == limit and line[-1] not in "\r\n":
                raise error(_line_too_long(number))
            if GARBLED in line:
                state.garbled = True
            state.chars += len(line)
            yield line


def _other_encoding_note(other: str, own: str) -> str:
    other, own = ENCODING_NAMES[other], ENCODING_NAMES[own]
    return (
        f"此行是 {other} 编码，与文件其他行（{own}）不同（多半是从另一个文件复制过来的行）："
        f"已按 {other} 读取并导入，请核对此行的文字；要避免这个提示，请把整个文件另存为同一种编码"
    )


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
