"""WSGI entry point (gunicorn luoshi.wsgi): the application, loaded whole and its start-up heap frozen
(`core.startup.freeze_loaded_heap`) before the first request."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
application = get_wsgi_application()

from luoshi.core.startup import freeze_loaded_heap  # noqa: E402 — needs the apps loaded

freeze_loaded_heap()
