from fastapi import FastAPI, Header
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(title="Tasks API")

origins = [
    "https://tasks.example.com",
    "https://tasks-staging.example.com",
]

app.add_middleware(  # expect: method-not-allowed, header-not-allowed
    CORSMiddleware,
    allow_origins=origins,
    allow_credentials=True,
)


@app.get("/tasks")
async def list_tasks(x_tenant_id: str = Header(...)):
    return []


@app.put("/tasks/{task_id}")
async def update_task(task_id: int):
    return {"id": task_id}
