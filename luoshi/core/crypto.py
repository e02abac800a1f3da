"""Secrets kept encrypted at rest (docs/decisions.md, “Channel secrets encrypted at rest”).

A webhook address with its key, a 钉钉 signing secret or an SMS gateway token is stored as a Fernet token
(cryptography: AES-128-CBC with an HMAC-SHA256, a timestamp and a random IV, so equal secrets store
differently); Python code reads and writes the plain text through `EncryptedTextField`, so only the
column — and the backup, which keeps the tokens — holds ciphertext.

The key is derived (SHA-256) from settings.LUOSHI_FIELD_KEY (environment variable LUOSHI_FIELD_KEY); a
comma-separated list rotates keys: the first encrypts, every one decrypts. Unset, it is derived from
SECRET_KEY — which works, but changing SECRET_KEY then makes the stored secrets unreadable, so the
deployment check (`python -m luoshi check`) warns until LUOSHI_FIELD_KEY is set (luoshi.W001).
"""
import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PURPOSE = "luoshi.core.crypto.field-key:"


def _keys() -> list[str]:
    given = [k.strip() for k in getattr(settings, "LUOSHI_FIELD_KEY", "").split(",") if k.strip()]
    return given or [settings.SECRET_KEY]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(base64.urlsafe_b64encode(hashlib.sha256((PURPOSE + k).encode()).digest()))
                        for k in _keys()])


def encrypt(text: str) -> str:
    """The token for `text` ("" stays "": nothing is set)."""
    return _fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str) -> str:
    """The text of a token; a token no configured key opens is an error that names the setting."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A stored secret cannot be decrypted: LUOSHI_FIELD_KEY (or, unset, SECRET_KEY) is not the key it "
            "was written with. Put the old key after the new one in LUOSHI_FIELD_KEY (comma-separated).") from None


def is_token(value: str) -> bool:
    try:
        _fernet().decrypt(value.encode())
    except (InvalidToken, ValueError):
        return False
    return True


class EncryptedTextField(models.TextField):
    """Text that Python sees in the clear and the database only as a Fernet token. Not for lookups (a token
    differs at every save); `max_length` bounds the plain text (forms, full_clean), not the column."""

    def __init__(self, *args, max_length=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plain_max_length = max_length
        if max_length is not None:
            from django.core.validators import MaxLengthValidator

            self.validators.append(MaxLengthValidator(max_length))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.plain_max_length is not None:
            kwargs["max_length"] = self.plain_max_length
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.CharField, "max_length": self.plain_max_length,
                                    "widget": forms.TextInput, **kwargs})

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else encrypt(value)

    def value_to_string(self, obj):
        """What a backup (the serializers) keeps: the token, never the text."""
        return encrypt(self.value_from_object(obj) or "")

    def to_python(self, value):
        """A restored token (from `value_to_string`) back to its text; any other value is the text itself."""
        value = super().to_python(value)
        if isinstance(value, str) and value.startswith("gAAAA") and is_token(value):
            return decrypt(value)
        return value


@checks.register(checks.Tags.security, deploy=True)
def check_field_key(app_configs, **kwargs):
    """luoshi.W001: without LUOSHI_FIELD_KEY the stored secrets hang on SECRET_KEY."""
    if getattr(settings, "LUOSHI_FIELD_KEY", "").strip():
        return []
    return [checks.Warning(
        "LUOSHI_FIELD_KEY is not set: channel secrets are encrypted with a key derived from SECRET_KEY, so "
        "changing SECRET_KEY would make them unreadable.",
        hint="Set LUOSHI_FIELD_KEY to 32+ random characters and keep it with the backups (docs/deployment.md).",
        id="luoshi.W001")]
