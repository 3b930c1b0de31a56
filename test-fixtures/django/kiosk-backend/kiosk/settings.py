import os

SECRET_KEY = os.environ.get("SECRET_KEY", "kiosk")
DEBUG = False
ALLOWED_HOSTS = ["*"]
DEVICE_KEY = os.environ.get("DEVICE_KEY", "")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "devices",
]

MIDDLEWARE = [
    "devices.middleware.DeviceKeyMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # expect: middleware-order
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "kiosk.urls"

CORS_ALLOWED_ORIGINS = [
    "https://kiosk.example.com",
    "null",  # expect: null-origin-allowed
    "http://display.kiosk.example.com",  # expect: insecure-origin-trusted
]
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = ("*",)  # expect: wildcard-with-credentials-headers
CORS_ALLOW_PRIVATE_NETWORK = True  # ok: private-network-access
