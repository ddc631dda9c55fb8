"""What a `create_filing` that failed on the disk (full, read-only) left behind, in the merchant's words: the
command line and the window's filing wizard say the same, each followed by its own next step."""

from __future__ import annotations

from shopguard.core.files import describe_os_error
from shopguard.core.filing.model import STATUSES, Filing
from shopguard.core.filing.storage import set_status
from shopguard.core.store.database import Store, StoreError


def not_built(store: Store, filing: Filing, error: OSError) -> str | None:
    """Nothing saved, or (when only the package failed) the filing kept as a draft, so that nothing looks ready to
    submit without its package. None when `error` is not the disk's (a programming error: raise it again)."""
    message = describe_os_error(error)
    if message is None:
        return None
    if filing.id is None:  # the evidence could not be copied into the data folder: nothing was saved
        return f"{filing.label}没有保存：{message}"
    kept = "草稿"
    if filing.status != "draft":
        try:
            set_status(store, filing.id, "draft")
            filing.status = "draft"
        except (OSError, StoreError):  # the database's disk is as full: the filing stays as it was saved
            kept = STATUSES[filing.status]
    return f"材料包没有生成：{message}。{filing.label} #{filing.id} 已保存为「{kept}」，没有材料包"
