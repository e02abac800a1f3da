"""Reading an uploaded sheet's values fast, as openpyxl's read-only mode gives them.

openpyxl builds an element tree and a typed object for every cell and every shared string: a list of
5,000 projects (100,000 cells) took longer to read than to check and save (docs/benchmarks.md). Here the
shared strings and the sheets' XML are read by expat directly, cell text straight into values, with
exactly openpyxl's meaning (`data_only`: a formula's last value; numbers as int or float; a number in a
date style as a datetime, with the workbook's epoch and openpyxl's own list of date styles; booleans;
inline and shared strings without their formatting or phonetic runs). The workbook's structure (sheet
names and parts, styles, epoch) is still read by openpyxl, whose loader we only spare the string table.

The XML is refused, not expanded, if it declares a document type or entities (as defusedxml does for
openpyxl): a crafted file never costs more than its size.
"""
import io
from collections.abc import Iterator
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

_NS = SHEET_MAIN_NS + " "
ROW, CELL, VALUE, INLINE, TEXT, RUN, PHONETIC, ITEM = (
    _NS + name for name in ("row", "c", "v", "is", "t", "r", "rPh", "si"))
CHUNK = 1 << 16


def _parser(start, end, chars):
    """An expat parser with namespaces ("ns local") that refuses DTDs and entity declarations."""
    parser = expat.ParserCreate(namespace_separator=" ")

    def doctype(name, sysid, pubid, _has_internal):
        raise DTDForbidden(name, sysid, pubid)

    def entity(name, _is_param, _value, _base, sysid, pubid, notation=None):
        raise EntitiesForbidden(name, None, None, sysid, pubid, notation)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = lambda name, base, sysid, pubid, notation: entity(
        name, False, None, base, sysid, pubid, notation)
    parser.ExternalEntityRefHandler = lambda context, base, sysid, pubid: entity(context, False, None, base, sysid,
                                                                                 pubid)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    return parser


class _Text:
    """The text of a string item (`<si>` or `<is>`): its plain `<t>`, then its runs' `<t>`, as openpyxl's
    `Text.content` joins them; phonetic runs (`<rPh>`) are left out."""

    __slots__ = ("plain", "runs", "in_run", "in_phonetic", "target")

    def __init__(self):
        self.plain, self.runs, self.in_run, self.in_phonetic, self.target = [], [], False, False, None

    def start(self, name):
        if name == RUN:
            self.in_run = True
        elif name == PHONETIC:
            self.in_phonetic = True
        elif name == TEXT and not self.in_phonetic:
            self.target = self.runs if self.in_run else self.plain

    def end(self, name):
        if name == RUN:
            self.in_run = False
        elif name == PHONETIC:
            self.in_phonetic = False
        elif name == TEXT:
            self.target = None

    def content(self) -> str:
        return "".join(self.plain) + "".join(self.runs)


def read_shared_strings(stream) -> list[str]:
    """The shared string table, each item's plain text (openpyxl's `read_string_table`)."""
    strings: list[str] = []
    current: list[_Text | None] = [None]

    def start(name, _attrs):
        if name == ITEM:
            current[0] = _Text()
        elif current[0] is not None:
            current[0].start(name)

    def end(name):
        item = current[0]
        if item is None:
            return
        if name == ITEM:
            strings.append(item.content().replace("x005F_", ""))
            current[0] = None
        else:
            item.end(name)

    def chars(data):
        item = current[0]
        if item is not None and item.target is not None:
            item.target.append(data)

    _parser(start, end, chars).ParseFile(stream)
    return strings


class _Sheet(ReadOnlyWorksheet):
    """A read-only sheet whose declared size is not read: every row is read anyway (`sheet_values`), and
    a file without a `<dimension>` (openpyxl's own write-only files) cost a parse of the whole sheet
    for it."""

    def _get_size(self):
        return None


