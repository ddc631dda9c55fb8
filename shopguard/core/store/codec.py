"""Records to table rows and back. Columns follow the record dataclasses, so the two cannot drift apart."""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from itertools import repeat
from operator import add, attrgetter

from shopguard.core.clock import BEIJING, FIXED_OFFSET_SINCE, FIXED_OFFSET_TEXT, beijing
from shopguard.core.records import AfterSale, OrderLine, Package, Tracking


@dataclass(frozen=True)
class TableSpec:
    table: str
    record_type: type
    key: str

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(field.name for field in fields(self.record_type))


ORDER_LINES = TableSpec("order_lines", OrderLine, "sub_order_id")
AFTER_SALES = TableSpec("after_sales", AfterSale, "after_sale_id")
PARCELS = TableSpec("parcels", Tracking, "tracking_no")
SPECS = {"orders": ORDER_LINES, "after_sales": AFTER_SALES, "tracking": PARCELS}


def encode_time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def decode_time(text: str | None) -> datetime | None:
    if text is None:
        return None
    if text.endswith(FIXED_OFFSET_TEXT):  # how encode_time writes every Beijing time: skip the conversion
        return beijing(datetime.fromisoformat(text[:-6]))
    return datetime.fromisoformat(text).astimezone(BEIJING)


def _encode_packages(packages: tuple[Package, ...]) -> str | None:
    # Tracking numbers are letters and digits; courier names have no '|' or ';'; product ids are digits.
    return ";".join(_encode_package(p) for p in packages) or None


def _encode_package(package: Package) -> str:
    text = f"{package.tracking_no}|{package.courier or ''}"
    return f"{text}|{','.join(package.product_ids)}" if package.product_ids else text


def tracking_numbers(text: str) -> list[str]:
    """The tracking numbers in an encoded packages column, without decoding the couriers."""
    return [item.partition("|")[0] for item in text.split(";")]


def _decode_packages(text: str | None) -> tuple[Package, ...]:
    if not text:
        return ()
    packages = []
    for item in text.split(";"):
        tracking_no, _, rest = item.partition("|")
        courier, _, product_ids = rest.partition("|")
        packages.append(Package(tracking_no, courier or None, tuple(product_ids.split(",")) if product_ids else ()))
    return tuple(packages)


def encode(record) -> tuple:
    """The record's values in column order, as SQLite stores them."""
    return _encoder_of(type(record))(record)


@functools.cache
def _encoder_of(record_type: type):
    """encoder() for a record type (the table spec whose records they are)."""
    return encoder(next(spec for spec in SPECS.values() if spec.record_type is record_type))


def encoder(spec: TableSpec):
    """A function from a record to its row (in spec.columns order), the inverse of decoder(spec).

    All values are read at once (attrgetter) and only the few converted columns touched: this runs once per
    imported row, and a loop over every field took most of the encoding of a 200,000-row export."""
    columns = spec.columns
    read = attrgetter(*columns)
    times = [i for i, name in enumerate(columns) if name.endswith("_at")]
    amounts = [i for i, name in enumerate(columns) if name == "amount"]
    packages = [i for i, name in enumerate(columns) if name == "packages"]

    def encode_record(record) -> tuple:
        values = list(read(record))
        for i in times:
            if values[i] is not None:
                values[i] = values[i].isoformat()
        for i in amounts:
            if values[i] is not None:
                values[i] = str(values[i])
        for i in packages:
            values[i] = _encode_packages(values[i])
        return tuple(values)

    return encode_record


def columns_encoder(spec: TableSpec):
    """A function from a list of records to the columns of their rows (each a list, in spec.columns order): what
    encoder(spec) gives for each record, a column at a time, for a whole import."""
    converters = {name: _times_as_text for name in spec.columns if name.endswith("_at")}
    converters.update({name: _each(str) for name in spec.columns if name == "amount"})
    converters.update({name: _encode_all_packages for name in spec.columns if name == "packages"})
    read = [(attrgetter(name), converters.get(name)) for name in spec.columns]

    def encode_columns(records: list) -> list[list]:
        return [
            list(map(get, records)) if convert is None else convert(list(map(get, records))) for get, convert in read
        ]

    return encode_columns


def _each(convert):
    def converted(values: list) -> list:
        if None not in values:
            return list(map(convert, values))
        return [None if value is None else convert(value) for value in values]

    return converted


def _encode_all_packages(values: list) -> list:
    return list(map(_encode_packages, values))


_TZINFO, _YEAR = attrgetter("tzinfo"), attrgetter("year")


def _times_as_text(moments: list) -> list:
    """[encode_time(moment) for moment in moments]. Beijing times since Beijing's offset stopped changing (all of
    an export's) are written as their wall time and +08:00, which is what isoformat() writes for them, at about
    half its cost: a big import has close to a million of them."""
    present = moments if None not in moments else [moment for moment in moments if moment is not None]
    if present and set(map(_TZINFO, present)) == {BEIJING} and min(map(_YEAR, present)) >= FIXED_OFFSET_SINCE.year:
        wall_times = map(datetime.combine, present, map(datetime.time, present))  # the same, without the zone
        texts = list(map(add, map(datetime.isoformat, wall_times), repeat(FIXED_OFFSET_TEXT)))
    else:
        texts = [moment.isoformat() for moment in present]
    if present is moments:
        return texts
    in_order = iter(texts)
    return [None if moment is None else next(in_order) for moment in moments]


def decoder(spec: TableSpec):
    """A function from a row (in spec.columns order) to a record."""
    columns = spec.columns
    times = [i for i, name in enumerate(columns) if name.endswith("_at")]
    amounts = [i for i, name in enumerate(columns) if name == "amount"]
    packages = [i for i, name in enumerate(columns) if name == "packages"]
    record_type = spec.record_type

    from_text, combine, zone = datetime.fromisoformat, datetime.combine, BEIJING

    def decode(row) -> object:
        # Only the few converted columns are touched: this runs once per stored row on every triage.
        values = list(row)
        for i in times:
            text = values[i]
            if text is None:
                continue
            if text[-6:] == FIXED_OFFSET_TEXT:  # decode_time and clock.beijing, inline: four times per order line
                naive = from_text(text[:-6])
                values[i] = combine(naive, naive.time(), zone)
            else:
                values[i] = decode_time(text)
        for i in amounts:
            if values[i] is not None:
                values[i] = Decimal(values[i])
        for i in packages:
            values[i] = _decode_packages(values[i])
        return record_type(*values)

    return decode
