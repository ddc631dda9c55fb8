"""The morning workbook: 概览, 今日待办, 之后到期, 报备进度, and on request 全部时钟.

What a morning needs: every open clock in full (今日待办: overdue, to check and due within 24 hours, printed and
acted on; 之后到期: the open clocks due later), the finished ones counted on 概览, and every clock only when asked
for (`full=True`, `shopguard report --full`): 200,000 finished clocks are what made the report slow.

Written with xlsxwriter in constant-memory mode (rows go to disk as they are written). Real Excel date cells
(Beijing wall time), IDs as text, frozen header, autofilter, urgency colours by conditional formatting, A4
landscape at a readable size with the header row repeated and the report date and page x/y on every page.
Every text cell is a string cell (write_string, or an inline string from xlsx_rows.RowWriter for the long
tables): text from imported files, rule packs and the merchant stays text, never a formula or a link, and
control characters an .xlsx cannot hold are replaced (xlsx_text.storable). A due time prints to the minute
(23:59:59 shows as 23:59: never later than the platform's).
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import STATUSES, Deadline
from shopguard.core.files import write_atomically
from shopguard.core.filing.catalogue import CAUSES, FILING_TYPES
from shopguard.core.filing.model import STATUSES as FILING_STATUSES
from shopguard.core.filing.plan import filing_window
from shopguard.core.report.content import FINISHED, ReportContent
from shopguard.core.report.xlsx_rows import RowWriter
from shopguard.core.rules.packs import CLOCKS
from shopguard.core.triage.actions import ACTIONS, what_to_do
from shopguard.core.triage.buckets import BUCKETS, bucket_of, describe_left
from shopguard.core.triage.product_risk import describe_product_risk
from shopguard.core.triage.shop_risk import describe_shop_risk
from shopguard.core.xlsx_text import storable

DATE_FORMAT = "yyyy-mm-dd hh:mm:ss"
PRINT_DATE_FORMAT = "yyyy-mm-dd hh:mm"  # printed: minutes are enough, and the column stays narrow
MONEY_FORMAT = '"¥"#,##0.00'
BODY_SIZE = 10  # printed sheets; fitted to the page width at no less than 90 % (9 pt), see print_scale()
# (header, width in Excel characters; a Chinese character at 10 pt takes about two)
CLOCK_COLUMNS = (
    ("分组", 10), ("状态", 9), ("剩余", 14), ("剩余小时", 8), ("时钟", 8), ("订单号", 21), ("物流/售后单号", 18),
    ("商品", 22), ("快递", 9), ("截止时间", 19), ("完成时间", 19), ("可能扣款", 10), ("规则", 22), ("备注", 16),
)  # fmt: skip
# The to-do list is printed and read: no finished times or hour numbers; long text wraps in its column.
TODO_COLUMNS = (
    ("分组", 6), ("剩余", 10), ("时钟", 5), ("订单号", 17), ("物流/售后单号", 17), ("商品", 13), ("截止时间", 14),
    ("可能扣款", 8), ("规则", 11), ("备注", 7), ("怎么做", 21), ("在哪里处理", 14),
)  # fmt: skip
BUYER_COLUMNS = (("收件人", 10), ("收件人电话", 14), ("收件地址", 30))
TODO_BUYER_COLUMN = ("收件人", 12)  # name, phone and address in one wrapped cell: the printed list stays on the page
URGENCY_FILLS = {
    BUCKETS["overdue"]: "#FDE2E1",
    BUCKETS["check"]: "#EFE6F8",  # lilac: unlike the red-to-yellow countdown, "cannot tell, check it"
    BUCKETS["within_6h"]: "#FFE8CC",
    BUCKETS["within_24h"]: "#FFF6CC",
}
HEADER_FILL = "#DDE3EA"
BORDER = "#9AA5B1"
# A4 landscape between 0.3" margins, in pixels at 96 dpi (what Excel's column widths are measured in).
PRINTABLE_WIDTH_PX = (297 / 25.4 - 0.6) * 96
EMPTY = {
    "今日待办": "今天没有需要处理的订单：没有已超时、需要核对或 24 小时内到期的时钟。",
    "之后到期": "没有 24 小时以后才到期的未完成时钟。",
    "报备进度": "还没有报备。",
    "全部时钟": "没有时钟。",
}
LINE_POINTS = 13.5  # one line of 10 pt text


def text_pixels(text: str) -> float:
    """About how wide `text` is at 10 pt: a Chinese character (three bytes in UTF-8) 13.3 px, others 6 px."""
    wide = (len(text.encode("utf-8")) - len(text)) // 2
    return 6 * len(text) + 7.3 * wide


def text_lines(text: str, width: float) -> int:
    """The lines `text` wraps to in a column `width` characters wide."""
    room = column_pixels(width) - 6
    return sum(math.ceil(max(text_pixels(part), 1) / room) for part in text.split("\n"))


class RowHeights:
    """The points a row of wrapped text needs, its longest cell deciding: LibreOffice does not fit a row to its
    text when it opens a file. Lines are counted once per text and column (labels and actions repeat)."""

    def __init__(self, widths: list[float]) -> None:
        self.widths = widths
        self.known: list[dict[str, int]] = [{} for _ in widths]

    def __call__(self, values: list) -> float:
        most = 1
        for value, width, known in zip(values, self.widths, self.known, strict=False):
            if value.__class__ is str:
                lines = known.get(value)
                if lines is None:
                    lines = text_lines(value, width)
                    if len(known) < 20_000:
                        known[value] = lines
                if lines > most:
                    most = lines
        return most * LINE_POINTS + 3


def column_pixels(width: float) -> int:
    """Excel's on-screen width of a column `width` characters wide (Calibri 11: 7 px a character, 5 px padding)."""
    return int(width * 7 + 5)


