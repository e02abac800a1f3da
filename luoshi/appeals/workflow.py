"""Moved to luoshi.core.workflow (shared with other machines); names kept here for callers in this app."""
from luoshi.core.workflow import Machine, Refused, StepBase, move, percent, workbook_bytes  # noqa: F401
