"""Uploads are bounded before they are parsed: a zip bomb or a million-row workbook is refused within
5 s and 200 MB with a reason in Chinese, and the report reader takes only the size, types and text it
can read safely."""
import io
import re
import time
import tracemalloc
import zipfile

import docx
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.core import uploads
from luoshi.core.workflow import Refused
from luoshi.indicators.excel import import_workbook
from luoshi.indicators.models import Actual, Target
from luoshi.indicators.workbook import build_template
from luoshi.ingestion.models import SourceDocument
from luoshi.ingestion.readers import UnreadableFile, read_file, read_upload
from tests.core.hostile_files import many_rows, shared_strings_bomb, with_shared_strings

NOW = "2025-11-24 10:00 +0800"
SECONDS, MEGABYTES = 5, 200


def refused_in_bounds(user, data: bytes):
    """Import the file, measuring wall time and the peak of traced memory; the import's errors."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = import_workbook(user, SimpleUploadedFile("ledger.xlsx", data))
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert peak < MEGABYTES, f"peak {peak:.0f} MB"
    assert not Target.objects.exists() and not Actual.objects.exists()
    return [e.message for e in result.errors]


@time_machine.travel(NOW)
def test_a_2mb_workbook_whose_shared_strings_unpack_to_1gb_is_refused_from_the_zip_directory(world):
    template = build_template(world.users.a_data)
    small = shared_strings_bomb(template, unpacked_mb=2)
    assert len(load_workbook(io.BytesIO(small), read_only=True)._archive.read("xl/sharedStrings.xml")) > 2e6
    assert import_workbook(world.users.a_data, SimpleUploadedFile("ledger.xlsx", small)).errors[0].message \
        == "文件中没有数据行", "the same file unpacking to 2 MB is read (so the 1 GB one is refused by its size)"
    bomb = shared_strings_bomb(template, unpacked_mb=1024)
    assert len(bomb) < 2.5 * 1024 * 1024
    [message] = refused_in_bounds(world.users.a_data, bomb)
    assert re.fullmatch(r"文件“ledger.xlsx”的内部部件“xl/sharedStrings.xml”解压后为10\d\dMB，超过上限32MB，"
                        r"可能是恶意构造的文件", message)


ROWS_OVER_CAP = "工作簿中的工作表（sheet2.xml）共1000000行，超过20000行的上限，请分多个文件上传"


@time_machine.travel(NOW)
@pytest.mark.parametrize("cells, declared, reason", [
    # filled rows: the sheet itself unpacks past the part limit
    ('<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>惠济区</t></is></c><c r="C{r}"><v>2025</v></c></row>', None,
     "文件“ledger.xlsx”的内部部件“xl/worksheets/sheet2.xml”解压后为104MB，超过上限32MB，可能是恶意构造的文件"),
    # empty rows, which a count of filled rows would never see, small enough to pass the part limit
    ('<row r="{r}"/>', None, ROWS_OVER_CAP),
    # the same behind a declared size of two rows
    ('<row r="{r}"/>', "A1:J2", ROWS_OVER_CAP),
])
def test_a_million_row_workbook_is_refused_within_5s_and_200mb(world, cells, declared, reason):
    data = many_rows(build_template(world.users.a_data), "月度实绩", 1_000_000, cells=cells, declared=declared)
    assert refused_in_bounds(world.users.a_data, data) == [reason]


@time_machine.travel(NOW)
def test_every_row_counts_towards_the_cap_also_empty_hidden_and_skipped_ones(world, monkeypatch):
    from luoshi.core import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 50)
    template = build_template(world.users.a_data)
    empty = many_rows(template, "月度实绩", 60, cells='<row r="{r}"/>')
    hidden = many_rows(template, "月度实绩", 60, cells='<row r="{r}"><c r="L{r}"><v>1</v></c></row>',
                       declared="A1:J2")
    for data in (empty, hidden):
        result = import_workbook(world.users.a_data, SimpleUploadedFile("ledger.xlsx", data))
        assert [e.message for e in result.errors] == ["工作簿中的工作表（sheet2.xml）共60行，超过50行的上限，"
                                                      "请分多个文件上传"]
    skipped = many_rows(template, "月度实绩", 1, cells='<row r="1000000"><c r="A1000000"><v>1</v></c></row>')
    result = import_workbook(world.users.a_data, SimpleUploadedFile("ledger.xlsx", skipped))
    assert [(e.row, e.message) for e in result.errors] == [(52, "工作表“月度实绩”超过50行的上限，请分多个文件上传")]
    overstated = many_rows(template, "月度实绩", 10, cells='<row r="{r}"/>', declared="A1:J100000")
    result = import_workbook(world.users.a_data, SimpleUploadedFile("ledger.xlsx", overstated))
    assert [e.message for e in result.errors] == ["文件中没有数据行"], "a declared size is not the real one"


@time_machine.travel(NOW)
def test_a_sheet_of_too_many_cells_is_refused_before_parsing(world, monkeypatch):
    from luoshi.core import xlsx

    monkeypatch.setattr(xlsx, "MAX_CELLS", 1000)
    row = '<row r="{r}">' + "".join(f'<c r="{c}{{r}}"><v>1</v></c>' for c in "KLMNOPQRSTUVWXYZ") + "</row>"
    data = many_rows(build_template(world.users.a_data), "月度实绩", 100, cells=row)
    result = import_workbook(world.users.a_data, SimpleUploadedFile("ledger.xlsx", data))
    assert [e.message for e in result.errors] == [
        "工作簿中的工作表（sheet2.xml）共1610个单元格，超过1000个的上限，请删去模板以外的列和行"]


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@time_machine.travel(NOW)
def test_a_workbook_of_thousands_of_parts_is_refused_before_parsing(world):
    parts = {"[Content_Types].xml": b"<Types/>", **{f"xl/media/p{i}.xml": b"x" for i in range(400)}}
    result = import_workbook(world.users.a_data, SimpleUploadedFile("ledger.xlsx", zip_of(parts)))
    assert [e.message for e in result.errors] == [
        "文件“ledger.xlsx”包含401个内部部件，超过上限300个，可能是恶意构造的文件"]


@time_machine.travel(NOW)
def test_a_workbook_declaring_xml_entities_is_refused_not_expanded(world):
    """defusedxml refuses entity declarations, so a "billion laughs" never expands."""
    with zipfile.ZipFile(io.BytesIO(build_template(world.users.a_data))) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    laughs = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "hahahahahahahahahaha">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
              b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&c;</t></si></sst>')
    members = with_shared_strings({**members, "xl/sharedStrings.xml": laughs})
    result = import_workbook(world.users.a_data, SimpleUploadedFile("ledger.xlsx", zip_of(members)))
    assert [e.message for e in result.errors] == ["文件含有XML实体或文档类型声明，出于安全原因不予读取"]


def test_attachments_that_would_unpack_unboundedly_are_refused(world):
    bomb = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * (33 * 1024 * 1024)})
    with pytest.raises(Refused) as refused:
        uploads.read_checked(SimpleUploadedFile("合同.docx", bomb), (uploads.DOCX,))
    assert refused.value.reasons == [
        "文件“合同.docx”的内部部件“word/document.xml”解压后为33MB，超过上限32MB，可能是恶意构造的文件"]


# --- the report reader (工作报告解析) ------------------------------------------------------------

def word_file(body_xml: str, doctype: str = "") -> bytes:
    """A minimal Word document whose body is `body_xml` (python-docx's own package, body replaced)."""
    document = docx.Document()
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    members["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
                                    f'<w:document {ns}><w:body>{body_xml}</w:body></w:document>').encode()
    return zip_of(members)


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_a_docx_with_xml_comments_reads_cleanly():
    data = word_file(f"<!-- 批注 -->{paragraph('地区生产总值增长6%左右。')}<!-- x --><w:p><!-- y --></w:p>")
    assert read_upload("报告.docx", data) == "地区生产总值增长6%左右。\n"


def test_a_docx_field_reads_its_result_not_its_code():
    field = ('<w:p><w:r><w:t>完成</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText> =1+2 \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
             '</w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>个</w:t></w:r></w:p>'
             '<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>第1页</w:t></w:r></w:fldSimple></w:p>')
    assert read_upload("报告.docx", word_file(field)) == "完成3个\n第1页"


def test_a_docx_declaring_entities_is_refused_with_the_reason():
    doctype = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    with pytest.raises(UnreadableFile, match="含有文档类型或实体声明，出于安全原因不予读取"):
        read_upload("报告.docx", word_file(paragraph("&x;"), doctype))


def test_a_docx_is_judged_by_its_content_whatever_its_name():
    assert read_upload("报告.txt", word_file(paragraph("增长8%"))) == "增长8%"
    with pytest.raises(UnreadableFile, match="是PDF文件"):
        read_upload("报告.txt", b"%PDF-1.7 ...")


def test_a_text_file_with_nul_or_control_characters_is_refused():
    with pytest.raises(UnreadableFile, match="第2行含有控制字符（U\\+0000）"):
        read_upload("报告.txt", "第一行\n增长6%\x00左右".encode())
    with pytest.raises(UnreadableFile, match="控制字符（U\\+001B）"):
        read_upload("报告.txt", "增长\x1b[31m6%".encode("gb18030"))


def test_a_utf16_text_file_as_notepad_saves_it_is_read():
    assert read_upload("报告.txt", "增长6%左右\r\n".encode("utf-16")) == "增长6%左右\n"


def test_a_report_over_the_upload_limit_is_refused_before_reading(settings):
    settings.LUOSHI = {**settings.LUOSHI, "MAX_UPLOAD_MB": 1}
    with pytest.raises(UnreadableFile, match="超过1MB上限"):
        read_file(SimpleUploadedFile("大.txt", "增长6%。".encode() * 200_000))


def test_the_review_page_refuses_a_big_or_nul_report_and_stores_nothing(client, world, settings):
    settings.LUOSHI = {**settings.LUOSHI, "MAX_UPLOAD_MB": 1}
    client.force_login(world.users.a_data)
    for upload, reason in [(SimpleUploadedFile("大.txt", b"a" * (1024 * 1024 + 1)), "超过1MB上限"),
                           (SimpleUploadedFile("r.txt", "增长\x006%".encode()), "含有控制字符"),
                           (SimpleUploadedFile("r.docx", word_file("<!-- c -->" + paragraph("增长6%"))), None)]:
        response = client.post(reverse("ingestion:documents"), {
            "organisation": world.a.pk, "title": "报告", "file": upload})
        if reason:
            assert response.status_code == 200 and reason in response.content.decode()
    assert list(SourceDocument.objects.values_list("text", flat=True)) == ["增长6%"]
