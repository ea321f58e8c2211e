"""`build.py serve`: build, serve site/ on 127.0.0.1, rebuild when content, data, templates or
settings change, and update open pages. After an edit to a record, its own page is rewritten first
(portal/live.py), then the full build follows. A failed rebuild keeps serving the last good site and
shows its problems over every open page. Edits are heard from the operating system's file events
(watchfiles), not by listing every file over and over.

`serve` and `build` make the same site/: the reload script is added by this server to each HTML
page as it answers it (a `<script>` element naming a file that only this server has, which the
page's Content-Security-Policy allows as it comes from the site itself), never written into site/.
So a site built by `build` is served as it is, and a site/ copied after `serve` has no reload script.

The script asks `/__build` every moment for the state of the builds and for a fingerprint of its own
page (the page's bytes and the shared assets); it reloads when the fingerprint differs from the one
the server gave with the page, so a tab reloads once per edit, and only when what it shows changed."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import multiprocessing
import os
import re
import threading
import urllib.parse
from pathlib import Path

from . import forking
from .i18n import N_

STATUS_PATH = "/__build"
CLIENT_PATH = "/__serve/livereload.js"
CLIENT = Path(__file__).with_name("livereload.js")
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")  # the only names a Host header may give, with the port
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)

# What the overlay of a failed build says, in the page's language (the problems stay in English, as
# the terminal prints them).
OVERLAY_TEXTS = {
    "title": N_("The site could not be rebuilt"),
    "explanation": N_("This page shows the site as it was last built. Fix the problems below and save: "
                      "this message goes away when the next build succeeds."),
    "hint": N_("Hint:"),
}


def overlay_texts(languages) -> dict:
    """Language code -> the overlay's texts in that language."""
    return {language.code: {key: language.gettext(text) for key, text in OVERLAY_TEXTS.items()}
            for language in languages}


def problem_lines(report) -> list[dict]:
    """The report's problems as the terminal shows them (portal/problems.py, format_text)."""
    return [{"headline": p.headline(), "hint": p.hint, "severity": p.severity} for p in report.sorted()]


class Status:
    """What the answering process knows of the builds, told by the building process: whether the last
    one failed and with what problems, the overlay's texts, and a digest of the shared assets."""

    def __init__(self, site_dir: str = ""):
        self.lock = threading.Lock()
        self.site_dir = site_dir
        self.generation = 0  # messages received: builds finished and pages rewritten
        self.failed = False
        self.problems: list = []
        self.texts: dict = {}
        self.assets = ""

    def update(self, message: dict) -> None:
        assets = assets_digest(self.site_dir) if self.site_dir else ""
        with self.lock:
            self.generation += 1
            if "failed" in message:
                self.failed, self.problems = message["failed"], message.get("problems", [])
            if message.get("texts"):
                self.texts = message["texts"]
            self.assets = assets

    def listen(self, connection) -> None:
        """Until the building process closes its end: each message it sends updates the status."""
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError):
                return
            self.update(message)


