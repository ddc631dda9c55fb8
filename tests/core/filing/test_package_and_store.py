"""Packages checked file by file, filing records in a real store, and what an approved filing does."""

import hashlib
import json
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shopguard.core.clock import BEIJING
from shopguard.core.filing.catalogue import ITEMS
from shopguard.core.filing.model import Area, Filing
from shopguard.core.filing.package import safe_name
from shopguard.core.filing.service import EvidenceInput, create_filing
from shopguard.core.filing.storage import FilingError, load_filings, set_status
from shopguard.core.filing.vault import EvidenceError
from shopguard.core.store.database import Store
from shopguard.core.store.merge import import_into_store
from shopguard.core.store.preferences import set_setting
from shopguard.core.triage.session import triage_store
from tests.exports import order_row, write_csv

AT = datetime(2023, 11, 12, 10, tzinfo=BEIJING)
PERIOD = (datetime(2023, 11, 11, tzinfo=BEIJING), datetime(2023, 11, 13, 23, 59, 59, tzinfo=BEIJING))
ORDER = "6917926768823643751"


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as opened:
        rows = [
            order_row(paid="2023-11-10 09:00:00", shipped="2023-11-10 18:00:00", status="已发货",
                      packages="773012345678904-申通快递,卫衣-3788410999938351943,1;", province="浙江省"),
            order_row(order_id="6917926768823643761", paid="2023-11-01 09:00:00", promised="2023-11-02 09:00:00"),
        ]  # fmt: skip
        import_into_store(opened, [write_csv(tmp_path / "orders.csv", rows)])
        set_setting(opened, "shop_province", "浙江")
        yield opened


def evidence(tmp_path, name="网点证明.jpg", content=b"\xff\xd8 certificate"):
    path = tmp_path / name
    path.write_bytes(content)
    return EvidenceInput(path, "courier-certificate", frozenset(ITEMS["courier-certificate"].elements))


def new_filing(**changes):
    values = dict(type="force-majeure", cause="weather", period_start=PERIOD[0], period_end=PERIOD[1],
                  area=Area("浙江"), order_ids=[ORDER, "6917926768823643761"])  # fmt: skip
    return Filing(**(values | changes))


def test_package_contents_file_by_file(store, tmp_path):
    filing, coverage, (folder, archive) = create_filing(store, new_filing(), [evidence(tmp_path)], tmp_path / "out", AT)
    assert filing.status == "ready"
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["01_快递网点证明_网点证明.jpg", "manifest.json", "受影响订单.xlsx", "汇总.html", "说明.txt"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert hashlib.sha256((folder / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    assert manifest["type"] == "force-majeure" and manifest["cause"] == "weather" and manifest["kind"] == "report"
    assert manifest["latest_filing_time"] == "2023-11-12T18:00:00+08:00"  # the pickup due: earliest covered
    sheet = load_workbook(folder / "受影响订单.xlsx").active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [(ORDER, "773012345678904", "揽收", "是"),
                                                        ("6917926768823643761", None, "发货", "否")]  # fmt: skip
    assert isinstance(rows[0][3], datetime) and sheet["A2"].data_type == "s"
    text = (folder / "说明.txt").read_text(encoding="utf-8-sig")
    assert "受影响订单（1 个）：" + ORDER in text
    with zipfile.ZipFile(archive) as bundle:
        assert sorted(name.split("/", 1)[1] for name in bundle.namelist()) == names
    assert not list((tmp_path / "out").glob(".*partial"))  # nothing half-written left behind


@pytest.mark.parametrize(
    "original, expected",
    [("../../etc/passwd.jpg", "passwd.jpg"), ("C:\\Users\\a\\证明.png", "证明.png"), ('a<b>:"c"|?*.pdf', "a_b_c_.pdf"),
     ("..", "file"), ("x" * 200 + ".jpg", "x" * 76 + ".jpg")],
)  # fmt: skip
def test_names_from_the_user_never_escape_the_package(original, expected):
    assert safe_name(original) == expected


def test_a_hostile_evidence_name_stays_inside_the_package(store, tmp_path):
    sneaky = tmp_path / "dir"
    sneaky.mkdir()
    item = evidence(sneaky, name="..jpg")
    _, _, (folder, _) = create_filing(store, new_filing(), [item], tmp_path / "out", AT)
    assert all(path.parent == folder for path in folder.iterdir())


def test_evidence_is_kept_in_the_vault_once_and_survives_the_original(store, tmp_path):
    first = evidence(tmp_path, name="a.jpg")
    second = evidence(tmp_path, name="b.jpg")  # same bytes, other name
    filing, _, _ = create_filing(store, new_filing(), [first, second], None, AT)
    vault_files = list((store.directory / "evidence").rglob("*.jpg"))
    assert len(vault_files) == 1
    first.path.unlink()
    second.path.unlink()
    ((saved, coverage),) = load_filings(store)
    assert [e.original_name for e in saved.evidence] == ["a.jpg", "b.jpg"]
    assert all(Path(e.vault_path).read_bytes() == b"\xff\xd8 certificate" for e in saved.evidence)
    with pytest.raises(EvidenceError, match="只接受图片"):
        create_filing(store, new_filing(), [EvidenceInput(tmp_path / "orders.csv", "news", frozenset())], None, AT)


def test_statuses_move_forward_with_their_checks(store, tmp_path):
    filing, _, _ = create_filing(store, new_filing(), [], None, AT)
    assert filing.status == "draft"  # evidence missing
    with pytest.raises(FilingError, match="还不能标为可提交"):
        set_status(store, filing.id, "ready")
    assert set_status(store, filing.id, "filed", ticket="BB20231112").filed_at is not None
    with pytest.raises(FilingError, match="驳回原因"):
        set_status(store, filing.id, "rejected")
    assert set_status(store, filing.id, "rejected", reason="证明缺少红章").reason == "证明缺少红章"


def pickup(result):
    return next(d for d in result.triage.deadlines if d.kind == "pickup")


def test_an_approved_filing_exempts_the_clock_or_moves_its_due_time(store, tmp_path):
    before = pickup(triage_store(store, AT))
    assert before.status == "pending" and before.due == datetime(2023, 11, 11, 18, tzinfo=BEIJING) + timedelta(hours=24)
    filing, _, _ = create_filing(store, new_filing(), [evidence(tmp_path)], None, AT)
    set_status(store, filing.id, "approved", ticket="T1")
    exempt = pickup(triage_store(store, AT))
    assert exempt.status == "exempt" and f"报备 #{filing.id} 已通过" in exempt.explanation
    new_due = datetime(2023, 11, 15, 12, tzinfo=BEIJING)
    set_status(store, filing.id, "approved", new_due=new_due)
    moved = pickup(triage_store(store, AT))
    assert moved.due == new_due and moved.status == "pending"


def test_a_filing_due_soon_is_called_out_in_the_triage(store, tmp_path):
    create_filing(store, new_filing(), [], None, AT)
    notices = triage_store(store, datetime(2023, 11, 12, 9, tzinfo=BEIJING)).triage.notices
    assert any("报备 #1" in notice and "2023-11-12 18:00:00 前提交" in notice for notice in notices)
