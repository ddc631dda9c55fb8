import csv
import io
import json
from datetime import UTC, datetime

from shopguard.core.clock import BEIJING
from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.imports.importer import NOT_FOR_DEADLINES, import_files
from shopguard.core.records import Problem
from shopguard.core.rules.packs import load_packs
from shopguard.core.triage import output
from shopguard.core.triage.output import deadline_dict, describe_problem, write_json
from tests.clocks import (
    CONTRADICTION,
    CONTRADICTION_ORDER,
    NO_RULE,
    NO_RULE_ORDER,
    NO_RULE_TRACKING,
    NO_START,
    NO_START_ORDER,
    demo_triage_with_unknown_clocks,
)


def demo_triage():
    imported = import_files(demo_files())
    return compute_deadlines(
        imported.orders, imported.after_sales, imported.tracking, load_packs(), DEMO_SETTINGS, DEMO_AS_OF
    )


def test_streamed_json_equals_the_plain_dicts_for_every_demo_deadline():
    triage = demo_triage()
    # Quotes, backslashes and control characters in a product name must survive the fast writer.
    triage.deadlines[0].product = 'T恤 "加厚" \\ 款\t新'
    out = io.StringIO()
    write_json(triage, [Problem("a.csv", 3, "发货时间", "坏")], out)
    data = json.loads(out.getvalue())
    assert data["deadlines"] == [deadline_dict(d) for d in triage.deadlines]
    assert data["problems"] == [{"file": "a.csv", "row": 3, "column": "发货时间", "message": "坏"}]
    assert sum(data["counts"].values()) == len(triage.deadlines)


def test_problem_description_names_file_row_and_column():
    assert (
        describe_problem(Problem("订单.csv", 7, "发货时间", "无法识别")) == "订单.csv 第 7 行 「发货时间」列：无法识别"
    )
    assert describe_problem(Problem("x.xlsx", None, None, "文件已损坏")) == "x.xlsx：文件已损坏"


def test_streamed_json_stays_valid_across_write_batches():
    triage = demo_triage()
    one_round = list(triage.deadlines)
    rounds = 2 * output._JSON_BATCH // len(one_round) + 2
    triage.deadlines = one_round * rounds  # more than two batches, the last one partial
    out = io.StringIO()
    write_json(triage, [], out)
    data = json.loads(out.getvalue())
    assert len(data["deadlines"]) == len(one_round) * rounds > 2 * output._JSON_BATCH
    assert data["deadlines"] == [deadline_dict(d) for d in triage.deadlines]
    # Counted while the batches are written: the same as counting the clocks apart, in the same order.
    assert list(data["counts"].items()) == list(output.bucket_counts(triage.deadlines).items())


def test_moments_in_the_json_are_written_as_isoformat_writes_them():
    triage = demo_triage()
    summer, utc = datetime(1988, 7, 1, 12, 0, tzinfo=BEIJING), datetime(2026, 11, 27, 1, 0, 0, 5, tzinfo=UTC)
    triage.deadlines[0].start, triage.deadlines[0].due = summer, utc
    out = io.StringIO()
    write_json(triage, [], out)
    first = json.loads(out.getvalue())["deadlines"][0]
    assert (first["start"], first["due"]) == ("1988-07-01T12:00:00+09:00", "2026-11-27T01:00:00.000005+00:00")
    assert first == deadline_dict(triage.deadlines[0])


def test_columns_a_triage_skips_change_no_clock():
    everything = import_files(demo_files())
    for_deadlines = import_files(demo_files(), skip=NOT_FOR_DEADLINES)
    assert for_deadlines.orders[0].quantity is None and everything.orders[0].quantity is not None
    assert for_deadlines.orders[0].amount is not None  # what a late clock costs depends on it

    def clocks(imported):
        triage = compute_deadlines(
            imported.orders, imported.after_sales, imported.tracking, load_packs(), DEMO_SETTINGS, DEMO_AS_OF
        )
        return [deadline_dict(d) for d in triage.deadlines]

    assert clocks(for_deadlines) == clocks(everything)


def morning_list(triage, **options) -> list[str]:
    out = io.StringIO()
    output.write_table(triage, [], out, **options)
    return out.getvalue().splitlines()


def test_table_lists_the_clocks_to_check_in_their_own_section_right_after_the_overdue_ones(tmp_path):
    lines = morning_list(demo_triage_with_unknown_clocks(tmp_path))
    assert "已超时 4  需要核对 3  6小时内 1" in lines[2]
    headings = [line for line in lines if line.startswith("【")]
    assert [heading.split("】")[0] for heading in headings] == ["【已超时", "【需要核对", "【未到期"]
    assert headings[1].startswith("【需要核对】3 个：") and "说明" in headings[1]
    section = lines[lines.index(headings[1]) : lines.index(headings[2])]
    assert section[1].split() == list(output.TABLE_HEADERS)
    contradiction, contradiction_why, stall, stall_why, ship, ship_why = section[2:8]  # each clock, then why
    assert contradiction.split()[:4] == ["需要核对", "需要核对", "发货", CONTRADICTION_ORDER]
    assert "2023-11-12 20:00:00" in contradiction  # its due time is known, whether it was met is not
    assert contradiction_why.startswith(f"    说明：{CONTRADICTION}")
    assert stall.split()[:6] == ["需要核对", "需要核对", "中转", NO_RULE_ORDER, NO_RULE_TRACKING, "—"]  # no due
    assert stall_why == f"    说明：{NO_RULE}"
    assert ship.split()[:5] == ["需要核对", "需要核对", "发货", NO_START_ORDER, "—"]  # no due time
    assert ship_why == f"    说明：{NO_START}"
    assert "另有 27 个已完成或豁免的时钟未列出" in "\n".join(lines)  # the three to check are not among them