def assets_digest(site_dir: str) -> str:
    """The shared files every page uses (stylesheets, scripts): names, sizes and modification times,
    which a build changes only when a file's bytes changed (portal/publish.py keeps the others)."""
    h = hashlib.sha256()
    folder = os.path.join(site_dir, "assets")
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            try:
                st = os.stat(os.path.join(top, name))
            except OSError:
                continue
            h.update(f"{os.path.relpath(os.path.join(top, name), folder)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def fingerprint(page: bytes | None, assets: str) -> str:
    """What a page shows, summed up: its bytes and the shared assets ('' when there is no page)."""
    if page is None:
        return ""
    return hashlib.sha256(assets.encode() + b"\0" + page).hexdigest()[:16]


def inject(page: bytes, mark: str) -> bytes:
    """The page with the reload script added at the end of its head (or at its start, if none)."""
    tag = f'<script src="{CLIENT_PATH}" data-page="{mark}" defer></script>\n'.encode()
    found = _HEAD_END.search(page)
    at = found.start() if found else 0
    return page[:at] + tag + page[at:]


class _Handler(http.server.SimpleHTTPRequestHandler):
    status: Status = Status()  # replaced by a subclass's, for each server

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

    def _page_file(self, url_path: str) -> str | None:
        """The HTML file of site/ that a URL path names (a folder's index.html), or None."""
        path = self.translate_path(url_path)
        if os.path.isdir(path):
            if not url_path.split("?")[0].endswith("/"):
                return None  # the standard handler redirects to the folder's address
            path = os.path.join(path, "index.html")
        return path if path.endswith(".html") and os.path.isfile(path) else None

    def _read_page(self, path: str | None) -> bytes | None:
        if path is None:
            return None
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError:
            return None

    def _send(self, body: bytes, content_type: str, head: bool = False, cache: str = "no-cache") -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self._cache = cache
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _answer(self, head: bool) -> None:
        self._cache = "no-cache"
        if not self._host_allowed():
            return self._refuse()
        url = urllib.parse.urlsplit(self.path)
        if url.path == STATUS_PATH:
            return self._send(self._state(urllib.parse.parse_qs(url.query)), "application/json", head, "no-store")
        if url.path == CLIENT_PATH:
            return self._send(CLIENT.read_bytes(), "text/javascript; charset=utf-8", head)
        page = self._read_page(self._page_file(self.path))
        if page is None:
            return super().do_HEAD() if head else super().do_GET()
        with self.status.lock:
            assets = self.status.assets
        self._send(inject(page, fingerprint(page, assets)), "text/html; charset=utf-8", head)

    def _state(self, query: dict) -> bytes:
        """The builds' state, with the fingerprint of the page asked for (?page=/en/...)."""
        page = self._read_page(self._page_file(query.get("page", ["/"])[0]))
        lang = query.get("lang", [""])[0]
        with self.status.lock:
            s = self.status
            texts = s.texts.get(lang) or s.texts.get("en") or next(iter(s.texts.values()), {})
            body = {"generation": s.generation, "failed": s.failed, "problems": s.problems if s.failed else [],
                    "texts": texts, "page": fingerprint(page, s.assets)}
        return json.dumps(body, ensure_ascii=False).encode("utf-8")

    def do_HEAD(self):  # noqa: N802 - the standard library's name
        self._answer(head=True)

    def do_GET(self):  # noqa: N802 - the standard library's name
        self._answer(head=False)

    def end_headers(self):
        self.send_header("Cache-Control", getattr(self, "_cache", "no-cache"))
        super().end_headers()

    def log_message(self, format, *args):  # quiet: the build prints what matters
        pass


def serve(project, on_change, port: int, watch: list[Path], ready=None, first: dict | None = None) -> None:
    """Serve until interrupted. `on_change(paths, tell)` handles a batch of changed files and calls
    `tell(message)` each time site/ changed or a build ended (`{}`: pages were rewritten;
    `{"failed": bool, "problems": [...], "texts": {...}}`: a build ended); `ready(tell)` runs once,
    when the server is up and edits are being listened for; `first` is what the first build told."""
    import watchfiles

    # HTTP is answered by a process of its own, forked now, while this one has no other thread: the
    # builds that follow run here, single-threaded, and may fork their workers (portal/forking.py).
    # What the builds tell it goes through a pipe, which needs no thread on this side.
    context = multiprocessing.get_context("fork") if forking.can_fork() else multiprocessing.get_context()
    receiving, sending = context.Pipe(duplex=False)
    status = Status(str(project.site_dir))
    status.update(first or {})
    handler = type("Handler", (_Handler,), {"status": status})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(project.site_dir)))
    answering = context.Process(target=_answer, args=(server, status, receiving), daemon=True,
                                name="portal-serve-http")
    answering.start()
    server.socket.close()  # the process answering has its own copy
    receiving.close()
    print(f"Serving on http://127.0.0.1:{server.server_port}/ (Ctrl+C to stop)", flush=True)

    def tell(message: dict) -> None:
        try:
            sending.send(message)
        except OSError:  # the answering process is gone: nothing to tell
            pass

    try:
        listening = False
        # yield_on_timeout: the first (empty) batch comes once the watcher listens, so `ready` runs
        # when no edit can be missed any more; later empty batches are ignored.
        for changes in watchfiles.watch(*[p for p in watch if p.exists()], debounce=400, step=30,
                                        rust_timeout=1000, yield_on_timeout=True, raise_interrupt=False):
            if not listening:
                listening = True
                if ready:
                    ready(tell)
                print("Watching for changes.", flush=True)
            if changes:
                on_change(sorted({Path(path) for _change, path in changes}), tell)
    except KeyboardInterrupt:
        pass
    finally:
        print("\nStopped.")
        sending.close()
        answering.terminate()
        answering.join(5)


def _answer(server, status: Status, receiving) -> None:
    """In the process that answers HTTP: until it is terminated (Ctrl+C reaches the whole group)."""
    threading.Thread(target=status.listen, args=(receiving,), daemon=True, name="portal-serve-status").start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
