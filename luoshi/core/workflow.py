"""The shape Luoshi's workflow machines share (诉求闭环, 宁静日审批, 目标责任书): one table of allowed
transitions, a refusal that lists every reason in the user's language, and a step row for every move.

Each app keeps its own table and its own rules of who may act; only the mechanics live here, so the two
machines cannot drift apart in how they record or refuse.
"""
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.records import ConflictError, save_with_history


class Refused(Exception):
    """A move or a request the machine or the rules do not allow; `reasons` say why, in Chinese, and
    `fields` name the input each is about ("" for the request as a whole), for the API's 422."""

    def __init__(self, reasons: list[str], fields: list[str] | None = None):
        self.reasons = list(reasons)
        self.fields = list(fields or ()) + [""] * (len(self.reasons) - len(fields or ()))
        super().__init__(";".join(self.reasons))

    @classmethod
    def by_field(cls, problems: list[tuple[str, str]]) -> "Refused":
        """From (field, reason) pairs, each reason once."""
        unique = dict((reason, field) for field, reason in reversed(problems))
        ordered = list(dict.fromkeys(reason for _field, reason in problems))
        return cls(ordered, [unique[r] for r in ordered])


class StepBase(models.Model):
    """One move of a record: who (empty = the scheduler), when, from which state to which, and why."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("经办人"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(gettext_lazy("时间"), default=timezone.now)
    action = models.CharField(gettext_lazy("操作"), max_length=20)
    from_state = models.CharField(gettext_lazy("原状态"), max_length=20, blank=True)
    to_state = models.CharField(gettext_lazy("新状态"), max_length=20)
    text = models.TextField(gettext_lazy("说明"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


@dataclass(frozen=True)
class Machine:
    """transitions: {(from_state, action): to_state}; the only moves there are."""

    transitions: dict
    state_labels: dict
    action_labels: dict
    text_required: frozenset = frozenset()

    def target(self, state: str, action: str) -> str:
        """Where an allowed move leads; asked only after `check` found no reason against it."""
        return self.transitions[(state, action)]

    def actions_from(self, state: str) -> list[str]:
        return [a for (s, a) in self.transitions if s == state]

    def check(self, state: str, action: str, text: str) -> list[str]:
        """Reasons the table itself refuses the move (unknown action, wrong state, missing text)."""
        if action not in self.action_labels:
            return [_("未知操作“%(a)s”") % {"a": action}]
        reasons = []
        label = self.action_labels[action]
        if (state, action) not in self.transitions:
            allowed = "、".join(str(self.action_labels[a]) for a in self.actions_from(state)) or _("无")
            reasons.append(_("当前状态为“%(s)s”，不能“%(a)s”（可进行：%(ok)s）") % {
                "s": self.state_labels.get(state, state), "a": label, "ok": allowed})
        if action in self.text_required and not (text or "").strip():
            reasons.append(_("“%(a)s”须填写说明") % {"a": label})
        return reasons


def move(obj, step_model, user, action: str, to_state: str, text: str, *, expected_version=None,
         step_fields=None, reason: str = "", field: str = "state"):
    """Apply a checked move: new state, version + 1, history with the actor and a step row. `field` names
    the record's state field (a project's is `stage`)."""
    if expected_version is not None and expected_version != obj.version:
        raise ConflictError(obj)
    from_state = getattr(obj, field)
    setattr(obj, field, to_state)
    obj.version += 1
    save_with_history(obj, user, reason or text)
    return step_model.objects.create(actor=user, action=action, from_state=from_state, to_state=to_state,
                                     text=(text or "").strip(), **(step_fields or {}))


@dataclass
class StepRow:
    """One step as people read it, the same on the page and in the API: the step itself, what was done
    (in words), the state it led to (in words), and who did it (name and post; 系统 for the scheduler)."""

    step: object
    label: str
    to_state: str
    actor: str


def step_rows(steps, state_labels: dict, action_label) -> list[StepRow]:
    """`steps` with each actor's name and post (one query for all) and labels from the machine's tables."""
    from luoshi.organisations.selectors import person_labels

    steps = list(steps)
    names = person_labels(s.actor_id for s in steps)
    return [StepRow(s, str(action_label(s.action)), str(state_labels.get(s.to_state, s.to_state)),
                    names.get(s.actor_id, "") if s.actor_id else _("系统")) for s in steps]
