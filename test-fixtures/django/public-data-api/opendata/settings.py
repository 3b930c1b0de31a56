SECRET_KEY = "public-data"
DEBUG = False
ALLOWED_HOSTS = ["data.example.gov"]

INSTALLED_APPS = ["django.contrib.contenttypes", "corsheaders"]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "opendata.urls"

# Open data: any site may read the datasets.
CORS_URLS_REGEX = r"^/datasets/"
CORS_ALLOW_ALL_ORIGINS = True  # expect: wildcard-origin
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_PREFLIGHT_MAX_AGE = 86400  # ok: excessive-max-age
