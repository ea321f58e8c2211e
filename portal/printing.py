"""The case studies' PDF, built with WeasyPrint from their printable compilation page in the
staging folder, so the PDF and the page never disagree. A content-hash cache skips the work when
the page has not changed; it can only skip work, never change the result."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path


# Where the PDF's links point when the site's public address is not configured: a reserved name,
# never the build machine's folders (which would also make every build's PDF different).
PLACEHOLDER_BASE = "https://portal.invalid/"


def build_pdf(staged: Path, page: str, target: str, cache_dir: Path | None, base_url: str = "") -> int:
    source = staged / page
    css = sorted((staged / "assets").glob("*.css"))
    base = (base_url.rstrip("/") + "/") if base_url else PLACEHOLDER_BASE
    digest = hashlib.sha256(base.encode() + source.read_bytes() + b"".join(p.read_bytes() for p in css)).hexdigest()
    out = staged / target
    out.parent.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"{digest}.pdf" if cache_dir else None
    if cached and cached.is_file():
        shutil.copyfile(cached, out)
        return out.stat().st_size
    import weasyprint  # imported here: only builds that write the PDF pay for loading it

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StagedFiles(URLFetcher):
        """Stylesheets come from the staging folder, whatever the links' public address; nothing
        is fetched from anywhere else (the build works offline)."""

        def fetch(self, url, headers=None):
            if not url.startswith(base):
                raise ValueError(f"not part of the site: {url}")
            local = staged / url[len(base):].split("#")[0].split("?")[0]
            kind = {".css": "text/css", ".svg": "image/svg+xml"}.get(local.suffix, "application/octet-stream")
            return URLFetcherResponse(url, body=local.read_bytes(), headers={"Content-Type": kind})

    document = weasyprint.HTML(string=source.read_text(encoding="utf-8"), base_url=base + page,
                               url_fetcher=StagedFiles(), media_type="print")
    document.write_pdf(str(out))  # WeasyPrint writes no creation date unless the page has one
    if cached:
        cache_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, cached)
    return out.stat().st_size
