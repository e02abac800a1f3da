"""Excel sheets as Luoshi writes and reads them.

Writing: a bold grey header row, frozen, with set column widths; every export leaves through
`workbook_to_bytes`, which stores user text as text, never as a formula (`neutralise`). Reading: an
upload is bounded before parsing and judged by its content (not its name), its rows are keyed by header
(columns in any order), and every problem is a `RowError` naming the sheet, row, column and reason in
the user's language, so every import in the product (ledger, project reports, investment ledger)
reports errors the same way.
"""
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from luoshi.core import uploads
from luoshi.core.workflow import Refused
from luoshi.core.xlsx_read import load_values_workbook, sheet_values

HEADER_FILL = PatternFill("solid", fgColor="FFE8E8E8")
MAX_ROWS = 20_000
# openpyxl reads some 40,000 cells a second on a busy machine: this bounds the parse of any upload to a
# few seconds (20,000 rows of the widest template, 13 columns, fit).
MAX_CELLS = 250_000
_ROOT_TAG = re.compile(rb"<(\w+:)?worksheet[\s>]")


# A cell starting with one of these is evaluated by Excel or a spreadsheet after an edit (CSV/formula
# injection): = + - @, tab and CR, and the full-width forms a Chinese IME types.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def write_sheet(ws, columns: list[str], rows: Iterable[list], widths: list[int], *, title: str = "",
                subtitle: str = "") -> int:
    """Write a header and rows; with a title (and a subtitle such as "单位:亿元"), these come first, merged
    across the table, as in the tables governments send upward. Returns the header's row number."""
    for text, size, align in ((title, 16, "center"), (subtitle, None, "right")):
        if text:
            ws.append([text])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(columns))
            ws.cell(ws.max_row, 1).font = Font(bold=True, size=size) if size else Font()
            ws.cell(ws.max_row, 1).alignment = Alignment(horizontal=align)
    ws.append(columns)
    header = ws.max_row
    for cell in ws[header]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # people's text stays text: "=1+1" in a title is never a formula
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = f"A{header + 1}"
    return header


def excel_number(value: Decimal | None):
    """Excel keeps numbers as doubles; the shortest text of the Decimal round-trips exactly through it."""
    if value is None:
        return None
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(str(normal))


@dataclass
class RowError:
    """One reason a file was refused, placed where the user will find it."""

    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class ImportResult:
    """What an all-or-nothing import did: its errors (then nothing was saved), or what it saved."""

    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    revised: int = 0

    def nothing_saved(self):
        """After a rollback: every count back to zero, the errors sorted by row."""
        for f in fields(self):
            if f.type in (int, "int"):
                setattr(self, f.name, 0)
        self.errors.sort(key=lambda e: e.row or 0)


def _tally(stream) -> tuple[int, int]:
    """Rows and cells of a sheet's XML, counted from its tags (`<row …>`, `<c …>`, with the prefix the
    sheet's root uses, if any) as it is unpacked, 1 MB at a time; a block is cut before its last "<",
    so no tag is split (tags hold no "<")."""
    rows = cells = 0
    carry, prefix = b"", None
    while True:
        chunk = stream.read(1 << 20)
        block = carry + chunk
        cut = block.rfind(b"<") if chunk else len(block)
        if cut <= 0 and chunk:
            carry = block
            continue
        piece, carry = block[:cut], block[cut:]
        if prefix is None:
            root = _ROOT_TAG.search(piece)
            prefix = (root.group(1) or b"") if root else b""
        rows += sum(piece.count(b"<" + prefix + b"row" + end) for end in (b" ", b">", b"/"))
        cells += sum(piece.count(b"<" + prefix + b"c" + end) for end in (b" ", b">", b"/"))
        if not chunk:
            return rows, cells


def sheet_sizes(archive: zipfile.ZipFile) -> dict[str, tuple[int, int]]:
    """Each sheet's real (rows, cells), counted from its XML as it is unpacked (its declared size may
    lie); `archive` is one `uploads.check_zip` has bounded."""
    sizes = {}
    for member in archive.infolist():
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            with archive.open(member) as stream:
                sizes[member.filename.rsplit("/", 1)[-1]] = _tally(stream)
    return sizes


