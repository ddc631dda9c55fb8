"""Pieces the commands share."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from shopguard.core.datadir import data_dir
from shopguard.core.imports.cells import CellError, parse_time
from shopguard.core.store import errors
from shopguard.core.store.database import Store, store_exists

EXIT_OK, EXIT_INPUT = 0, 2


class InputError(Exception):
    """Bad input from the user: printed on stderr, exit code 2, no traceback."""


def parse_moment(text: str, option: str) -> datetime:
    try:
        return parse_time(text.strip())
    except CellError as error:
        raise InputError(f"{option}：{error}") from None


def open_store(args: argparse.Namespace, wait: float | None = None) -> Store:
    """The store in --data-dir, $SHOPGUARD_HOME or the per-user data folder, for a command that writes;
    created on first use. Writes wait for another ShopGuard's (Store.open; IMPORT_WAIT for imports).
    Raises StoreError (exit code 2) when the folder cannot be used, a read-only folder included."""
    return Store.open(data_dir(getattr(args, "data_dir", None)), wait)


_told_read_only: set[str] = set()


def open_store_to_read(args: argparse.Namespace) -> Store:
    """The store for a command that only looks: a read-only data folder is opened read-only, and the
    merchant is told once (per command) that nothing can be saved there."""
    store = Store.open_for_reading(data_dir(getattr(args, "data_dir", None)))
    if store.read_only and str(store.directory) not in _told_read_only:
        _told_read_only.add(str(store.directory))
        print(
            f"shopguard: 注意：{store.read_only_because}，只能查看；这次不会保存任何更改"
            "（也不会保存计算好的时钟，下次还要重新计算）。",
            file=sys.stderr,
        )
    return store


def has_store(args: argparse.Namespace) -> bool:
    """A database exists in the data folder (looking creates nothing)."""
    return store_exists(data_dir(getattr(args, "data_dir", None)))


@contextmanager
def writing_data_folder(args: argparse.Namespace) -> Iterator[None]:
    """Around writing files into the data folder (the merchant's rule packs): a read-only folder, one
    without permission or a full disk is a StoreError (a message, exit code 2), not a traceback."""
    try:
        yield
    except OSError as error:
        raise errors.from_os(error, data_dir(getattr(args, "data_dir", None))) from None
