"""Uploaded files judged by their content, never by their name or the browser's word; size-limited."""
import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from luoshi.core.workflow import Refused

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MAGIC = b"PK\x03\x04"
SIGNATURES = [(b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG), (ZIP_MAGIC, "zip")]
OOXML = {"word/": DOCX, "xl/": XLSX}
LABELS = {PDF: "PDF", JPEG: "JPG", PNG: "PNG", DOCX: "Word", XLSX: "Excel"}
# The extension a stored file gets: from the type its content was judged to be, never from its name.
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", XLSX: "xlsx"}

# What an Office file (.xlsx, .docx: a zip of XML parts) may unpack to, read from the zip's directory
# before anything is decompressed. Python's zipfile never inflates a member past the size its directory
# declares, so these bound the memory and time of every later parse. A 20,000-row template is ~10 parts
# and under 20 MB unpacked; a "zip bomb" (2 MB unpacking to 1 GB) is refused here.
ZIP_MAX_MEMBERS = 300
ZIP_MAX_MEMBER_MB = 32
ZIP_MAX_TOTAL_MB = 64


def max_bytes() -> int:
    return int(settings.LUOSHI.get("MAX_UPLOAD_MB", 10)) * 1024 * 1024


def check_zip(data: bytes, name: str = "") -> zipfile.ZipFile:
    """The opened zip when its directory promises a bounded unpacking; Refused naming the limit otherwise."""
    name = name or _("文件")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise Refused([_("文件“%(n)s”已损坏，无法读取") % {"n": name}]) from None
    if len(members) > ZIP_MAX_MEMBERS:
        raise Refused([_("文件“%(n)s”包含%(c)d个内部部件，超过上限%(m)d个，可能是恶意构造的文件") % {
            "n": name, "c": len(members), "m": ZIP_MAX_MEMBERS}])
    biggest = max(members, key=lambda m: m.file_size, default=None)
    if biggest is not None and biggest.file_size > ZIP_MAX_MEMBER_MB * 1024 * 1024:
        raise Refused([_("文件“%(n)s”的内部部件“%(p)s”解压后为%(s)dMB，超过上限%(m)dMB，可能是恶意构造的文件") % {
            "n": name, "p": biggest.filename[:60], "s": biggest.file_size // 1024 // 1024, "m": ZIP_MAX_MEMBER_MB}])
    total = sum(m.file_size for m in members)
    if total > ZIP_MAX_TOTAL_MB * 1024 * 1024:
        raise Refused([_("文件“%(n)s”解压后共%(s)dMB，超过上限%(m)dMB，可能是恶意构造的文件") % {
            "n": name, "s": total // 1024 // 1024, "m": ZIP_MAX_TOTAL_MB}])
    return archive


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


def read_limited(upload, label: str = "") -> bytes:
    """The file's bytes, never reading more than the upload limit (LUOSHI_MAX_UPLOAD_MB); Refused when
    it is bigger or empty."""
    name = getattr(upload, "name", "") or label or _("附件")
    limit = max_bytes()
    size = getattr(upload, "size", None)
    too_big = Refused([_("文件“%(n)s”超过%(m)dMB上限") % {"n": name, "m": limit // 1024 // 1024}])
    if size is not None and size > limit:
        raise too_big
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_big
    if not data:
        raise Refused([_("文件“%(n)s”是空的") % {"n": name}])
    return data


def read_checked(upload, allowed: tuple[str, ...], label: str = "") -> tuple[bytes, str]:
    """The file's bytes and type; Refused (with the reason) when too big, a zip that would unpack
    unboundedly, or not of an allowed type."""
    name = getattr(upload, "name", "") or label or _("附件")
    data = read_limited(upload, label)
    kind = sniff(data)
    if kind not in allowed:
        raise Refused([_("文件“%(n)s”不是%(k)s文件") % {"n": name, "k": "、".join(LABELS[a] for a in allowed)}])
    if kind in OOXML.values():
        check_zip(data, name)
    return data, kind


def stored_name(stem: str, kind: str) -> str:
    """The name a checked file is stored under: its extension follows the type judged from its content."""
    return f"{stem}.{EXTENSIONS[kind]}"
