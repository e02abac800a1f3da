"""The Redis-backed queue (LUOSHI_TASKS_BACKEND=rq: django-tasks-rq on RQ) for deployments with workers
on several machines: the same notify → outbox → worker path, with the queue in Redis. Runs against the
Redis at LUOSHI_TEST_REDIS_URL (default 127.0.0.1:6379, database 15, which these tests empty); skipped,
saying so, only when no Redis answers there."""
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection, transaction

from luoshi.notifications.models import OutboxEntry
from luoshi.notifications.services import notify

REDIS_URL = os.environ.get("LUOSHI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_queue(settings):
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"no Redis answers at {REDIS_URL} ({exc}); the Redis backend is not tested here")
    client.flushdb()
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    import django_rq

    yield django_rq.get_queue("default")
    client.flushdb()


def work(queue):
    """RQ's own worker, in this process (SimpleWorker: no fork), until the queue is empty."""
    import django_rq
    from rq.worker import SimpleWorker

    django_rq.get_worker("default", job_class="django_tasks_rq.Job", worker_class=SimpleWorker).work(burst=True)


@pytest.fixture
def leader(world):
    world.users.a_leader.email = "leader@example.gov.cn"
    world.users.a_leader.save()
    return world.users.a_leader


def test_with_redis_the_rq_worker_delivers_a_message_after_the_commit(leader, redis_queue, commit):
    with commit():
        notify([leader], "测试消息", "/x/")
        assert redis_queue.count == 0, "nothing reaches Redis before the commit"
    assert redis_queue.count == 1 and mail.outbox == []
    work(redis_queue)
    assert [m.to for m in mail.outbox] == [["leader@example.gov.cn"]]
    assert OutboxEntry.objects.get().status == OutboxEntry.Status.DELIVERED


def test_with_redis_a_failed_delivery_is_scheduled_again_for_its_retry_time(leader, redis_queue, commit, settings):
    from rq.registry import ScheduledJobRegistry

    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.BrokenBackend"
    with commit():
        notify([leader], "测试消息")
    work(redis_queue)
    entry = OutboxEntry.objects.get()
    assert entry.status == OutboxEntry.Status.PENDING and entry.attempts == 1
    scheduled = ScheduledJobRegistry(queue=redis_queue)
    assert len(scheduled) == 1
    assert abs(scheduled.get_scheduled_time(scheduled.get_job_ids()[0]) - entry.next_attempt_at).total_seconds() < 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_rqs_worker_in_its_own_process(leader, redis_queue):
    with transaction.atomic():
        notify([leader], "测试消息")
    assert redis_queue.count == 1
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        login = quote(db["USER"]) + (":" + quote(db["PASSWORD"]) if db.get("PASSWORD") else "")
        url = f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "LUOSHI_TASKS_BACKEND": "rq", "LUOSHI_REDIS_URL": REDIS_URL, "DATABASE_URL": url,
           "LUOSHI_VAR_DIR": str(django_settings.VAR_DIR),
           "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    done = subprocess.run([sys.executable, "-m", "luoshi", "worker", "--batch", "--no-beat", "--verbosity", "0"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    entry = OutboxEntry.objects.get()
    assert entry.status == OutboxEntry.Status.DELIVERED and entry.delivered_at
