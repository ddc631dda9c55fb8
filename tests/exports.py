"""Writers for test input files that look like real 抖店 exports and courier sheets."""

from __future__ import annotations

import csv
from pathlib import Path

import xlwt
from openpyxl import Workbook

ORDER_HEADERS = [
    "主订单编号", "子订单编号", "选购商品", "商品数量", "订单应付金额", "省", "市", "区",
    "支付完成时间", "承诺发货时间", "发货时间", "订单状态", "售后状态", "快递信息",
]  # fmt: skip
AFTER_SALE_HEADERS = [
    "售后单号", "订单号", "商品单号", "商品名称", "售后类型", "售后状态", "售后申请时间", "同意售后申请时间",
    "退货物流单号", "退货发货时间", "商家退款时间", "售后完结时间", "换货物流单号",
]  # fmt: skip
TRACKING_HEADERS = ["快递单号", "快递公司", "揽收时间", "首个分拨中心时间", "签收时间", "最新轨迹时间"]


def order_row(order_id="6917926768823643751", sub_order_id=None, product="纯棉T恤", paid="2023-11-01 10:00:00",
              promised="-", shipped="-", status="待发货", packages="-", province="广东省", amount="59.90",
              quantity="1") -> dict:  # fmt: skip
    return {
        "主订单编号": order_id,
        "子订单编号": sub_order_id or order_id[:-1] + "9",
        "选购商品": product,
        "商品数量": quantity,
        "订单应付金额": amount,
        "省": province,
        "市": "深圳市",
        "区": "南山区",
        "支付完成时间": paid,
        "承诺发货时间": promised,
        "发货时间": shipped,
        "订单状态": status,
        "售后状态": "-",
        "快递信息": packages,
    }


# The worked money examples (douyin-penalties-and-notices-2026.md), unshipped orders judged on 2026-11-22:
MONEY_39 = "6917926768823643751"  # ¥39, paid 11-20 10:00, 48 h promise: overdue at noon on 11-22
MONEY_1200 = "6917926768823643761"  # ¥1,200, 7-day promise (168 h: the 48–240 h tier)
MONEY_8000 = "6917926768823643771"  # ¥8,000, 7-day promise
MONEY_BEFORE_TABLE = "6917926768823643781"  # ¥39 in July 2026, before the first known table (2026-08-10)
_MONEY_ORDERS = {
    MONEY_39: ("2026-11-20 10:00:00", "2026-11-22 10:00:00", "39.00"),
    MONEY_1200: ("2026-11-20 10:00:00", "2026-11-27 10:00:00", "1,200.00"),
    MONEY_8000: ("2026-11-20 10:00:00", "2026-11-27 10:00:00", "8,000.00"),
    MONEY_BEFORE_TABLE: ("2026-07-01 10:00:00", "2026-07-03 10:00:00", "39.00"),
}


def money_order(order_id: str, **changes) -> dict:
    """One of the worked money examples as an export row (`changes`: other cells, e.g. amount="8000")."""
    paid, promised, amount = _MONEY_ORDERS[order_id]
    return order_row(**{"order_id": order_id, "paid": paid, "promised": promised, "amount": amount, **changes})


def after_sale_row(after_sale_id="7301000000000000001", order_id="6917926768823643751", type="退货退款",
                   applied="2023-11-01 10:00:00", return_no="SF2000000000001", return_shipped="2023-11-02 10:00:00",
                   refunded="-", finished="-", exchange_no="-", status="待商家收货") -> dict:  # fmt: skip
    return {
        "售后单号": after_sale_id,
        "订单号": order_id,
        "商品单号": order_id[:-1] + "9",
        "商品名称": "纯棉T恤",
        "售后类型": type,
        "售后状态": status,
        "售后申请时间": applied,
        "同意售后申请时间": applied,
        "退货物流单号": return_no,
        "退货发货时间": return_shipped,
        "商家退款时间": refunded,
        "售后完结时间": finished,
        "换货物流单号": exchange_no,
    }


def tracking_row(tracking_no, picked="-", first_sort="-", signed="-", last_update="-", courier="顺丰速运") -> dict:
    return {
        "快递单号": tracking_no,
        "快递公司": courier,
        "揽收时间": picked,
        "首个分拨中心时间": first_sort,
        "签收时间": signed,
        "最新轨迹时间": last_update,
    }


def _table(rows: list[dict], headers: list[str] | None) -> tuple[list[str], list[list]]:
    headers = headers or list(rows[0])
    return headers, [[row.get(header, "-") for header in headers] for row in rows]


def write_csv(path: Path, rows: list[dict], headers: list[str] | None = None, encoding: str = "utf-8-sig",
              pad: str = "\t", delimiter: str = ",", above: list[list[str]] = ()) -> Path:  # fmt: skip
    """A CSV as 抖店 writes it: every data cell prefixed with `pad` (TAB by default), UTF-8 with BOM."""
    headers, table = _table(rows, headers) if rows else (headers, [])
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerows(above)
        writer.writerow(headers)
        writer.writerows([pad + cell if isinstance(cell, str) else cell for cell in row] for row in table)
    return path


def write_xlsx(path: Path, rows: list[dict], headers: list[str] | None = None, pad: str = "\t",
               above: list[list] = ()) -> Path:  # fmt: skip
    """An .xlsx; text cells get `pad`, other values (datetimes, numbers) become typed cells."""
    headers, table = _table(rows, headers) if rows else (headers, [])
    workbook = Workbook()
    sheet = workbook.active
    for row in above:
        sheet.append(row)
    sheet.append(headers)
    for row in table:
        sheet.append([pad + cell if isinstance(cell, str) else cell for cell in row])
    workbook.save(path)
    return path


def write_xls(path: Path, rows: list[dict]) -> Path:
    headers, table = _table(rows, None)
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Sheet1")
    for column, header in enumerate(headers):
        sheet.write(0, column, header)
    for row_index, row in enumerate(table, start=1):
        for column, cell in enumerate(row):
            sheet.write(row_index, column, cell)
    workbook.save(str(path))
    return path
