"""Evidence files kept in the data folder, one copy per content (named by sha256), so a filing never
depends on the original file staying where it was."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from shopguard.core.files import disk_full, name_the_target

VAULT_DIR = "evidence"
ALLOWED = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".pdf", ".heic"}


class EvidenceError(ValueError):
    """A file that cannot be used as evidence; the message says why."""


def store_evidence(data_dir: Path, source: Path) -> tuple[str, Path]:
    """Copy `source` into the vault (once per content) and return (sha256, vault path)."""
    if not source.is_file():
        raise EvidenceError(f"找不到证明文件：{source}")
    suffix = source.suffix.lower()
    if suffix not in ALLOWED:
        raise EvidenceError(f"{source.name}：只接受图片（jpg、png 等）或 PDF")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    folder = data_dir / VAULT_DIR / digest[:2]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{digest}{suffix}"
    if not target.exists():
        partial = target.with_suffix(target.suffix + ".partial")
        try:
            shutil.copyfile(source, partial)
            os.replace(partial, target)
        except OSError as error:
            partial.unlink(missing_ok=True)  # never a half-copied file left in the data folder
            if disk_full(error):  # the copy names its source: the data folder's disk is the one that is full
                error.filename = None
            name_the_target(error, target, partial)
            raise
    return digest, target
