import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()

app.add_middleware(
    CORSMiddleware,  # ok: preflight-not-handled, middleware-order
    allow_origins=os.environ.get("CORS_ORIGINS", "https://shop.example.com").split(","),  # ok: wildcard-origin, origin-reflection
    allow_origin_regex=r"https://shop\.example\.com.*",  # expect: permissive-origin-regex
    allow_methods=["*"],
    allow_headers=["Authorization", "Content-Type"],
)


@app.patch("/cart/{item_id}")
async def update_cart(item_id: int):
    return {"id": item_id}
