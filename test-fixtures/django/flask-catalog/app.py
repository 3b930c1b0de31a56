from flask import Flask, jsonify, request
from flask_cors import CORS

app = Flask(__name__)

PRODUCTS = {1: {"id": 1, "name": "Desk lamp"}}


@app.after_request
def security_headers(response):
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.add("Access-Control-Allow-Origin", "https://catalog.example.com")  # expect: duplicate-cors-headers
    return response


CORS(
    app,
    origins=[
        "https://catalog.example.com",  # ok: malformed-origin, null-origin-allowed
        r"https://.*\.herokuapp\.com",  # expect: third-party-origin-trusted
    ],
    max_age=2592000,  # expect: excessive-max-age
)


@app.get("/api/products")
def products():
    return jsonify(list(PRODUCTS.values()))
