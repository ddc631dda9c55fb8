"""Printing import problems: the first PRINTED_PROBLEMS in rows of a file, then how many more. A damaged or crafted
file can have a problem on every one of a million rows; the terminal (or a scheduled task's log) gets a readable
list. Problems about a whole file (no row: not imported, a column missing) are always printed."""

from __future__ import annotations

from typing import TextIO

from shopguard.core.files import printable
from shopguard.core.records import Problem
from shopguard.core.triage.output import describe_problem

PRINTED_PROBLEMS = 1000


def print_problems(problems: list[Problem], out: TextIO, prefix: str = "  ", more: str = "") -> None:
    """One line per problem (a file name's line breaks shown as \\n); `more` follows the count of those left out."""
    in_rows = left_out = 0
    for problem in problems:
        if problem.row is not None:
            if in_rows == PRINTED_PROBLEMS:
                left_out += 1
                continue
            in_rows += 1
        out.write(f"{prefix}{printable(describe_problem(problem))}\n")
    if left_out:
        out.write(f"{prefix}……还有 {left_out:,} 个问题没有列出{more}\n")
