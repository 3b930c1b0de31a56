class Config:
    CORS_ORIGINS = ["https://billing.example.com"]  # expect: missing-vary-origin
    CORS_SUPPORTS_CREDENTIALS = True  # ok: wildcard-with-credentials-headers


class ProductionConfig(Config):
    CORS_MAX_AGE = 3600  # ok: excessive-max-age
