SECRET_KEY = "override-in-production"
DEBUG = False

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "corsheaders",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "portal.urls"

# The dashboard front end sends the session cookie.
CORS_ALLOW_CREDENTIALS = True  # expect: missing-allow-origin