def print_scale(columns) -> float:
    """What fitting these columns to the A4 landscape width scales the print to (1.0: no shrinking)."""
    return min(1.0, PRINTABLE_WIDTH_PX / sum(column_pixels(width) for _, width in columns))


class _Styles:
    """The workbook's formats, made once per workbook (xlsxwriter formats belong to one workbook)."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        boxed = {"border": 1, "border_color": BORDER, "valign": "top", "font_size": BODY_SIZE}
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True, "font_size": 11})
        self.note = book.add_format({"font_size": BODY_SIZE, "font_color": "#5C4400"})
        self.header = book.add_format(
            {**boxed, "bold": True, "bg_color": HEADER_FILL, "text_wrap": True, "valign": "vcenter"}
        )
        self.cell = book.add_format({**boxed, "text_wrap": True})
        self.number = book.add_format(boxed)
        self.dash = book.add_format({**boxed, "align": "center"})
        self.print_date = book.add_format({**boxed, "num_format": PRINT_DATE_FORMAT})
        self.money = book.add_format({**boxed, "num_format": MONEY_FORMAT})
        self.rate = book.add_format({**boxed, "num_format": "0.00%"})
        self.hour = book.add_format({**boxed, "num_format": "mm-dd hh:mm"})
        # The long lists stay plain (a format per cell costs time at 100,000 rows): dates and money only.
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.plain_money = book.add_format({"num_format": MONEY_FORMAT})
        self.fills = {label: book.add_format({"bg_color": colour}) for label, colour in URGENCY_FILLS.items()}


class _Sheet:
    """One worksheet written row by row (constant-memory mode: rows can only be written in order)."""

    def __init__(self, book: xlsxwriter.Workbook, styles: _Styles, title: str, content: ReportContent) -> None:
        self.book = book
        self.sheet = book.add_worksheet(title)
        self.styles = styles
        self.title = title
        self.row = 0
        self.sheet.set_paper(9)  # A4
        self.sheet.set_landscape()
        self.sheet.set_margins(left=0.3, right=0.3, top=0.6, bottom=0.6)
        self.sheet.fit_to_pages(1, 0)  # as wide as the page, as many pages down as it takes
        day = content.as_of.strftime("%Y-%m-%d")
        self.sheet.set_header(f"&L&10ShopGuard 晨报 · {title}&R&10报告日期 {day}（截至 {format_time(content.as_of)}）")
        self.sheet.set_footer("&C&10第 &P 页，共 &N 页")

    def text(self, col: int, value: str | None, style=None) -> None:
        """Text as a string cell, whatever it starts with (=, +, #, http:); None stays empty."""
        if value is None:
            if style is not None:
                self.sheet.write_blank(self.row, col, None, style)  # keeps the border
            return
        self.sheet.write_string(self.row, col, storable(value), style)

    def number(self, col: int, value, style=None) -> None:
        if value is None:
            if style is not None:
                self.sheet.write_blank(self.row, col, None, style)
            return
        self.sheet.write_number(self.row, col, value, style)

    def date(self, col: int, moment: datetime | None, style) -> None:
        """A real Excel date cell showing Beijing time (Excel has no time zones)."""
        if moment is None:
            self.sheet.write_blank(self.row, col, None, style)
            return
        self.sheet.write_datetime(self.row, col, moment.replace(tzinfo=None), style)

    def header(self, columns, first_col: int = 0) -> int:
        """A header row with the table look; returns the row it is on."""
        for index, (name, _) in enumerate(columns, start=first_col):
            self.sheet.write_string(self.row, index, name, self.styles.header)
        self.row += 1
        return self.row - 1

    def table_header(self, columns) -> None:
        """The header of a sheet that is one long table: widths, frozen, repeated on every printed page."""
        for index, (_, width) in enumerate(columns):
            self.sheet.set_column(index, index, width)
        self.sheet.freeze_panes(1, 0)
        self.sheet.repeat_rows(0)
        self.header(columns)

    def finish_table(self, columns, rows: int, coloured: bool = True) -> None:
        last = len(columns) - 1
        if not rows:
            self.sheet.merge_range(1, 0, 1, last, EMPTY[self.title], self.styles.cell)
            self.sheet.set_row(1, 30)
        self.sheet.autofilter(0, 0, max(rows, 1), last)
        if rows and coloured:
            for label, style in self.styles.fills.items():
                criteria = f'=$A2="{label}"'
                self.sheet.conditional_format(1, 0, rows, last, {"type": "formula", "criteria": criteria,
                                                                 "format": style})  # fmt: skip


def _buyer(content: ReportContent, deadline: Deadline) -> tuple[str, str, str]:
    return content.buyers.get(deadline.order_id, ("", "", "")) if content.buyers is not None else ("", "", "")


def _note(deadline: Deadline) -> str | None:
    return ("【已处理】" if deadline.handled else "") + (deadline.note or "") or None


def todo_columns(with_buyer: bool) -> tuple:
    return (*TODO_COLUMNS, TODO_BUYER_COLUMN) if with_buyer else TODO_COLUMNS


def _money(deadline: Deadline) -> float | str:
    """The yuan this clock can still cost as a number (sums and sorts in Excel); "—" when not known."""
    return "—" if deadline.money_at_risk is None else float(deadline.money_at_risk)


def _todo_sheet(book, styles: _Styles, content: ReportContent) -> None:
    out = _Sheet(book, styles, "今日待办", content)
    with_buyer = content.buyers is not None
    columns = todo_columns(with_buyer)
    out.table_header(columns)
    cell = styles.cell
    widths = [width for _, width in columns]
    height = RowHeights(widths)
    rows = RowWriter(out.sheet, 1, [cell] * 6 + [styles.print_date, styles.money] + [cell] * (len(columns) - 8))
    for deadline in content.todo:
        row = [
            BUCKETS[bucket_of(deadline)],
            describe_left(deadline),
            CLOCKS[deadline.kind],
            deadline.order_id,
            deadline.after_sale_id or deadline.tracking_no,
            deadline.product,
            deadline.due,
            _money(deadline),
            deadline.rule_title,
            _note(deadline),
            what_to_do(deadline),
            ACTIONS[deadline.kind].where[0],  # the first place to act; the window's detail pane lists the others
        ]
        if with_buyer:
            row.append("\n".join(part for part in _buyer(content, deadline) if part) or None)
        rows.add(row, height(row))
    out.row = rows.close()
    out.finish_table(columns, len(content.todo))


def _clock_sheet(book, styles: _Styles, content: ReportContent, title: str, deadlines: list[Deadline]) -> None:
    """A long list for filtering on screen: plain cells, every column of the clock."""
    out = _Sheet(book, styles, title, content)
    with_buyer = content.buyers is not None
    columns = (*CLOCK_COLUMNS, *BUYER_COLUMNS) if with_buyer else CLOCK_COLUMNS
    out.table_header(columns)
    date, money = styles.date, styles.plain_money
    rows = RowWriter(out.sheet, 1, [None] * 9 + [date, date, money] + [None] * (len(columns) - 12))
    for deadline in deadlines:
        left = deadline.seconds_left
        row = [
            BUCKETS[bucket_of(deadline)],
            STATUSES[deadline.status],
            describe_left(deadline),
            round(left / 3600, 1) if left is not None else None,
            CLOCKS[deadline.kind],
            deadline.order_id,
            deadline.after_sale_id or deadline.tracking_no,
            deadline.product,
            deadline.courier,
            deadline.due,
            deadline.done,
            _money(deadline),
            deadline.rule_title,
            _note(deadline),
        ]
        if with_buyer:
            row += [value or None for value in _buyer(content, deadline)]
        rows.add(row)
    out.row = rows.close()
    out.finish_table(columns, len(deadlines))


def _overview(book, styles: _Styles, content: ReportContent) -> None:
    """Page 1: the shop's risk today, notices, the groups with their money at risk, the finished clocks.
    Page 2: the next 48 hours, table and chart. Then the couriers (a long list for a big shop)."""
    out = _Sheet(book, styles, "概览", content)
    sheet = out.sheet
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 10, 11)
    kinds = list(CLOCKS)
    last_col = 2 + len(kinds)
    sheet.write_string(0, 0, f"ShopGuard 晨报 · 截至 {format_time(content.as_of)}（北京时间）", styles.title)
    out.row = 2
    if content.shop_risk is not None:
        _shop_risk(out, content)
    for notice in content.notices:
        out.text(0, f"提示：{notice}", styles.note)
        out.row += 1
    out.text(0, "规则包：" + "、".join(content.rule_packs))
    out.row += 2

    sheet.write_string(out.row, 0, "按分组（可能扣款：未结束的时钟按最坏情况可能被扣的金额合计）", styles.bold)
    out.row += 1
    out.header((("分组", 0), ("合计", 0), ("可能扣款", 0), *((CLOCKS[kind], 0) for kind in kinds)))
    for bucket, label in BUCKETS.items():
        out.text(0, label, styles.cell)
        out.number(1, content.counts.get(bucket, 0), styles.number)
        money = content.money_totals.get(bucket)
        if money is not None:
            out.number(2, float(money), styles.money)
        else:
            out.text(2, "—", styles.dash)
        for col, kind in enumerate(kinds, start=3):
            out.number(col, content.by_kind.get(kind, {}).get(bucket, 0), styles.number)
        out.row += 1
    out.row += 1

    if content.finished_by_kind:
        sheet.write_string(out.row, 0, "已结束的时钟（逐条明细：shopguard report --full 的「全部时钟」）", styles.bold)
        out.row += 1
        out.header((("时钟", 0), *((STATUSES[status], 0) for status in FINISHED)))
        for kind in kinds:
            counts = content.finished_by_kind.get(kind)
            if counts:
                out.text(0, CLOCKS[kind], styles.cell)
                for col, status in enumerate(FINISHED, start=1):
                    out.number(col, counts.get(status, 0), styles.number)
                out.row += 1
        out.row += 1

    _next_hours(out, content)
    if content.by_courier:
        sheet.set_h_pagebreaks([*sheet.hbreaks, out.row])
        sheet.write_string(out.row, 0, "按快递公司", styles.bold)
        out.row += 1
        out.header((("快递公司", 0), *((label, 0) for label in BUCKETS.values())))
        for courier, counts in content.by_courier.items():
            out.text(0, courier, styles.cell)
            for col, bucket in enumerate(BUCKETS, start=1):
                out.number(col, counts.get(bucket, 0), styles.number)
            out.row += 1
    sheet.print_area(0, 0, out.row, last_col)


