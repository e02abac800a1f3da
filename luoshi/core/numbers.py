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


class NumberError(ValidationError):
    """A refused number: ``field`` (the label) and ``reason`` apart, for forms and files that name the
    field in a column of their own; the message is "field:reason"."""

    message: str

    def __init__(self, field: str, reason: str, code: str):
        self.field, self.reason = field, reason
        super().__init__(f"{field}:{reason}", code=code)


def _shown(value) -> str:
    """The value as a message quotes it: a pasted page of text is not echoed whole."""
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _label(field, label) -> str:
    return str(label or getattr(field, "verbose_name", "") or getattr(field, "name", "") or _("数值"))


def parse_decimal(value, *, label: str = "") -> Decimal:
    """Read ``value`` (text, int, Decimal; a float only through its repr) as a finite Decimal."""
    name = label or _("数值")
    if isinstance(value, bool):
        raise NumberError(name, _("“%(v)s”不是数字") % {"v": _shown(value)}, "invalid")
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        number = _written(text)
        if number is None:
            raise NumberError(name, _("“%(v)s”不是数字") % {"v": _shown(value)}, "invalid") from None
    if not number.is_finite():
        raise NumberError(name, _("“%(v)s”不是有限的数字") % {"v": _shown(value)}, "not_finite")
    return number


def _written(text: str) -> Decimal | None:
    """A number as people write it (full-width digits, Chinese numerals, 百分之六) through the one reader
    of numbers, luoshi.core.numerals; 万/亿 are left out: a field already has its unit (万元, 亿元), so
    "1.2万" there is ambiguous and refused."""
    from luoshi.core.numerals import NumeralError, read_number

    if any(word in text for word in ("万", "亿")):
        return None
    try:
        return read_number(text)
    except NumeralError:
        return None


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
            raise NumberError(name, _("必须填写"), "required")
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
                raise NumberError(name, _("必须是整数(收到“%(v)s”)") % {"v": _shown(value)}, "places")
            raise NumberError(name, _("最多%(places)d位小数(收到“%(v)s”)") % {"places": places,
                                                                            "v": _shown(value)}, "places")
    if digits is not None and places is not None:
        whole = digits - places
        if abs(number) >= Decimal(10) ** whole:
            raise NumberError(name, _("数值过大，整数部分最多%(digits)d位（收到“%(v)s”）")
                              % {"digits": whole, "v": _shown(value)}, "too_large")
    low, high = _bounds(field)
    if low is None and not signed and number < 0:
        raise NumberError(name, _("不能为负数(收到“%(v)s”)") % {"v": _shown(value)}, "negative")
    if low is not None and number < low:
        raise NumberError(name, _("不能小于%(limit)s(收到“%(v)s”)") % {"limit": low, "v": _shown(value)}, "min_value")
    if high is not None and number > high:
        raise NumberError(name, _("不能大于%(limit)s(收到“%(v)s”)") % {"limit": high, "v": _shown(value)}, "max_value")
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
        raise NumberError(name, _("“%(v)s”不是年份") % {"v": _shown(value)}, "invalid") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise NumberError(name, _("必须在%(lo)d—%(hi)d年之间(收到%(v)s)") % {"lo": YEAR_MIN, "hi": YEAR_MAX, "v": year},
                      "year_range")
    return year


def gather(problems: list, check, *args, **kwargs):
    """Run one check (``model_decimal``, ``clean_year``, …); on refusal append the ``NumberError`` to
    ``problems`` and return None, so that a form or a file row reports every wrong field at once."""
    try:
        return check(*args, **kwargs)
    except NumberError as exc:
        problems.append(exc)
        return None
