"""Column mappings the merchant made once for an unrecognised header row; every later import uses them."""

from __future__ import annotations

import json

from shopguard.core.clock import now
from shopguard.core.imports.filekinds import ColumnMapping, header_signature, kind_by_id
from shopguard.core.store.database import Store


class MappingError(ValueError):
    """A mapping that would not let the file import; the message says what is missing."""


def load_mappings(store: Store) -> dict[str, ColumnMapping]:
    rows = store.connection.execute("SELECT signature, kind, columns FROM header_mappings")
    return {signature: ColumnMapping(kind, json.loads(columns)) for signature, kind, columns in rows}


def save_mapping(store: Store, headers: list[str], mapping: ColumnMapping) -> None:
    kind = kind_by_id(mapping.kind)
    unmapped = [column.name for column in kind.columns if column.required and column.field not in mapping.columns]
    if unmapped:
        raise MappingError(f"{kind.title}必须指定这些列：{'、'.join(unmapped)}")
    unknown = set(mapping.columns.values()) - set(headers)
    if unknown:
        raise MappingError(f"文件里没有这些列：{'、'.join(sorted(unknown))}")
    with store.transaction() as db:
        db.execute(
            "INSERT OR REPLACE INTO header_mappings (signature, kind, columns, created_at) VALUES (?, ?, ?, ?)",
            (
                header_signature(headers),
                mapping.kind,
                json.dumps(mapping.columns, ensure_ascii=False),
                now().isoformat(),
            ),
        )
