"""A file with a problem on every row prints the first 1,000 problems and how many more, never a million lines."""

import json

from tests.exports import order_row, write_csv
from tests.processes import run

AT = "2023-11-12 10:00:00"
BAD_ROWS = 1_200


def orders_with_a_bad_time_on_every_row(tmp_path):
    rows = [order_row(order_id=f"69179267688236{index:05d}", sub_order_id=f"69179267688237{index:05d}", paid="昨天")
            for index in range(BAD_ROWS)]  # fmt: skip
    return write_csv(tmp_path / "orders.csv", rows)


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "orders.csv 第" in line]


def test_the_morning_list_prints_the_first_thousand_problems_and_counts_the_rest(tmp_path):
    orders = orders_with_a_bad_time_on_every_row(tmp_path)
    table = run("triage", orders, tmp_path / "missing.csv", "--at", AT).stdout
    assert f"导入问题（{BAD_ROWS + 1:,}）：" in table
    assert len(problem_lines(table)) == 1_000
    # A problem about a whole file is never left out.
    assert table.endswith("  missing.csv：找不到文件\n  ……还有 200 个问题没有列出\n")
    errors = run("triage", orders, "--at", AT, "--format", "csv").stderr
    assert len(problem_lines(errors)) == 1_000
    assert errors.endswith("……还有 200 个问题没有列出\n")


def test_json_lists_the_first_thousand_problems_of_each_file_and_counts_the_rest(tmp_path):
    orders = orders_with_a_bad_time_on_every_row(tmp_path)
    other = write_csv(tmp_path / "more_orders.csv", [order_row(order_id="6917926768823643799", paid="前天")] * 2)
    document = json.loads(run("triage", orders, other, tmp_path / "missing.csv", "--at", AT, "--format", "json").stdout)
    files = [problem["file"] for problem in document["problems"]]
    assert files.count("orders.csv") == 1_000 and files.count("missing.csv") == 1
    assert files.count("more_orders.csv") == 3  # its own thousand: both bad times, and the second row a duplicate
    assert document["problems_not_listed"] == 200


def test_the_terminal_says_where_the_problems_it_leaves_out_are_listed(tmp_path):
    rows = [order_row(order_id=f"69179267688236{index:05d}", sub_order_id=f"69179267688237{index:05d}", paid="昨天")
            for index in range(600)]  # fmt: skip
    files = [write_csv(tmp_path / f"orders_{n}.csv", rows) for n in range(2)]  # 1,200 problems, each file's listed
    table = run("triage", *files, "--at", AT).stdout
    assert table.endswith("  ……还有 200 个问题没有列出（--format json 列出每个文件的前 1,000 个）\n")


def test_import_and_report_print_the_first_thousand_problems(tmp_path):
    orders = orders_with_a_bad_time_on_every_row(tmp_path)
    imported = run("import", orders).stdout
    assert len(problem_lines(imported)) == 1_000 and "  ……还有 200 个问题没有列出\n" in imported
    report = run("report", orders, "--at", AT, "--out", tmp_path / "r.xlsx").stderr
    assert len(problem_lines(report)) == 1_000 and report.endswith("导入问题：……还有 200 个问题没有列出\n")
