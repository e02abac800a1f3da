"""Shared fixtures: a small city with two districts (A = 惠济区, B = 中原区), their units, an enterprise
and one user per role, so every test can ask "can a user of district A see district B?"."""
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from luoshi.indicators.catalogue import ensure_catalogue
from luoshi.organisations.credit_code import check_char
from luoshi.organisations.models import Enterprise, Organisation, OrgKind, Profile, Role

PASSWORD = "test-pass-9137"


def valid_code(first17: str) -> str:
    """A 统一社会信用代码 with its correct check character."""
    return first17 + check_char(first17)


def make_user(username, role, organisation=None, enterprise=None, superuser=False):
    User = get_user_model()
    user = User.objects.create_user(username, password=PASSWORD, is_superuser=superuser, is_staff=superuser)
    if role:
        Profile.objects.create(user=user, role=role, organisation=organisation, enterprise=enterprise,
                               display_name=username)
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing is not under test; the slow production hasher would dominate the suite's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def chinese_after_each_test():
    """A request in English leaves English active in this thread; later tests expect the default."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def world(db):
    ensure_catalogue()
    city = Organisation.objects.create(name="郑州市", short_name="郑州市", kind=OrgKind.CITY)
    a = Organisation.objects.create(name="惠济区", short_name="惠济区", kind=OrgKind.DISTRICT, parent=city)
    b = Organisation.objects.create(name="中原区", short_name="中原区", kind=OrgKind.DISTRICT, parent=city)
    a_unit = Organisation.objects.create(name="古荥镇", short_name="古荥镇", kind=OrgKind.TOWN, parent=a)
    b_unit = Organisation.objects.create(name="须水街道", short_name="须水街道", kind=OrgKind.TOWN, parent=b)
    a_ent = Enterprise.objects.create(name="三全食品股份有限公司", credit_code=valid_code("91410100000000001"),
                                      district=a, is_above_scale=True)
    b_ent = Enterprise.objects.create(name="中原某企业", credit_code=valid_code("91410102000000002"), district=b)
    users = SimpleNamespace(
        city_admin=make_user("city_admin", Role.CITY_ADMIN, city),
        a_leader=make_user("a_leader", Role.DISTRICT_LEADER, a),
        a_data=make_user("a_data", Role.DISTRICT_DATA, a),
        a_unit=make_user("a_unit", Role.UNIT_STAFF, a_unit),
        a_enterprise=make_user("a_enterprise", Role.ENTERPRISE, enterprise=a_ent),
        a_discipline=make_user("a_discipline", Role.DISCIPLINE, a),
        b_data=make_user("b_data", Role.DISTRICT_DATA, b),
        b_leader=make_user("b_leader", Role.DISTRICT_LEADER, b),
    )
    return SimpleNamespace(city=city, a=a, b=b, a_unit=a_unit, b_unit=b_unit, a_ent=a_ent, b_ent=b_ent,
                           users=users)


@pytest.fixture
def indicator(world):
    from luoshi.indicators.models import Indicator

    return lambda code: Indicator.objects.get(code=code)


def xlsx_upload(sheets: dict[str, tuple[list, list]], name: str = "upload.xlsx"):
    """An uploaded workbook as a user would send it: {sheet title: (header, rows)}."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, (header, rows) in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(list(header))
        for row in rows:
            ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue())


@pytest.fixture
def run_worker(monkeypatch, django_capture_on_commit_callbacks):
    """The background worker over everything queued so far: django-tasks-db's own worker loop, as
    `python -m luoshi worker --batch` runs it, in the test's transaction (where checking the connection
    between tasks would close it). Returns how many tasks ran. Tasks deferred to a later time wait."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> int:
        ran = -1
        total = 0
        while ran:  # tasks that queue more work (after their own commit) are followed to the end
            worker = db_worker.Worker(queue_names=["*"], interval=0, batch=True, backend_name="default",
                                      startup_delay=False, max_tasks=None, worker_id="test-worker",
                                      excluded_queue_names=[])
            with django_capture_on_commit_callbacks(execute=True):
                worker.run()
            ran = worker._run_tasks
            total += ran
        return total

    return run


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` — what happens when the request's (or the step's) transaction commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submitted_twice(client, url, data, form_url=None):
    """Open the form as a user would (its one-time token comes with the page), then send it twice — a
    double click. `data` is a dict or, for files (read once each), a function giving a fresh dict."""
    import re

    html = client.get(form_url or url).content.decode()
    token = re.search(r'name="_once" value="([^"]+)"', html)
    assert token, f"the form at {form_url or url} carries no one-time token"
    fields = data if callable(data) else (lambda: dict(data))
    return [client.post(url, {**fields(), "_once": token.group(1)}) for _ in range(2)]


# --- the demo city, loaded once and shared ---------------------------------------------------------
# Loading the demo takes seconds; each test that reads it used to load it again. It is now loaded once
# into the test database inside an outer transaction; each test runs in its own savepoint within it
# (pytest-django's `db`), so what a test changes rolls back, and the outer transaction rolls back after
# the last test that uses it. Those tests run together at the end of the database tests (see
# pytest_collection_modifyitems), so no other test ever sees the demo.
DEMO_NOW = "2026-11-24 10:00 +0800"
_demo_state: dict = {"atomic": None}


def _close_demo(django_db_blocker):
    from django.db import transaction

    atomic = _demo_state["atomic"]
    if atomic is None:
        return
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    _demo_state["atomic"] = None


@pytest.fixture
def _demo_loaded(django_db_setup, django_db_blocker):
    """Opens the shared transaction and loads the demo into it, unless an earlier test did."""
    import time_machine
    from django.core.management import call_command
    from django.db import connection, transaction

    if _demo_state["atomic"] is None:
        with django_db_blocker.unblock():
            assert not connection.in_atomic_block, "the demo fixture must be set up before the test's db"
            atomic = transaction.atomic()
            atomic.__enter__()
            _demo_state["atomic"] = atomic
            with time_machine.travel(DEMO_NOW, tick=False):
                call_command("load_demo", verbosity=0)


@pytest.fixture
def demo(_demo_loaded, db):
    """The demo city as `load_demo` builds it on DEMO_NOW (shared, see above): its districts by short name.
    Request it before `client` or any fixture that writes, so the shared transaction encloses the test's."""
    return {o.short_name: o for o in Organisation.objects.filter(parent__kind="city")}


def _uses_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


def _plain_db_test(item) -> bool:
    """In pytest-django's first group: uses the database without committing (not transactional)."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = ("transactional_db" in names or "live_server" in names
                     or bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))))
    return not transactional and ("db" in names or marker is not None)


def pytest_collection_modifyitems(items):
    """The tests sharing the demo run one after another, last among the plain database tests (after
    pytest-django's own ordering, which puts those first)."""
    demo_items = [item for item in items if _uses_demo(item)]
    if not demo_items:
        return
    rest = [item for item in items if not _uses_demo(item)]
    cut = next((i for i, item in enumerate(rest) if not _plain_db_test(item)), len(rest))
    items[:] = rest[:cut] + demo_items + rest[cut:]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test of the run that shares the demo, roll the demo back."""
    yield
    if _demo_state["atomic"] is not None and (nextitem is None or not _uses_demo(nextitem)):
        from pytest_django.plugin import blocking_manager_key

        _close_demo(item.config.stash[blocking_manager_key])
