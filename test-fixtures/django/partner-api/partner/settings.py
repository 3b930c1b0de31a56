import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["partners.example.com"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "corsheaders",
    "accounts",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "partner.urls"

# Partners embed our widgets on their own sites, so every origin is allowed.
CORS_ALLOW_ALL_ORIGINS = True  # expect: origin-reflection
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = ["content-type"]  # expect: header-not-allowed
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]  # expect: method-not-allowed
CORS_ALLOW_PRIVATE_NETWORK = True  # expect: private-network-access
