"""Rule pack and notice files the window could not read: left out, said in the notice banner for as long as they
are broken and in a dialog once, while the list keeps working with the shipped packs (core.rules.user_packs)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from shopguard.core.rules.user_packs import LEFT_OUT


def with_problems(result, problems: list[str]):
    """The triage with each problem among its notices (the banner shows them above the list)."""
    result.triage.notices.extend(problem for problem in problems if problem not in result.triage.notices)
    return result


def tell_once(window, result) -> None:
    """A dialog when the set of unreadable files changes (not at every reload); quiet once they are fixed."""
    problems = tuple(notice for notice in result.triage.notices if LEFT_OUT in notice)
    if problems == getattr(window, "_pack_problems_told", ()):
        return
    window._pack_problems_told = problems
    if not problems:
        return
    box = QMessageBox(QMessageBox.Icon.Warning, window.tr("Rule files could not be read"),
                      window.tr("Some of your rule files could not be read. The list uses the built-in rules "
                                "without them; the files were not changed. Fix or replace them, then recalculate."),
                      QMessageBox.StandardButton.Ok, window)  # fmt: skip
    box.setDetailedText("\n\n".join(problems))
    box.setInformativeText("\n".join(problems))
    box.setObjectName("pack_problems")
    box.open()  # not modal to the event loop: the window keeps working