def _shop_risk(out: _Sheet, content: ReportContent) -> None:
    """The first thing on 概览: how close today's late ship clocks bring the shop to a selling limit."""
    risk, styles = content.shop_risk, out.styles
    out.sheet.write_string(out.row, 0, "今日店铺风险", styles.bold)
    out.row += 1
    out.header((("日期", 0), ("应发货", 0), ("已超时", 0), ("超时率", 0), ("已达到", 0), ("下一档", 0),
                ("再超时几单触发", 0)))  # fmt: skip
    today = risk.today
    out.text(0, today.day.isoformat(), styles.cell)
    out.number(1, today.ship_due, styles.number)
    out.number(2, today.ship_late, styles.number)
    out.number(3, float(today.late_rate), styles.rate)
    level = risk.level.effect if risk.level else "未达到处罚线"
    next_level = risk.next_level.effect if risk.next_level else "—"
    out.text(4, level, styles.cell)
    out.text(5, next_level, styles.cell)
    if risk.late_until_next_level is None:
        out.text(6, "—", styles.dash)
    else:
        out.number(6, risk.late_until_next_level, styles.number)
    out.sheet.set_row(out.row, RowHeights([11, 11])([level, next_level]))  # the sanctions are sentences
    out.row += 1
    out.text(0, describe_shop_risk(risk), styles.bold)
    out.row += 1
    if content.product_risk and (product_line := describe_product_risk(content.product_risk)):
        out.text(0, product_line, styles.bold)
        out.row += 1
    out.text(0, f"依据：{risk.source}", styles.note)
    out.row += 2


