"""Clocks computed from the store, kept between runs until anything they were computed from changes.

Most of a triage of 200,000 stored orders goes into loading the records and resolving their rules, and
neither result changes unless the stored data, the rule packs, the settings or ShopGuard itself do. Every
change to the tables clocks come from gives the store a new random stamp (schema v5 triggers, corrections
included), and the cache is keyed by that stamp together with the packs, the settings and the engine's own code, so a
kept result is only ever used for exactly the inputs it came from. Status and seconds left depend on the
moment: they are judged afresh on every load, by the engine's own `judge`.

The file holds only plain values (marshal), never code: a damaged or foreign file is simply recomputed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import zlib
from datetime import datetime
from operator import attrgetter
from pathlib import Path

import shopguard
from shopguard.core.bulk import collector_paused
from shopguard.core.clock import BEIJING
from shopguard.core.engine import Deadline, judge, sort_by_urgency
from shopguard.core.rulepacks import RulePack
from shopguard.core.settings import EngineSettings
from shopguard.core.store.database import Store

CACHE_NAME = "clocks.cache"
FORMAT = 2
# Deadline fields the engine fills; the rest (handled, note, correction) are the merchant's, added later.
_COMPUTED = Deadline.__slots__[: Deadline.__slots__.index("handled")]
_TIMES = tuple(_COMPUTED.index(name) for name in ("start", "due", "done"))
# The modules whose code decides what compute_deadlines returns for the stored records.
_ENGINE_MODULES = ("engine", "rulebook", "rulepacks", "regions", "clock", "records", "settings", "store/codec",
                   "store/snapshot", "store/annotate")  # fmt: skip


def data_version(store: Store) -> bytes:
    """Changes (to a new random value) whenever an order, after-sale, parcel or correction does."""
    return store.connection.execute("SELECT stamp FROM data_version").fetchone()[0]


def cache_key(store: Store, packs: list[RulePack], settings: EngineSettings) -> str:
    """Everything the computed clocks depend on, except the moment they are judged at."""
    inputs = _spelled_out((FORMAT, data_version(store), settings, packs))
    return hashlib.sha256(inputs.encode() + _engine_code()).hexdigest()


def _spelled_out(value) -> str:
    """Every field of packs and settings, in an order that is the same in every run.

    (Plain repr is not: the order of a frozenset's items changes with each process's string hashing.)
    """
    if dataclasses.is_dataclass(value):
        fields = ", ".join(f"{f.name}={_spelled_out(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__name__}({fields})"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(_spelled_out, value))) + "}"
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(map(_spelled_out, value)) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{_spelled_out(k)}: {_spelled_out(v)}" for k, v in value.items())) + "}"
    return repr(value)


def save(directory: Path, key: str, deadlines: list[Deadline], notices: list[str]) -> None:
    """Keep freshly computed clocks (before notes, marks or filings touch them). Best effort.

    Written a field at a time, so at most one field of 200,000 clocks is ever converted at once. Each
    part is length-prefixed: marshal reading straight from a file is several times slower than from bytes.
    """
    path = directory / CACHE_NAME
    partial = path.with_suffix(".partial")
    try:
        with partial.open("wb") as out:
            _write_part(out, (FORMAT, key, len(deadlines), list(notices)))
            for index, name in enumerate(_COMPUTED):
                column = list(map(attrgetter(name), deadlines))
                if index in _TIMES:
                    column = [moment and moment.timestamp() for moment in column]  # None stays None
                _write_part(out, column)
        os.replace(partial, path)  # never a half-written cache under the real name
    except OSError:
        partial.unlink(missing_ok=True)  # a full disk or a read-only folder only costs speed


def load(directory: Path, key: str, as_of: datetime) -> tuple[list[Deadline], list[str]] | None:
    """The kept clocks, judged at `as_of` and sorted most urgent first; None unless kept for this key."""
    try:
        with (directory / CACHE_NAME).open("rb") as kept:
            stored_format, stored_key, count, notices = _read_part(kept)
            if stored_format != FORMAT or stored_key != key:
                return None
            columns = [_read_part(kept) for _ in _COMPUTED]
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if any(len(column) != count for column in columns):
        return None
    from_timestamp = datetime.fromtimestamp
    with collector_paused():
        for index in _TIMES:
            columns[index] = [None if ts is None else from_timestamp(ts, BEIJING) for ts in columns[index]]
        deadlines = list(map(Deadline, *columns))
    for deadline in deadlines:
        if deadline.status in ("pending", "overdue"):  # the only statuses that depend on the moment
            deadline.status, deadline.seconds_left = judge(deadline.due, None, False, as_of)
    sort_by_urgency(deadlines)
    return deadlines, notices


def discard(directory: Path) -> None:
    (directory / CACHE_NAME).unlink(missing_ok=True)


def _write_part(out, value) -> None:
    # Size and CRC-32 first: a flipped bit on disk must cost a recomputation, never a wrong due time.
    data = marshal.dumps(value)
    out.write(len(data).to_bytes(8, "little") + zlib.crc32(data).to_bytes(4, "little"))
    out.write(data)


def _read_part(source):
    head = source.read(12)
    size, checksum = int.from_bytes(head[:8], "little"), int.from_bytes(head[8:], "little")
    if len(head) < 12 or size > os.fstat(source.fileno()).st_size - source.tell():
        raise EOFError("cache file ends early")
    data = source.read(size)
    if zlib.crc32(data) != checksum:
        raise ValueError("cache file damaged")
    return marshal.loads(data)


_engine_digest: bytes | None = None


def _engine_code() -> bytes:
    """A digest of the engine's source, so a changed engine never reuses clocks computed by the old one.

    An installed app may have no source files to read: its version number stands in for them.
    """
    global _engine_digest
    if _engine_digest is None:
        digest = hashlib.sha256(shopguard.__version__.encode())
        core = Path(shopguard.__file__).parent / "core"
        for module in _ENGINE_MODULES:
            try:
                digest.update((core / f"{module}.py").read_bytes())
            except OSError:
                digest.update(module.encode())
        _engine_digest = digest.digest()
    return _engine_digest
