"""`python -m luoshi worker`: run the background worker of the configured backend (LUOSHI_TASKS_BACKEND)
and, beside it, the beat that queues the periodic tasks (core/schedule.py). Several workers may run at
once, on one machine or many: each task runs once, each periodic slot is queued once."""
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection

from luoshi.core import schedule

BEAT_SECONDS = 20


def beat(stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            close_old_connections()
            schedule.tick()
        except Exception:  # noqa: BLE001 - a database hiccup must not kill the beat; try again next round
            schedule.log.exception("beat failed")
        finally:
            connection.close()
        stop.wait(BEAT_SECONDS)


class Command(BaseCommand):
    help = ("后台任务处理进程:发送通知、生成简报文件、处理大文件导入、定时督办和催报。"
            "生产环境由systemd常驻运行(见docs/deployment.md)。")

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="处理完当前排队的任务(含到期的定时任务)后退出")
        parser.add_argument("--no-beat", action="store_true", help="不排定时任务(另有进程负责时)")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时的轮询间隔(秒,数据库队列)")
        parser.add_argument("--worker-id", default=None, help="进程标识(多进程时各不相同;默认自动生成)")

    def handle(self, *args, batch, no_beat, interval, worker_id, **options):
        backend = settings.LUOSHI_TASKS_BACKEND
        if backend == "immediate":
            raise CommandError("LUOSHI_TASKS_BACKEND=immediate 时任务在提交后立即执行,无需后台进程")
        verbosity = options["verbosity"]
        stop = threading.Event()
        if batch:
            if not no_beat:
                schedule.tick()
        elif not no_beat:
            threading.Thread(target=beat, args=(stop,), name="luoshi-beat", daemon=True).start()
        try:
            if backend == "db":
                extra = ["--worker-id", worker_id] if worker_id else []
                call_command("db_worker", "--queue-name", "*", "--no-reload", "--interval", str(interval),
                             *(["--batch", "--no-startup-delay"] if batch else []), *extra, verbosity=verbosity)
            else:
                extra = ["--name", worker_id] if worker_id else []
                call_command("rqworker", "default", "--job-class", "django_tasks_rq.Job", "--with-scheduler",
                             *(["--burst"] if batch else []), *extra, verbosity=verbosity)
        finally:
            stop.set()
            time.sleep(0)
