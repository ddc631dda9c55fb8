"""Notices as data: the places a merchant pastes, matching an address, the file, and the pack a notice becomes."""

from datetime import datetime

import pytest

from shopguard.core.clock import BEIJING
from shopguard.core.rules.notices import NoticeError, add_notice, load_notices, make_notice, notice_pack, notices_path
from shopguard.core.rules.regions import Place, PlaceError, parse_places, place_covers

NOW = datetime(2026, 7, 20, 9, tzinfo=BEIJING)


def test_places_as_typed_or_pasted_from_a_notice():
    assert parse_places("河南省/郑州市,广东省/汕头市/潮阳区") == (
        Place("河南", "郑州"),
        Place("广东", "汕头", "潮阳区"),
    )
    # The 2023 typhoon notice's list, pasted as is: cities without provinces, 、 between them.
    assert parse_places("汕头、揭阳、潮州市\n厦门") == (Place(None, "汕头"), Place(None, "揭阳"), Place(None, "潮州"),
                                                   Place(None, "厦门"))  # fmt: skip
    assert parse_places("北京市/朝阳区；浙江 杭州") == (Place("北京", "北京", "朝阳区"), Place("浙江", "杭州"))
    assert parse_places("河南省/郑州市/金水区") == (Place("河南", "郑州", "金水区"),)
    assert parse_places("新疆维吾尔自治区") == (Place("新疆"),)
    bad_places = (("", "没有填写地区"), ("火星/奥林帕斯/山/顶", "层级太多"), ("甲/乙/丙", "不是省份"),
                  ("鼓楼区", "请写上省市，如 福建省/福州市/鼓楼区"))  # fmt: skip
    for bad, message in bad_places:
        with pytest.raises(PlaceError, match=message):
            parse_places(bad)


def test_an_address_too_vague_for_the_place_is_neither_in_nor_out():
    shantou = Place("广东", "汕头")
    assert place_covers(shantou, "广东省", "汕头市", "潮阳区") is True
    assert place_covers(shantou, "广东省", "深圳市", None) is False
    assert place_covers(shantou, "福建省", None, None) is False
    assert place_covers(shantou, "广东省", None, None) is None
    assert place_covers(Place(None, "汕头"), None, "汕头市", None) is True
    assert place_covers(Place("广东", "汕头", "潮阳区"), "广东", "汕头", None) is None


def test_saved_notices_load_back_the_same_and_the_file_is_plain_json(tmp_path):
    notice = make_notice("暴雨", "河南省/郑州市", "either", "2026-07-20..2026-07-22", ship_by="2026-07-25")
    assert (notice.start, notice.end, notice.ship_by) == (
        datetime(2026, 7, 20, tzinfo=BEIJING), datetime(2026, 7, 22, 23, 59, 59, tzinfo=BEIJING),
        datetime(2026, 7, 25, 23, 59, 59, tzinfo=BEIJING))  # fmt: skip
    saved = add_notice(tmp_path, notice, NOW)
    assert saved.id == 1 and load_notices(tmp_path) == [saved]
    assert "暴雨" in notices_path(tmp_path).read_text(encoding="utf-8")  # readable, not escaped


def test_every_problem_is_named_at_once():
    with pytest.raises(NoticeError) as error:
        make_notice(" ", "", "city", "x..y", ship_by="2026-07-25", extend_days=3)
    assert len(error.value.problems) == 6


def test_the_pack_of_each_kind_of_notice():
    base = dict(title="台风", places="广东省/汕头市", match="buyer", window="2026-07-20..2026-07-22")
    moved = notice_pack(make_notice(**base, ship_by="2026-07-25")).rules[0]
    assert moved.due_at == datetime(2026, 7, 25, 23, 59, 59, tzinfo=BEIJING) and not moved.exempt
    extended = notice_pack(make_notice(**base, extend_days=3)).rules[0]
    assert extended.extend.days == 3 and extended.due_at is None
    exempt = notice_pack(make_notice(**base)).rules[0]
    assert exempt.exempt
    filing = notice_pack(make_notice(**base, ship_by="2026-07-25", needs_filing=True)).rules[0]
    assert filing.needs_filing and filing.due_at is None and not filing.exempt and "可报备" in filing.title
