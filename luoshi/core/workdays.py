"""Working days (工作日) as China counts them: Monday to Friday, minus the public holidays, plus the make-up
working days (调休), minus the district's own days off (settings.LUOSHI["LOCAL_DAYS_OFF"]).

The holidays live in the `core.Holiday` table (seeded from `chinesecalendar`, edited in the admin), so a
date beyond the library's range never fails: it simply follows the week until someone enters that year's
State Council notice. Every deadline counted in 工作日 (appeal time limits, 督办 reply deadlines) comes
from here.
"""
from datetime import date, timedelta

from django.conf import settings


def _local_days_off() -> set[date]:
    return {d if isinstance(d, date) else date.fromisoformat(str(d))
            for d in settings.LUOSHI.get("LOCAL_DAYS_OFF", ())}


def _exceptions(start: date, end: date) -> dict[date, bool]:
    """{date: is working} for every date between start and end (inclusive) that the week rule gets wrong."""
    from luoshi.core.models import Holiday

    found = {d: kind == Holiday.Kind.WORK
             for d, kind in Holiday.objects.filter(date__range=(start, end)).values_list("date", "kind")}
    for d in _local_days_off():
        if start <= d <= end:
            found[d] = False
    return found


def _working(d: date, exceptions: dict[date, bool]) -> bool:
    return exceptions.get(d, d.weekday() < 5)


def is_working_day(d: date) -> bool:
    return _working(d, _exceptions(d, d))


def _span(days: int) -> int:
    """Calendar days that surely hold `days` working days (the longest Chinese break is 8 days)."""
    return days * 7 // 5 + 14


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted): 5 working days from Friday
    2025-09-26 is 2025-10-10 (Sunday 09-28 is a make-up day, 10-01 to 10-08 are 国庆). Zero gives the first
    working day from start on (start itself if it is one)."""
    if days < 0:
        raise ValueError("days must not be negative")
    window = _span(days)
    exceptions = _exceptions(start, start + timedelta(days=window))
    d, left = start, days
    if days == 0:
        while not _working(d, exceptions):
            d += timedelta(days=1)
        return d
    while left:
        d += timedelta(days=1)
        if d > start + timedelta(days=window):
            window += _span(left)
            exceptions.update(_exceptions(d, start + timedelta(days=window)))
        if _working(d, exceptions):
            left -= 1
    return d


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when end is before start (a deadline
    passed by that many working days)."""
    if end < start:
        return -working_days_between(end, start)
    exceptions = _exceptions(start, end)
    return sum(_working(start + timedelta(days=i), exceptions) for i in range(1, (end - start).days + 1))


def working_days_late(pairs) -> list[int]:
    """For each (deadline, end): the working days after the deadline up to and including end, 0 when end is
    not after it; every pair against one read of the holidays (a list of appeals costs one query)."""
    pairs = list(pairs)
    late = [(d, e) for d, e in pairs if d is not None and e is not None and e > d]
    if not late:
        return [0] * len(pairs)
    exceptions = _exceptions(min(d for d, _e in late), max(e for _d, e in late))
    return [sum(_working(d + timedelta(days=i), exceptions) for i in range(1, (e - d).days + 1))
            if d is not None and e is not None and e > d else 0 for d, e in pairs]


def _count(start: date, end: date, exceptions: dict[date, bool]) -> int:
    return sum(_working(start + timedelta(days=i), exceptions) for i in range(1, (end - start).days + 1))


def _left(on: date, deadline: date, exceptions: dict[date, bool]) -> int:
    return _count(on, deadline, exceptions) if deadline >= on else -_count(deadline, on, exceptions)


def working_days_left(on: date, deadlines) -> list[int | None]:
    """For each deadline, the working days from `on` to it as the time limits count them: after `on` up to
    and including the deadline (0 on the day itself), negative by the working days it has been passed (as
    `working_days_late`); None without a deadline. Every deadline against one read of the holidays."""
    deadlines = list(deadlines)
    known = [d for d in deadlines if d is not None]
    if not known:
        return [None] * len(deadlines)
    exceptions = _exceptions(min([on, *known]), max([on, *known]))
    return [None if d is None else _left(on, d, exceptions) for d in deadlines]


class DaysLeft:
    """`working_days_left` for deadlines met one at a time (an API list's rows): one read of the holidays
    for a year and a bit either side of `on`, the rare deadline beyond it read on its own."""

    REACH = timedelta(days=400)

    def __init__(self, on: date):
        self.on, self._exceptions = on, None

    def __call__(self, deadline: date | None) -> int | None:
        if deadline is None:
            return None
        if abs(deadline - self.on) > self.REACH:
            return working_days_left(self.on, [deadline])[0]
        if self._exceptions is None:
            self._exceptions = _exceptions(self.on - self.REACH, self.on + self.REACH)
        return _left(self.on, deadline, self._exceptions)


def library_source() -> str:
    from importlib.metadata import version

    return f"chinesecalendar {version('chinesecalendar')}"


def seed_from_library(model=None) -> int:
    """Copy `chinesecalendar`'s holidays that fall on weekdays and its make-up working days into the table;
    dates already there (an admin's correction included) are kept. Returns how many were added."""
    import chinese_calendar

    if model is None:
        from luoshi.core.models import Holiday as model
    source = library_source()
    rows = {d: ("rest", str(name)) for d, name in chinese_calendar.holidays.items() if d.weekday() < 5}
    rows.update({d: ("work", str(name)) for d, name in chinese_calendar.workdays.items() if d.weekday() >= 5})
    known = set(model.objects.filter(date__in=rows).values_list("date", flat=True))
    model.objects.bulk_create([model(date=d, kind=kind, name=name[:60], source=source)
                               for d, (kind, name) in sorted(rows.items()) if d not in known])
    return len(rows) - len(known)
