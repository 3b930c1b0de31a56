import os

from flask import Flask, jsonify, request
from flask_cors import CORS, cross_origin

app = Flask(__name__)

# Each deployment lists its storefronts in FRONTEND_ORIGINS; local runs serve the main shop.
CORS(
    app,
    resources={r"/api/*": {"origins": os.environ.get("FRONTEND_ORIGINS", "https://shop.example.com").split(",")}},  # expect: missing-vary-origin
    supports_credentials=True,
    max_age=int(os.getenv("CORS_MAX_AGE", "600")),
)

CART = {}
FEEDBACK = []


@app.route("/api/cart", methods=["GET", "PUT"])
def cart():
    if request.method == "PUT":
        CART.update(request.get_json())
    return jsonify(CART)


# The feedback widget is embedded on the status page only.
@app.route("/feedback", methods=["GET", "POST"])
@cross_origin(origins=os.getenv("STATUS_PAGE_ORIGIN", "https://status.example.com"))  # expect: missing-vary-origin
def feedback():
    if request.method == "POST":
        FEEDBACK.append(request.get_json(silent=True))
    return jsonify(FEEDBACK)
