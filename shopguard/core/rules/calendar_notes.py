"""Notes the rule calendar shows beside the packs: dated facts that move no deadline (resources/calendar/).

"2026 大促：按日常时效" is one: a merchant who finds no Double 11 pack for 2026 should see that none is needed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime

from shopguard.core.imports.cells import parse_time
from shopguard.core.resources import resource_dir


@dataclass(frozen=True, slots=True)
class CalendarNote:
    title: str
    start: datetime
    end: datetime
    text: str
    source: str
    source_date: str
    verified: bool

    def touches_year(self, year: int) -> bool:
        return self.start.year <= year <= self.end.year


def calendar_notes() -> list[CalendarNote]:
    """The shipped notes, earliest first; a missing file means none (an older install)."""
    path = resource_dir() / "calendar" / "notes.toml"
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    notes = [
        CalendarNote(
            title=raw["title"],
            start=parse_time(raw["from"]),
            end=parse_time(raw["until"]),
            text=raw["text"],
            source=raw["source"],
            source_date=raw["date"],
            verified=raw.get("verified", False) is True,
        )
        for raw in data.get("notes", [])
    ]
    return sorted(notes, key=lambda note: note.start)


def notes_for_year(year: int) -> list[CalendarNote]:
    return [note for note in calendar_notes() if note.touches_year(year)]
