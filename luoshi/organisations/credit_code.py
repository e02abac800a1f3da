"""统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters with a check digit."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def check_char(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=False))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    code = (code or "").strip().upper()
    return len(code) == 18 and all(c in ALPHABET for c in code) and check_char(code[:17]) == code[17]


def validate_credit_code(code: str) -> None:
    code = (code or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(_("统一社会信用代码应为18位，实际为%(n)d位") % {"n": len(code)}, code="length")
    bad = [c for c in code if c not in ALPHABET]
    if bad:
        raise ValidationError(_("统一社会信用代码含有不允许的字符：%(c)s") % {"c": "".join(bad)}, code="chars")
    if check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("统一社会信用代码校验位错误：第18位应为%(c)s") % {"c": check_char(code[:17])}, code="check")
