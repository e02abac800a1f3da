"""Turning an uploaded file into text: .txt in UTF-8 or GB18030 (what Chinese offices save), or .docx."""
import io
from pathlib import Path

from django.utils.translation import gettext as _

TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


class UnreadableFile(ValueError):
    """The file is not text this reader knows; the message says why, in the user's language."""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first: GB18030 would accept most UTF-8 bytes as wrong characters."""
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_("文本文件既不是UTF-8也不是GB18030编码"))


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells in document order, one per line."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise UnreadableFile(_("无法读取Word文件:%(e)s") % {"e": exc}) from exc
    lines = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                             for cell in row if cell.tag.endswith("}tc")]
                    lines.append("\t".join(cells))
    return "\n".join(lines)


def read_upload(name: str, data: bytes) -> str:
    """The text of an uploaded file, by its extension; line ends normalised so spans are stable."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        text = docx_text(data)
    elif suffix in (".txt", ".text", ""):
        text = decode_text(data)
    else:
        raise UnreadableFile(_("只能读取 .txt 或 .docx 文件,收到“%(n)s”") % {"n": name})
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_path(path) -> str:
    path = Path(path)
    return read_upload(path.name, path.read_bytes())
