"""What the appeal pages and the reception pages share: the open states, the list rows, posted forms."""
from luoshi.appeals.models import OPEN_STATES
from luoshi.core.workflow import Refused

OPEN = [str(s) for s in OPEN_STATES]


def rows_of(appeals, on):
    """(appeal, days to its deadline, days overdue or 0) for the lists."""
    rows = []
    for a in appeals:
        days_left = (a.deadline - on).days if a.deadline else None
        rows.append((a, days_left, -days_left if a.is_overdue(on) else 0))
    return rows


def posted(request):
    """The posted data, even when empty (an empty POST still submits the form)."""
    return request.POST if request.method == "POST" else None


def refusal_errors(form, exc: Refused):
    """What the services refused, shown on the form with what was typed."""
    for reason in exc.reasons:
        form.add_error(None, reason)
