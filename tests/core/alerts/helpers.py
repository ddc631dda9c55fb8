"""Report content the alerts are built from, from real export files."""

from __future__ import annotations

from dataclasses import replace

from shopguard.core.deadlines.engine import compute_deadlines
from shopguard.core.demo import DEMO_AS_OF, DEMO_SETTINGS, demo_files
from shopguard.core.imports.importer import import_files
from shopguard.core.report.content import build_content
from shopguard.core.rules.packs import load_packs


def demo_content():
    imported = import_files(demo_files())
    triage = compute_deadlines(
        imported.orders, imported.after_sales, imported.tracking, load_packs(), DEMO_SETTINGS, DEMO_AS_OF
    )
    return build_content(triage)


def many_urgent_content(copies: int = 40):
    """The demo's to-do list repeated with long order ids, so that the digest must be cut to fit."""
    content = demo_content()
    content.todo = [
        replace(deadline, order_id=f"{deadline.order_id}{n:04d}测试长单号")
        for n in range(copies)
        for deadline in content.todo
    ]
    return content