def _check_sheet_sizes(archive: zipfile.ZipFile):
    """Every sheet's real row and cell count, before openpyxl reads it."""
    for name, (rows, cells) in sheet_sizes(archive).items():
        if rows > MAX_ROWS + 1:
            raise Refused([_("工作簿中的工作表（%(p)s）共%(r)d行，超过%(n)d行的上限，请分多个文件上传") % {
                "p": name, "r": rows - 1, "n": MAX_ROWS}])
        if cells > MAX_CELLS:
            raise Refused([_("工作簿中的工作表（%(p)s）共%(c)d个单元格，超过%(n)d个的上限，请删去模板以外的列和行") % {
                "p": name, "c": cells, "n": MAX_CELLS}])


def open_upload(upload) -> tuple[object | None, RowError | None]:
    """Open an uploaded file as a workbook, judging it by its content, not its name, and bounding it
    before openpyxl reads a byte: the upload limit, then the zip's members and unpacked sizes
    (`uploads.check_zip`); then `core.xlsx_read` opens it: the structure by openpyxl through defusedxml,
    the strings and sheets by expat, and both refuse XML entities and document type declarations."""
    file_label = _("文件")
    try:
        data = uploads.read_limited(upload, file_label)
        if not data.startswith(uploads.ZIP_MAGIC):
            hint = _("（旧版.xls请在Excel中另存为.xlsx）") if data.startswith(b"\xd0\xcf\x11\xe0") else ""
            raise Refused([_("文件不是Excel工作簿(.xlsx)") + hint])
        archive = uploads.check_zip(data, getattr(upload, "name", "") or file_label)
        _check_sheet_sizes(archive)
    except Refused as exc:
        return None, RowError(file_label, None, "", ";".join(exc.reasons))
    try:
        return load_values_workbook(data), None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, ExpatError) as exc:
        # openpyxl wraps what defusedxml refused in a ValueError of its own
        if isinstance(exc, DefusedXmlException) or isinstance(exc.__context__, DefusedXmlException):
            return None, RowError(file_label, None, "", _("文件含有XML实体或文档类型声明，出于安全原因不予读取"))
        return None, RowError(file_label, None, "", _("文件已损坏或不是Excel工作簿（.xlsx），无法读取"))


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def cell_int(value, suffix: str) -> int | None:
    """An integer cell, also when typed as text with its unit ("2025年", "3月")."""
    text = cell_text(value).removesuffix(suffix).strip()
    try:
        return int(text)
    except ValueError:
        return None


