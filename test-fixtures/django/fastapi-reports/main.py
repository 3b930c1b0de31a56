from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

API_KEYS = {"reports-dashboard"}

app = FastAPI(title="Public reports")

# Published reports are public: any site may embed them.
app.add_middleware(  # expect: middleware-order, header-not-allowed
    CORSMiddleware,
    allow_origins=["*"],  # expect: wildcard-origin
    allow_methods=["GET"],
    max_age=86400 * 30,  # expect: excessive-max-age
)


@app.middleware("http")
async def require_api_key(request: Request, call_next):
    if request.headers.get("x-api-key") not in API_KEYS:
        return JSONResponse({"detail": "missing API key"}, status_code=401)
    return await call_next(request)


@app.get("/reports")
async def reports():
    return []
