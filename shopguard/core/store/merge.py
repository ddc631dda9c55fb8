"""`shopguard import`: merge exports into the store, one transaction per file, history kept.

A newer export updates what changed and leaves alone what the merchant added (notes, marks, corrections
live in their own tables). Columns a file does not have never blank stored values, a cell that cannot be
read never blanks its stored value (its problem says which value was kept), an encrypted buyer field never
replaces a known one, an export older than the stored data never overwrites it, and a tracking sheet only
ever adds scan times. Each file is read from a private copy (imports.private_copy): a file that changes
while it is imported is refused, never recorded as imported with rows missing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import repeat
from pathlib import Path

from shopguard.core.bulk import collector_paused
from shopguard.core.clock import BEIJING, now
from shopguard.core.imports.buyer import HIDDEN
from shopguard.core.imports.importer import BUYER_FIELDS, import_files
from shopguard.core.imports.private_copy import FileChanged, check_unchanged, private_copy
from shopguard.core.records import Problem
from shopguard.core.store import changes
from shopguard.core.store.codec import PARCELS, SPECS, TableSpec, columns_encoder, encode_time, tracking_numbers
from shopguard.core.store.database import DEFAULT_BACKUPS_KEPT, Store
from shopguard.core.store.mappings import load_mappings

_EXPORT_STAMP = re.compile(r"^(1[5-9]\d{8})(?:\D|$)")  # 抖店 file names start with the export's unix time


@dataclass(slots=True)
class ImportReport:
    file_name: str
    kind: str | None
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0  # rows already known from a newer export: not overwritten
    problems: list[Problem] = field(default_factory=list)
    problems_not_listed: int = 0  # more problems in rows than the importer keeps (importer.LISTED_PROBLEMS)
    same_as: tuple[int, str] | None = None  # (import id, when) of an identical earlier file
    import_id: int | None = None
    path: str = ""
    headers: list[str] | None = None  # an unrecognised file's first row, for a column mapping


def export_time_from_name(name: str) -> datetime | None:
    match = _EXPORT_STAMP.match(name)
    return datetime.fromtimestamp(int(match.group(1)), BEIJING) if match else None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def import_into_store(
    store: Store, paths: list[str | Path], backups_kept: int | None = None, progress=None
) -> list[ImportReport]:
    """Merge each file; back the database up once first. Unreadable files are reported, not fatal.

    `progress` is passed to the importer (see importer.import_files); cancelling keeps the files merged so far.
    """
    kept = backups_kept if backups_kept is not None else int(store.setting("backups_kept", str(DEFAULT_BACKUPS_KEPT)))
    store.backup(kept)
    mappings = load_mappings(store)
    return [_import_one(store, Path(path), progress, mappings) for path in paths]


def _import_one(store: Store, path: Path, progress, mappings) -> ImportReport:
    if not path.is_file():
        return _refused(path, "找不到文件" if not path.exists() else "不是文件")
    try:
        with private_copy(path) as copy:
            earlier = store.connection.execute(
                # A file that could not be read before (unknown layout, since mapped) is not "the same import".
                "SELECT id, imported_at, kind, rows FROM imports"
                " WHERE sha256 = ? AND same_as IS NULL AND kind IS NOT NULL ORDER BY id LIMIT 1",
                (copy.sha256,),
            ).fetchone()
            if earlier is not None:
                return _record_repeat(store, path, copy.sha256, copy.state.size, earlier)
            result = import_files([copy.path], progress, mappings)
            check_unchanged(path, copy.state)  # what was copied is still the file: nothing changed meanwhile
    except FileChanged as error:
        return _refused(path, str(error))
    summary = result.files[0]
    report = ImportReport(path.name, summary.kind, rows=summary.rows, problems=result.problems, path=str(path))
    report.headers = summary.headers
    report.problems_not_listed = summary.problems_not_listed
    export_time = encode_time(export_time_from_name(path.name))
    with _page_cache_for_bulk(store.connection), store.transaction() as db, collector_paused():
        before = changes.data_version(store)
        report.import_id = db.execute(
            "INSERT INTO imports (file_name, path, size, sha256, kind, export_time, imported_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (path.name, str(path.resolve()), copy.state.size, copy.sha256, summary.kind, export_time,
             now().isoformat()),
        ).lastrowid  # fmt: skip
        if summary.kind is not None:
            records = {"orders": result.orders, "after_sales": result.after_sales, "tracking": result.tracking.values()}
            unreadable = result.unreadable.get(summary.kind, {})
            touched = _merge(
                db, SPECS[summary.kind], records[summary.kind], summary.fields, export_time, report, unreadable
            )
            changes.record_changes(store, before, touched)
        db.executemany(
            "INSERT INTO import_problems (import_id, row, column_name, message) VALUES (?,?,?,?)",
            [(report.import_id, p.row, p.column, p.message) for p in report.problems],
        )
        db.execute(
            "UPDATE imports SET rows=?, new=?, updated=?, unchanged=?, older=?, problems=? WHERE id=?",
            (report.rows, report.new, report.updated, report.unchanged, report.older,
             len(report.problems) + report.problems_not_listed, report.import_id),
        )  # fmt: skip
    return report


# SQLite's page cache during an import, in KiB (default 2 MiB). The primary-key index of 200,000 inserted
# rows outgrows the default, and then every insert spills pages to the WAL and reads them back; with 64 MiB
# the insert of a 200,000-row export took a third less CPU. Only the cache size: the transaction, and with
# it what a crash or kill mid-import leaves behind, is unchanged.
BULK_PAGE_CACHE_KIB = 65536


@contextmanager
def _page_cache_for_bulk(db) -> Iterator[None]:
    previous = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{BULK_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(previous)}")  # the memory goes back once the import is done


def _refused(path: Path, message: str) -> ImportReport:
    """A file not imported at all (and not recorded as imported)."""
    report = ImportReport(path.name, None, path=str(path))
    report.problems.append(Problem(path.name, None, None, message))
    return report


def _record_repeat(store: Store, path: Path, sha256: str, size: int, earlier: tuple) -> ImportReport:
    earlier_id, imported_at, kind, rows = earlier
    report = ImportReport(path.name, kind, rows=rows, unchanged=rows, same_as=(earlier_id, imported_at))
    with store.transaction() as db:
        report.import_id = db.execute(
            "INSERT INTO imports (file_name, path, size, sha256, kind, imported_at, rows, unchanged, same_as)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (
                path.name,
                str(path.resolve()),
                size,
                sha256,
                kind,
                now().isoformat(),
                rows,
                rows,
                earlier_id,
            ),
        ).lastrowid
    return report


def _merge(
    db,
    spec: TableSpec,
    records,
    present: frozenset[str],
    export_time: str | None,
    report: ImportReport,
    unreadable: dict[str, dict[str, int]],
) -> set[changes.Key]:
    """Insert new rows, update changed ones; returns the keys they touch (store.changes), before and after.

    `unreadable` (record key -> field -> index of its problem in report.problems, importer.ReadResult) names
    the cells that could not be read: a stored row keeps its value for them, and their problems say so.
    """
    columns = spec.columns
    keys_of = changes.key_reader(spec.table, columns)
    touched: set[changes.Key] = set()
    width = len(columns)
    key_index = columns.index(spec.key)
    position = {name: index for index, name in enumerate(columns)}
    tail = (export_time, report.import_id, report.import_id)  # export_time, first_import, last_import
    stored = {row[key_index]: row for row in db.execute(f"SELECT {', '.join(columns)}, export_time FROM {spec.table}")}
    # Tracking sheets only add scans; other exports replace the fields they carry.
    coalesce = spec is PARCELS
    keep_stored = [name not in present for name in columns]
    # An encrypted buyer field (imports.buyer) says nothing new: a name, phone or address known stays.
    hidden = [position[name] for name in sorted(BUYER_FIELDS & present) if name in position]
    inserts, updates = [], []
    records = list(records)
    encoded = columns_encoder(spec)(records)
    rows = zip(*encoded, strict=True)
    if not unreadable and stored.keys().isdisjoint(encoded[key_index]):  # all new, all read: a first import
        inserts = list(zip(*encoded, *(repeat(value, len(records)) for value in tail), strict=True))
        touched.update(changes.keys_of_columns(spec.table, columns, encoded))
        report.new += len(inserts)
        rows = ()
    for row in rows:
        key = row[key_index]
        old = stored.get(key)
        gaps = unreadable.get(key) if unreadable else None
        if old is None:
            inserts.append((*row, *tail))
            touched.update(keys_of(row))
            report.new += 1
            if gaps:
                _say_what_was_kept(report.problems, gaps, {})
            continue
        if coalesce:
            merged = tuple(
                new if new is not None else was for new, was in zip(row, old, strict=False)
            )  # old ends with export_time
        else:
            merged = tuple(was if keep else new for keep, new, was in zip(keep_stored, row, old, strict=False))
        # `in` first: this runs for every stored row, and current exports encrypt every buyer field.
        known = [i for i in hidden if merged[i] == HIDDEN and old[i] not in (None, HIDDEN)] if HIDDEN in merged else ()
        if gaps or known:
            kept = {position[name]: old[position[name]] for name in gaps or ()}
            kept.update((index, old[index]) for index in known)
            merged = tuple(kept.get(index, value) for index, value in enumerate(merged))
            if gaps:
                _say_what_was_kept(report.problems, gaps, {name: old[position[name]] for name in gaps})
        if merged == old[:width]:
            report.unchanged += 1
        elif export_time and old[width] and export_time < old[width]:
            report.older += 1
        else:
            updates.append((*merged, max(filter(None, (export_time, old[width])), default=None), report.import_id,
                            key))  # fmt: skip
            touched.update(keys_of(old))
            touched.update(keys_of(merged))
            report.updated += 1
    placeholders = ", ".join("?" * (width + 3))
    db.executemany(
        f"INSERT INTO {spec.table} ({', '.join(columns)}, export_time, first_import, last_import)"
        f" VALUES ({placeholders})",
        inserts,
    )
    assignments = ", ".join(f"{name} = ?" for name in (*columns, "export_time", "last_import"))
    db.executemany(f"UPDATE {spec.table} SET {assignments} WHERE {spec.key} = ?", updates)
    return touched


def _say_what_was_kept(problems: list[Problem], gaps: dict[str, int | None], kept: dict[str, object]) -> None:
    """Finish the problem of each unreadable cell with what the store holds for it from now on."""
    for name, index in gaps.items():
        if index is None:  # a problem only counted, not listed (importer.LISTED_PROBLEMS)
            continue
        value = kept.get(name)
        problem = problems[index]
        outcome = "此项留空" if value is None else f"保留已导入的值「{_as_shown(name, value)}」"
        problems[index] = Problem(problem.file, problem.row, problem.column, f"{problem.message}；{outcome}")


def _as_shown(name: str, value: object) -> str:
    """A stored value as the merchant knows it from the export."""
    if name.endswith("_at"):
        return str(value)[:19].replace("T", " ")
    if name == "packages":
        return "、".join(tracking_numbers(str(value)))
    return str(value)
