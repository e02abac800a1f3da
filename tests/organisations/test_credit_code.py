import pytest
from django.core.exceptions import ValidationError

from luoshi.organisations.credit_code import is_valid, validate_credit_code


def test_real_format_code_with_correct_check_digit_is_accepted():
    assert is_valid("91350100M000100Y43")


@pytest.mark.parametrize("code, message", [
    ("91350100M000100Y44", "校验位错误：第18位应为3"),
    ("91350100M000100Y4", "应为18位"),
    ("91350100M000100YI3", "不允许的字符"),
])
def test_wrong_credit_code_is_refused_with_the_reason(code, message):
    with pytest.raises(ValidationError, match=message):
        validate_credit_code(code)
