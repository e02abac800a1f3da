"""The fast reader of uploads (core.xlsx_read) gives every cell exactly as openpyxl's read-only mode
does: shared and inline strings (rich runs joined, phonetic runs left out), numbers, dates by style,
booleans, formulas' last values, errors, rows and cells the file skips or numbers out of order."""
import io
import zipfile
from datetime import datetime

import pytest
from defusedxml import DefusedXmlException
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from luoshi.core.xlsx import open_upload, read_rows
from luoshi.core.xlsx_read import load_values_workbook, read_shared_strings, sheet_values
from tests.core.hostile_files import with_shared_strings

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
STRINGS = (f'<?xml version="1.0" encoding="UTF-8"?><sst {MAIN} count="4" uniqueCount="4">'
           '<si><t>项目名称</t></si>'
           '<si><r><rPr><b/></rPr><t>郑新</t></r><r><t xml:space="preserve"> 热电厂</t></r></si>'
           '<si><t>中原</t><rPh sb="0" eb="2"><t>ちゅうげん</t></rPh></si>'
           '<si><t>a_x005F_b</t></si></sst>')
SHEET = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {MAIN}><dimension ref="A1:B2"/><sheetData>'
         '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
         '<row r="3"><c r="A3"><v>12</v></c><c r="B3"><v>1.25</v></c><c r="C3"><v>1E3</v></c>'
         '<c r="D3" s="1"><v>45748</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="e"><v>#N/A</v></c></row>'
         '<row r="4"><c r="A4" t="str"><f>A1&amp;"x"</f><v>项目名称x</v></c><c r="B4"><f>1+1</f><v>2</v></c>'
         '<c r="C4" t="inlineStr"><is><t>行内</t><r><t>文字</t></r></is></c><c r="D4" t="s"><v>2</v></c>'
         '<c r="E4"/><c r="F4" t="s"><v>3</v></c></row>'
         '<row><c t="inlineStr"><is><t>无编号</t></is></c><c><v>7</v></c></row>'
         '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
         '<row r="7" spans="1:2"/>'
         '<row r="8"><c r="b8"><v>3</v></c></row>'
         '</sheetData></worksheet>')


def _workbook() -> bytes:
    """An openpyxl workbook (its styles hold a date format, s="1"), its sheet replaced by SHEET and a
    shared string table added, as Excel writes them."""
    wb = Workbook()
    wb.active["A1"] = datetime(2025, 4, 1)
    out = io.BytesIO()
    wb.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members = with_shared_strings({**members, "xl/worksheets/sheet1.xml": SHEET.encode(),
                                   "xl/sharedStrings.xml": STRINGS.encode()})
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return packed.getvalue()


def _openpyxl_rows(data: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    ws.reset_dimensions()
    return list(ws.iter_rows(values_only=True))


def test_every_cell_reads_as_openpyxl_reads_it():
    data = _workbook()
    expected = _openpyxl_rows(data)
    assert list(sheet_values(load_values_workbook(data).active)) == expected
    # and the values are the ones meant, not two readers agreeing on nothing
    assert expected[0] == ("项目名称", None, "郑新 热电厂")
    assert expected[1] == []  # row 2 comes after row 5 in the file: skipped, as openpyxl does
    assert expected[2] == (12, 1.25, 1000.0, datetime(2025, 4, 1), True, "#N/A")
    assert expected[3] == ("项目名称x", 2, "行内文字", "中原", None, "a_b")
    assert expected[4] == ("无编号", 7)  # a row and cells without a reference follow the previous
    assert expected[5:] == [[], (), (None, 3)]


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "hahahahahahahahahaha">'
          b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
          b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>')


def test_a_string_table_declaring_entities_is_refused_not_expanded():
    with pytest.raises(DefusedXmlException):
        read_shared_strings(io.BytesIO(LAUGHS))
    with pytest.raises(DefusedXmlException):  # a document type alone is refused too
        read_shared_strings(io.BytesIO(b'<!DOCTYPE sst><sst ' + MAIN.encode() + b'><si><t>x</t></si></sst>'))


def test_a_sheet_declaring_entities_is_refused_with_the_reason():
    data = _workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = SHEET.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "哈哈哈哈">]>').replace("<v>12</v>",
                                                                                      "<v>&a;</v>").encode()
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    wb, problem = open_upload(SimpleUploadedFile("x.xlsx", packed.getvalue()))
    errors = []
    assert problem is None and read_rows(wb.active, ["项目名称"], ["项目名称"], errors) == []
    assert [e.message for e in errors] == ["文件含有XML实体或文档类型声明，出于安全原因不予读取"]
