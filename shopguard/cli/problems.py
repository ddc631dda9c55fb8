"""Printing import problems: the first PRINTED_PROBLEMS in rows of a file, then how many more. A damaged or crafted
file can have a problem on every one of a million rows; the terminal (or a scheduled task's log) gets a readable
list. Problems about a whole file (no row: not imported, a column missing) are always printed. The importer itself
keeps only the first importer.LISTED_PROBLEMS in rows of each file and counts the others (`not_listed`)."""

from __future__ import annotations

from typing import TextIO

from shopguard.core.files import printable
from shopguard.core.imports.importer import LISTED_PROBLEMS
from shopguard.core.records import Problem
from shopguard.core.triage.output import describe_problem

PRINTED_PROBLEMS = 1000
# After the count of problems not printed, where `triage --format json` puts them.
JSON_LISTS_MORE = f"（--format json 列出每个文件的前 {LISTED_PROBLEMS:,} 个）"


def print_problems(
    problems: list[Problem], out: TextIO, prefix: str = "  ", more: str = "", not_listed: int = 0
) -> None:
    """One line per problem (a file name's line breaks shown as \\n), then how many were left out: those not
    printed here (followed by `more`, which says where they are listed) and the `not_listed` ones."""
    in_rows = left_out = 0
    for problem in problems:
        if problem.row is not None:
            if in_rows == PRINTED_PROBLEMS:
                left_out += 1
                continue
            in_rows += 1
        out.write(f"{prefix}{printable(describe_problem(problem))}\n")
    if left_out or not_listed:
        out.write(f"{prefix}{not_listed_line(left_out + not_listed)}{more if left_out else ''}\n")


def not_listed_line(count: int) -> str:
    return f"……还有 {count:,} 个问题没有列出"
