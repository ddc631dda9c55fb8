"""StreamingWorkbook: an .xlsx/.xlsm's sheet list, relationships, cell styles and shared strings; the sheets
themselves are StreamedSheets."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Callable
from pathlib import Path

from shopguard.core.imports import limits
from shopguard.core.imports.xlsx.errors import DamagedWorkbook, NotStreamable, TooLarge
from shopguard.core.imports.xlsx.formats import (
    DURATION,
    MOMENT,
    PLAIN,
    boolean_cell,
    builtin_format_kind,
    duration_cell,
    format_kind,
    ignored_value,
    iso_cell,
    moment_cell,
    number_value,
    text_cell,
)
from shopguard.core.imports.xlsx.sheet import PREFIXED_ELEMENT, StreamedSheet
from shopguard.core.imports.xlsx.text import XML_SPACE, check_encoding, has_special_bytes, rich_text, xml_text
from shopguard.core.imports.xlsx.zipstream import ZIP_ERRORS, check_part_size, decompressed_part, xml_blocks


class StreamingWorkbook:
    """The sheet list, styles and shared strings of an .xlsx/.xlsm; the sheets are streamed on demand."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            with zipfile.ZipFile(self.path) as archive:
                self._read_metadata(archive)
        except (ElementTree.ParseError, UnicodeDecodeError, KeyError, ValueError, *ZIP_ERRORS) as error:
            raise DamagedWorkbook(f"{type(error).__name__}: {error}") from error

    @property
    def sheet_names(self) -> list[str]:
        return [name for name, _, _ in self._sheets]

    def sheet(self, name: str) -> StreamedSheet:
        for sheet_name, part, kind in self._sheets:
            if sheet_name == name:
                return StreamedSheet(self.path, name, part, kind, self.cell_kind)
        raise KeyError(name)

    def cell_kind(self, attributes: bytes) -> Callable[[bytes], object]:
        """The converter for a cell's <v>, from its attributes other than r (t="s", s="3", ...)."""
        found = dict(_ATTRIBUTE.findall(attributes))
        cell_type = found.get(b"t", b"n")
        if cell_type == b"n":
            style = int(found.get(b"s", 0))
            kind = self._style_kinds[style] if style < len(self._style_kinds) else PLAIN
            if kind == MOMENT:
                return moment_cell(self.date1904)
            return duration_cell if kind == DURATION else number_value
        converter = self._type_converters.get(cell_type)
        if converter is None:
            raise NotStreamable(f"unknown cell type t={cell_type!r}")
        return converter

    def _read_metadata(self, archive: zipfile.ZipFile) -> None:
        self._names = {name.lower(): name for name in archive.namelist()}
        workbook_part = self._office_document(archive)
        workbook = _parse_xml(_read_part(archive, workbook_part))
        relationships = self._relationships(archive, workbook_part)
        self.date1904 = any(
            _local(element.tag) == "workbookPr" and element.get("date1904", "").lower() in ("1", "true")
            for element in workbook.iter()
        )
        self._sheets = []
        for element in workbook.iter():
            if _local(element.tag) != "sheet":
                continue
            relationship_id = next((value for key, value in element.attrib.items() if _local(key) == "id"), None)
            if relationship_id not in relationships:
                raise NotStreamable(f"sheet {element.get('name')!r} has no part")
            kind, part = relationships[relationship_id]
            self._sheets.append((element.get("name", ""), part, kind))
        by_kind = {kind: part for kind, part in relationships.values()}
        self._style_kinds = self._read_styles(archive, by_kind.get("styles"))
        strings = self._read_shared_strings(by_kind.get("sharedStrings"))

        def shared_string(raw: bytes) -> str:
            index = int(raw)
            if index < 0:
                raise IndexError(f"shared string {index}")
            return strings[index]

        self._type_converters = {
            b"s": shared_string,
            b"str": text_cell,
            b"e": text_cell,
            b"b": boolean_cell,
            b"inlineStr": ignored_value,
            b"d": iso_cell,
        }

    def _part(self, name: str) -> str:
        """The zip entry for a part name; writers disagree on case, zip readers (and Excel) do not care."""
        return self._names.get(name.lower(), name)

    def _office_document(self, archive: zipfile.ZipFile) -> str:
        try:
            package = self._relationships(archive, "")
        except KeyError:
            return self._part("xl/workbook.xml")
        for kind, part in package.values():
            if kind == "officeDocument":
                return part
        return self._part("xl/workbook.xml")

    def _relationships(self, archive: zipfile.ZipFile, source: str) -> dict[str, tuple[str, str]]:
        """Id -> (type such as 'worksheet', zip entry) for the part `source` ('' for the package)."""
        folder, file_name = posixpath.split(source)
        part = self._part(posixpath.join(folder, "_rels", file_name + ".rels"))
        relationships = _parse_xml(_read_part(archive, part))
        found = {}
        for element in relationships.iter():
            if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
                continue
            target = element.get("Target", "").replace("\\", "/")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            kind = element.get("Type", "").rsplit("/", 1)[-1]
            found[element.get("Id")] = (kind, self._part(posixpath.normpath(path)))
        return found

    def _read_styles(self, archive: zipfile.ZipFile, part: str | None) -> list[int]:
        """PLAIN, MOMENT or DURATION for every cell style (the s attribute indexes this list)."""
        if part is None or part not in archive.NameToInfo:
            return []
        styles = _parse_xml(_read_part(archive, part))
        custom = {
            int(element.get("numFmtId", -1)): element.get("formatCode", "")
            for element in styles.iter()
            if _local(element.tag) == "numFmt"
        }
        kinds = []
        for element in styles.iter():
            if _local(element.tag) == "cellXfs":
                for xf in element:
                    if _local(xf.tag) == "xf":
                        format_id = int(xf.get("numFmtId", 0))
                        code = custom.get(format_id)
                        kinds.append(builtin_format_kind(format_id) if code is None else format_kind(code))
                break
        return kinds

    def _read_shared_strings(self, part: str | None) -> list[str]:
        if part is None or part not in self._names.values():
            return []
        strings: list[str] = []
        label = "共享字符串（sharedStrings.xml）"
        with decompressed_part(self.path, part, limits.SHARED_STRINGS_BYTES, label) as chunks:
            head = next(chunks, b"")
            check_encoding(head)
            if PREFIXED_ELEMENT.search(head):
                raise NotStreamable("namespace-prefixed shared strings")
            if _EMPTY_SHARED_STRINGS.search(head):
                return strings
            for buffer, start, end in xml_blocks(chunks, b"<si", b"</si>", b"</sst>", head, too_large=_one_string):
                strings.extend(_shared_items(buffer, start, end))
                if len(strings) > limits.SHARED_STRINGS_COUNT:
                    raise TooLarge(
                        f"{label}超过 {limits.SHARED_STRINGS_COUNT:,} 项，远多于正常的导出文件，没有读取。"
                        "请确认文件是从抖店下载的原文件；数据确实这么多时，请分成几个文件导出后再导入"
                    )
            for _ in chunks:  # read to the end, so that the zip checksum is verified
                pass
        return strings


