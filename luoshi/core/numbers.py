"""One validator for every number a person or a file gives Luoshi (数值校验).

Each number is checked against the model field it is going to be stored in, so the limits are never
written twice: finite, no more integer digits than the column holds, no more decimal places than it
stores (refused, never rounded), and not negative unless the field says a negative means something
(a field is signed when it carries a ``MinValueValidator`` below zero, or no lower bound and is listed
with ``signed=True`` by its caller). Years are checked by one rule too: 2000–2100.
"""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _

YEAR_MIN = 2000
YEAR_MAX = 2100


def _label(field, label) -> str:
    return str(label or getattr(field, "verbose_name", "") or getattr(field, "name", "") or _("数值"))


def parse_decimal(value, *, label: str = "") -> Decimal:
    """Read ``value`` (text, int, Decimal; a float only through its repr) as a finite Decimal."""
    name = label or _("数值")
    if isinstance(value, bool):
        raise ValidationError(_("%(field)s:“%(v)s”不是数字") % {"field": name, "v": value}, code="invalid")
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace(",", "").replace(",", "")
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ValidationError(_("%(field)s:“%(v)s”不是数字") % {"field": name, "v": value},
                              code="invalid") from None
    if not number.is_finite():
        raise ValidationError(_("%(field)s:“%(v)s”不是有限的数字") % {"field": name, "v": value},
                              code="not_finite")
    return number


def _bounds(field) -> tuple[Decimal | None, Decimal | None]:
    low = high = None
    for validator in getattr(field, "validators", ()):
        if isinstance(validator, MinValueValidator):
            low = Decimal(str(validator.limit_value))
        elif isinstance(validator, MaxValueValidator):
            high = Decimal(str(validator.limit_value))
    return low, high


def clean_decimal(field: models.Field, value, *, label: str | None = None, signed: bool = False,
                  required: bool = True) -> Decimal | None:
    """``value`` as a Decimal fit for ``field`` (a model DecimalField or IntegerField), or a
    ``ValidationError`` naming the field and the limit it broke.

    ``signed`` lets a negative through for a field without a lower bound of its own (growth rates);
    a field's own ``MinValueValidator``/``MaxValueValidator`` always apply.
    """
    name = _label(field, label)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(_("%(field)s:必须填写") % {"field": name}, code="required")
        return None
    number = parse_decimal(value, label=name)
    places = getattr(field, "decimal_places", None)
    digits = getattr(field, "max_digits", None)
    if isinstance(field, (models.IntegerField,)) and not isinstance(field, models.DecimalField):
        places, digits = 0, 18 if isinstance(field, models.BigIntegerField) else 9
    if places is not None:
        exponent = number.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            if places == 0:
                raise ValidationError(_("%(field)s:必须是整数(收到“%(v)s”)") % {"field": name, "v": value},
                                      code="places")
            raise ValidationError(
                _("%(field)s:最多%(places)d位小数(收到“%(v)s”)") % {"field": name, "places": places, "v": value},
                code="places")
    if digits is not None and places is not None:
        whole = digits - places
        if abs(number) >= Decimal(10) ** whole:
            raise ValidationError(
                _("%(field)s:数值过大,整数部分最多%(digits)d位(收到“%(v)s”)")
                % {"field": name, "digits": whole, "v": value}, code="too_large")
    low, high = _bounds(field)
    if low is None and not signed and number < 0:
        raise ValidationError(_("%(field)s:不能为负数(收到“%(v)s”)") % {"field": name, "v": value},
                              code="negative")
    if low is not None and number < low:
        raise ValidationError(_("%(field)s:不能小于%(limit)s(收到“%(v)s”)")
                              % {"field": name, "limit": low, "v": value}, code="min_value")
    if high is not None and number > high:
        raise ValidationError(_("%(field)s:不能大于%(limit)s(收到“%(v)s”)")
                              % {"field": name, "limit": high, "v": value}, code="max_value")
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places)) if places else number.quantize(Decimal(1))
    return number


def model_decimal(model, field_name: str, value, **kwargs) -> Decimal | None:
    """``clean_decimal`` for ``model``'s field ``field_name`` (the common call)."""
    return clean_decimal(model._meta.get_field(field_name), value, **kwargs)


def clean_year(value, *, label: str | None = None) -> int:
    """A year in 2000–2100, or a ``ValidationError`` saying so."""
    name = label or _("年份")
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(_("%(field)s:“%(v)s”不是年份") % {"field": name, "v": value},
                              code="invalid") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(_("%(field)s:必须在%(lo)d—%(hi)d年之间(收到%(v)s)")
                              % {"field": name, "lo": YEAR_MIN, "hi": YEAR_MAX, "v": year}, code="year_range")
    return year