def _next_hours(out: _Sheet, content: ReportContent) -> None:
    """The next 48 hours on a page of their own: two columns of 24 hours beside a chart.

    The chart reads the same counts from one 48-row range right of the printed area (a chart needs one
    contiguous range; printed in one column the table would not fit a landscape page)."""
    sheet, styles = out.sheet, out.styles
    out.row += 1
    sheet.set_h_pagebreaks([out.row])
    sheet.write_string(out.row, 0, "未来 48 小时每小时到期的时钟（北京时间）", styles.bold)
    out.row += 1
    hours = content.next_hours
    half = len(hours) // 2
    top = out.header((("时间", 0), ("到期时钟", 0), ("时间", 0), ("到期时钟", 0)))
    data_col = 16  # right of the print area
    sheet.write_string(top, data_col, "图表数据：时间")
    sheet.write_string(top, data_col + 1, "到期时钟")
    for offset, (hour, count) in enumerate(hours):
        row = top + 1 + offset  # rows are written in order (constant memory): the table and the chart data
        if offset < half:
            for col, (moment, due) in ((0, hours[offset]), (2, hours[half + offset])):
                sheet.write_datetime(row, col, moment.replace(tzinfo=None), styles.hour)
                sheet.write_number(row, col + 1, due, styles.number)
        sheet.write_string(row, data_col, hour.strftime("%m-%d %H时"))
        sheet.write_number(row, data_col + 1, count)
    out.row = top + 2 + len(hours)
    if not hours:
        return
    highest = max(count for _, count in hours)
    step = max(1, math.ceil(highest / 5))  # whole numbers, about five gridlines
    chart = out.book.add_chart({"type": "column"})
    chart.add_series({
        "name": "到期时钟",
        "categories": [out.title, top + 1, data_col, top + len(hours), data_col],
        "values": [out.title, top + 1, data_col + 1, top + len(hours), data_col + 1],
        "fill": {"color": "#4472C4"},
        "gap": 40,
    })  # fmt: skip
    chart.set_title({"name": "未来 48 小时每小时到期的时钟", "name_font": {"size": 12, "bold": True}})
    chart.set_y_axis({
        "name": "到期时钟（个）", "name_font": {"size": 10, "bold": False}, "num_format": "0", "min": 0,
        "max": step * max(5, math.ceil(highest / step)), "major_unit": step, "num_font": {"size": 9},
        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
    })  # fmt: skip
    chart.set_x_axis({
        "name": "时间（北京时间，每 3 小时标一次）", "name_font": {"size": 10, "bold": False},
        "interval_unit": 3, "num_font": {"size": 9, "rotation": -45},
    })  # fmt: skip
    chart.set_legend({"none": True})
    chart.set_size({"width": 470, "height": 420})
    sheet.insert_chart(top, 4, chart, {"x_offset": 24})  # beside the hourly table, inside the printed width


