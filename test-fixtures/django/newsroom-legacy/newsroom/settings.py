"""Settings for the newsroom API (Django 3.2, django-cors-headers 3.14 as shipped by Debian 12)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-secret")
DEBUG = False
ALLOWED_HOSTS = ["api.newsroom.example.com", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "corsheaders",
    "articles",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",  # ok: middleware-order
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

# Front ends that read the API with the editors' session cookie.
CORS_ORIGIN_WHITELIST = (
    "https://www.newsroom.example.com",  # ok: malformed-origin, insecure-origin-trusted
    "newsroom.example.com",  # expect: malformed-origin, null-origin-allowed
    "https://Editors.newsroom.example.com",  # expect: malformed-origin
    "http://preview.newsroom.example.com",  # expect: insecure-origin-trusted
    "http://localhost:8080",  # expect: dev-origin-in-production
)
CORS_ORIGIN_REGEX_WHITELIST = [
    r"^https://\w+\.newsroom\.example\.com",  # expect: permissive-origin-regex
]
CORS_ALLOW_CREDENTIALS = True
CORS_PREFLIGHT_MAX_AGE = 60 * 60 * 24 * 7  # expect: excessive-max-age
