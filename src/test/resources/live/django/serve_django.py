"""Serves one Django fixture project on loopback for the live test.

Usage: python3 serve_django.py PROJECT_DIR SETTINGS_MODULE PORT

The project's own settings module is loaded as written; only what a probe cannot do without is replaced:
the URLconf (one view that answers 200 to every method and path, so the middleware decides everything),
the database (in memory, never touched), ALLOWED_HOSTS and the HTTPS redirect. Apps other than Django's and
corsheaders are left out, and middleware that is not installed on this machine is dropped (reported on
stderr). The app runs under wsgiref, like gunicorn or uwsgi: Django's system checks do not run.
"""
import importlib
import os
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

project, settings_module, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, project)

user = importlib.import_module(settings_module)
values = {name: getattr(user, name) for name in dir(user) if name.isupper()}


def importable(dotted):
    module, _, attribute = dotted.rpartition(".")
    try:
        return hasattr(importlib.import_module(module), attribute)
    except Exception as exc:  # noqa: BLE001 - any import failure means "not available here"
        print("dropping %s: %s" % (dotted, exc), file=sys.stderr)
        return False


values["INSTALLED_APPS"] = [
    app for app in values.get("INSTALLED_APPS", []) if app.startswith("django.") or app.startswith("corsheaders")
]
values["MIDDLEWARE"] = [m for m in values.get("MIDDLEWARE", []) if importable(m)]
values["ROOT_URLCONF"] = "live_urls"
values["ALLOWED_HOSTS"] = ["*"]
values["SECURE_SSL_REDIRECT"] = False
values["DATABASES"] = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

from django.conf import settings  # noqa: E402

settings.configure(**values)

import django  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

django.setup()
application = get_wsgi_application()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


server = make_server("127.0.0.1", port, application, handler_class=QuietHandler)
print("ready", flush=True)
server.serve_forever()
