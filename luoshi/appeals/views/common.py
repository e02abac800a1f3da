"""What the appeal pages and the reception pages share: the open states, the list rows, posted forms."""
from luoshi.appeals.models import OPEN_STATES
from luoshi.appeals.selectors import late_days, working_days_left
from luoshi.core.workflow import Refused

OPEN = [str(s) for s in OPEN_STATES]


def rows_of(appeals, on):
    """(appeal, working days to its deadline, working days past it or 0) for the lists: an open appeal late
    up to today, one answered or closed late by how late its answer came (selectors.late_days); the time
    limits count 工作日, so the days left do too."""
    appeals = list(appeals)
    return [(a, left, late) for a, left, late
            in zip(appeals, working_days_left(appeals, on), late_days(appeals, on), strict=True)]


def posted(request):
    """The posted data, even when empty (an empty POST still submits the form)."""
    return request.POST if request.method == "POST" else None


def refusal_errors(form, exc: Refused):
    """What the services refused, shown on the form with what was typed."""
    for reason in exc.reasons:
        form.add_error(None, reason)
