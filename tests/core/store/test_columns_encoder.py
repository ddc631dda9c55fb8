"""A whole import's records encoded a column at a time (codec.columns_encoder) are exactly the rows encoder()
gives one record at a time, whatever the times (before 1992, when Beijing still had summer time; other zones;
microseconds; none), amounts and packages; and merging into a fresh store in one go stores what merging row by
row stores."""

from __future__ import annotations

import random
from dataclasses import MISSING, fields
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.records import OrderLine, Package
from shopguard.core.store import merge
from shopguard.core.store.codec import ORDER_LINES, SPECS, columns_encoder, encoder
from shopguard.core.store.database import Store

MOMENTS = [
    None,
    datetime(2026, 11, 20, 18, 8, 52, tzinfo=BEIJING),
    datetime(2026, 11, 20, 18, 8, 52, 123456, tzinfo=BEIJING),
    datetime(1992, 1, 1, tzinfo=BEIJING),
    datetime(1991, 6, 1, 12, 0, tzinfo=BEIJING),  # summer time: +09:00
    datetime(1991, 12, 31, 23, 59, 59, tzinfo=BEIJING),
    datetime(1980, 1, 1, tzinfo=BEIJING),
    datetime(2026, 11, 20, 10, 8, 52, tzinfo=UTC),
    datetime(2026, 11, 20, 18, 8, 52, tzinfo=timezone(timedelta(hours=8))),
    datetime(2026, 11, 20, 18, 8, 52, tzinfo=BEIJING, fold=1),
    datetime(9999, 12, 31, 23, 59, 59, tzinfo=BEIJING),
]
AMOUNTS = [None, Decimal("59.90"), Decimal("1E+3"), Decimal("0"), Decimal("-0.00"), Decimal("1200")]
PACKAGES = [(), (Package("SF1001", "顺丰速运", ("3600001", "3600002")), Package("YT2002", None)), (Package("X", None),)]


def _records(record_type: type, rng: random.Random, count: int, moments: list) -> list:
    records = []
    for number in range(count):
        values = {}
        for field in fields(record_type):
            if "datetime" in field.type:
                values[field.name] = rng.choice(moments)
            elif "Decimal" in field.type:
                values[field.name] = rng.choice(AMOUNTS)
            elif field.name == "packages":
                values[field.name] = rng.choice(PACKAGES)
            elif "int" in field.type:
                values[field.name] = rng.choice([None, number])
            else:
                required = field.default is MISSING  # the key, the order line's order id
                values[field.name] = f"{number}" if required else rng.choice([None, "", f"{field.name}-{number}"])
        records.append(record_type(**values))
    return records


@pytest.mark.parametrize("spec", SPECS.values(), ids=list(SPECS))
@pytest.mark.parametrize(
    "moments",
    [
        MOMENTS,
        [m for m in MOMENTS if m is None or (m.tzinfo is BEIJING and m.year >= 1992)],
        [None],
        MOMENTS[1:2],
        [None, *MOMENTS[1:3], *MOMENTS[7:9]],
    ],
    ids=["all kinds", "export-like", "none", "one", "other zones"],
)
def test_columns_encoder_gives_the_rows_encoder_gives(spec, moments):
    records = _records(spec.record_type, random.Random(len(moments)), 300, moments)
    expected = [encoder(spec)(record) for record in records]
    assert list(zip(*columns_encoder(spec)(records), strict=True)) == expected
    assert columns_encoder(spec)([]) == [[] for _ in spec.columns]


def test_a_summer_time_moment_keeps_its_offset():
    line = OrderLine("1", "2", paid_at=datetime(1991, 6, 1, 12, 0, tzinfo=BEIJING))
    columns = dict(zip(ORDER_LINES.columns, columns_encoder(ORDER_LINES)([line]), strict=True))
    assert columns["paid_at"] == ["1991-06-01T12:00:00+09:00"]


@pytest.mark.parametrize("kind", ["orders", "after_sales", "tracking"])
def test_a_first_import_stores_in_one_go_what_it_stores_row_by_row(tmp_path, kind):
    spec = SPECS[kind]
    records = {
        record.__getattribute__(spec.key): record
        for record in _records(spec.record_type, random.Random(7), 400, MOMENTS[1:4])
    }
    stored = {}
    for way, unreadable in (("in one go", {}), ("row by row", {"no such key": {}})):  # any gap: row by row
        store = Store.open(tmp_path / way)
        report = merge.ImportReport("x.csv", kind)
        report.import_id = 1
        with store.transaction() as db:
            touched = merge._merge(db, spec, list(records.values()), frozenset(spec.columns), None, report, unreadable)
            rows = db.execute(f"SELECT * FROM {spec.table} ORDER BY rowid").fetchall()
        stored[way] = (rows, touched, report.new, report.updated, report.unchanged)
        store.connection.close()
    assert stored["in one go"] == stored["row by row"] and stored["in one go"][2] == len(records)
