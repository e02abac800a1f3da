"""The audit trail as people read it: for each saved version of a record, who, when, which fields
changed from what to what, and why (django-simple-history keeps the versions; this only reads them)."""
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from luoshi.core.records import field_label


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class AuditEntry:
    when: object
    who: str
    what: str
    kind: str
    reason: str
    changes: list[Change]
    action: str = ""  # 新建, 修改 or 删除 (the history's "+", "~", "-")


def history_action(history_type: str) -> str:
    """A saved version's kind in words: 新建, 修改, 删除."""
    return str({"+": pgettext("修改记录", "新建"), "~": pgettext("修改记录", "修改"),
                "-": pgettext("修改记录", "删除")}.get(history_type, history_type))


def _stored(model, name, rec):
    """What a version holds in a field, comparable between versions: a related record by its id."""
    field = model._meta.get_field(name)
    return getattr(rec, field.attname) if field.is_relation else getattr(rec, name)


def shown(model, name, value, cache: dict | None = None):
    """A stored value as a person reads it: choice labels instead of codes, 是/否, a person by name and post,
    a related record by its name (the value of a relation is its id), a source in words (core.sources)."""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if name == "source" and value:  # a seed file by its article's title, as the record's page shows it
        from luoshi.core.sources import readable

        return readable(value)
    field = model._meta.get_field(name)
    if field.is_relation and value is not None:
        cache = {} if cache is None else cache
        key = (field.related_model, value)
        if key not in cache:
            cache[key] = _related(field.related_model, value)
        return cache[key]
    choices = dict(field.flatchoices)
    return choices.get(value, value) if choices else value


def is_blank(model, name, value) -> bool:
    """A value that says nothing: None or "", unless "" is one of the field's choices (the work plan's
    无量化指标), which reads as its label."""
    return value is None or (value == "" and "" not in dict(model._meta.get_field(name).flatchoices))


def _or_none(model, name, value, cache: dict):
    """A value an edit changed from or to: emptied reads as （无）, not as a blank."""
    return _("（无）") if is_blank(model, name, value) else shown(model, name, value, cache)


def _related(related_model, pk):
    from django.contrib.auth import get_user_model

    from luoshi.organisations.selectors import PERSON_RELATED, person_label

    users = get_user_model()
    if issubclass(related_model, users):
        found = users.objects.filter(pk=pk).select_related(*PERSON_RELATED).first()
        return person_label(found) if found else _("已删除的用户")
    found = related_model._default_manager.filter(pk=pk).first()
    return str(found) if found else _("已删除的记录")


def entries(model, records, fields: list[str], kind: str, what) -> list[AuditEntry]:
    """One entry per historical record of `model` (oldest first per record); `what(rec)` names it."""
    from luoshi.organisations.selectors import HISTORY_USER_RELATED, person_label

    out: list[AuditEntry] = []
    previous: dict = {}  # record id -> its last version's stored values
    cache: dict = {}  # (related model, id) -> how it reads
    verbose = {f: field_label(model, f) for f in fields}
    for rec in records.select_related(*HISTORY_USER_RELATED).order_by("id", "history_date", "history_id"):
        before = previous.get(rec.id)
        now = {f: _stored(model, f, rec) for f in fields}
        if before is None:
            changes = [Change(verbose[f], None, shown(model, f, now[f], cache)) for f in fields
                       if not is_blank(model, f, now[f])]
        else:
            changes = [Change(verbose[f], _or_none(model, f, before[f], cache), _or_none(model, f, now[f], cache))
                       for f in fields if before[f] != now[f]]
        previous[rec.id] = now
        who = person_label(rec.history_user) if rec.history_user else _("系统")
        out.append(AuditEntry(rec.history_date, who, what(rec), kind, rec.history_change_reason or "", changes,
                              history_action(rec.history_type)))
    return out


def newest_first(all_entries: list[AuditEntry], limit: int = 200) -> list[AuditEntry]:
    return sorted(all_entries, key=lambda e: e.when, reverse=True)[:limit]
