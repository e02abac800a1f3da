"""Stored values out of range of their field (存量数据检查): what `check-values` lists.

Each number of every Luoshi model is judged by the one validator every write uses (`luoshi.core.numbers`): finite,
within the digits and places of its column, not negative unless the field allows it, within its validators; a field
named ``year`` or ``*_year`` by the year rule (2000–2100), and every date column by the date rule
(`luoshi.core.dates`, the same years). The rules come from the model fields, not from a list; where the sign depends
on the record (a CPI-style rate may be negative, a total not), the model says so through
``allows_negative(field_name)``, the rule its writes obey. Values are read with plain SQL, since a value no column
should hold (1e20 in a 16-digit column on SQLite) is exactly what makes the ORM fail, and historical copies are left
out: the history keeps what was, the check is about what is.
"""
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import connection, models

from luoshi.core.dates import clean_date
from luoshi.core.numbers import NumberError, clean_decimal, clean_year


@dataclass(frozen=True)
class OutOfRange:
    """One stored value a write would refuse today."""

    model: str  # app_label.ModelName
    verbose_name: str
    pk: object
    field: str
    value: str
    reason: str


def is_year(field: models.Field) -> bool:
    return field.name == "year" or field.name.endswith("_year")


def is_date(field: models.Field) -> bool:
    """A calendar date column (a timestamp is set by Luoshi's clock, not typed)."""
    return isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)


def checked_fields(model) -> list[models.Field]:
    """The number and date columns of a model that people or files fill (not keys, not auto ids)."""
    return [f for f in model._meta.concrete_fields
            if (isinstance(f, (models.DecimalField, models.IntegerField)) or is_date(f)) and not f.is_relation
            and not isinstance(f, models.AutoField)]


def checked_models() -> list:
    """Every concrete model of a Luoshi app with at least one number or date column, history tables left out."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if not meta.app_config.name.startswith("luoshi.") or meta.proxy or not meta.managed:
            continue
        if meta.object_name.startswith("Historical") and hasattr(model, "instance_type"):
            continue
        if checked_fields(model):
            found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


def _as_decimal(raw):
    """A raw database value as the validator reads it; SQLite may hand back a REAL."""
    if isinstance(raw, float):
        return Decimal(repr(raw)) if raw == raw and raw not in (float("inf"), float("-inf")) else str(raw)
    return raw


def _fits_places(field, raw: float) -> bool:
    """A REAL kept by SQLite is within the column's places when it is the double of a number that is."""
    places = getattr(field, "decimal_places", 0)
    try:
        return float(Decimal(repr(raw)).quantize(Decimal(1).scaleb(-places))) == raw
    except ArithmeticError:
        return False


def problem(field: models.Field, raw, signed: Callable[[], bool] | None = None) -> str | None:
    """Why a stored value is out of range of its field, or None. ``signed``: asked only for a negative
    value, whether the record allows one."""
    try:
        if is_date(field):
            clean_date(raw if hasattr(raw, "year") else str(raw))
        elif is_year(field) and not isinstance(field, models.DecimalField):
            clean_year(raw)
        else:
            value = _as_decimal(raw)
            if isinstance(raw, float) and isinstance(value, Decimal) and _fits_places(field, raw):
                value = value.quantize(Decimal(1).scaleb(-getattr(field, "decimal_places", 0)))
            try:
                clean_decimal(field, value)
            except NumberError as exc:
                if exc.code != "negative" or signed is None or not signed():
                    raise
                clean_decimal(field, value, signed=True)
    except NumberError as exc:
        return exc.reason
    return None


def _sign_rule(model, pk, field_name: str) -> Callable[[], bool] | None:
    """The record's own sign rule for one field, read only when a negative value asks for it."""
    if not hasattr(model, "allows_negative"):
        return None

    def allowed() -> bool:
        record = model._base_manager.filter(pk=pk).first()
        return bool(record and record.allows_negative(field_name))
    return allowed


def out_of_range(progress: Callable[[int, int], None] | None = None) -> list[OutOfRange]:
    """Every stored value of every Luoshi model that its field's rules refuse, model by model."""
    found = []
    targets = checked_models()
    quote = connection.ops.quote_name
    for done, model in enumerate(targets, start=1):
        meta, fields = model._meta, checked_fields(model)
        columns = ", ".join(quote(f.column) for f in [meta.pk, *fields])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}")
            while rows := cursor.fetchmany(2000):
                for pk, *values in rows:
                    for field, raw in zip(fields, values, strict=False):
                        if raw is None:
                            continue
                        reason = problem(field, raw, _sign_rule(model, pk, field.name))
                        if reason:
                            found.append(OutOfRange(meta.label, str(meta.verbose_name), pk, field.name, str(raw),
                                                    reason))
        if progress:
            progress(done, len(targets))
    return found
