from .base import *  # noqa: F401,F403

ALLOWED_HOSTS = ["portal.corp.example"]
SESSION_COOKIE_SECURE = True
