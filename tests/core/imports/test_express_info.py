import pytest

from shopguard.core.imports.express_info import parse_packages
from shopguard.core.records import Package


def test_single_package():
    assert parse_packages("770291786060549-申通快递,xx-3788410999938351943,1;") == (
        Package("770291786060549", "申通快递", ("3788410999938351943",)),
    )


def test_several_packages_and_titles_with_dashes_commas_and_semicolons():
    text = (
        "SF1234567890123-顺丰速运,白色T恤-纯棉, 加厚;款-3788410999938351943,1;"
        "jt1234567890123-极兔速递,袜子-3788410999938351944,2;"
    )
    assert parse_packages(text) == (
        Package("SF1234567890123", "顺丰速运", ("3788410999938351943",)),
        Package("JT1234567890123", "极兔速递", ("3788410999938351944",)),
    )


def test_same_package_listed_twice_counts_once():
    text = "770291786060549-申通快递,a-1,1;770291786060549-申通快递,b-2,1;"
    assert parse_packages(text) == (Package("770291786060549", "申通快递"),)


def test_text_without_tracking_number_is_an_error():
    with pytest.raises(ValueError, match="找不到物流单号"):
        parse_packages("待补充")


def test_a_parcel_with_two_products_names_both():
    text = "YT7300000000001-圆通速递,T恤-3788410999938351943,1;YT7300000000001-圆通速递,袜子-3788410999938351944,2;"
    assert parse_packages(text) == (
        Package("YT7300000000001", "圆通速递", ("3788410999938351943", "3788410999938351944")),
    )


def test_rows_share_one_copy_of_a_courier_name():
    # A handful of couriers carry every parcel of an export: one string each, not one per row (memory).
    first = parse_packages("770291786060549-" + "申通快递" + ",a-1,1;")
    second = parse_packages("".join(["770291786060550-", "申通", "快递", ",b-2,1;"]))
    assert first[0].courier == second[0].courier == "申通快递"
    assert first[0].courier is second[0].courier
