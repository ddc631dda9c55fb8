"""Pieces the commands share."""

from __future__ import annotations

import argparse
from datetime import datetime

from shopguard.core.datadir import data_dir
from shopguard.core.imports.cells import CellError, parse_time
from shopguard.core.store.database import Store

EXIT_OK, EXIT_INPUT = 0, 2


class InputError(Exception):
    """Bad input from the user: printed on stderr, exit code 2, no traceback."""


def parse_moment(text: str, option: str) -> datetime:
    try:
        return parse_time(text.strip())
    except CellError as error:
        raise InputError(f"{option}：{error}") from None


def open_store(args: argparse.Namespace) -> Store:
    """The store in --data-dir, $SHOPGUARD_HOME or the per-user data folder; created on first use."""
    return Store.open(data_dir(getattr(args, "data_dir", None)))
