"""What every app's writes share: the history record of a change, and the refusal of a stale edit.

A form or API call says which version of a record it was made from (`expected_version`): the version it
read, or 0 when it saw no record at all (a first entry). A write whose version no longer matches is
refused with the newer record, so nothing is silently overwritten, first entries included. Only internal
callers that check a whole batch themselves (an Excel import, the demo loader) pass None: no check.
"""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

EXPECT_NONE = 0  # the version a form posts when it was rendered with no record yet


class ConflictError(Exception):
    """Someone saved first; nothing was overwritten. `current` is the newer record, `first_entry` tells
    that the user meant to enter the first figure and someone else entered it a moment before."""

    def __init__(self, current, *, first_entry: bool = False):
        self.current = current
        self.first_entry = first_entry
        summary = describe(current)
        version = getattr(current, "version", None)
        version = history_version(current) if version is None else version
        if first_entry:
            message = _("他人已先填报了这一记录（版本%(v)d）%(s)s，您的提交未保存；请核对后，"
                        "如需修改请填写修订原因再提交。")
        else:
            message = _("该记录已被他人修改（当前版本%(v)d）%(s)s，请刷新后重新提交。")
        super().__init__(message % {"v": version, "s": f":{summary}" if summary else ""})


class VersionMissing(ConflictError):
    """A page's edit posted without the version it was rendered from (a hand-made POST): refused naming
    the field, nothing changed. A ConflictError, so every page that shows a stale edit shows this too."""

    def __init__(self, field: str = "version"):
        self.current, self.first_entry, self.field = None, False, field
        Exception.__init__(self, _("缺少所读到的版本（%(f)s），未作任何修改；请刷新页面后重试。") % {"f": field})


def describe(record) -> str:
    """The newer record in a few words, as its model says it (`conflict_summary`), for the loser of a race."""
    summary = getattr(record, "conflict_summary", None)
    return str(summary() if callable(summary) else summary or "")


def check_version(current, expected_version) -> None:
    """Refuse a write made from another version than `current`'s (0: made when there was none)."""
    if expected_version is None or current is None:
        return
    if int(expected_version) != current.version:
        raise ConflictError(current, first_entry=int(expected_version) == EXPECT_NONE)


def history_version(record) -> int:
    """The version of a record kept without a `version` column (a chain's link, its 链长): the id of its
    latest entry in django-simple-history, which every saved change moves on (0: none yet)."""
    return record.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def check_history_version(record, expected_version) -> None:
    """`check_version` for such a record: refused when it has changed since the form was rendered."""
    if expected_version is not None and int(expected_version) != history_version(record):
        raise ConflictError(record)


def save_with_history(obj, user, reason: str):
    """Save and leave who and why in django-simple-history's record of the change."""
    obj._history_user = user
    obj._change_reason = reason or ""
    obj.save()
    return obj


def create_first(obj, user, reason: str, *, among=None, **lookup):
    """Insert the first record of its kind (a month's figure); if someone inserted the same one a moment
    ago (the unique constraint on `lookup` fires), refuse with theirs instead of failing or overwriting.
    `among`: the records that count (withdrawn ones left out), by default the model's `objects`."""
    try:
        with transaction.atomic():
            return save_with_history(obj, user, reason)
    except IntegrityError:
        current = (among if among is not None else type(obj).objects).filter(**lookup).first()
        if current is None:
            raise
        raise ConflictError(current, first_entry=True) from None


def field_label(model, name: str) -> str:
    """A field's verbose name as text, for messages that name the field the user filled in."""
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def update_many(model, objs, fields: list[str]) -> int:
    """Write `fields` of many saved records as they stand in memory: one `UPDATE … WHERE id` sent for all of
    them in a single executemany. Django's `bulk_update` builds a CASE of every record for every field,
    which for a 5,000-row import took longer than reading the file (docs/benchmarks.md). No signals, no
    history: the caller writes the history (`bulk_history_create`). Returns the rows written."""
    from django.db import connections, router

    if not objs or not fields:
        return 0
    connection = connections[router.db_for_write(model)]
    meta, quote = model._meta, connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    sql = (f"UPDATE {quote(meta.db_table)} SET {', '.join(f'{quote(c.column)} = %s' for c in columns)} "
           f"WHERE {quote(meta.pk.column)} = %s")
    rows = [[c.get_db_prep_save(getattr(obj, c.attname), connection) for c in columns]
            + [meta.pk.get_db_prep_save(obj.pk, connection)] for obj in objs]
    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def insert_many(model, objs) -> None:
    """Insert `objs` (records, or anything with their fields' attributes) by one INSERT sent for all of
    them in a single executemany. Django's `bulk_create` on SQLite cuts 5,000 rows of 25 columns into
    some 150 statements that it compiles one by one. Auto ids are not returned: read them back by a
    unique field. No signals, no history (`insert_history`)."""
    from django.db import connections, router

    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    meta, quote = model._meta, connection.ops.quote_name
    columns = [f for f in meta.concrete_fields if not getattr(f, "db_returning", False)]
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c.column) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    plain = [c.get_internal_type() in _PLAIN_COLUMNS for c in columns]
    rows = []
    for obj in objs:
        row = []
        for c, is_plain in zip(columns, plain, strict=True):
            value = c.pre_save(obj, True)
            # a text, number or id as it is: the field's own conversion would give it back unchanged
            row.append(value if is_plain and type(value) in _PLAIN_VALUES else c.get_db_prep_save(value, connection))
        rows.append(row)
    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


_PLAIN_COLUMNS = {"CharField", "TextField", "IntegerField", "BigIntegerField", "SmallIntegerField",
                  "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField", "BooleanField",
                  "ForeignKey", "OneToOneField"}
_PLAIN_VALUES = (str, int, bool, type(None))


def insert_history(model, objs, user, *, update: bool = False, reason: str = "") -> None:
    """django-simple-history's record of each of `objs` (saved, with their ids), as its
    `bulk_history_create` writes them — the fields as they stand, who, when, why (each object's
    `_change_reason`, else `reason`), created or changed — in one `insert_many`."""
    from types import SimpleNamespace

    from django.utils import timezone

    history = model.history.model
    now = timezone.now()
    insert_many(history, [SimpleNamespace(
        **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
        history_date=now, history_user_id=getattr(user, "pk", None),
        history_change_reason=getattr(obj, "_change_reason", None) or reason,
        history_type="~" if update else "+") for obj in objs])