class _Reader(ExcelReader):
    """openpyxl's read-only loader with the string table read by `read_shared_strings` and the sheets
    opened as `_Sheet`."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            ws = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)

    def read_strings(self):
        ct = self.package.find(SHARED_STRINGS)
        if ct is not None:
            with self.archive.open(ct.PartName[1:]) as src:
                self.shared_strings = read_shared_strings(src)


def load_values_workbook(data: bytes):
    """The workbook as `load_workbook(…, read_only=True, data_only=True)` opens it, with the strings read
    fast; its sheets' values are read by `sheet_values`."""
    reader = _Reader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _column(coordinate: str) -> int:
    """The column number of a cell reference ("AB12" → 28)."""
    number = 0
    for ch in coordinate.upper():
        if "A" <= ch <= "Z":
            number = number * 26 + ord(ch) - 64
        elif ch == "$":
            continue
        else:
            break
    if not number:
        raise ValueError(f"{coordinate} is not a cell reference")
    return number


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"{text} is not a valid row number") from None
        return int(number)


def _number(text: str):
    return float(text) if ("." in text or "E" in text or "e" in text) else int(text)


def sheet_values(ws) -> Iterator[tuple]:
    """Every row of a read-only sheet as a tuple of values, from row 1 to the last one in the file
    whatever size the sheet declares: what `ws.reset_dimensions(); ws.iter_rows(values_only=True)`
    gives (a row the file skips is an empty list, an empty one an empty tuple, a row as long as its last
    cell, missing cells None)."""
    book = ws.parent
    strings, dates, spans, epoch = ws._shared_strings, book._date_formats, book._timedelta_formats, book.epoch
    done: list[tuple[int, list]] = []
    state = {"row": 0, "col": 0, "cells": None, "type": "n", "style": 0, "value": None, "text": None,
             "inline": None}

    def start(name, attrs):
        if name == CELL:
            coordinate = attrs.get("r")
            state["col"] = _column(coordinate) if coordinate else state["col"] + 1
            style = attrs.get("s")
            state["type"], state["style"], state["value"] = attrs.get("t", "n"), int(style) if style else 0, None
        elif name == VALUE and state["cells"] is not None:
            state["text"] = []
        elif name == INLINE:
            state["inline"] = _Text()
        elif state["inline"] is not None:
            state["inline"].start(name)
        elif name == ROW:
            number = attrs.get("r")
            state["row"] = _row_number(number) if number else state["row"] + 1
            state["col"], state["cells"] = 0, []

    def end(name):
        if name == CELL:
            if state["cells"] is not None:
                state["cells"].append((state["col"], _value()))
            state["inline"] = None
        elif name == VALUE:
            if state["text"] is not None:
                state["value"] = "".join(state["text"])
            state["text"] = None
        elif name == ROW:
            done.append((state["row"], state["cells"]))
            state["cells"] = None
        elif state["inline"] is not None and name != INLINE:
            state["inline"].end(name)

    def chars(data):
        if state["text"] is not None:
            state["text"].append(data)
        elif state["inline"] is not None and state["inline"].target is not None:
            state["inline"].target.append(data)

    def _value():
        kind, text = state["type"], state["value"] or None
        if kind == "inlineStr":
            return state["inline"].content() if state["inline"] is not None else None
        if text is None:
            return None
        if kind == "n":
            number = _number(text)
            if state["style"] in dates:
                try:
                    return from_excel(number, epoch, timedelta=state["style"] in spans)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            return strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text  # "str" (a formula's text), "e" (an error such as #N/A)

    counter = 1
    with ws._get_source() as source:
        parser = _parser(start, end, chars)
        while True:
            chunk = source.read(CHUNK)
            parser.Parse(chunk, not chunk)
            for number, cells in done:
                while counter < number:  # rows the file skips (openpyxl gives an empty list for them)
                    counter += 1
                    yield []
                if counter <= number:
                    counter += 1
                    if not cells:
                        yield ()
                        continue
                    row = [None] * cells[-1][0]
                    for col, value in cells:
                        if col <= len(row):
                            row[col - 1] = value
                    yield tuple(row)
            done.clear()
            if not chunk:
                return
