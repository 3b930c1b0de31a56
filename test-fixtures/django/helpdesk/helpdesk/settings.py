from decouple import config

SECRET_KEY = config("SECRET_KEY", default="helpdesk-dev")
DEBUG = config("DEBUG", default=False, cast=bool)
ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="helpdesk.example.com").split(",")

INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "helpdesk.urls"

CORS_ALLOW_CREDENTIALS = config("CORS_ALLOW_CREDENTIALS", default=True, cast=bool)  # expect: missing-allow-origin
if DEBUG:
    CORS_ALLOWED_ORIGINS = ["http://localhost:3000", "http://127.0.0.1:3000"]  # ok: dev-origin-in-production