def _filings(book, styles: _Styles, content: ReportContent) -> None:
    out = _Sheet(book, styles, "报备进度", content)
    columns = (("编号", 6), ("类型", 14), ("原因", 8), ("状态", 8), ("订单数", 7), ("订单号", 24), ("最晚提交", 15),
               ("工单号", 14), ("新考核时间", 15), ("驳回原因", 18), ("材料包", 24))  # fmt: skip
    out.table_header(columns)
    cell = styles.cell
    for filing, coverage in content.filings:
        window = filing_window(filing, coverage, content.as_of)  # a passed time is said in words, not as a date
        out.number(0, filing.id, styles.number)
        out.text(1, FILING_TYPES[filing.type], cell)
        out.text(2, CAUSES.get(filing.cause or "", ""), cell)
        out.text(3, FILING_STATUSES[filing.status], cell)
        out.number(4, len(filing.order_ids), styles.number)
        out.text(5, "、".join(filing.order_ids), cell)
        if window.is_open():
            out.date(6, window.latest, styles.print_date)
        else:
            out.text(6, _passed(window), cell)
        out.text(7, filing.ticket, cell)
        out.date(8, filing.new_due, styles.print_date)
        out.text(9, filing.reason, cell)
        out.text(10, filing.package, cell)
        out.row += 1
    out.finish_table(columns, len(content.filings), coloured=False)


def _passed(window) -> str:
    if window.latest is None and window.kind == "appeal":
        return "报备时限已过：收到违规通知后 7 天内申诉"
    return f"已过（{format_time(window.latest)}）" if window.latest else ""


def write_workbook(content: ReportContent, target: Path, full: bool = False) -> Path:
    """Write the workbook to `target` atomically (see files.write_atomically); `full` adds 全部时钟."""

    def write(path: Path) -> None:
        book = xlsxwriter.Workbook(
            str(path),
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
             "strings_to_numbers": False},
        )  # fmt: skip
        try:
            styles = _Styles(book)
            _overview(book, styles, content)
            _todo_sheet(book, styles, content)
            _clock_sheet(book, styles, content, "之后到期", content.later)
            _filings(book, styles, content)
            if full:
                _clock_sheet(book, styles, content, "全部时钟", content.deadlines)
            book.close()
        except FileCreateError as error:  # xlsxwriter wraps the OSError (full disk, no permission): unwrap it
            raise error.args[0] from None
        finally:
            for sheet in book.worksheets():
                if sheet.constant_memory:
                    sheet._opt_close()  # the temporary row files, when close() did not get that far

    return write_atomically(target, write)
