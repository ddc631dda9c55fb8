"""One cell of an export to its value: the padding and "empty" rules of 抖店 exports, in one place.

Exports pad cells with a TAB or an apostrophe (so Excel keeps long IDs as text) and write '-' for empty. Each
column remembers what its recent text cells became (a Memo): a cell seen before costs one dictionary look-up
instead of its cleaning and parsing. Only values are remembered, never a problem.

The importer reads rows two ways: one row at a time (importer._parse_row, through read_cell) and, for rows
nothing is wrong with, a batch column by column (imports.batch_rows, through read_column). The padding rule
is therefore written twice, here and side by side: read_cell for one cell, _read_texts for a column with C
calls instead of a Python call per cell (a million cells in a big export). tests/core/imports/test_batch_rows.py
holds the two to the same values on every quirk; change both or neither.
"""

from __future__ import annotations

from operator import methodcaller

from shopguard.core.imports import cells
from shopguard.core.imports.buyer import parse_buyer, parse_buyers
from shopguard.core.imports.cells import EMPTY_MARKERS
from shopguard.core.imports.filekinds import Column

UNSEEN = object()  # not in the memo
EMPTY = object()  # the cell means "empty" (nothing, or one of EMPTY_MARKERS): the field keeps its default

# Values repeat across rows in these columns (statuses, provinces, products, amounts, masked buyers): each
# remembers up to this many distinct cells. In the others only rows next to each other repeat (the
# sub-orders of one order share their times and order id): a few cells are enough.
_REPEATING = frozenset({cells.parse_label, cells.parse_shared_id, cells.parse_money, cells.parse_count, parse_buyer})
_MANY, _FEW = 4096, 8


class Memo(dict):
    """Text of a column's cells -> the value (or EMPTY) each became. Keys are str only: 1, 1.0 and True are
    equal keys, and no reader hands out a cell that equals a str without being one."""

    __slots__ = ("size",)

    def __init__(self, size: int):
        super().__init__()
        self.size = size


def memo_for(column: Column, key_field: str) -> Memo | None:
    """A fresh memo for a column's cells, or None where cells never repeat (the row's key, free text)."""
    if column.field == key_field or column.parse is cells.parse_text:
        return None
    return Memo(_MANY if column.parse in _REPEATING else _FEW)


def read_cell(raw: object, parse, memo: Memo | None) -> object:
    """The cell's value as `parse` reads it once its padding is removed, or EMPTY. Raises what `parse` raises
    (CellError for a cell that cannot be read)."""
    if raw.__class__ is str:
        if memo is not None:
            value = memo.get(raw, UNSEEN)
            if value is not UNSEEN:
                return value
        text = raw.strip()
        if text[:1] == "'":
            text = text[1:].strip()
        value = EMPTY if text in EMPTY_MARKERS else parse(text)
        if memo is not None:  # text only: see Memo
            if len(memo) >= memo.size:
                memo.clear()  # bounded: a column of distinct values never grows with the file
            memo[raw] = value
        return value
    if raw is None:
        return EMPTY
    return parse(raw)


_QUOTED = methodcaller("startswith", "'")
# Parsers with a version for a whole column of text at once (the same values, raising the same errors).
_COLUMN_PARSERS = {
    cells.parse_time: cells.parse_times,
    cells.parse_id: cells.parse_ids,
    cells.parse_shared_id: cells.parse_shared_ids,
    cells.parse_text: cells.parse_texts,
    cells.parse_label: cells.parse_labels,
    parse_buyer: parse_buyers,
}


def read_column(raws: list[str], parse, memo: Memo | None) -> list:
    """[read_cell(raw, parse, memo) for raw in raws] for cells that are all text (exactly str), the padding
    removed from all of them at once: a big export has a million such cells. Raises what the first cell that
    `parse` cannot read raises, having remembered nothing; the caller then reads them one by one."""
    if memo is None:
        return _read_texts(raws, parse)
    distinct = list(dict.fromkeys(raws))  # a column with a memo repeats: each text is read once
    values = _read_texts(distinct, parse)
    found = dict(zip(distinct, values, strict=True))
    kept = found if len(found) <= memo.size else dict(zip(distinct[-memo.size :], values[-memo.size :], strict=True))
    if len(memo) + len(kept) > memo.size:
        memo.clear()  # bounded, as read_cell keeps it
    memo.update(kept)
    if len(distinct) == len(raws):
        return values
    return list(map(found.__getitem__, raws))


def _read_texts(raws: list[str], parse) -> list:
    texts = list(map(str.strip, raws))
    quoted = list(map(_QUOTED, texts))
    if True in quoted:
        texts = [text[1:].strip() if apostrophe else text for text, apostrophe in zip(texts, quoted, strict=True)]
    empty = list(map(EMPTY_MARKERS.__contains__, texts))
    if True not in empty:
        return _parse_all(texts, parse)
    values = iter(_parse_all([text for text, nothing in zip(texts, empty, strict=True) if not nothing], parse))
    return [EMPTY if nothing else next(values) for nothing in empty]


def _parse_all(texts: list[str], parse) -> list:
    many = _COLUMN_PARSERS.get(parse)  # the same parse, for a whole column at once
    return many(texts) if many is not None else list(map(parse, texts))
