"""Hostile Office files built byte by byte, as an attacker would: a workbook whose shared strings unpack
to a gigabyte from a file of about 2 MB, and workbooks with far more rows than the cap (some hidden
behind a declared sheet size that lies). Built from the real template, so only the attack differs."""
import io
import struct
import zipfile
import zlib

MB = 1024 * 1024
SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _deflate_repeated(head: bytes, chunk: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of head + chunk * times + tail without ever holding the whole: after a full flush
    the compressor starts afresh, so one compressed chunk can be repeated. (data, crc32, size)."""
    first = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = first.compress(head) + first.flush(zlib.Z_FULL_FLUSH)
    one = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = one.compress(chunk) + one.flush(zlib.Z_FULL_FLUSH)
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = last.compress(tail) + last.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return start + piece * times + end, crc, len(head) + len(chunk) * times + len(tail)


def _raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of already deflated members: (name, deflated data, crc32, uncompressed size)."""
    out, directory = io.BytesIO(), []
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        directory.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), size,
                                     len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    out.write(b"".join(directory))
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory), out.tell() - start,
                          start, 0))
    return out.getvalue()


def _members(template: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def with_shared_strings(members: dict[str, bytes]) -> dict[str, bytes]:
    """Declare xl/sharedStrings.xml in [Content_Types].xml, as Excel does, so that openpyxl reads it
    when it opens the workbook (openpyxl itself writes inline strings and no table)."""
    override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    types = members["[Content_Types].xml"]
    return {**members, "[Content_Types].xml": types.replace(b"</Types>", override + b"</Types>")}


def _plain(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
    return name, deflater.compress(data) + deflater.flush(), zlib.crc32(data), len(data)


def shared_strings_bomb(template: bytes, unpacked_mb: int = 1024) -> bytes:
    """The template with xl/sharedStrings.xml unpacking to `unpacked_mb` MB of one repeated string."""
    members = with_shared_strings(_members(template))
    string = b"<si><t>" + "惠济区".encode() * 2000 + b"</t></si>"
    chunk = string * (MB // len(string))
    bomb = _deflate_repeated(b'<?xml version="1.0" encoding="UTF-8"?>' + SST, chunk, unpacked_mb, b"</sst>")
    parts = [_plain(name, data) for name, data in members.items() if name != "xl/sharedStrings.xml"]
    return _raw_zip([*parts, ("xl/sharedStrings.xml", *bomb)])


def sheet_xml_path(template: bytes, title: str) -> str:
    """The zip member holding the sheet called `title` (from workbook.xml and its relationships)."""
    import re

    members = _members(template)
    rid = re.search(rf'<sheet [^>]*name="{title}"[^>]*r:id="(rId\d+)"'.encode(), members["xl/workbook.xml"])
    target = re.search(rb'Id="' + rid.group(1) + rb'"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="'
                       + rid.group(1) + rb'"', members["xl/_rels/workbook.xml.rels"])
    path = (target.group(1) or target.group(2)).decode().lstrip("/")
    return path if path.startswith("xl/") else f"xl/{path}"


def many_rows(template: bytes, title: str, rows: int, *, cells: str, declared: str | None = None) -> bytes:
    """The template with sheet `title` holding a header and `rows` rows, each `cells` (a format with
    {r}, the row number); `declared` is the <dimension> the sheet claims (e.g. "A1:J2")."""
    members = _members(template)
    path = sheet_xml_path(template, title)
    header = members[path].split(b"<sheetData>")[0].split(b"<sheetData/>")[0]
    if declared:
        import re

        header = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{declared}"/>'.encode(), header)
    first_row = members[path].split(b"<sheetData>")[1].split(b"</row>")[0] + b"</row>"
    body = io.BytesIO()
    body.write(header + b"<sheetData>" + first_row)
    for r in range(2, rows + 2):
        body.write(cells.format(r=r).encode())
    body.write(b"</sheetData></worksheet>")
    members[path] = body.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