def test_a_limit_that_cuts_clocks_to_check_says_so(tmp_path):
    lines = morning_list(demo_triage_with_unknown_clocks(tmp_path), limit=5)
    text = "\n".join(lines)
    assert "【需要核对】1 个" in text and CONTRADICTION_ORDER in text and NO_START_ORDER not in text
    assert "只列出最紧急的 5 个；另有 9 个未列出，其中需要核对 2 个（--limit 0 列出全部）。" in text


def test_csv_and_json_give_status_unknown_bucket_check_and_the_explanation(tmp_path):
    triage = demo_triage_with_unknown_clocks(tmp_path)
    out = io.StringIO()
    output.write_csv(triage, out)
    rows = {(row["order_id"], row["kind"]): row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    ship = rows[(NO_START_ORDER, "ship")]
    assert (ship["status"], ship["bucket"], ship["due"], ship["seconds_left"]) == ("unknown", "check", "", "")
    assert (ship["start"], ship["rule"], ship["explanation"]) == ("", "", NO_START)
    stall = rows[(NO_RULE_ORDER, "transit")]
    assert (stall["status"], stall["bucket"], stall["start"], stall["due"]) == (
        "unknown", "check", "2023-10-30T08:00:00+08:00", ""
    )  # fmt: skip
    assert stall["explanation"] == NO_RULE
    contradiction = rows[(CONTRADICTION_ORDER, "ship")]
    assert (contradiction["status"], contradiction["due"]) == ("unknown", "2023-11-12T20:00:00+08:00")
    assert (contradiction["seconds_left"], contradiction["bucket"]) == ("", "check")
    assert contradiction["explanation"].startswith(CONTRADICTION)
    out = io.StringIO()
    write_json(triage, [], out)
    data = json.loads(out.getvalue())
    assert data["deadlines"] == [deadline_dict(d) for d in triage.deadlines]
    assert [d["status"] for d in data["deadlines"][3:8]] == ["overdue", "unknown", "unknown", "unknown", "pending"]
    ship = next(d for d in data["deadlines"] if d["order_id"] == NO_START_ORDER and d["kind"] == "ship")
    assert ship | {"status": "unknown", "start": None, "due": None, "seconds_left": None, "bucket": "check"} == ship
    assert data["counts"]["check"] == 3 and sum(data["counts"].values()) == len(triage.deadlines)
    assert data["notices"] == []  # the stall the 2023 book sets no limit for is a row, not a notice


def test_json_stays_valid_for_a_clock_whose_start_could_not_be_read(tmp_path):
    triage = demo_triage_with_unknown_clocks(tmp_path)
    out = io.StringIO()
    write_json(triage, [], out)
    data = json.loads(out.getvalue())
    assert data["deadlines"] == [deadline_dict(d) for d in triage.deadlines]
    ship = next(d for d in data["deadlines"] if d["order_id"] == NO_START_ORDER)
    assert (ship["start"], ship["due"], ship["status"]) == (None, None, "unknown")


def test_csv_text_that_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe_and_json_is_unchanged(tmp_path):
    """Before, the product name below came out of `triage --format csv` as a live formula for Excel/WPS."""
    from tests.exports import order_row, write_csv

    names = ['=HYPERLINK("http://evil.example","点我")', "+1+2", "-3+4", "@SUM(A1)", "纯棉T恤 =不是公式"]
    rows = [order_row(order_id=f"69179267688236437{n:02d}", sub_order_id=f"68179267688236437{n:02d}", product=name,
                      paid="2023-11-01 10:00:00") for n, name in enumerate(names)]  # fmt: skip
    imported = import_files([write_csv(tmp_path / "orders.csv", rows)], skip=NOT_FOR_DEADLINES)
    triage = compute_deadlines(
        imported.orders, imported.after_sales, imported.tracking, load_packs(), DEMO_SETTINGS, DEMO_AS_OF
    )
    out = io.StringIO()
    output.write_csv(triage, out)
    written = list(csv.DictReader(io.StringIO(out.getvalue())))
    products = {row["order_id"]: row["product"] for row in written}
    assert [products[f"69179267688236437{n:02d}"] for n in range(5)] == [
        "'=HYPERLINK(\"http://evil.example\",\"点我\")", "'+1+2", "'-3+4", "'@SUM(A1)", "纯棉T恤 =不是公式"
    ]  # fmt: skip
    assert all(int(row["seconds_left"]) < 0 for row in written)  # overdue: a negative number stays a number
    out = io.StringIO()
    write_json(triage, [], out)
    assert sorted(d["product"] for d in json.loads(out.getvalue())["deadlines"]) == sorted(names)
