"""Backup and restore (备份与恢复) that work the same on SQLite and PostgreSQL.

A backup is every record (history included) serialised by Django inside one read-only transaction
(REPEATABLE READ on PostgreSQL, a read snapshot on SQLite), so it is a consistent copy taken while
the system is in use — not a copy of a database file being written. Beside it a manifest records
the row count of every table; a restore loads everything in one transaction into an empty, migrated
database and refuses (changing nothing) unless every count matches. Because the format is Django's,
a backup taken on SQLite restores into PostgreSQL and back.
"""
import datetime
import gzip
import json
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

# Rebuilt by `migrate` or worthless after a restore.
EXCLUDED = {"contenttypes.contenttype", "auth.permission", "sessions.session", "core.idempotencykey"}
# Filled by `migrate` in a new database (the holiday calendar), replaced by the backup's copy on restore.
SEEDED_BY_MIGRATIONS = {"core.holiday"}


class RestoreError(Exception):
    pass


def _models():
    """Every concrete model, parents before children so that a restore can insert in order."""
    from django.core.serializers import sort_dependencies

    app_list = [(config, None) for config in apps.get_app_configs() if config.models_module is not None]
    return [m for m in sort_dependencies(app_list, allow_cycles=True)
            if not m._meta.proxy and m._meta.managed and m._meta.label_lower not in EXCLUDED]


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; an audit trail keeps its microseconds."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _counted(models, counts: dict[str, int], progress):
    """Every record of every model, counted per model as it is written."""
    for done, model in enumerate(models, start=1):
        label = model._meta.label_lower
        counts[label] = 0
        for obj in model._default_manager.order_by(model._meta.pk.name).iterator(chunk_size=2000):
            counts[label] += 1
            yield obj
        if progress:
            progress(done, len(models))


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".gz").removesuffix(".json") + ".manifest.json")


def backup(path: Path, progress: Callable[[int, int], None] | None = None) -> dict:
    """Write a consistent copy of the whole database to `path` (.json.gz) and its manifest."""
    models = _models()
    counts: dict[str, int] = {}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        with gzip.open(path, "wt", encoding="utf-8") as out:
            serializers.serialize("json", _counted(models, counts, progress), stream=out,
                                  use_natural_foreign_keys=True, cls=_ExactEncoder)
    manifest = {"created_at": timezone.now().isoformat(), "database": connection.vendor,
                "migrations": _applied_migrations(), "counts": counts}
    manifest_path(path).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def _applied_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def _is_empty() -> bool:
    from django.contrib.auth import get_user_model

    from luoshi.organisations.models import Organisation

    return not get_user_model().objects.exists() and not Organisation.objects.exists()


def restore(path: Path, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Load a backup into an empty database (migrated first); all or nothing, counts verified."""
    manifest_file = manifest_path(path)
    if not path.exists() or not manifest_file.exists():
        raise RestoreError(_("找不到备份文件或其清单：%(p)s") % {"p": path})
    manifest = json.loads(manifest_file.read_text())
    call_command("migrate", verbosity=0, interactive=False)
    if not _is_empty():
        raise RestoreError(_("目标数据库不是空的；恢复只能写入空数据库，以免覆盖现有数据"))
    expected = manifest["counts"]
    with transaction.atomic(), connection.constraint_checks_disabled():
        for label in SEEDED_BY_MIGRATIONS & set(expected):
            apps.get_model(label)._default_manager.all().delete()  # the backup holds the table whole
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            objects = serializers.deserialize("json", stream, handle_forward_references=True)
            loaded = 0
            total = sum(expected.values())
            for obj in objects:
                obj.save()
                loaded += 1
                if progress and loaded % 500 == 0:
                    progress(loaded, total)
        connection.check_constraints()
        _reset_sequences()
        actual = {label: apps.get_model(label)._default_manager.count() for label in expected}
        wrong = {k: (expected[k], actual[k]) for k in expected if expected[k] != actual[k]}
        if wrong:
            raise RestoreError(_("恢复后记录数与备份清单不符，已全部撤销：%(w)s") % {"w": wrong})
    if progress:
        progress(total, total)
    return actual


def _reset_sequences():
    """PostgreSQL's id sequences must continue after the restored ids."""
    models = _models()
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
