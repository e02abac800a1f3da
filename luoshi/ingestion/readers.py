"""Turning an uploaded file into text: .txt in UTF-8, GB18030 (what Chinese offices save) or UTF-16 with
its byte-order mark, or .docx. The type is judged from the content (`core.uploads.sniff`), the size is
bounded like every upload, and a Word file is bounded and checked before python-docx parses it."""
import re
from pathlib import Path

from django.utils.translation import gettext as _

from luoshi.core import uploads
from luoshi.core.workflow import Refused

TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
TEXT_SUFFIXES = (".txt", ".text", "")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# C0 control characters a text report never holds (tab, line ends, vertical tab and form feed are kept).
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class UnreadableFile(ValueError):
    """The file is not text this reader knows; the message says why, in the user's language."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first: GB18030 would accept most UTF-8 bytes as wrong characters."""
    encodings = ("utf-16",) if data.startswith(UTF16_BOMS) else TEXT_ENCODINGS
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        bad = CONTROL.search(text)
        if bad:
            line = text.count("\n", 0, bad.start()) + 1
            raise UnreadableFile(_("文本文件第%(l)d行含有控制字符（U+%(c)s），不是纯文本文件，"
                                   "请另存为UTF-8文本后上传") % {"l": line, "c": f"{ord(bad.group()):04X}"})
        return text
    raise UnreadableFile(_("文本文件既不是UTF-8也不是GB18030编码"))


def _check_word_parts(data: bytes, name: str):
    """Bounded unpacking (`uploads.check_zip`), and no document type declaration: Word never writes one,
    and entities are how an XML bomb or a file read from the server would come in."""
    try:
        archive = uploads.check_zip(data, name)
    except Refused as exc:
        raise UnreadableFile(";".join(exc.reasons)) from exc
    for member in archive.infolist():
        if member.filename.endswith((".xml", ".rels")):
            head = archive.read(member)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise UnreadableFile(_("Word文件的“%(p)s”含有文档类型或实体声明，出于安全原因不予读取") % {
                    "p": member.filename[:60]})


def _text_of(element) -> str:
    """The visible text of a paragraph or cell: its w:t runs (field results included, field codes,
    deleted text and XML comments not)."""
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def docx_text(data: bytes, name: str = "") -> str:
    """Paragraphs and table cells in document order, one per line."""
    import io

    import docx

    _check_word_parts(data, name or _("Word文件"))
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise UnreadableFile(_("无法读取Word文件：%(e)s") % {"e": exc}) from exc
    return "\n".join(_lines(document.element.body))


def _lines(parent):
    """Paragraphs, table rows (cells joined by tabs) and content controls' blocks, in order."""
    for child in parent.iterchildren(f"{W}p", f"{W}tbl", f"{W}sdt"):
        if child.tag == f"{W}p":
            yield _text_of(child)
        elif child.tag == f"{W}sdt":
            for content in child.iterchildren(f"{W}sdtContent"):
                yield from _lines(content)
        else:
            for row in child.iter(f"{W}tr"):
                yield "\t".join(_text_of(cell) for cell in row.iterchildren(f"{W}tc"))


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded file, by its content (a Word file also when misnamed); line ends
    normalised so spans are stable."""
    kind = uploads.sniff(data)
    suffix = Path(name).suffix.lower()
    if kind == uploads.DOCX:
        text = docx_text(data, name)
    elif kind is not None or data.startswith(uploads.ZIP_MAGIC):
        raise UnreadableFile(_("只能读取 .txt 或 .docx 文件，“%(n)s”是%(k)s文件") % {
            "n": name, "k": uploads.LABELS.get(kind, _("压缩"))})
    elif suffix == ".docx":
        raise UnreadableFile(_("“%(n)s”名为.docx，内容却不是Word文件") % {"n": name})
    elif suffix in TEXT_SUFFIXES:
        text = decode_text(data)
    else:
        raise UnreadableFile(_("只能读取 .txt 或 .docx 文件，收到“%(n)s”") % {"n": name})
    return normalise_newlines(text)


def read_file(upload) -> str:
    """An uploaded report's text, read no further than the upload limit (LUOSHI_MAX_UPLOAD_MB)."""
    try:
        data = uploads.read_limited(upload)
    except Refused as exc:
        raise UnreadableFile(";".join(exc.reasons)) from exc
    return read_upload(upload.name, data)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\x0c", "\n")


def read_path(path) -> str:
    with Path(path).open("rb") as file:
        return read_file(file)
