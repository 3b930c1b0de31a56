SECRET_KEY = "notes-secret-change-me"
DEBUG = False
ALLOWED_HOSTS = ["api.example-notes.com"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "corsheaders",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "notes.urls"

CORS_ALLOWED_ORIGINS = [
    "https://notes.example-notes.com",  # ok: duplicate-cors-headers
]
