from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware

router = APIRouter(prefix="/users")


@router.get("/")
async def list_users():
    return []


@router.delete("/{user_id}")
async def delete_user(user_id: int):
    return {"deleted": user_id}


app = FastAPI(
    middleware=[
        Middleware(
            CORSMiddleware,
            allow_origin_regex=r"https://admin(-?[a-z0-9]+)*\.example\.com",  # expect: origin-regex-redos
            allow_credentials=True,
            allow_methods=["GET", "POST"],  # expect: method-not-allowed
            allow_headers=["*"],  # ok: wildcard-with-credentials-headers
        ),
    ],
)
app.include_router(router)
