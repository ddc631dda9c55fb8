"""Column letters <-> 0-based column positions (A = 0, AA = 26)."""

from __future__ import annotations


def column_letters(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: bytes | str) -> int:
    """b'A' -> 0, b'AA' -> 26."""
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


class EveryColumn(dict):
    """Column letters -> index for any column, computed once per letters."""

    def __missing__(self, letters: bytes) -> int:
        index = self[letters] = column_index(letters)
        return index
