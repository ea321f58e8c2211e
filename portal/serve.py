"""`build.py serve`: build, serve site/ on 127.0.0.1, rebuild when content, data, templates or
settings change, and reload open pages. A failed rebuild keeps serving the last good site."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

RELOAD_PATH = "/__build"


def _snapshot(paths: list[Path]) -> dict:
    state = {}
    for base in paths:
        if base.is_file():
            state[base] = base.stat().st_mtime_ns
            continue
        if base.is_dir():
            for p in base.rglob("*"):
                if p.is_file():
                    state[p] = p.stat().st_mtime_ns
    return state


class _Handler(http.server.SimpleHTTPRequestHandler):
    generation = 0

    def do_GET(self):  # noqa: N802 - the standard library's name
        if self.path.split("?")[0] == RELOAD_PATH:
            body = str(type(self).generation).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):  # quiet: the build prints what matters
        pass


def serve(project, rebuild, port: int, watch: list[Path], interval: float = 0.5) -> None:
    """Serve until interrupted. `rebuild()` runs a build and returns True when it succeeded."""
    handler = type("Handler", (_Handler,), {})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(project.site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"Serving on http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)", flush=True)
    before = _snapshot(watch)
    try:
        while True:
            time.sleep(interval)
            now = _snapshot(watch)
            if now != before:
                before = now
                if rebuild():
                    handler.generation += 1
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        server.shutdown()
