import os

SECRET_KEY = os.environ.get("SECRET_KEY", "not-for-production")
DEBUG = False
ALLOWED_HOSTS = [".events.example"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "corsheaders",
    "tickets",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "events.urls"

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = [
    "https://events.example",
    "https://tickets.events.example:443",  # expect: malformed-origin
]
CORS_ALLOWED_ORIGIN_REGEXES = [
    # Organiser sites on their own subdomains, and preview builds of the front end.
    r"^https://tickets(-?[a-z0-9]+)*\.events\.example$",  # expect: origin-regex-redos
    r"^https://[a-z0-9-]+\.vercel\.app$",  # expect: third-party-origin-trusted
    r"^https://(berlin|lisbon|porto)\.organisers\.events\.example$",  # ok: permissive-origin-regex, origin-regex-redos, third-party-origin-trusted
]
CORS_ALLOW_CREDENTIALS = True
CORS_EXPOSE_HEADERS = ["*"]  # expect: wildcard-with-credentials-headers
CORS_ALLOW_PRIVATE_NETWORK = True  # expect: private-network-access
