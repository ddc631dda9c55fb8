import io
import json

from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.imports.importer import NOT_FOR_DEADLINES, import_files
from shopguard.core.records import Problem
from shopguard.core.rules.packs import load_packs
from shopguard.core.triage import output
from shopguard.core.triage.output import deadline_dict, describe_problem, write_json


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


def test_columns_a_triage_skips_change_no_clock():
    everything = import_files(demo_files())
    for_deadlines = import_files(demo_files(), skip=NOT_FOR_DEADLINES)
    assert for_deadlines.orders[0].amount is None and everything.orders[0].amount is not None

    def clocks(imported):
        triage = compute_deadlines(
            imported.orders, imported.after_sales, imported.tracking, load_packs(), DEMO_SETTINGS, DEMO_AS_OF
        )
        return [deadline_dict(d) for d in triage.deadlines]

    assert clocks(for_deadlines) == clocks(everything)
