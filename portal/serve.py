"""`build.py serve`: build, serve site/ on 127.0.0.1, rebuild when content, data, templates or
settings change, and reload open pages. After an edit to a record, its own page is rewritten and
reloaded first (portal/live.py), then the full build follows. A failed rebuild keeps serving the
last good site. Edits are heard from the operating system's file events (watchfiles), not by
listing every file over and over."""

from __future__ import annotations

import functools
import http.server
import multiprocessing
from pathlib import Path

from . import forking

RELOAD_PATH = "/__build"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")  # the only names a Host header may give, with the port


class _Handler(http.server.SimpleHTTPRequestHandler):
    generation = None  # a counter shared with the building process (multiprocessing.Value)

    def _host_allowed(self) -> bool:
        """Whether the request names this computer: a page of another site, whose name was pointed at
        127.0.0.1 (DNS rebinding), sends its own name in Host and is refused."""
        host = (self.headers.get("Host") or "").strip().lower()
        port = self.server.server_port
        return host in {f"{name}:{port}" for name in LOOPBACK} or (port == 80 and host in LOOPBACK)

    def _refuse(self) -> None:
        self.send_error(421, "Misdirected Request",
                        "This server answers only for 127.0.0.1, localhost and [::1], with its port.")

    def list_directory(self, path):
        """No listings: a folder without index.html is not found."""
        self.send_error(404, "Not Found")
        return None

    def do_HEAD(self):  # noqa: N802 - the standard library's name
        if not self._host_allowed():
            return self._refuse()
        super().do_HEAD()

    def do_GET(self):  # noqa: N802 - the standard library's name
        if not self._host_allowed():
            return self._refuse()
        if self.path.split("?")[0] == RELOAD_PATH:
            body = str(type(self).generation.value).encode()
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


def serve(project, on_change, port: int, watch: list[Path], ready=None) -> None:
    """Serve until interrupted. `on_change(paths, reload)` handles a batch of changed files and calls
    `reload()` each time the open pages should reload; `ready(reload)` runs once, when the server is
    up and edits are being listened for."""
    import watchfiles

    # HTTP is answered by a process of its own, forked now, while this one has no other thread: the
    # builds that follow run here, single-threaded, and may fork their workers (portal/forking.py).
    context = multiprocessing.get_context("fork") if forking.can_fork() else multiprocessing.get_context()
    generation = context.Value("q", 0)
    handler = type("Handler", (_Handler,), {"generation": generation})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(project.site_dir)))
    answering = context.Process(target=_answer, args=(server,), daemon=True, name="portal-serve-http")
    answering.start()
    server.socket.close()  # the process answering has its own copy
    print(f"Serving on http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)", flush=True)

    def reload() -> None:
        with generation.get_lock():
            generation.value += 1

    try:
        listening = False
        # yield_on_timeout: the first (empty) batch comes once the watcher listens, so `ready` runs
        # when no edit can be missed any more; later empty batches are ignored.
        for changes in watchfiles.watch(*[p for p in watch if p.exists()], debounce=400, step=30,
                                        rust_timeout=1000, yield_on_timeout=True, raise_interrupt=False):
            if not listening:
                listening = True
                if ready:
                    ready(reload)
                print("Watching for changes.", flush=True)
            if changes:
                on_change(sorted({Path(path) for _change, path in changes}), reload)
    except KeyboardInterrupt:
        pass
    finally:
        print("\nStopped.")
        answering.terminate()
        answering.join(5)


def _answer(server) -> None:
    """In the process that answers HTTP: until it is terminated (Ctrl+C reaches the whole group)."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