_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_EMPTY_SHARED_STRINGS = re.compile(rb"<sst\b[^>]*/>")
_SHARED_ITEM = re.compile(rb'<si>(?:<t>([^<]*)</t>|<t xml:space="preserve">([^<]*)</t>|(.*?))</si>|<si/>', re.S)


def _shared_items(buffer: bytes, start: int, end: int) -> list[str]:
    found = _SHARED_ITEM.findall(buffer, start, end)
    if len(found) != buffer.count(b"<si", start, end):  # one item missed would shift all that follow
        raise NotStreamable("shared strings this reader does not parse")
    special = has_special_bytes(buffer, start, end)
    items = []
    for plain, preserved, markup in found:
        if plain:
            items.append(xml_text(plain, False) if special else plain.decode().strip(XML_SPACE))
        elif preserved:
            items.append(xml_text(preserved, True) if special else preserved.decode())
        else:
            items.append(rich_text(markup) if markup else "")
    return items


def _one_string(item: bytes) -> str:
    return "共享字符串里的一项"


def _read_part(archive: zipfile.ZipFile, part: str) -> bytes:
    """A part parsed whole (workbook, relationships, styles), refused before unpacking when it is too large."""
    check_part_size(archive.getinfo(part), limits.METADATA_PART_BYTES, f"工作簿里的 {posixpath.basename(part)} ")
    return archive.read(part)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_xml(data: bytes) -> ElementTree.Element:
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # OOXML parts never declare entities
        raise NotStreamable("DOCTYPE in a workbook part")
    return ElementTree.fromstring(data)


def open_workbook(path: Path) -> StreamingWorkbook:
    return StreamingWorkbook(path)
