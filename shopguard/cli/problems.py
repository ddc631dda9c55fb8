"""Printing import problems: the first PRINTED_PROBLEMS, then how many more. A damaged or crafted file can
have a problem on every one of a million rows; the terminal (or a scheduled task's log) gets a readable list."""

from __future__ import annotations

from typing import TextIO

from shopguard.core.files import printable
from shopguard.core.records import Problem
from shopguard.core.triage.output import describe_problem

PRINTED_PROBLEMS = 1000


def print_problems(problems: list[Problem], out: TextIO, prefix: str = "  ", more: str = "") -> None:
    """One line per problem (a file name's line breaks shown as \\n), at most PRINTED_PROBLEMS of them."""
    for problem in problems[:PRINTED_PROBLEMS]:
        out.write(f"{prefix}{printable(describe_problem(problem))}\n")
    if len(problems) > PRINTED_PROBLEMS:
        out.write(f"{prefix}……还有 {len(problems) - PRINTED_PROBLEMS:,} 个问题没有列出{more}\n")
