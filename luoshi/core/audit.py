"""The audit trail as people read it: for each saved version of a record, who, when, which fields
changed from what to what, and why (django-simple-history keeps the versions; this only reads them)."""
from dataclasses import dataclass

from django.utils.translation import gettext as _


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


def shown(model, name, value):
    """A stored value as a person reads it: choice labels instead of codes."""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    choices = dict(model._meta.get_field(name).flatchoices)
    return choices.get(value, value) if choices else value


def entries(model, records, fields: list[str], kind: str, what, who=None) -> list[AuditEntry]:
    """One entry per historical record of `model` (oldest first per record); `what(rec)` names it and
    `who(user)`, when given, names the person who saved it (by default the login name)."""
    out, previous = [], {}
    verbose = {f: str(model._meta.get_field(f).verbose_name) for f in fields}
    for rec in records.select_related("history_user").order_by("id", "history_date", "history_id"):
        before = previous.get(rec.id)
        if before is None:
            changes = [Change(verbose[f], None, shown(model, f, getattr(rec, f))) for f in fields
                       if getattr(rec, f) not in (None, "")]
        else:
            changes = [Change(verbose[f], shown(model, f, getattr(before, f)), shown(model, f, getattr(rec, f)))
                       for f in fields if getattr(before, f) != getattr(rec, f)]
        previous[rec.id] = rec
        person = rec.history_user
        named = (who(person) if who else person.get_username()) if person else _("系统")
        out.append(AuditEntry(rec.history_date, named, what(rec), kind, rec.history_change_reason or "", changes))
    return out


def newest_first(all_entries: list[AuditEntry], limit: int = 200) -> list[AuditEntry]:
    return sorted(all_entries, key=lambda e: e.when, reverse=True)[:limit]
