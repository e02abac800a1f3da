"""Uploaded files judged by their content, never by their name or the browser's word; size-limited."""
import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from luoshi.core.workflow import Refused

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SIGNATURES = [(b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG), (b"PK\x03\x04", "zip")]
OOXML = {"word/": DOCX, "xl/": XLSX}
LABELS = {PDF: "PDF", JPEG: "JPG", PNG: "PNG", DOCX: "Word", XLSX: "Excel"}


def max_bytes() -> int:
    return int(settings.LUOSHI.get("MAX_UPLOAD_MB", 10)) * 1024 * 1024


def sniff(data: bytes) -> str | None:
    kind = next((t for magic, t in SIGNATURES if data.startswith(magic)), None)
    if kind == "zip":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return None
        kind = next((t for prefix, t in OOXML.items()
                     if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)), None)
    return kind


def read_checked(upload, allowed: tuple[str, ...], label: str = "") -> tuple[bytes, str]:
    """The file's bytes and type; Refused (with the reason) when too big or not of an allowed type."""
    name = getattr(upload, "name", "") or label or _("附件")
    limit_mb = max_bytes() // 1024 // 1024
    size = getattr(upload, "size", None)
    too_big = Refused([_("文件“%(n)s”超过%(m)dMB上限") % {"n": name, "m": limit_mb}])
    if size is not None and size > max_bytes():
        raise too_big
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise too_big
    kind = sniff(data)
    if kind not in allowed:
        raise Refused([_("文件“%(n)s”不是%(k)s文件") % {"n": name, "k": "、".join(LABELS[a] for a in allowed)}])
    return data, kind
