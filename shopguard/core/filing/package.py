"""The evidence package: a folder and a .zip with the text to paste, the affected orders, the evidence files
renamed by what they prove, a printable summary and a manifest. Built in a temporary folder and renamed
into place, so a crash never leaves half a package; names from the merchant's files cannot leave it."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zipfile
from datetime import datetime
from html import escape
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from shopguard.core.clock import format_time, iso
from shopguard.core.files import name_the_target
from shopguard.core.filing.catalogue import CAUSES, FILING_TYPES, ITEMS, requirements
from shopguard.core.filing.coverage import CoverageRow
from shopguard.core.filing.model import Filing, missing_evidence
from shopguard.core.filing.plan import filing_window
from shopguard.core.rules.packs import CLOCKS
from shopguard.core.xlsx_text import text_cell

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
MAX_NAME = 80


def safe_name(original: str) -> str:
    """A file name that stays inside the package folder on Windows, macOS and Linux."""
    name = _UNSAFE.sub("_", original.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = stem[: MAX_NAME - len(suffix) - 1] or "file"
    return f"{stem}.{suffix}" if suffix else stem


def build_package(filing: Filing, coverage: list[CoverageRow], out_dir: Path, now: datetime) -> tuple[Path, Path]:
    """Write the package folder and its .zip into `out_dir`; returns (folder, zip)."""
    window = filing_window(filing, coverage)
    prefix = "申诉" if window.kind == "appeal" else "报备"
    name = f"{prefix}_{FILING_TYPES[filing.type]}_{now.strftime('%Y%m%d-%H%M%S')}" + (
        f"_{filing.id}" if filing.id else ""
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    final, archive = out_dir / name, out_dir / f"{name}.zip"
    staging = out_dir / f".{name}.partial"
    partial_zip = out_dir / f".{name}.zip.partial"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
        files = _write_evidence(filing, staging)
        (staging / "说明.txt").write_text(filing.text, encoding="utf-8-sig")
        _write_orders(coverage, staging / "受影响订单.xlsx")
        (staging / "汇总.html").write_text(_summary_html(filing, coverage, window, files), encoding="utf-8")
        manifest = _manifest(filing, coverage, window, files, now)
        (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        with zipfile.ZipFile(partial_zip, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path in sorted(staging.iterdir()):
                bundle.write(path, f"{name}/{path.name}")
        os.replace(staging, final)
        os.replace(partial_zip, archive)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        partial_zip.unlink(missing_ok=True)
        if isinstance(error, OSError):  # a full disk, say: name the package, not the hidden folder it is built in
            name_the_target(error, final, staging, partial_zip)
        raise
    return final, archive


def _write_evidence(filing: Filing, folder: Path) -> list[dict]:
    files = []
    for index, evidence in enumerate(filing.evidence, 1):
        name = safe_name(f"{index:02d}_{ITEMS[evidence.item].label}_{safe_name(evidence.original_name)}")
        target = folder / name
        if target.resolve().parent != folder.resolve():
            raise ValueError(f"证明文件名不安全：{evidence.original_name}")
        shutil.copyfile(evidence.vault_path, target)
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        if digest != evidence.sha256:
            raise ValueError(f"证明文件已损坏（校验不一致）：{evidence.original_name}")
        files.append({"name": name, "sha256": digest, "item": evidence.item, "label": ITEMS[evidence.item].label,
                      "elements": sorted(evidence.elements), "original_name": evidence.original_name})  # fmt: skip
    return files


def _write_orders(coverage: list[CoverageRow], path: Path) -> None:
    """受影响订单.xlsx: IDs and reasons come from imported files, so every text goes through text_cell."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("受影响订单")
    sheet.freeze_panes = "A2"  # a write-only sheet takes its settings before the first row
    for column, width in zip("ABCDEF", (24, 20, 8, 20, 10, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append(["订单号", "物流单号", "时钟", "截止时间", "是否覆盖", "说明"])
    for row in coverage:
        sheet.append([text_cell(sheet, row.order_id, "@"), text_cell(sheet, row.tracking_no, "@"),  # IDs stay text
                      CLOCKS[row.kind], _due(sheet, row.due), "是" if row.covered else "否",
                      text_cell(sheet, row.reason)])  # fmt: skip
    try:
        workbook.save(path)
    except BaseException:
        # An unsaved write-only sheet is otherwise finished by the garbage collector, at any later moment, and
        # then writes into its closed temporary file (an error printed out of nowhere): finish it now.
        try:
            sheet.close()
        except Exception:  # noqa: BLE001 - the save's own error is the one that matters
            pass
        raise


def _due(sheet, due: datetime | None) -> WriteOnlyCell | None:
    if due is None:
        return None
    cell = WriteOnlyCell(sheet, value=due.replace(tzinfo=None))  # Beijing wall time: Excel has no time zones
    cell.number_format = "yyyy-mm-dd hh:mm:ss"
    return cell


def _manifest(filing: Filing, coverage, window, files: list[dict], now: datetime) -> dict:
    return {
        "id": filing.id,
        "kind": window.kind,
        "type": filing.type,
        "type_name": FILING_TYPES[filing.type],
        "cause": filing.cause,
        "cause_name": CAUSES.get(filing.cause or ""),
        "period": {"start": iso(filing.period_start), "end": iso(filing.period_end)},
        "area": {
            "province": filing.area.province,
            "city": filing.area.city,
            "district": filing.area.district,
            "street": filing.area.street,
        },  # fmt: skip
        "latest_filing_time": iso(window.latest),
        "orders": [
            {
                "order_id": row.order_id,
                "kind": row.kind,
                "tracking_no": row.tracking_no,
                "due": iso(row.due),
                "covered": row.covered,
                "reason": row.reason,
            }
            for row in coverage
        ],  # fmt: skip
        "files": files,
        "missing_evidence": missing_evidence(filing),
        "created": iso(now),
    }


def _summary_html(filing: Filing, coverage, window, files: list[dict]) -> str:
    missing = missing_evidence(filing)
    checklist = "".join(
        f"<li>{'✔' if requirement.label() not in missing else '✘'} {escape(requirement.label())}</li>"
        for requirement in requirements(filing.type, filing.cause)
    )
    evidence = "".join(
        f"<tr><td>{escape(f['name'])}</td><td>{escape(f['label'])}</td><td>{escape('、'.join(f['elements']))}</td></tr>"
        for f in files
    )
    orders = "".join(
        f"<tr><td>{escape(r.order_id)}</td><td>{escape(r.tracking_no or '')}</td><td>{CLOCKS[r.kind]}</td>"
        f"<td>{format_time(r.due)}</td><td>{'是' if r.covered else '否'}</td><td>{escape(r.reason)}</td></tr>"
        for r in coverage
    )
    style = "font-family:'Microsoft YaHei','PingFang SC',sans-serif;font-size:14px"
    return (
        f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>报备材料汇总</title></head>"
        f'<body style="{style}"><h2>{escape(FILING_TYPES[filing.type])}'
        f"{escape('（' + CAUSES[filing.cause] + '）') if filing.cause in CAUSES else ''}</h2>"
        f"<p>影响时段：{format_time(filing.period_start)} 至 {format_time(filing.period_end)}<br>"
        f"影响区域：{escape(filing.area.describe())}<br>"
        f"最晚提交：{format_time(window.latest) or '—'}（{escape(window.explanation)}）</p>"
        f"<h3>材料清单</h3><ul>{checklist}</ul>"
        f"{'<p><b>尚缺：</b>' + escape('；'.join(missing)) + '</p>' if missing else ''}"
        f"<h3>证明文件</h3><table border='1' cellpadding='4' cellspacing='0'><tr><th>文件</th><th>材料</th>"
        f"<th>已确认的要素</th></tr>{evidence}</table>"
        f"<h3>受影响订单</h3><table border='1' cellpadding='4' cellspacing='0'><tr><th>订单号</th><th>物流单号</th>"
        f"<th>时钟</th><th>截止时间</th><th>覆盖</th><th>说明</th></tr>{orders}</table>"
        f"<h3>提交文字</h3><pre style='white-space:pre-wrap'>{escape(filing.text)}</pre></body></html>"
    )
