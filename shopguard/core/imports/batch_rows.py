"""Read a batch of rows column by column: the importer's fast way through the rows nothing is wrong with.

Reading row by row, a big export spends most of its time in the Python loop over each row's cells. Here the
cells of a batch of rows are taken apart into columns, and each column is read at once: its cells the
column's memo knows cost one C-level look-up each (map over dict.get), and only the others go through
cell_reading.read_cell, the same function the row-by-row reading uses. The records are built from the
columns in one pass too.

A row is only read here when nothing about it needs a word to the merchant: any row with a cell that cannot
be read, an empty identity field (so every empty row), an unreadable 快递信息, a note about its encoding,
or fewer cells than the columns read comes back marked, and the importer reads it
again row by row (importer._import_file), which reports exactly what it always reported, in row order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import itemgetter

from shopguard.core.imports.cell_reading import EMPTY, UNSEEN, read_cell, read_column
from shopguard.core.imports.csv_text import NotedRow

_UNREAD = object()  # a cell of a marked row: the row is read again row by row


class BatchReader:
    """Records from batches of rows of one file, column by column; see the module's docstring.

    `parsers` are the importer's (column index, field, parse, header, memo), `finish` maps a field to a second
    reading of its parsed value (the orders' 快递信息 into packages), raising ValueError when it cannot."""

    def __init__(
        self,
        parsers: Sequence[tuple],
        record_type: type,
        identity: Sequence[str],
        finish: dict[str, Callable[[object], object]],
    ):
        self.parsers = parsers
        self.record_type = record_type
        self.key_field = identity[0]
        self.identity = frozenset(identity)
        self.finish = finish
        read = sorted({index for index, *_ in parsers})
        self.last_index = read[-1]
        self.slot = {index: position for position, index in enumerate(read)}
        self.pick = itemgetter(*read) if len(read) > 1 else lambda cells: (cells[read[0]],)
        self.blank = (None,) * len(read)
        # Each record field in the order the record type takes it, with its default.
        self.fields = [(field.name, field.default) for field in dataclasses.fields(record_type)]

    @classmethod
    def usable(cls, parsers: Sequence[tuple], record_type: type, identity: Sequence[str]) -> bool:
        """Records can be built from columns: every identity field is read, every other field has a plain
        default."""
        parsed = {field for _, field, *_ in parsers}
        if not parsers or not set(identity) <= parsed:
            return False
        fields = dataclasses.fields(record_type)
        return all(field.name in parsed or field.default is not dataclasses.MISSING for field in fields)

    def read(self, rows: list[tuple[int, list]]) -> tuple[list[bool], list, list]:
        """(marked, keys, records) for the rows: a marked row must be read row by row; the key and record of
        any other row are what reading it row by row gives."""
        count = len(rows)
        if not count:  # reading broke off at the batch's first row
            return [], [], []
        rows_cells = [cells for _, cells in rows]
        last = self.last_index
        if min(map(len, rows_cells)) > last and NotedRow not in set(map(type, rows_cells)):
            marked = [False] * count
            picked = list(map(self.pick, rows_cells))
        else:
            marked = [len(cells) <= last or cells.__class__ is NotedRow for cells in rows_cells]
            blank, pick = self.blank, self.pick
            picked = [blank if out else pick(cells) for out, cells in zip(marked, rows_cells, strict=True)]
        columns = list(zip(*picked, strict=True))
        values: dict[str, list] = {}
        for index, field, parse, _header, memo in self.parsers:
            values[field] = column = self._column(columns[self.slot[index]], parse, memo, marked)
            if field in self.identity and EMPTY in column:
                for position, value in enumerate(column):
                    if value is EMPTY:
                        marked[position] = True
            finish = self.finish.get(field)
            if finish is not None:
                self._finish(column, finish, marked)
        keys = values[self.key_field]
        arguments = []
        for name, default in self.fields:
            column = values.get(name)
            if column is None:
                arguments.append(repeat(default))
            elif EMPTY in column:
                arguments.append([default if value is EMPTY else value for value in column])
            else:
                arguments.append(column)
        return marked, keys, list(map(self.record_type, *arguments))

    @staticmethod
    def _column(raws: tuple, parse, memo, marked: list[bool]) -> list:
        """The values of a column's cells (EMPTY for an empty one); a cell that cannot be read marks its row."""
        if memo is not None:
            try:
                column = list(map(memo.get, raws, repeat(UNSEEN)))  # keys are text: see cell_reading.Memo
            except TypeError:  # a cell that cannot be a key: each is read by itself below
                column = [UNSEEN] * len(raws)
            if UNSEEN not in column:
                return column
            unseen = [position for position, value in enumerate(column) if value is UNSEEN]
            if len(unseen) == len(column):
                unseen_raws = raws
            else:
                unseen_raws = [raws[position] for position in unseen]
        else:
            column = [UNSEEN] * len(raws)
            unseen, unseen_raws = range(len(raws)), raws
        if set(map(type, unseen_raws)) == {str}:
            try:
                values = read_column(unseen_raws, parse, memo)
            except Exception:  # noqa: BLE001 - read one by one below: the cell that cannot be read marks its row
                pass
            else:
                if unseen_raws is raws:
                    return values
                for position, value in zip(unseen, values, strict=True):
                    column[position] = value
                return column
        for position in unseen:
            try:
                column[position] = read_cell(raws[position], parse, memo)
            except Exception:  # noqa: BLE001 - read again row by row, which reports it or raises it in order
                column[position] = _UNREAD
                marked[position] = True
        return column

    @staticmethod
    def _finish(column: list, finish, marked: list[bool]) -> None:
        for position, value in enumerate(column):
            if value is EMPTY or value is _UNREAD:
                continue
            try:
                column[position] = finish(value)
            except Exception:  # noqa: BLE001 - as in _column
                column[position] = _UNREAD
                marked[position] = True
