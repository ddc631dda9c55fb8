"""Generate a synthetic 抖店 order export (订单导出, one row per 子订单) as CSV and XLSX.

    python bench/make_order_export.py --rows 200000 --out bench/.data [--seed 0]

Writes DIR/<unix_ts>_orders_<N>.csv and .xlsx. Existing files are kept (xlsx takes
a minute or two to write). Output is deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

# The 34 export columns, in order.
HEADER = (
    "主订单编号,子订单编号,选购商品,商品规格,商品数量,商品ID,商家编码,商品单价,订单应付金额,运费,"
    "支付方式,收件人,收件人手机号,省,市,区,街道,详细地址,买家留言,订单提交时间,支付完成时间,"
    "承诺发货时间,发货时间,订单完成时间,订单状态,售后状态,取消原因,快递信息,商家备注,APP渠道,"
    "流量来源,达人ID,达人昵称,订单类型"
).split(",")

# Real exports are named after the export's unix time; a fixed value keeps names
# deterministic (seed 0 -> 1699750800_orders_N.csv, other seeds shift the stamp).
BASE_TS = 1699750800
WINDOW_START = datetime(2026, 11, 20, 0, 0, 0)  # Beijing time, naive like the export
WINDOW_END = datetime(2026, 11, 27, 8, 59, 59)  # just before the benchmark's --at
EMPTY = "-"

REGIONS = [
    ("广东省", "深圳市", "南山区", ["粤海街道", "南头街道", "蛇口街道"]),
    ("广东省", "广州市", "天河区", ["石牌街道", "林和街道", "猎德街道"]),
    ("广东省", "东莞市", "东莞市", ["长安镇", "虎门镇", "南城街道"]),
    ("新疆维吾尔自治区", "乌鲁木齐市", "天山区", ["燕儿窝街道", "幸福路街道"]),
    ("新疆维吾尔自治区", "喀什地区", "喀什市", ["恰萨街道", "亚瓦格街道"]),
    ("西藏自治区", "拉萨市", "城关区", ["八廓街道", "吉日街道"]),
    ("上海市", "上海市", "浦东新区", ["陆家嘴街道", "张江镇", "川沙新镇"]),
    ("上海市", "上海市", "闵行区", ["莘庄镇", "七宝镇"]),
    ("北京市", "北京市", "朝阳区", ["望京街道", "三里屯街道", "建外街道"]),
    ("北京市", "北京市", "海淀区", ["中关村街道", "学院路街道"]),
    ("浙江省", "杭州市", "余杭区", ["五常街道", "仓前街道", "良渚街道"]),
    ("浙江省", "金华市", "义乌市", ["稠城街道", "北苑街道"]),
    ("江苏省", "南京市", "鼓楼区", ["华侨路街道", "湖南路街道"]),
    ("江苏省", "苏州市", "昆山市", ["玉山镇", "花桥镇"]),
    ("四川省", "成都市", "武侯区", ["玉林街道", "簇桥街道"]),
    ("湖北省", "武汉市", "洪山区", ["珞南街道", "关山街道"]),
    ("山东省", "青岛市", "黄岛区", ["薛家岛街道", "长江路街道"]),
    ("河南省", "郑州市", "金水区", ["经八路街道", "花园路街道"]),
    ("内蒙古自治区", "呼和浩特市", "赛罕区", ["大学东路街道", "人民路街道"]),
    ("广西壮族自治区", "南宁市", "青秀区", ["新竹街道", "中山街道"]),
    ("黑龙江省", "哈尔滨市", "南岗区", ["花园街道", "和兴路街道"]),
    ("重庆市", "重庆市", "渝北区", ["龙溪街道", "回兴街道"]),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏"
PHONE_PREFIXES = "130 133 135 136 138 139 150 152 157 158 159 166 177 180 186 187 188 189 191 199".split()
PAY_METHODS = [("抖音支付", 45), ("微信", 25), ("支付宝", 20), ("抖音月付", 8), ("银行卡", 2)]
CARRIERS = [
    ("申通快递", 20),
    ("圆通速递", 22),
    ("中通快递", 25),
    ("韵达快递", 15),
    ("顺丰速运", 8),
    ("极兔速递", 10),
]
BUYER_NOTES = [
    "请尽快发货",
    "不要放快递柜，放门口",
    "送人的，不要放价格单",
    "发顺丰可以补运费吗",
    "周末不在家，工作日送",
    "颜色要和图片一样",
    "帮忙检查一下再发,谢谢",
]
SELLER_NOTES = ["已改地址", "加急-老客户", "送小样,备注已处理", "缺货,延迟发货已联系", "补发"]
CANCEL_REASONS = ["不想要了", "拍错/多拍", "地址/电话填写错误", "商品降价", "发货太慢", "协商一致退款"]
APP_CHANNELS = [("抖音", 70), ("抖音极速版", 18), ("抖音火山版", 7), ("今日头条", 5)]
TRAFFIC = [("直播", 45), ("短视频", 20), ("商品卡", 20), ("搜索", 10), ("精选联盟", 5)]
ORDER_TYPES = [("普通订单", 92), ("预售订单", 5), ("虚拟商品订单", 3)]
TALENTS = [
    "小雨的好物分享",
    "阿杰爱穿搭",
    "美妆研究所Lily",
    "厨房里的老王",
    "数码控小陈",
    "宝妈省钱日记",
    "东北大花袄",
    "健身教练Kevin",
]

# (category, brands, items, spec options, price range); titles are assembled from these.
CATEGORIES = [
    (
        "服饰",
        ["南极人", "恒源祥", "回力", ""],
        [
            "纯棉短袖T恤男夏季宽松圆领上衣",
            "加厚珊瑚绒睡衣女冬季家居服套装",
            "高腰直筒牛仔裤女显瘦",
            "羽绒服女中长款冬季加厚外套",
            "运动卫衣男连帽宽松加绒",
        ],
        [["白色", "黑色", "灰色", "藏青"], ["S", "M", "L", "XL", "XXL"]],
        (29.9, 399),
    ),
    (
        "食品",
        ["三只松鼠", "良品铺子", "百草味", ""],
        [
            "每日坚果混合果仁大礼包",
            "手撕牛肉干内蒙古风干",
            "螺蛳粉广西柳州特产袋装",
            "低脂鸡胸肉即食健身代餐",
            "云南古树普洱茶饼357g",
        ],
        [["原味", "香辣味", "五香味"], ["500g", "1kg", "30袋装"]],
        (9.9, 199),
    ),
    (
        "美妆",
        ["百雀羚", "自然堂", "珀莱雅", ""],
        [
            "玻尿酸补水保湿面膜10片",
            "氨基酸洗面奶男女温和清洁",
            "持久不脱色哑光丝绒口红",
            "烟酰胺美白保湿身体乳液",
        ],
        [["单支装", "两支装", "套盒"], ["正装", "旅行装"]],
        (19.9, 299),
    ),
    (
        "数码",
        ["绿联", "倍思", "漫步者", ""],
        ["蓝牙耳机无线降噪入耳式", "65W氮化镓快充充电器", "手机壳磁吸透明防摔适用", "机械键盘青轴游戏有线"],
        [["黑色", "白色", "薄荷绿"], ["标准版", "升级版", "Pro版"]],
        (15.9, 699),
    ),
    (
        "家电",
        ["美的", "小熊", "苏泊尔", ""],
        [
            "扫地机器人全自动洗拖一体",
            "空气炸锅家用大容量可视",
            "戴森同款吹风机高速负离子",
            "冰箱家用双开门风冷无霜",
        ],
        [["白色", "星空灰"], ["标准版", "旗舰版"]],
        (899, 4999),
    ),
]
TITLE_PREFIXES = ["", "", "", "【官方正品】", "【买一送一】", "【顺丰包邮】", "【直播专享】"]
TITLE_SUFFIXES = ["", "", "", "-2026新款", "-升级款", ",送运费险", ",七天无理由", "-官方旗舰店"]


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def money(x: float) -> str:
    return f"{x:,.2f}"  # real exports use thousands separators: 1,299.00


def ts(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


def make_catalog(rng: random.Random, size: int = 400) -> list[dict]:
    catalog = []
    for i in range(size):
        # Weighted so only a few percent of products cost >= 1,000.
        cat, brands, items, specs, (lo, hi) = rng.choices(CATEGORIES, [30, 30, 20, 15, 5])[0]
        parts = (TITLE_PREFIXES, brands, items, TITLE_SUFFIXES)
        title = "".join(rng.choice(p) for p in parts)[:40]
        price = round(rng.uniform(lo, hi)) - rng.choice([0.1, 0.01, 0.0])
        catalog.append(
            {
                "title": title,
                "id": "37" + str(rng.randrange(10**17)).zfill(17),
                "code": rng.choice([EMPTY, f"SKU-{cat}-{i:04d}", f"{cat}{i:05d}"]),
                "price": max(price, 1.0),
                "specs": specs,
            }
        )
    return catalog


def tracking_number(rng: random.Random, carrier: str) -> str:
    if carrier == "顺丰速运":
        return "SF" + str(rng.randrange(10**13)).zfill(13)
    if carrier == "极兔速递":
        return "JT" + str(rng.randrange(10**13)).zfill(13)
    return str(rng.randrange(10**14, 10**15))


def rand_time(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + timedelta(seconds=rng.randrange(max(1, int((end - start).total_seconds()))))


def generate_rows(n: int, seed: int) -> Iterator[list[str]]:
    """Yield n rows (values without the export's leading TAB)."""
    rng = random.Random(seed)
    catalog = make_catalog(rng)
    used_ids: set[str] = set()

    def order_id() -> str:
        while True:
            oid = "69" + str(rng.randrange(10**17)).zfill(17)
            if oid not in used_ids:
                used_ids.add(oid)
                return oid

    emitted = 0
    while emitted < n:
        # Fields shared by every 子订单 of one 主订单.
        main_id = order_id()
        status = pick(rng, [("待发货", 10), ("已发货", 40), ("已完成", 45), ("已关闭", 5)])
        # Completed orders are older, unshipped ones mostly recent; all before WINDOW_END.
        if status == "已完成":
            submit = rand_time(rng, WINDOW_START, WINDOW_END - timedelta(days=3))
        elif status == "待发货" and rng.random() < 0.7:
            submit = rand_time(rng, WINDOW_END - timedelta(days=2), WINDOW_END - timedelta(minutes=5))
        else:
            submit = rand_time(rng, WINDOW_START, WINDOW_END - timedelta(hours=3))
        paid = submit + timedelta(seconds=rng.randint(2, 90))
        promise = EMPTY
        if rng.random() < 0.6:
            if rng.random() < 0.5:
                promise = ts(paid + timedelta(hours=48))
            else:
                next_day = paid.date() + timedelta(days=1)
                promise = ts(datetime(next_day.year, next_day.month, next_day.day, 23, 59, 59))
        shipped = completed = None
        if status in ("已发货", "已完成"):
            room = min(40 * 3600, int((WINDOW_END - paid).total_seconds()) - 60)
            shipped = paid + timedelta(seconds=rng.randint(min(3600, room), room))
            if status == "已完成":
                completed = rand_time(rng, shipped + timedelta(days=1), WINDOW_END)
        region = rng.choice(REGIONS)
        buyer = [
            pick(rng, PAY_METHODS),
            rng.choice(SURNAMES) + "**",
            rng.choice(PHONE_PREFIXES) + "****" + f"{rng.randrange(10000):04d}",
            region[0],
            region[1],
            region[2],
            rng.choice(region[3]),
            "***",
            rng.choice(BUYER_NOTES) if rng.random() < 0.08 else EMPTY,
        ]
        app, traffic = pick(rng, APP_CHANNELS), pick(rng, TRAFFIC)
        has_talent = traffic in ("直播", "短视频", "精选联盟") and rng.random() < 0.7
        talent = [str(rng.randrange(10**9, 10**11)), rng.choice(TALENTS)] if has_talent else [EMPTY, EMPTY]
        order_type = pick(rng, ORDER_TYPES)
        carrier = pick(rng, CARRIERS)
        tracking = tracking_number(rng, carrier)  # sub-orders normally ship in one parcel

        n_sub = 1 if rng.random() >= 0.15 else rng.choice([2, 3])
        for _ in range(min(n_sub, n - emitted)):
            prod = rng.choice(catalog)
            qty = 1 if rng.random() < 0.8 else rng.randint(2, 5)
            freight = 0.0 if rng.random() < 0.9 else rng.choice([6.0, 8.0, 10.0, 12.0])
            payable = prod["price"] * qty * rng.choice([1.0, 1.0, 0.95, 0.9]) + freight
            after_sale = EMPTY
            cancel = EMPTY
            express = EMPTY
            if status == "已关闭":
                cancel = rng.choice(CANCEL_REASONS)
                after_sale = "退款成功" if rng.random() < 0.6 else EMPTY
            elif shipped is not None:
                r = rng.random()
                after_sale = "售后关闭" if r < 0.03 else "退款成功" if r < 0.06 else EMPTY
                item = f"{prod['title']}-{prod['id']}"
                if rng.random() < 0.06:  # split into two packages (~5% of all rows)
                    q1 = max(1, qty // 2)
                    express = (
                        f"{tracking}-{carrier},{item},{q1};"
                        f"{tracking_number(rng, carrier)}-{carrier},{item},{max(1, qty - q1)};"
                    )
                else:
                    express = f"{tracking}-{carrier},{item},{qty};"
            yield [
                main_id,
                order_id(),
                prod["title"],
                ";".join(rng.choice(s) for s in prod["specs"]),
                str(qty),
                prod["id"],
                prod["code"],
                money(prod["price"]),
                money(payable),
                money(freight),
                *buyer,
                ts(submit),
                ts(paid),
                promise,
                ts(shipped) if shipped else EMPTY,
                ts(completed) if completed else EMPTY,
                status,
                after_sale,
                cancel,
                express,
                rng.choice(SELLER_NOTES) if rng.random() < 0.03 else EMPTY,
                app,
                traffic,
                *talent,
                order_type,
            ]
            emitted += 1


def export_paths(out: Path, rows: int, seed: int = 0) -> tuple[Path, Path]:
    stem = f"{BASE_TS + seed}_orders_{rows}"
    return out / f"{stem}.csv", out / f"{stem}.xlsx"


def make_export(rows: int, out: Path, seed: int = 0) -> tuple[Path, Path]:
    """Write whichever of the CSV/XLSX is missing; return both paths."""
    csv_path, xlsx_path = export_paths(out, rows, seed)
    want_csv, want_xlsx = not csv_path.exists(), not xlsx_path.exists()
    if not (want_csv or want_xlsx):
        return csv_path, xlsx_path
    out.mkdir(parents=True, exist_ok=True)
    # Write to temp names and rename at the end so an interrupted run never leaves
    # a partial file that a later run would mistake for a finished one.
    csv_tmp, xlsx_tmp = csv_path.with_suffix(".csv.part"), xlsx_path.with_suffix(".xlsx.part")
    csv_file = ws = wb = None
    if want_csv:
        csv_file = open(csv_tmp, "w", encoding="utf-8-sig", newline="")
        csv_out = csv.writer(csv_file)
        csv_out.writerow(HEADER)
    if want_xlsx:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Sheet1")
        ws.append(HEADER)
    for i, row in enumerate(generate_rows(rows, seed), 1):
        cells = ["\t" + v for v in row]  # the export prefixes every cell with a TAB
        if csv_file:
            csv_out.writerow(cells)
        if ws is not None:
            ws.append(cells)
        if i % 20000 == 0:
            print(f"  {i}/{rows} rows", file=sys.stderr, flush=True)
    if csv_file:
        csv_file.close()
        os.replace(csv_tmp, csv_path)
    if wb is not None:
        print("  saving xlsx ...", file=sys.stderr, flush=True)
        wb.save(xlsx_tmp)
        os.replace(xlsx_tmp, xlsx_path)
    return csv_path, xlsx_path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    for path in make_export(args.rows, args.out, args.seed):
        print(path)


if __name__ == "__main__":
    main()
