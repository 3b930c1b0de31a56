"""Serves one Flask fixture application on loopback for the live test.

Usage: python3 serve_flask.py PROJECT_DIR MODULE:APP PORT   (MODULE:factory() calls an app factory)
"""
import importlib
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

project, target, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, project)
module_name, _, attribute = target.partition(":")
module = importlib.import_module(module_name)
if attribute.endswith("()"):
    app = getattr(module, attribute[:-2])()
else:
    app = getattr(module, attribute)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


server = make_server("127.0.0.1", port, app, handler_class=QuietHandler)
print("ready", flush=True)
server.serve_forever()
