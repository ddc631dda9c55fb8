"""The rows of a CSV file, decoded row by row when its rows do not all share one encoding.

Excel and WPS re-save exports as GBK/GB18030, and a merchant who pastes rows from one file into another ends
up with a UTF-8 file holding a few GBK rows (or the reverse). Decoding such a file one way turns those rows
into U+FFFD or into mojibake without a word. Here a file is first read as UTF-8, at full speed, which is all
nearly every file needs. At the first bytes that are not UTF-8 it is read again from the start, line by
line, and the rows already handed out are skipped: a line that is valid UTF-8 is UTF-8 (GBK text with Chinese
in it practically never is), any other line GB18030. A row read in an encoding other than the file's own, or
holding bytes that neither encoding reads (shown as U+FFFD), gets a note (CsvRows.notes) that the importer
reports for that row.
"""

from __future__ import annotations

import codecs
import csv
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

UTF8, GB = "utf-8", "gb18030"
_NAMES = {UTF8: "UTF-8", GB: "GBK"}
SAMPLE_LINES = 2000  # non-ASCII lines read to tell the file's own encoding when it has no BOM


@dataclass(frozen=True, slots=True)
class RowNote:
    message: str  # for the merchant
    garbled: bool  # cells may hold U+FFFD where bytes could not be read


def csv_rows(path: Path, error: Callable[[str], Exception]) -> Iterator[tuple[int, list]]:
    """(1-based row number, cells) of a .csv/.txt/.tsv file; `error(message)` is raised for a malformed file.

    What comes back has a `notes` attribute (row number -> RowNote, filled in as the rows are read), unless
    the file is UTF-16 (Excel's "Unicode text"), which is read as a whole.
    """
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _utf16_rows(path, error)
    return CsvRows(path, head.startswith(codecs.BOM_UTF8), error)


def _utf16_rows(path: Path, error: Callable[[str], Exception]) -> Iterator[tuple[int, list]]:
    with path.open(encoding="utf-16", errors="replace", newline="") as handle:
        delimiter = _delimiter(handle.readline())
        handle.seek(0)
        try:
            yield from enumerate(csv.reader(handle, delimiter=delimiter), start=1)
        except csv.Error as failure:
            raise error(f"CSV 格式错误（{failure}）") from None


def _delimiter(first_line: str) -> str:
    # Exports pad cells with TABs, so only a header without any comma means tab-separated.
    return "\t" if "\t" in first_line and "," not in first_line else ","


def _own_encoding(path: Path) -> str:
    """UTF-8 or GB18030, whichever most of the first SAMPLE_LINES lines with Chinese in them are written in."""
    utf8 = other = 0
    with path.open("rb") as handle:
        for line in handle:
            if line.isascii():
                continue
            try:
                line.decode(UTF8)
                utf8 += 1
            except UnicodeDecodeError:
                other += 1
            if utf8 + other >= SAMPLE_LINES:
                break
    return UTF8 if utf8 > other else GB


class CsvRows:
    """(row number, cells); `notes` fills in as the rows are read."""

    def __init__(self, path: Path, bom: bool, error: Callable[[str], Exception]):
        self.path = path
        self.bom = bom
        self.encoding = UTF8  # the file's own: known for sure only once a line is not UTF-8
        self.error = error
        self.notes: dict[int, RowNote] = {}
        self._pending: RowNote | None = None  # a note for the row the csv reader is putting together
        self._rows = self._read()

    def __iter__(self) -> Iterator[tuple[int, list]]:
        return self._rows  # a for loop then runs on the generator itself: no Python call per row here

    def __next__(self) -> tuple[int, list]:
        return next(self._rows)

    def _read(self) -> Iterator[tuple[int, list]]:
        counter = itertools.count(1)
        try:
            with self.path.open(encoding="utf-8-sig" if self.bom else UTF8, newline="") as handle:
                delimiter = _delimiter(handle.readline())
                handle.seek(0)
                yield from zip(counter, csv.reader(handle, delimiter=delimiter), strict=False)  # at full speed
            return
        except UnicodeDecodeError:
            # The text layer decodes a whole chunk before it hands out a line of it: every row handed out so
            # far was read in full. zip() took one number for the row that failed, next() takes one more.
            handed_out = max(0, next(counter) - 2)
        except csv.Error as failure:
            raise self.error(f"CSV 格式错误（{failure}）") from None
        if not self.bom:
            self.encoding = _own_encoding(self.path)
        for number, cells in self._line_by_line():
            if number > handed_out:
                yield number, cells
            else:
                self.notes.pop(number, None)  # handed out already, read as UTF-8 (rightly: it is valid UTF-8)

    def _line_by_line(self) -> Iterator[tuple[int, list]]:
        with self.path.open("rb") as handle:
            lines = self._decoded(handle)
            first = next(lines, None)
            if first is None:
                return
            reader = csv.reader(_chain(first, lines), delimiter=_delimiter(first))
            try:
                for number, cells in enumerate(reader, start=1):
                    if self._pending is not None:  # the lines this row was read from: only this row's
                        self.notes[number] = self._pending
                        self._pending = None
                    yield number, cells
            except csv.Error as failure:
                raise self.error(f"CSV 格式错误（{failure}）") from None

    def _decoded(self, handle) -> Iterator[str]:
        own = self.encoding
        for number, line in enumerate(_lines(handle)):
            if number == 0 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if line.isascii():
                yield line.decode("ascii")
                continue
            try:
                text, encoding = line.decode(UTF8), UTF8
            except UnicodeDecodeError:
                try:
                    text, encoding = line.decode(GB), GB
                except UnicodeDecodeError:
                    text, encoding = line.decode(own, errors="replace"), None
            if encoding != own:
                self._note(encoding)
            yield text

    def _note(self, encoding: str | None) -> None:
        own = _NAMES[self.encoding]
        if encoding is None:
            note = RowNote(
                f"此行有无法识别的字节（既不是 {own} 也不是 {_NAMES[GB if self.encoding == UTF8 else UTF8]}），"
                "有乱码的内容没有导入；请从抖店重新导出这个文件",
                garbled=True,
            )
        else:
            other = _NAMES[encoding]
            note = RowNote(
                f"此行是 {other} 编码，与文件其他行（{own}）不同：已按 {other} 读取，请核对此行的文字", garbled=False
            )
        if self._pending is None or note.garbled:  # a row read from several lines keeps its worst note
            self._pending = note


def _lines(handle) -> Iterator[bytes]:
    """The file's lines, ending in \\n, \\r\\n or a lone \\r (Excel for Mac). No GB18030 character has a 0x0A or
    0x0D byte, so the bytes can be split before they are decoded."""
    for line in handle:
        if b"\r" in line.rstrip(b"\r\n"):
            yield from line.splitlines(keepends=True)
        else:
            yield line


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
