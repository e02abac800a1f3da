"""Channel addresses and secrets encrypted at rest (core/crypto.py): the columns become text wide enough
for a Fernet token, then every stored value is encrypted in place (and decrypted back when unapplied).
Raw SQL: through the model the field would try to decrypt the plain text it is about to encrypt."""
from django.db import migrations

import luoshi.core.crypto

TABLE = "notifications_deliverychannel"


def _rewrite(schema_editor, change):
    from luoshi.core.crypto import is_token

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, url, secret FROM {TABLE}")
        for pk, url, secret in cursor.fetchall():
            new = [change(v, is_token) for v in (url or "", secret or "")]
            cursor.execute(f"UPDATE {TABLE} SET url = %s, secret = %s WHERE id = %s", [*new, pk])


def encrypt_rows(apps, schema_editor):
    from luoshi.core.crypto import encrypt

    _rewrite(schema_editor, lambda v, is_token: v if not v or is_token(v) else encrypt(v))


def decrypt_rows(apps, schema_editor):
    from luoshi.core.crypto import decrypt

    _rewrite(schema_editor, lambda v, is_token: decrypt(v) if v and is_token(v) else v)


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0004_delivery_channels'),
    ]

    operations = [
        migrations.AlterField(
            model_name='deliverychannel',
            name='secret',
            field=luoshi.core.crypto.EncryptedTextField(blank=True, help_text='钉钉加签密钥;企业微信应用的Secret;短信网关令牌', max_length=200, verbose_name='密钥'),
        ),
        migrations.AlterField(
            model_name='deliverychannel',
            name='url',
            field=luoshi.core.crypto.EncryptedTextField(blank=True, help_text='机器人Webhook地址;企业微信应用为接口地址;短信为网关地址', max_length=500, verbose_name='地址'),
        ),
        migrations.RunPython(encrypt_rows, decrypt_rows),
    ]
