"""The morning workbook: 概览, 今日待办, 揽收与物流, 售后时效, 报备进度, 全部时钟.

Real Excel date cells (Beijing wall time), IDs as text, frozen header, autofilter, widths that fit Chinese,
urgency colours by conditional formatting, landscape printing fitted to the page width with the header
repeated. Text from imported files, rule packs and the merchant always goes through text() (xlsx_text): it
stays text, never a formula, and control characters an .xlsx cannot hold never stop the report.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from shopguard.core.clock import format_time
from shopguard.core.deadlines.engine import STATUSES, Deadline
from shopguard.core.files import save_workbook, write_atomically
from shopguard.core.filing.catalogue import CAUSES, FILING_TYPES
from shopguard.core.filing.model import STATUSES as FILING_STATUSES
from shopguard.core.filing.plan import filing_window
from shopguard.core.report.content import AFTER_SALES, LOGISTICS, ReportContent
from shopguard.core.rules.packs import CLOCKS
from shopguard.core.triage.actions import ACTIONS, what_to_do
from shopguard.core.triage.buckets import BUCKETS, bucket_of, describe_left
from shopguard.core.xlsx_text import text_cell as text

DATE_FORMAT = "yyyy-mm-dd hh:mm:ss"
HEADER_FONT = Font(bold=True)
# (header, width in Excel characters; a Chinese character counts about two)
CLOCK_COLUMNS = (
    ("分组", 10), ("状态", 9), ("剩余", 14), ("剩余小时", 8), ("时钟", 8), ("订单号", 21), ("物流/售后单号", 18),
    ("商品", 22), ("快递", 9), ("截止时间", 19), ("完成时间", 19), ("规则", 22), ("备注", 16),
)  # fmt: skip
# The to-do list is printed and read: no finished times or hour numbers.
TODO_COLUMNS = (
    ("分组", 10), ("剩余", 14), ("时钟", 8), ("订单号", 21), ("物流/售后单号", 18), ("商品", 22), ("截止时间", 19),
    ("规则", 22), ("备注", 16), ("怎么做", 50), ("在哪里处理", 34),
)  # fmt: skip
URGENCY_FILLS = {
    BUCKETS["overdue"]: "FDE2E1",
    BUCKETS["check"]: "EFE6F8",  # lilac: unlike the red-to-yellow countdown, "cannot tell, check it"
    BUCKETS["within_6h"]: "FFE8CC",
    BUCKETS["within_24h"]: "FFF6CC",
}


def _naive(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=None) if moment else None  # Excel has no time zones: Beijing wall time


def _date(sheet, moment: datetime | None, number_format: str = DATE_FORMAT):
    """A real Excel date cell showing Beijing time."""
    if moment is None:
        return None
    cell = WriteOnlyCell(sheet, value=_naive(moment))
    cell.number_format = number_format
    return cell


def _page_setup(sheet, frozen_header: bool) -> None:
    """Sheet-level settings: a write-only sheet writes them with its first row, so call this before any."""
    if frozen_header:
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _header(sheet, columns) -> None:
    _page_setup(sheet, frozen_header=True)
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    cells = []
    for name, _ in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = HEADER_FONT
        cells.append(cell)
    sheet.append(cells)


def _finish_table(sheet, columns, rows: int) -> None:
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(rows + 1, 2)}"
    if rows:
        for label, colour in URGENCY_FILLS.items():
            rule = FormulaRule(formula=[f'$A2="{label}"'], fill=PatternFill("solid", fgColor=colour))
            sheet.conditional_formatting.add(f"A2:{last}{rows + 1}", rule)


def _clock_row(sheet, deadline: Deadline) -> list:
    left = round(deadline.seconds_left / 3600, 1) if deadline.seconds_left is not None else None
    return [
        BUCKETS[bucket_of(deadline)],
        STATUSES[deadline.status],
        describe_left(deadline),
        left,
        CLOCKS[deadline.kind],
        text(sheet, deadline.order_id),
        text(sheet, deadline.after_sale_id or deadline.tracking_no),
        text(sheet, deadline.product),
        text(sheet, deadline.courier),
        _date(sheet, deadline.due),
        _date(sheet, deadline.done),
        text(sheet, deadline.rule_title),
        _note(sheet, deadline),
    ]


def _todo_row(sheet, deadline: Deadline) -> list:
    action = ACTIONS[deadline.kind]
    return [
        BUCKETS[bucket_of(deadline)],
        describe_left(deadline),
        CLOCKS[deadline.kind],
        text(sheet, deadline.order_id),
        text(sheet, deadline.after_sale_id or deadline.tracking_no),
        text(sheet, deadline.product),
        _date(sheet, deadline.due),
        text(sheet, deadline.rule_title),
        _note(sheet, deadline),
        text(sheet, what_to_do(deadline)),
        action.where[0],  # the first place to act; the window's detail pane lists the others
    ]


def _note(sheet, deadline: Deadline):
    return text(sheet, ("【已处理】" if deadline.handled else "") + (deadline.note or "") or None)


BUYER_COLUMNS = (("收件人", 10), ("收件人电话", 14), ("收件地址", 30))


def _clock_sheet(
    workbook: Workbook, title: str, deadlines: list[Deadline], buyers: dict | None, to_do: bool = False
) -> None:
    sheet = workbook.create_sheet(title)
    columns, row_of = (TODO_COLUMNS, _todo_row) if to_do else (CLOCK_COLUMNS, _clock_row)
    if buyers is not None:  # only when the merchant asked for buyer details
        columns = (*columns, *BUYER_COLUMNS)
    _header(sheet, columns)
    for deadline in deadlines:
        row = row_of(sheet, deadline)
        if buyers is not None:
            row += [text(sheet, value) for value in buyers.get(deadline.order_id, ("", "", ""))]
        sheet.append(row)
    _finish_table(sheet, columns, len(deadlines))


def _overview(workbook: Workbook, content: ReportContent) -> None:
    sheet = workbook.create_sheet("概览")
    _page_setup(sheet, frozen_header=False)
    sheet.column_dimensions["A"].width = 22
    for letter in "BCDEFGHI":
        sheet.column_dimensions[letter].width = 12
    title = WriteOnlyCell(sheet, value=f"ShopGuard 晨报 · 截至 {format_time(content.as_of)}（北京时间）")
    title.font = Font(bold=True, size=14)
    buckets = list(BUCKETS)
    rows: list[list] = [[title], [text(sheet, "规则包：" + "、".join(content.rule_packs))], []]
    rows.append(["分组", "合计", *(CLOCKS[kind] for kind in CLOCKS)])
    for bucket in buckets:
        per_kind = [content.by_kind.get(kind, {}).get(bucket, 0) for kind in CLOCKS]
        rows.append([BUCKETS[bucket], content.counts.get(bucket, 0), *per_kind])
    rows += [[], ["快递公司", *(BUCKETS[bucket] for bucket in buckets)]]
    for courier, counts in content.by_courier.items():
        rows.append([text(sheet, courier), *(counts.get(bucket, 0) for bucket in buckets)])
    rows += [[], *([text(sheet, f"提示：{notice}")] for notice in content.notices), []]
    rows.append(["未来 48 小时", "到期时钟数"])
    header_row = len(rows)  # write-only sheets cannot be asked where they are: count the rows ourselves
    rows += [[_date(sheet, hour, "yyyy-mm-dd hh:mm"), count] for hour, count in content.next_hours]
    for row in rows:
        sheet.append(row)
    chart = BarChart()
    chart.title = "未来 48 小时每小时到期的时钟"
    chart.y_axis.title = "个"
    chart.x_axis.title = "时间（北京时间）"
    chart.x_axis.number_format = "mm-dd hh:mm"
    chart.height, chart.width = 8, 24
    last = header_row + len(content.next_hours)
    chart.add_data(Reference(sheet, min_col=2, min_row=header_row, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last))
    chart.legend = None
    sheet.add_chart(chart, f"D{header_row}")  # beside the hourly table, below the count tables


def _filings(workbook: Workbook, content: ReportContent) -> None:
    sheet = workbook.create_sheet("报备进度")
    columns = (("编号", 8), ("类型", 18), ("原因", 10), ("状态", 10), ("订单数", 8), ("订单号", 44), ("最晚提交", 20),
               ("工单号", 18), ("新考核时间", 20), ("驳回原因", 30), ("材料包", 50))  # fmt: skip
    _header(sheet, columns)
    for filing, coverage in content.filings:
        window = filing_window(filing, coverage, content.as_of)  # a passed time is said in words, not as a date
        latest = _date(sheet, window.latest) if window.is_open() else text(sheet, _passed(window))
        sheet.append([
            filing.id, FILING_TYPES[filing.type], CAUSES.get(filing.cause or "", ""), FILING_STATUSES[filing.status],
            len(filing.order_ids), text(sheet, "、".join(filing.order_ids)), latest,
            text(sheet, filing.ticket), _date(sheet, filing.new_due), text(sheet, filing.reason),
            text(sheet, filing.package),
        ])  # fmt: skip
    _finish_table(sheet, columns, 0)


def _passed(window) -> str:
    if window.latest is None and window.kind == "appeal":
        return "报备时限已过：收到违规通知后 7 天内申诉"
    return f"已过（{format_time(window.latest)}）" if window.latest else ""


def write_workbook(content: ReportContent, target: Path) -> Path:
    """Write the workbook to `target` atomically (see files.write_atomically)."""

    def write(path: Path) -> None:
        workbook = Workbook(write_only=True)
        _overview(workbook, content)
        buyers = content.buyers
        _clock_sheet(workbook, "今日待办", content.todo, buyers, to_do=True)
        _clock_sheet(workbook, "揽收与物流", [d for d in content.deadlines if d.kind in LOGISTICS], buyers)
        _clock_sheet(workbook, "售后时效", [d for d in content.deadlines if d.kind in AFTER_SALES], buyers)
        _filings(workbook, content)
        _clock_sheet(workbook, "全部时钟", content.deadlines, buyers)
        save_workbook(workbook, path)

    return write_atomically(target, write)
