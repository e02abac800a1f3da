"""Excel sheets as Luoshi writes them: a bold grey header row, frozen, with set column widths."""
from collections.abc import Iterable

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="FFE8E8E8")


def write_sheet(ws, columns: list[str], rows: Iterable[list], widths: list[int]):
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        ws.append(row)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
