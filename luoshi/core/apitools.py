"""Helpers every app's API router shares: exact figures and scoped lookups."""
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.db import models
from django.db.models.fields.files import FieldFile
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from luoshi.core.dates import DATE_MAX, DATE_MIN, in_range, range_reason
from luoshi.core.numbers import YEAR_MAX, YEAR_MIN
from luoshi.core.params import ID_MAX


def decimal_text(value: Decimal | None) -> str | None:
    """A Decimal as its shortest exact text ("241.8", not "241.8000" nor a float)."""
    if value is None:
        return None
    return format(value.normalize(), "f")


# A Decimal field of an API schema: sent as its exact shortest text, documented as a string.
ExactDecimal = Annotated[Decimal, PlainSerializer(lambda v: decimal_text(v), return_type=str),
                         WithJsonSchema({"type": "string", "example": "241.8"})]


def _date_in_range(day: date) -> date:
    if not in_range(day):
        raise PydanticCustomError("date_range", range_reason(day.isoformat()))
    return day


# A date sent to the API (body or query): ISO 8601 in 2000–2100 (`luoshi.core.dates`), else 422 naming the
# field, as a form or an Excel row refuses it.
DateIn = Annotated[date, AfterValidator(_date_in_range), WithJsonSchema({
    "type": "string", "format": "date", "formatMinimum": DATE_MIN.isoformat(),
    "formatMaximum": DATE_MAX.isoformat(), "examples": ["2025-03-31"]})]


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


# Free text kept in a TextField has no column limit; the API still bounds it (a page of text, not a book).
TEXT_MAX_LENGTH = 10_000
# A revision's reason (修订原因), as the forms take it: kept in the history, said in a sentence.
REASON_MAX_LENGTH = 200


def model_text(model, field_name: str, default=..., *, description: str | None = None, **kwargs):
    """A text field of an input schema as long as `model.field_name`'s column allows (its max_length;
    `TEXT_MAX_LENGTH` for a TextField), so the API refuses a 5,000-character note for a 200-character
    column with 422 "最多200字" instead of storing or truncating it."""
    field = model._meta.get_field(field_name)
    kwargs.setdefault("max_length", getattr(field, "max_length", None) or TEXT_MAX_LENGTH)
    return Field(default, description=description or str(field.verbose_name), **kwargs)


def source_out():
    """The `source` of an output schema: where the record comes from in the words its page shows (core.sources:
    a seed file by its article's title 《…》, the synthetic filler by what made it), never a file name."""
    return Field(description="来源,与页面所示相同:种子文件以文章标题《…》表示,合成数据以“合成数据（generate-synthetic "
                             "命令生成）”表示")


def source_file_out():
    """The `source_file` of an output schema: the source as stored (a seed file's name), for machines."""
    return Field(description="来源原文(机读,按存储原样),如种子文件名“002_b7bdd805f71aa3f4.txt”;页面显示的文字见 source")


def _stored_source(obj) -> str:
    value = obj.get("source") if isinstance(obj, dict) else getattr(obj, "source", "")
    return "" if value is None else str(value)


def source_resolvers():
    """(resolve_source, resolve_source_file) for a schema with `source` and `source_file` (source_out,
    source_file_out): the words a page shows, and the stored text."""
    from luoshi.core.sources import readable

    return staticmethod(lambda obj: readable(_stored_source(obj))), staticmethod(_stored_source)


def reason_text(default="", *, description: str = "修订原因;修改已有记录时必填"):
    """The reason of a revision, bounded as on the forms."""
    return Field(default, max_length=REASON_MAX_LENGTH, description=description)


def year_query(default=None, description: str = "年度(2000—2100)"):
    """A `?year=` of the API: out of 2000–2100 answers 422 naming `year`, never a 500 from the year 10000."""
    return Query(default, ge=YEAR_MIN, le=YEAR_MAX, description=description)


def month_query(default=None, description: str = "月份(1—12)"):
    """A `?month=` of the API: 1–12, else 422 naming `month`."""
    return Query(default, ge=1, le=12, description=description)


def id_query(description: str = "记录编号"):
    """An optional record id of a list filter, within what a database column holds."""
    return Query(None, ge=1, le=ID_MAX, description=description)


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
    expected_version: int = Field(ge=1, le=2**31 - 1, description="所读到的版本(必填,即读取该记录时的 version);"
                                                               "已被他人修改则返回409并附最新记录")


def expected_version_field(first_entry: bool = True):
    """`expected_version` of a write: the version the client read. Where a write may be the first record
    of its kind (a month's figure), leaving it out (null or 0) means "I expect none yet": if someone has
    entered it meanwhile the answer is 409 with their record, never an overwrite. A write to an existing
    record (`first_entry=False`: a move, a withdrawal, an edit) requires it: left out, the answer is 422
    naming `expected_version`. Annotate such a field `int`, not `int | None`."""
    if first_entry:
        return Field(None, ge=0, le=2**31 - 1, description="所读到的版本;省略、null或0表示期望尚无记录(首次填报)。"
                                                          "已被他人先填报或修改则返回409并附最新记录")
    return Field(ge=1, le=2**31 - 1, description="所读到的版本(必填,即读取该记录时的 version);"
                                                 "已被他人修改则返回409并附最新记录")


def seen(expected_version: int | None) -> int:
    """The version a create-or-revise call was made from: null means none was seen (a first entry)."""
    return expected_version or 0


class StepOut(Schema):
    """One step of a workflow machine as the page shows it (a core.workflow.StepRow): the move, its
    label, the states, the text, when, and who — by name and post as the page shows them (系统: the
    scheduler), with the person's id."""

    action: str
    action_label: str
    from_state: str
    to_state: str
    text: str
    at: datetime
    actor: str
    actor_id: int | None

    @staticmethod
    def resolve_actor_id(row) -> int | None:
        return row.step.actor_id

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


class StatusOut(Schema):
    """Where a target stands, with the reason in words (rules and colours are settings, decision 5); here, not
    in the ledger's API, because investment's targets answer their status in the same shape."""

    status: str = Field(description="met 达到 / close 接近 / behind 落后 / no_data 暂无数据 / no_target "
                                    "未设目标(有实绩,无目标)")
    label: str
    reason: str = Field(description="为什么是这个状态 Why, in words")
    completion_pct: str | None = Field(None, description="完成率(%),总量目标")
    time_pct: str | None = Field(None, description="时间进度(%),时间过半、任务过半")
    gap_pp: str | None = Field(None, description="与目标或时间进度之差(百分点)")
