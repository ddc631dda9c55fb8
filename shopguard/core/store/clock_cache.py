"""Clocks computed from the store, kept between runs in the data folder.

Most of a triage of 200,000 stored orders goes into loading the records and resolving their rules, and
neither result changes unless the stored data, the rule packs, the settings or ShopGuard itself do.
Every change to the tables clocks come from gives the store a new random data version (store.changes).
Kept clocks carry the version they belong to and a key of the packs, settings and engine code, so they are
only ever used for exactly the inputs they came from, or brought up to date from there (store.clock_update).

Two files: clocks.cache holds the clocks of every order; clocks.delta, when present, the clocks of the
orders changed since, which replace theirs. A morning import rewrites only the small delta file. Each file
also keeps which orders share which tracking numbers (store.changes.affected_orders needs them).

Status and seconds left depend on the moment: the engine judges them again on every use. The files hold
only plain values (marshal), never code, with a CRC-32 per part: a damaged file is simply recomputed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from operator import attrgetter
from pathlib import Path

import shopguard
from shopguard.core.bulk import collector_paused
from shopguard.core.clock import BEIJING, FIXED_OFFSET_SINCE
from shopguard.core.deadlines.engine import Clocks, Deadline, shipped_penalty_tables
from shopguard.core.rules.packs import RulePack
from shopguard.core.settings import EngineSettings
from shopguard.core.store.changes import Link


@dataclasses.dataclass(slots=True)
class KeptPart:
    """The clocks kept in one file, most urgent first as of the run that kept them."""

    clocks: Clocks
    # (tracking number, order) of the records they came from, as two columns: paired only when needed.
    links: tuple[Sequence[str], Sequence[str]]
    orders: frozenset[str] = frozenset()  # delta: the orders whose clocks these replace

    def link_pairs(self) -> Iterator[Link]:
        return zip(*self.links, strict=True)


def as_links(pairs: Iterable[Link]) -> tuple[Sequence[str], Sequence[str]]:
    """(tracking number, order) pairs as the two columns KeptPart.links holds."""
    columns = tuple(zip(*pairs, strict=True))
    return columns if columns else ((), ())


@dataclasses.dataclass(slots=True)
class KeptClocks:
    config: str  # config_key(): the packs, settings and engine code they were computed with
    stamp: bytes  # data version (store.changes) of the data they belong to, with the delta if there is one
    base: KeptPart
    base_stamp: bytes
    delta: KeptPart | None = None


CACHE_NAME = "clocks.cache"
DELTA_NAME = "clocks.delta"
FORMAT = 6  # 4: no gaps (a clock that cannot be computed is a row of its own); 5: money; 6: product_ids
# Deadline fields the engine fills; the rest (handled, note, correction) are the merchant's, added later.
_COMPUTED = Deadline.__slots__[: Deadline.__slots__.index("handled")]
_TIMES = tuple(_COMPUTED.index(name) for name in ("start", "due", "done"))
# The modules whose code decides what compute_deadlines returns for the stored records.
# Paths are relative to shopguard/core; tests/core/store/test_clock_cache.py checks that each one exists.
ENGINE_MODULES = ("deadlines/engine", "deadlines/money", "rules/book", "rules/packs", "rules/penalties",
                  "rules/regions", "clock", "records", "settings",
                  "store/codec", "store/snapshot", "store/annotate", "store/changes", "store/clock_update")  # fmt: skip


def config_key(packs: list[RulePack], settings: EngineSettings, as_of: datetime) -> str:
    """Everything the computed clocks depend on, except the stored data and the moment they are judged at.

    A running clock also falls under a daily pack that takes effect while it runs (rules.book): the packs in
    force by `as_of` are part of the key, so crossing such a switch computes the clocks again.
    """
    started = sorted(pack.id for pack in packs if pack.kind == "daily" and pack.effective_from
                     and pack.effective_from <= as_of)  # fmt: skip
    inputs = _spelled_out((FORMAT, settings, packs, started, shipped_penalty_tables()))
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


def save_base(directory: Path, config: str, stamp: bytes, part: KeptPart) -> bool:
    """Keep the clocks of every order (before notes, marks or filings touch them). Best effort: False if
    the file could not be written."""
    if not _save(directory / CACHE_NAME, config, stamp, stamp, part):
        return False
    try:
        (directory / DELTA_NAME).unlink(missing_ok=True)
    except OSError:  # open elsewhere (Windows): it belongs to the old base, so it is never used anyway
        pass
    return True


def save_delta(directory: Path, config: str, base_stamp: bytes, stamp: bytes, part: KeptPart) -> bool:
    """Keep the clocks of the orders changed since the base was kept. Best effort, as save_base."""
    return _save(directory / DELTA_NAME, config, base_stamp, stamp, part)


def _save(path: Path, config: str, base_stamp: bytes, stamp: bytes, part: KeptPart) -> bool:
    """Written a field at a time, so at most one field of 200,000 clocks is ever converted at once. Each
    part is length-prefixed: marshal reading straight from a file is several times slower than from bytes."""
    partial = path.with_name(path.name + ".partial")  # one per file: a base and a delta may be written at once
    # In urgency order: loaded in that order, the clocks lie in memory in the order every later step
    # reads them, which keeps the frequent run (nothing changed) quick.
    deadlines = part.clocks.deadlines
    trackings, orders = map(list, part.links)
    header = (FORMAT, config, base_stamp, stamp, len(deadlines), trackings, orders, list(part.orders))
    try:
        with partial.open("wb") as out:
            _write_part(out, header)
            for index, column in enumerate(_columns(deadlines)):
                _write_part(out, _seconds(column) if index in _TIMES else column)
                column.clear()  # written: its share of memory goes now, not at the end
        os.replace(partial, path)  # never a half-written cache under the real name
        return True
    except OSError:
        partial.unlink(missing_ok=True)  # a full disk or a read-only folder only costs speed
        return False


# Small enough that a batch's rows stay in the processor's cache while they are transposed: 256 clocks a
# batch took three quarters of the time of 10,000 (200,000 clocks: 0.55 -> 0.42 s).
_TRANSPOSE_BATCH = 256


def _columns(deadlines: list[Deadline]) -> list[list]:
    """The computed fields as columns. Each clock is visited once, all its fields read at a time, a batch of
    clocks at a time: a pass per field over 200,000 clocks scattered in memory took half as long again."""
    columns: list[list] = [[] for _ in _COMPUTED]
    read = attrgetter(*_COMPUTED)
    for first in range(0, len(deadlines), _TRANSPOSE_BATCH):
        batch = map(read, deadlines[first : first + _TRANSPOSE_BATCH])
        for column, values in zip(columns, zip(*batch, strict=True), strict=True):
            column.extend(values)
    return columns


_EPOCH = datetime(1970, 1, 1, 8, tzinfo=BEIJING)


def _seconds(moments: list[datetime | None]) -> list[float | None]:
    """POSIX timestamps; by subtraction where Beijing time is always UTC+8 (three times quicker)."""
    fixed, epoch = FIXED_OFFSET_SINCE, _EPOCH
    return [
        None if moment is None else (moment - epoch).total_seconds() if moment >= fixed else moment.timestamp()
        for moment in moments
    ]


def load(directory: Path, config: str) -> KeptClocks | None:
    """The kept clocks for this configuration (with the delta, if it belongs to the base), or None."""
    base = _load(directory / CACHE_NAME, config)
    if base is None:
        return None
    base_stamp, _, base_part = base
    delta = _load(directory / DELTA_NAME, config)
    if delta is None or delta[0] != base_stamp:
        return KeptClocks(config, base_stamp, base_part, base_stamp)
    return KeptClocks(config, delta[1], base_part, base_stamp, delta[2])


def _load(path: Path, config: str) -> tuple[bytes, bytes, KeptPart] | None:
    try:
        with path.open("rb") as kept:
            stored_format, stored_config, base_stamp, stamp, count, trackings, orders, replaced = _read_part(kept)
            if stored_format != FORMAT or stored_config != config:
                return None
            columns = [_read_part(kept) for _ in _COMPUTED]
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if any(len(column) != count for column in columns) or len(trackings) != len(orders):
        return None
    from_timestamp = datetime.fromtimestamp
    with collector_paused():
        for index in _TIMES:
            columns[index] = [None if ts is None else from_timestamp(ts, BEIJING) for ts in columns[index]]
        deadlines = list(map(Deadline, *columns))
    part = KeptPart(Clocks(deadlines), (trackings, orders), frozenset(replaced))
    return base_stamp, stamp, part


def discard(directory: Path) -> None:
    (directory / CACHE_NAME).unlink(missing_ok=True)
    (directory / DELTA_NAME).unlink(missing_ok=True)


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
        for module in ENGINE_MODULES:
            try:
                digest.update((core / f"{module}.py").read_bytes())
            except OSError:
                digest.update(module.encode())
        _engine_digest = digest.digest()
    return _engine_digest
