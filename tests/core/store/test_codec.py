"""Records to rows and back: every field of every stored record survives the round trip, as SQLite stores it."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from datetime import datetime
from decimal import Decimal

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.records import AfterSale, OrderLine, Package, Tracking
from shopguard.core.store.codec import SPECS, decoder, encode, encoder

MOMENT = datetime(2026, 11, 11, 0, 0, 7, tzinfo=BEIJING)


def _full(record_type: type):
    """A record with every field set, each time a different second, so a swapped column shows."""
    values = {}
    for index, field in enumerate(fields(record_type)):
        if "datetime" in field.type:
            values[field.name] = MOMENT.replace(second=index)
        elif "Decimal" in field.type:
            values[field.name] = Decimal("59.90")
        elif field.name == "packages":
            values[field.name] = (Package("SF1001", "顺丰速运", ("3600001", "3600002")), Package("YT2002", None))
        elif "int" in field.type:
            values[field.name] = index
        else:
            values[field.name] = f"{field.name}-{index}"
    return record_type(**values)


@pytest.mark.parametrize("spec", SPECS.values(), ids=list(SPECS))
def test_every_field_survives_sqlite_and_back(spec):
    record = _full(spec.record_type)
    row = encoder(spec)(record)
    assert row == encode(record)
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE t ({', '.join(spec.columns)})")
    db.execute(f"INSERT INTO t VALUES ({', '.join('?' * len(row))})", row)
    stored = db.execute(f"SELECT {', '.join(spec.columns)} FROM t").fetchone()
    assert decoder(spec)(stored) == record
    assert row[spec.columns.index(next(n for n in spec.columns if n.endswith("_at")))].endswith("+08:00")


@pytest.mark.parametrize("record_type", [OrderLine, AfterSale, Tracking])
def test_times_and_amounts_are_where_the_codec_converts_them(record_type):
    """The codec converts columns by name (…_at, amount, packages): a time or an amount under another name
    would reach SQLite as an object it cannot store."""
    for field in fields(record_type):
        assert ("datetime" in field.type) == field.name.endswith("_at"), field.name
        assert ("Decimal" in field.type) == (field.name == "amount"), field.name


def test_empty_record_is_all_null():
    record = OrderLine("6900000000000000001", "6900000000000000002")
    row = encode(record)
    assert row[:2] == ("6900000000000000001", "6900000000000000002")
    assert set(row[2:]) == {None}
    assert decoder(SPECS["orders"])(row) == record
