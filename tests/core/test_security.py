"""Login throttling and the password rules a government deployment needs."""
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import PASSWORD


def test_repeated_wrong_passwords_lock_the_account_for_that_address(client, world):
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "a_data", "password": "wrong-password"})
    assert response.status_code == 429
    assert "已暂停登录15分钟" in response.content.decode()
    response = client.post(reverse("login"), {"username": "a_data", "password": PASSWORD})
    assert response.status_code == 429, "the right password must not get through during the lockout"
    other = client.post(reverse("login"), {"username": "a_leader", "password": PASSWORD})
    assert other.status_code == 302, "other accounts are not locked"


def test_one_wrong_password_then_the_right_one_logs_in(client, world):
    client.post(reverse("login"), {"username": "a_data", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "a_data", "password": PASSWORD})
    assert response.status_code == 302 and client.get(reverse("home")).status_code in (200, 302)


@pytest.mark.parametrize("password", ["short1", "12345678901", "password123", "a_data2025"])
def test_weak_passwords_are_refused(world, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=world.users.a_data)


def _run_luoshi(args, tmp_path, **env):
    import os
    import subprocess
    import sys
    from pathlib import Path

    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' conftest for this process only.
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DEBUG", "LUOSHI_HTTPS", "SECRET_KEY", "LUOSHI_FIELD_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    clean.update(LUOSHI_VAR_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-m", "luoshi", *args], capture_output=True, text=True, env=clean,
                          cwd=Path(__file__).resolve().parents[2], timeout=120)


def test_production_settings_pass_the_deployment_check_with_no_warnings(tmp_path):
    result = _run_luoshi(["check"], tmp_path, LUOSHI_HTTPS="1", ALLOWED_HOSTS="luoshi.example.gov.cn",
                         LUOSHI_FIELD_KEY="a key of its own for the stored channel secrets")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deployment_check_fails_without_a_key_for_the_stored_secrets(tmp_path):
    result = _run_luoshi(["check"], tmp_path, LUOSHI_HTTPS="1", ALLOWED_HOSTS="luoshi.example.gov.cn")
    assert result.returncode != 0 and "luoshi.W001" in result.stderr + result.stdout


def test_deployment_check_fails_when_https_is_not_configured(tmp_path):
    result = _run_luoshi(["check"], tmp_path)
    assert result.returncode != 0 and "SECURE_SSL_REDIRECT" in result.stderr + result.stdout
