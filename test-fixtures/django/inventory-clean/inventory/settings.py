import os

from corsheaders.defaults import default_headers

SECRET_KEY = os.environ.get("SECRET_KEY", "inventory-local")
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["inventory-api.example.com"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "corsheaders",
    "stock",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",  # ok: middleware-order, preflight-not-handled
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "inventory.urls"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
}

CORS_URLS_REGEX = r"^/api/"
CORS_ALLOWED_ORIGINS = [
    "https://inventory.example.com",  # ok: malformed-origin, insecure-origin-trusted, null-origin-allowed, dev-origin-in-production, duplicate-cors-headers
    "https://warehouse.example.com",  # ok: origin-reflection, wildcard-origin
]
CORS_ALLOWED_ORIGIN_REGEXES = [
    r"^https://(eu|us|apac)\.inventory\.example\.com$",  # ok: permissive-origin-regex, origin-regex-redos, third-party-origin-trusted
]
if DEBUG:
    CORS_ALLOWED_ORIGINS += ["http://localhost:5173"]  # ok: dev-origin-in-production

CORS_ALLOW_CREDENTIALS = True  # ok: missing-allow-origin
CORS_ALLOW_HEADERS = (*default_headers, "x-request-id")  # ok: header-not-allowed, wildcard-with-credentials-headers
CORS_EXPOSE_HEADERS = ["X-Total-Count"]  # ok: wildcard-with-credentials-headers
CORS_PREFLIGHT_MAX_AGE = 7200  # ok: excessive-max-age
