"""A header row ShopGuard does not know is mapped once by the merchant and recognised from then on."""

import pytest

from shopguard.core.imports.filekinds import ColumnMapping
from shopguard.core.store.database import Store
from shopguard.core.store.mappings import MappingError, load_mappings, save_mapping
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.snapshot import load_snapshot
from tests.exports import write_csv

ERP_ROWS = [
    {"单号": "SF1400000000006", "承运商": "顺丰速运", "揽件": "2023-11-01 20:00:00", "妥投": "2023-11-03 10:00:00"}
]
ERP_MAPPING = ColumnMapping(
    "tracking", {"tracking_no": "单号", "courier": "承运商", "picked_up_at": "揽件", "signed_at": "妥投"}
)


def test_unknown_layout_is_reported_with_its_headers_then_imports_once_mapped(tmp_path):
    path = write_csv(tmp_path / "erp.csv", ERP_ROWS)
    with Store.open(tmp_path / "data") as store:
        (first,) = import_into_store(store, [path])
        assert first.kind is None and first.headers == ["单号", "承运商", "揽件", "妥投"]
        save_mapping(store, first.headers, ERP_MAPPING)
        (again,) = import_into_store(store, [path])  # the same bytes: now readable, so not "already imported"
        assert (again.kind, again.new, again.same_as) == ("tracking", 1, None)
        parcel = load_snapshot(store).tracking["SF1400000000006"]
        assert parcel.courier == "顺丰速运" and parcel.signed_at is not None
        later = write_csv(tmp_path / "erp-next-day.csv", [ERP_ROWS[0] | {"单号": "SF1400000000007"}])
        (next_day,) = import_into_store(store, [later])  # the same layout tomorrow needs no new mapping
        assert (next_day.kind, next_day.new) == ("tracking", 1)
        assert set(load_mappings(store)) and len(load_mappings(store)) == 1


def test_a_mapping_must_name_the_required_columns(tmp_path):
    with Store.open(tmp_path / "data") as store:
        with pytest.raises(MappingError, match="快递单号"):
            save_mapping(store, ["单号", "揽件"], ColumnMapping("tracking", {"picked_up_at": "揽件"}))
        with pytest.raises(MappingError, match="没有这些列"):
            save_mapping(store, ["单号"], ColumnMapping("tracking", {"tracking_no": "运单"}))
