"""Helpers every app's API router shares: exact figures and scoped lookups."""
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.db import models
from django.db.models.fields.files import FieldFile
from django.shortcuts import get_object_or_404
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import PlainSerializer, WithJsonSchema


def decimal_text(value: Decimal | None) -> str | None:
    """A Decimal as its shortest exact text ("241.8", not "241.8000" nor a float)."""
    if value is None:
        return None
    return format(value.normalize(), "f")


# A Decimal field of an API schema: sent as its exact shortest text, documented as a string.
ExactDecimal = Annotated[Decimal, PlainSerializer(lambda v: decimal_text(v), return_type=str),
                         WithJsonSchema({"type": "string", "example": "241.8"})]


def plain(value):
    """A field value as JSON carries it exactly: Decimals as text, dates in ISO 8601, files by name."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def record_fields(obj: models.Model) -> dict:
    """The stored fields of a record (foreign keys as ids), e.g. to show the newer version on a conflict."""
    return {f.attname: plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def scoped(request, model_or_queryset, **lookup):
    """One record the user may see, else 404: out-of-scope and non-existent look the same."""
    queryset = getattr(model_or_queryset, "objects", model_or_queryset)
    return get_object_or_404(queryset.for_user(request.user), **lookup)


def filter_given(queryset, **values):
    """Apply the filters the caller gave (query parameters left out are None)."""
    return queryset.filter(**{k: v for k, v in values.items() if v is not None})


class Pagination(LimitOffsetPagination):
    """limit/offset paging with bounds a database can take (a fuzzed offset of 2**63 is refused
    with 422, not passed to SQL)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="每页条数(1—1000)")
        offset: int = Field(0, ge=0, le=2**31 - 1, description="跳过的条数")


def choice_label(field: str):
    """A schema resolver for `<field>_label`: the choice's label in the user's language."""
    return staticmethod(lambda obj: str(getattr(obj, f"get_{field}_display")()))


class WithdrawIn(Schema):
    """Withdraw (作废) a wrong figure: it stays in the records and history and stops counting. One schema
    for every withdrawable record (actuals, project reports, wages)."""

    reason: str = Field(min_length=1, max_length=1000, description="作废原因(必填),如“误将1—10月数填入1—11月”")
    expected_version: int | None = Field(None, description="所读到的版本;已被他人修改则返回409")


def expected_version_field(first_entry: bool = True):
    """`expected_version` of a write: the version the client read. Where a write may be the first record
    of its kind (a month's figure), leaving it out (null or 0) means "I expect none yet": if someone has
    entered it meanwhile the answer is 409 with their record, never an overwrite."""
    if first_entry:
        return Field(None, ge=0, description="所读到的版本;省略、null或0表示期望尚无记录(首次填报)。"
                                             "已被他人先填报或修改则返回409并附最新记录")
    return Field(None, ge=0, description="所读到的版本;已被他人修改则返回409并附最新记录(省略则不核对)")


def seen(expected_version: int | None) -> int:
    """The version a create-or-revise call was made from: null means none was seen (a first entry)."""
    return expected_version or 0


class StepOut(Schema):
    """One step of a workflow machine as the page shows it (a core.workflow.StepRow): the move, its
    label, the states, the text, when, and who — by the display name the page shows (系统: the scheduler)."""

    action: str
    action_label: str
    from_state: str
    to_state: str
    text: str
    at: datetime
    actor: str

    @staticmethod
    def resolve_action(row) -> str:
        return row.step.action

    @staticmethod
    def resolve_action_label(row) -> str:
        return row.label

    @staticmethod
    def resolve_from_state(row) -> str:
        return row.step.from_state

    @staticmethod
    def resolve_to_state(row) -> str:
        return row.step.to_state

    @staticmethod
    def resolve_text(row) -> str:
        return row.step.text

    @staticmethod
    def resolve_at(row) -> datetime:
        return row.step.at
