"""StreamedSheet: a worksheet's rows, picked out of the XML blocks by regular expressions that name only the
columns kept, with a check on every block that no cell is missed."""

from __future__ import annotations

import re
import time as clock
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from shopguard.core.imports import limits
from shopguard.core.imports.xlsx import zipstream
from shopguard.core.imports.xlsx.columns import EveryColumn, column_letters
from shopguard.core.imports.xlsx.errors import DamagedWorkbook, NotStreamable
from shopguard.core.imports.xlsx.text import (
    XML_SPACE,
    check_encoding,
    has_special_bytes,
    needs_full_decoding,
    rich_text,
    xml_text,
)
from shopguard.core.imports.xlsx.zipstream import ZIP_ERRORS, decompressed_part, xml_blocks

CellConverter = Callable[[bytes], object]

_SHEET_HEAD_LIMIT = 64 << 20  # bytes before <sheetData> that we are willing to hold while looking for it
# Cell attribute strings (s="3" t="s") whose converter is remembered: a real sheet has a few dozen; a crafted one
# with a different string on every cell must not grow the cache without end.
_CELL_KINDS_KEPT = 10_000
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')

_SHEET_DATA = re.compile(rb"<sheetData(?:\s[^>]*)?(/?)>")
_ANY_CELL = re.compile(rb"<c[\s/>]")
_CELL_NOT_R_FIRST = re.compile(rb'<c(?! r=")[\s/>]')
PREFIXED_ELEMENT = re.compile(rb"</?[A-Za-z_][\w.-]*:")
_VALUE_ELEMENT = re.compile(rb"<v(?:\s[^>]*)?(?:/>|>([^<]*)</v>)")
_INLINE_ELEMENT = re.compile(rb"<is(?:\s[^>]*)?(?:/>|>(.*?)</is>)", re.S)
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

    def __init__(self, path: Path, name: str, part: str, kind: str, cell_kind: Callable[[bytes], CellConverter]):
        """cell_kind gives, for the attributes of a cell (t=, s=), the function that turns its text into a value;
        the workbook knows the styles and shared strings it needs."""
        self._path = path
        self._cell_kind = cell_kind
        self.name = name
        self._part = part
        self._kind = kind
        self._kept: frozenset[int] | None = None
        self._r_first = True  # whether every cell starts <c r="; checked again on every block
        self._pattern: re.Pattern | None = None
        self._columns: dict = EveryColumn()
        self._width = 0
        self._cell_kinds: dict[bytes, CellConverter] = {}
        self._block_had_rows = False
        self.ended_at_empty_run = False  # whether rows() stopped after limits.EMPTY_RUN_ROWS empty rows

    def keep_only(self, columns: Collection[int]) -> None:
        """Read only these 0-based columns from the next row on; the others come out as ""."""
        self._kept = frozenset(columns)
        self._columns = {column_letters(column).encode(): column for column in self._kept}
        self._width = max(self._kept, default=-1) + 1
        self._pattern = None

    def rows(self) -> Iterator[tuple[int, list]]:
        """(spreadsheet row number, cell values) for each row with a cell, in file order.

        Raises NotStreamable before the first row when the sheet cannot be streamed, DamagedWorkbook when
        the zip or the XML is damaged, TooLarge when the sheet or one row is too large to be real.
        """
        if self._kind == "chartsheet":
            return
        if self._kind != "worksheet":
            raise NotStreamable(f"{self._kind} sheets are not streamed")
        try:
            label = f"工作表「{self.name}」"
            with decompressed_part(self._path, self._part, limits.WORKSHEET_BYTES, label) as chunks:
                yield from self._rows_from(chunks)
        except (UnicodeDecodeError, ValueError, IndexError, KeyError, *ZIP_ERRORS) as error:
            raise DamagedWorkbook(f"{type(error).__name__}: {error}") from error

    def _rows_from(self, chunks: Iterator[bytes]) -> Iterator[tuple[int, list]]:
        found = _sheet_data_start(chunks)
        if found is None:
            return
        buffer, start = found
        blocks = xml_blocks(chunks, b"<row", b"</row>", b"</sheetData>", buffer, start, too_large=self._describe_row)
        rows_without_cells = 0
        for number, (buffer, start, end) in enumerate(blocks):
            if number == 0 or not self._every_cell_found(buffer, start, end):
                self._check_block(buffer, start, end)
            self._block_had_rows = False
            yield from self._rows_in_block(buffer, start, end)
            if self._block_had_rows:
                rows_without_cells = 0
            else:
                # Rows without a cell (read) never come out, so the reader above cannot count them as empty:
                # a sheet of nothing but <row/> (a zip bomb) ends here, like one of empty rows ends there.
                rows_without_cells += buffer.count(b"<row", start, end)
                if rows_without_cells >= limits.EMPTY_RUN_ROWS:
                    self.ended_at_empty_run = True
                    return
            if zipstream.BACKGROUND_DECOMPRESSION:  # looked up in zipstream at call time, like decompressed_part does
                # Hand the GIL to the inflating thread now rather than when the interpreter forces a
                # switch (every 5 ms): without this the thread barely gets ahead and nothing overlaps.
                clock.sleep(0)
        for _ in chunks:  # read to the end, so that the zip checksum is verified
            pass

    def _describe_row(self, head: bytes) -> str:
        number = _ROW_NUMBER.match(head)
        return f"工作表「{self.name}」" + (f"第 {int(number.group(1)):,} 行" if number else "的一行")

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
        if PREFIXED_ELEMENT.search(buffer, start, end):
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
        special = has_special_bytes(buffer, start, end)
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
        full_decoding_needed = needs_full_decoding  # a local name: this loop runs once per cell
        space = XML_SPACE
        row_number = None
        values: list = []
        for letters, row, attributes, preserved, plain, number, markup in cells:
            if row != row_number:
                if row_number is not None:
                    yield int(row_number), values
                row_number = row
                values = [""] * width
            if preserved:
                value = xml_text(preserved, True) if special and full_decoding_needed(preserved) else preserved.decode()
            elif plain:
                value = (
                    xml_text(plain, False) if special and full_decoding_needed(plain) else plain.decode().strip(space)
                )
            elif number:
                convert = cell_kinds.get(attributes)
                if convert is None:
                    convert = self._new_converter(attributes)
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
            self._block_had_rows = True
            yield int(row_number), values

    def _new_converter(self, attributes: bytes) -> CellConverter:
        convert = self._cell_kind(attributes)
        if len(self._cell_kinds) < _CELL_KINDS_KEPT:
            self._cell_kinds[attributes] = convert
        return convert

    def _value_from_markup(self, attributes: bytes, markup: bytes) -> object:
        """A cell whose content is not a lone <v> or plain inline text: a formula, rich text, spacing."""
        if b"<!" in markup:
            raise NotStreamable("CDATA or a comment inside a cell")
        inline = _INLINE_ELEMENT.search(markup)
        if inline is not None:
            return rich_text(inline.group(1) or b"")
        value = _VALUE_ELEMENT.search(markup)
        if value is None or not value.group(1):
            return ""  # a formula without a cached result, or an empty cell
        convert = self._cell_kinds.get(attributes)
        if convert is None:
            convert = self._new_converter(attributes)
        return convert(value.group(1))


def _sheet_data_start(chunks: Iterator[bytes]) -> tuple[bytes, int] | None:
    """(buffer read so far, offset just after <sheetData>), or None for an empty sheet."""
    buffer = b""
    for chunk in chunks:
        if not buffer:
            check_encoding(chunk)
        buffer += chunk
        found = _SHEET_DATA.search(buffer)
        if found is not None:
            return None if found.group(1) else (buffer, found.end())
        if len(buffer) > _SHEET_HEAD_LIMIT:
            break
    if b":sheetData" in buffer:
        raise NotStreamable("namespace-prefixed worksheet")
    raise NotStreamable("no sheetData in the worksheet")
