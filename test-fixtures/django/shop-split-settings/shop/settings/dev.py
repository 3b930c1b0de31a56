from .base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ["*"]

CORS_ALLOWED_ORIGINS += [
    "http://127.0.0.1:3000",  # ok: dev-origin-in-production
]
