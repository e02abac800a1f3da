"""Excel sheets as Luoshi writes and reads them.

Writing: a bold grey header row, frozen, with set column widths. Reading: an upload is judged by its
content (not its name), its rows are keyed by header (columns in any order), and every problem is a
`RowError` naming the sheet, row, column and reason in the user's language, so every import in the
product (ledger, project reports, investment ledger) reports errors the same way.
"""
import io
import itertools
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter


HEADER_FILL = PatternFill("solid", fgColor="FFE8E8E8")
MAX_ROWS = 20_000
ZIP_MAGIC = b"PK\x03\x04"


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


def open_upload(upload) -> tuple[object | None, RowError | None]:
    """Open an uploaded file as a workbook, judging it by its content, not its name."""
    from luoshi.core.uploads import max_bytes  # uploads → workflow → xlsx: imported when used

    file_label = _("文件")
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        return None, RowError(file_label, None, "", _("文件大小%(s).1fMB,超过上限%(m)dMB") % {
            "s": size / 1024 / 1024, "m": limit // 1024 // 1024})
    data = upload.read(limit + 1)
    if len(data) > limit:
        return None, RowError(file_label, None, "", _("文件超过上限%(m)dMB") % {"m": limit // 1024 // 1024})
    if not data:
        return None, RowError(file_label, None, "", _("文件是空的"))
    if not data.startswith(ZIP_MAGIC):
        hint = _("(旧版.xls请在Excel中另存为.xlsx)") if data.startswith(b"\xd0\xcf\x11\xe0") else ""
        return None, RowError(file_label, None, "", _("文件不是Excel工作簿(.xlsx)") + hint)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True), None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        return None, RowError(file_label, None, "", _("文件已损坏或不是Excel工作簿(.xlsx),无法读取"))


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
    title and a reporting line above it (as governments send them upward) reads back as it is."""
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
        cells = {name: (values[i] if i < len(values) else None) for name, i in positions.items()}
        if all(cell_text(v) == "" for v in cells.values()):
            continue
        if len(rows) >= MAX_ROWS:
            errors.append(RowError(ws.title, number, "", _("行数超过上限%(n)d行,请分多个文件上传") % {"n": MAX_ROWS}))
            break
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


def workbook_to_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


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
