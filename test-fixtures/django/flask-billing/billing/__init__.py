from flask import Flask, jsonify, request
from flask_cors import CORS


def add_cors_headers(response):
    # Some invoice widgets are embedded on customer sites.
    response.headers.add("Access-Control-Allow-Origin", request.headers.get("Origin", "*"))  # expect: origin-reflection, duplicate-cors-headers
    return response


def create_app():
    app = Flask(__name__)
    app.config.from_object("billing.config.ProductionConfig")
    app.after_request(add_cors_headers)
    CORS(app)

    @app.route("/api/invoices")
    def invoices():
        return jsonify([])

    return app
