"""Read 抖店 exports and tracking sheets into records, collecting problems instead of stopping.

Each file is recognised by its header row. A bad cell costs only that value (or, for a key, that row);
the rest of the file still imports. Every problem names the file, the spreadsheet row and the column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from shopguard.core.bulk import collector_paused
from shopguard.core.imports import filekinds
from shopguard.core.imports.batch_rows import BatchReader
from shopguard.core.imports.cell_reading import EMPTY, memo_for, read_cell
from shopguard.core.imports.cells import CellError
from shopguard.core.imports.csv_text import NotedRow
from shopguard.core.imports.express_info import parse_packages
from shopguard.core.imports.filekinds import ColumnMapping, RefusedKind
from shopguard.core.imports.reader import UnreadableFile, sheets
from shopguard.core.records import AfterSale, FileSummary, ImportResult, OrderLine, Problem, Tracking

HEADER_SEARCH_ROWS = 10  # some exports put a title or description row above the header
BUYER_FIELDS = frozenset({"buyer_name", "buyer_phone", "buyer_address"})
# Order columns no clock depends on: a triage straight from files need not read them. (The amount paid is
# read: what a late clock costs depends on it.)
NOT_FOR_DEADLINES = BUYER_FIELDS | {"quantity", "district"}
_RECORD_TYPES = {"orders": OrderLine, "after_sales": AfterSale, "tracking": Tracking}


PROGRESS_EVERY = 2000  # rows between progress reports
# Problems in rows kept per file; the others are only counted (FileSummary.problems_not_listed). A damaged or
# crafted file can have a problem in each of a million rows: nobody reads that list, and it would cost memory.
# Problems about the whole file (no row) are always kept.
LISTED_PROBLEMS = 1000


class ImportCancelled(Exception):
    """Raised by a progress callback to stop an import; nothing read so far is kept."""


@dataclass(slots=True)
class ReadResult(ImportResult):
    """What import_files read, and which cells of the records it could not read.

    `unreadable[kind][key]` maps each field of that record whose cell could not be read to the index (in
    `problems`) of the problem that says so, or None when that problem is beyond LISTED_PROBLEMS. The record
    holds None there; a store merge keeps what it already holds for those fields instead, and says so in that
    problem (store.merge).
    """

    unreadable: dict[str, dict[str, dict[str, int]]] = dataclasses.field(default_factory=dict)


def import_files(
    paths: Iterable[str | Path],
    progress: Callable[[str, int], None] | None = None,
    mappings: Mapping[str, ColumnMapping] | None = None,
    skip: frozenset[str] = frozenset(),
) -> ReadResult:
    """Read every file; later files win when the same sub-order, after-sale or parcel appears twice.

    `progress(file name, rows read)` is called every PROGRESS_EVERY rows; it may raise ImportCancelled.
    `mappings` (header signature -> ColumnMapping) covers header rows the merchant has mapped by hand.
    `skip` names record fields not worth reading for this job (say, buyer details for a triage).
    """
    result = ReadResult()
    orders: dict[str, OrderLine] = {}
    after_sales: dict[str, AfterSale] = {}
    with collector_paused():
        for path in paths:
            summary = _import_file(Path(path), result, orders, after_sales, progress, mappings or {}, skip)
            result.files.append(summary)
    result.orders = list(orders.values())
    result.after_sales = list(after_sales.values())
    return result


def _import_file(
    path: Path,
    result: ReadResult,
    orders: dict,
    after_sales: dict,
    progress,
    mappings: Mapping[str, ColumnMapping],
    skip: frozenset[str] = frozenset(),
) -> FileSummary:
    name = path.name
    summary = FileSummary(str(path), None)
    problems_before = len(result.problems)

    in_rows = 0

    def report(row: int | None, column: str | None, message: str) -> int | None:
        """Adds the problem; returns its index in result.problems (None once LISTED_PROBLEMS in rows are kept:
        then it is only counted)."""
        nonlocal in_rows
        if row is not None:
            if in_rows == LISTED_PROBLEMS:
                summary.problems_not_listed += 1
                return None
            in_rows += 1
        result.problems.append(Problem(name, row, column, message))
        return len(result.problems) - 1

    try:
        found, summary.headers = _find_header(path, mappings)
    except UnreadableFile as error:
        report(None, None, str(error))
        summary.problems = len(result.problems) - problems_before
        return summary
    if found is None:
        report(None, None, _unknown_kind_message(path))
        summary.problems = len(result.problems) - problems_before
        return summary
    summary.headers = None
    kind, header_row, headers, sheet, explicit = found
    if isinstance(kind, RefusedKind):
        report(header_row, None, f"这是{kind.title}，不是订单、售后或物流数据，已跳过")
        summary.problems = len(result.problems) - problems_before
        return summary

    summary.kind = kind.id
    positions, missing = filekinds.map_columns(kind, headers, explicit)
    summary.fields = frozenset(positions) - skip  # a skipped column must never blank stored values
    required_missing = [column.name for column in missing if column.required]
    if required_missing:
        for column_name in required_missing:
            report(header_row, column_name, f"{kind.title}缺少必需列「{column_name}」，整个文件未导入")
        summary.problems = len(result.problems) - problems_before
        return summary
    for column in missing:
        if column.missing_means:
            report(header_row, column.name, f"没有「{column.name}」列：{column.missing_means}")

    parsers = [
        (positions[c.field], c.field, c.parse, c.name, memo_for(c, kind.identity[0]))
        for c in kind.columns
        if c.field in positions and c.field not in skip
    ]
    read = sorted(index for index, *_ in parsers)
    sheet.keep_only(read)  # a streamed .xlsx then skips every other cell
    # A row is kept only with its key and every other field of the kind's identity (an order line needs its
    # 主订单编号 too).
    identity = frozenset(kind.identity)
    key_field, *others = kind.identity
    key_header = kind.column(key_field).name
    also_needed = [(field, kind.column(field).name) for field in others]
    record_type = _RECORD_TYPES[kind.id]
    first_seen: dict[str, int] = {}
    records: dict[str, object] = {}
    unreadable: list[tuple[str, int]] = []  # (field, problem index) for the row being read
    gaps: dict[str, dict[str, int]] = {}  # record key -> its unreadable fields (ReadResult.unreadable)

    def read_row(row_number: int, cells: list) -> None:
        """One row, read by itself: everything about it that needs a word to the merchant is reported here."""
        # Empty when no column we read has a value (a streamed .xlsx does not even look at the others).
        if not any(cells[index] not in (None, "") for index in read if index < len(cells)):
            return
        summary.rows += 1
        if progress is not None and summary.rows % PROGRESS_EVERY == 0:
            progress(name, summary.rows)
        if cells.__class__ is NotedRow:  # a CSV row read in another encoding than the file's (csv_text)
            report(row_number, None, cells.note)
        values = _parse_row(cells, parsers, row_number, report, unreadable, identity)
        if values is None:
            unreadable.clear()
            return
        key = values.get(key_field)
        missing = key_header if key is None else None
        for field, header in also_needed:
            if missing is None and values.get(field) is None:
                missing = header
        if missing is not None:
            report(row_number, missing, f"「{missing}」为空，此行未导入")
            unreadable.clear()
            return
        if key in first_seen:
            report(row_number, key_header, f"与第 {first_seen[key]} 行重复（{key_header} {key}），此行未导入")
            unreadable.clear()
            return
        first_seen[key] = row_number
        if kind.id == "orders" and not _packages_ok(values, row_number, report, unreadable):
            values.pop("packages", None)
        if unreadable:
            gaps[key] = dict(unreadable)
            unreadable.clear()
        records[key] = record_type(**values)

    # Rows nothing is wrong with are read a batch at a time, column by column (batch_rows); the others, and
    # every row when the records cannot be built that way, one at a time by read_row.
    batches = None
    if BatchReader.usable(parsers, record_type, kind.identity):
        batches = BatchReader(parsers, record_type, kind.identity, _FINISH.get(kind.id, {}))
    # After a batch of mostly such rows (say, a time column Excel turned into dates), the next batches are read
    # one row at a time straight away, more of them the longer it goes on.
    one_by_one = 0  # batches still to read that way
    next_time = 1
    try:
        for batch, error in _batches(sheet.rows, BATCH_ROWS if batches is not None else 1):
            if batches is None or one_by_one:
                one_by_one = max(one_by_one - 1, 0)
                for row_number, cells in batch:
                    read_row(row_number, cells)
            else:
                marked, keys, batch_records = batches.read(batch)
                if marked.count(True) * 2 > len(marked):
                    one_by_one, next_time = next_time, min(next_time * 2, 64)
                else:
                    next_time = 1
                if True in marked or len(set(keys)) < len(keys) or not first_seen.keys().isdisjoint(keys):
                    for (row_number, cells), out, key, record in zip(batch, marked, keys, batch_records, strict=True):
                        if out or key in first_seen:
                            read_row(row_number, cells)
                            continue
                        summary.rows += 1
                        if progress is not None and summary.rows % PROGRESS_EVERY == 0:
                            progress(name, summary.rows)
                        first_seen[key] = row_number
                        records[key] = record
                else:  # nearly every batch
                    first_seen.update(zip(keys, (row_number for row_number, _ in batch), strict=True))
                    records.update(zip(keys, batch_records, strict=True))
                    before, summary.rows = summary.rows, summary.rows + len(batch)
                    if progress is not None:
                        for rows in range(before - before % PROGRESS_EVERY + PROGRESS_EVERY, summary.rows + 1,
                                          PROGRESS_EVERY):  # fmt: skip
                            progress(name, rows)
            if error is not None:
                raise error
    except UnreadableFile as error:
        # A file that breaks off (damaged, truncated, failed checksum) may have handed out bad rows too.
        report(None, None, f"读到第 {summary.rows} 行后出错，整个文件未导入，请重新下载：{error}")
        summary.problems = len(result.problems) - problems_before
        return summary
    if sheet.ended_early is not None:
        report(None, None, sheet.ended_early)
    # Kept apart until the file has been read to its end, then merged: later files win.
    kind_gaps = result.unreadable.setdefault(kind.id, {})
    if kind_gaps:  # an earlier file's unreadable cells do not belong to this file's records
        for key in records:
            kind_gaps.pop(key, None)
    kind_gaps.update(gaps)
    if kind.id == "orders":
        orders.update(records)
    elif kind.id == "after_sales":
        after_sales.update(records)
    else:
        for record in records.values():
            _merge_tracking(result.tracking, record)
    summary.imported = len(records)
    if summary.rows == 0:
        report(header_row, None, f"{kind.title}只有表头，没有数据行")
    summary.problems = len(result.problems) - problems_before
    return summary


def _parse_row(
    cells: list, parsers: list, row_number: int, report, unreadable: list, identity: frozenset[str]
) -> dict | None:
    """The row's values; None when a cell of its `identity` (FileKind.identity) cannot be read. Every other
    cell that cannot be read is a problem, and (field, problem index) goes into `unreadable`."""
    values: dict = {}
    width = len(cells)
    for index, field, parse, header, memo in parsers:
        if index >= width:
            continue
        try:
            value = read_cell(cells[index], parse, memo)
        except CellError as error:
            if field in identity:
                report(row_number, header, f"{error}，此行未导入")
                return None
            unreadable.append((field, report(row_number, header, str(error))))
            continue
        if value is not EMPTY:
            values[field] = value
    return values


BATCH_ROWS = 500  # rows read at a time by batch_rows
# A second reading of a field's parsed value, per kind: the order's packed 快递信息 (see _packages_ok).
_FINISH = {"orders": {"packages": parse_packages}}


def _batches(rows: Iterator[tuple[int, list]], size: int) -> Iterator[tuple[list, UnreadableFile | None]]:
    """The rows in lists of `size`, each with None; when reading breaks off, the rows read until then, with the
    error (they are read before the error is reported, as they would be one at a time)."""
    batch: list = []
    try:
        for row in rows:
            batch.append(row)
            if len(batch) == size:
                yield batch, None
                batch = []
    except UnreadableFile as error:
        yield batch, error
        return
    if batch:
        yield batch, None


def _packages_ok(values: dict, row_number: int, report, unreadable: list) -> bool:
    text = values.get("packages")
    if text is None:
        return True
    try:
        values["packages"] = parse_packages(text)
    except ValueError as error:
        unreadable.append(("packages", report(row_number, "快递信息", str(error))))
        return False
    return True


def _merge_tracking(tracking: dict[str, Tracking], record: Tracking) -> None:
    """A parcel seen in several sheets keeps every scan time any of them knows; later sheets win on conflict."""
    known = tracking.get(record.tracking_no)
    if known is None:
        tracking[record.tracking_no] = record
        return
    for field in Tracking.__slots__:
        value = getattr(record, field)
        if value is not None:
            setattr(known, field, value)


def _find_header(path: Path, mappings: Mapping[str, ColumnMapping]):
    """((kind, header row number, normalised headers, sheet, explicit columns) | None, first headers).

    The first sheet row (of the first ten) that a known kind or a saved mapping recognises is the header.
    When none is, the first non-empty row comes back so the merchant can be offered a mapping.
    """
    first_headers = None
    for sheet in sheets(path):
        for _ in range(HEADER_SEARCH_ROWS):
            try:
                row_number, cells = next(sheet.rows)
            except StopIteration:
                break
            headers = [filekinds.normalise_header(cell) for cell in cells]
            kind = filekinds.detect(headers)
            if kind is not None:
                return (kind, row_number, headers, sheet, None), None
            mapping = mappings.get(filekinds.header_signature(headers))
            if mapping is not None:
                return (filekinds.kind_by_id(mapping.kind), row_number, headers, sheet, mapping.columns), None
            if first_headers is None and any(headers):
                first_headers = headers
    return None, first_headers


def recognised_kind(path: Path, mappings: Mapping[str, ColumnMapping]) -> filekinds.FileKind | None:
    """The kind of export a file's header row shows (a known one, or a layout mapped before); None for any
    other file. Reads only the first rows. Raises UnreadableFile (and OSError) as reading does."""
    found, _ = _find_header(path, mappings)
    return found[0] if found is not None and isinstance(found[0], filekinds.FileKind) else None


def _unknown_kind_message(path: Path) -> str:
    try:
        empty = all(not any(cells) for sheet in sheets(path) for _, cells in sheet.rows)
    except UnreadableFile:
        empty = False
    if empty:
        return "文件是空的"
    return (
        f"无法识别文件类型：前 {HEADER_SEARCH_ROWS} 行里没有认识的表头。"
        "ShopGuard 能读取抖店订单导出（含「主订单编号」「子订单编号」）、售后单导出（含「售后单号」）"
        "和快递轨迹表（含「快递单号」及揽收/签收等时间）"
    )
