from .base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["api.shop.example.com"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CORS_ALLOWED_ORIGINS += [
    "https://admin.shop.example.com",
]