def cell_decimal(value) -> Decimal | None:
    """A number cell as an exact Decimal (from the shortest text of Excel's double); None if not a number."""
    text = cell_text(value).replace(",", "")
    if isinstance(value, float):
        text = repr(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


@dataclass
class SheetRow:
    sheet: str
    number: int
    cells: dict[str, object]

    def text(self, column: str) -> str:
        return cell_text(self.cells.get(column))


HEADER_SEARCH = 5


def read_rows(ws, columns: list[str], required: list[str], errors: list[RowError]) -> list[SheetRow]:
    """The sheet's non-empty rows keyed by header; columns are found by their header, in any order. The
    header is the first of the top rows that holds every required column, so a table exported with a
    title and a reporting line above it (as governments send them upward) reads back as it is.
    The row cap counts every row of the sheet, empty or not, the ones the sheet's declared size hides
    and those its row numbers skip included (the tags were counted before, `_check_sheet_sizes`), and
    stops reading at the first row past it."""
    try:
        return _read_rows(ws, columns, required, errors)
    except (ValueError, IndexError, KeyError, TypeError, ExpatError) as exc:
        # a sheet's XML that does not parse, or names a string the file lacks
        message = (_("文件含有XML实体或文档类型声明，出于安全原因不予读取") if isinstance(exc, DefusedXmlException)
                   else _("文件已损坏或不是Excel工作簿（.xlsx），无法读取"))
        errors.append(RowError(_("文件"), None, "", message))
        return []


def _read_rows(ws, columns: list[str], required: list[str], errors: list[RowError]) -> list[SheetRow]:
    if hasattr(ws, "_shared_strings"):  # an upload opened read-only (`open_upload`): every row, fast
        it = sheet_values(ws)
    else:
        ws.reset_dimensions()  # read every row, also past a declared size that lies
        it = ws.iter_rows(values_only=True)
    top = [row for row in (next(it, None) for _ in range(HEADER_SEARCH)) if row is not None]
    texts = [[cell_text(c) for c in row] for row in top]
    at = next((i for i, header in enumerate(texts) if set(required) <= set(header)), 0)
    header = texts[at] if texts else []
    positions = {name: header.index(name) for name in columns if name in header}
    missing = [c for c in required if c not in positions]
    for c in missing:
        errors.append(RowError(ws.title, 1, c, _("缺少“%(c)s”列(请使用下载的模板)") % {"c": c}))
    if missing:
        return []
    rows = []
    for number, values in enumerate(itertools.chain(top[at + 1:], it), start=at + 2):
        if number > MAX_ROWS + 1:
            errors.append(RowError(ws.title, number, "", _("工作表“%(s)s”超过%(n)d行的上限，请分多个文件上传") % {
                "s": ws.title, "n": MAX_ROWS}))
            return []
        cells = {name: (values[i] if i < len(values) else None) for name, i in positions.items()}
        if all(cell_text(v) == "" for v in cells.values()):
            continue
        rows.append(SheetRow(ws.title, number, cells))
    return rows


def column_ref(columns: list[str], name: str) -> str:
    """“C(月份)”: the column's letter and header, as the user sees them in Excel."""
    return f"{get_column_letter(columns.index(name) + 1)}({name})" if name in columns else name


def add_notes(wb, lines: list[str]):
    """The 填报说明 sheet of a template: one rule a line, wide enough to read."""
    notes = wb.create_sheet(_("填报说明"))
    for line in lines:
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    return notes


def neutralise(wb) -> int:
    """Make every cell whose text could be taken for a formula a plain text cell that Excel shows as
    typed (type "s", quote prefix, as when a user types a leading apostrophe). Returns how many."""
    changed = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    changed += 1
    return changed


def workbook_to_bytes(wb) -> bytes:
    """The one way an export leaves Luoshi: user text neutralised, then saved as .xlsx."""
    neutralise(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def workbook_bytes(sheets) -> bytes:
    """An .xlsx of (title, columns, rows, widths) sheets in the ledger's export style."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, columns, rows, widths in sheets:
        write_sheet(wb.create_sheet(title[:31]), columns, rows, widths)
    return workbook_to_bytes(wb)


class _RollBack(Exception):
    """Raised inside an import's transaction to undo every row."""


def import_sheet(result: ImportResult, upload, sheet: str, columns: list[str], required: list[str], *,
                 read: Callable, check: Callable, save: Callable,
                 progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """The all-or-nothing import every Excel upload shares: open the file (judged by its content), find
    the template's sheet, read each row (`read(row, errors)` → a plan, or None with its errors), check
    the plans together (`check(plans, errors)` → the plans to save, in saving order), then save each
    (`save(plan)` → the RowErrors of a refusal) in one transaction: one error anywhere and nothing is
    saved. `progress(done, total)` is called as rows are checked and saved (for a progress bar)."""
    wb, problem = open_upload(upload)
    if problem:
        result.errors.append(problem)
        return result
    if sheet not in wb.sheetnames:
        result.errors.append(RowError(_("文件"), None, "", _("文件中没有“%(s)s”工作表(请使用下载的模板)") % {
            "s": sheet}))
        return result
    rows = read_rows(wb[sheet], columns, required, result.errors)
    wb.close()
    total = 2 * len(rows)
    plans = [p for row in rows if (p := read(row, result.errors))]
    if progress:
        progress(len(rows), total)
    plans = check(plans, result.errors)
    if not result.errors and not rows:
        result.errors.append(RowError(_("文件"), None, "", _("文件中没有数据行")))
    if result.errors:
        result.errors.sort(key=lambda e: e.row or 0)
        return result
    try:
        with transaction.atomic():
            for done, plan in enumerate(plans, start=1):
                result.errors += save(plan)
                if progress:
                    progress(len(rows) + done, total)
            if result.errors:
                raise _RollBack
    except _RollBack:
        result.nothing_saved()
    return result
