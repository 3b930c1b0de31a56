import os

from flask import Flask, jsonify, request
from flask_cors import CORS, cross_origin

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "change-me")
app.config["CORS_HEADERS"] = "Content-Type"

# Allow the React front end during development and in production.
CORS(  # expect: origin-reflection
    app,
    supports_credentials=True,
    allow_headers=["Content-Type"],  # expect: header-not-allowed
)

ITEMS = {}


@app.route("/api/items", methods=["GET", "POST"])
def list_items():
    token = request.headers.get("X-Api-Token")
    return jsonify(list(ITEMS.values()))


@app.route("/api/items/<int:item_id>", methods=["PUT", "DELETE"])
def change_item(item_id):
    if request.method == "DELETE":
        ITEMS.pop(item_id, None)
        return "", 204
    ITEMS[item_id] = request.get_json()
    return jsonify(ITEMS[item_id])


@app.route("/api/items/<int:item_id>/stock", methods=["GET", "PUT"])
@cross_origin(origins="https://inventory.example.com", methods=["GET", "POST"])  # expect: method-not-allowed, missing-vary-origin
def stock(item_id):
    if request.method == "PUT":
        ITEMS[item_id]["stock"] = request.get_json()["stock"]
    return jsonify(ITEMS.get(item_id))
