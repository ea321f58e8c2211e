"""The case studies' PDF, built with WeasyPrint from their printable compilation page in the
staging folder, so the PDF and the page never disagree. A content-hash cache skips the work when
the page has not changed; it can only skip work, never change the result."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path


def build_pdf(staged: Path, page: str, target: str, cache_dir: Path | None) -> int:
    source = staged / page
    css = sorted((staged / "assets").glob("*.css"))
    digest = hashlib.sha256(source.read_bytes() + b"".join(p.read_bytes() for p in css)).hexdigest()
    out = staged / target
    out.parent.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"{digest}.pdf" if cache_dir else None
    if cached and cached.is_file():
        shutil.copyfile(cached, out)
        return out.stat().st_size
    import weasyprint  # imported here: only builds that write the PDF pay for loading it

    document = weasyprint.HTML(filename=str(source), base_url=str(source.parent) + "/", media_type="print")
    # No creation date in the file: the same page gives the same PDF.
    document.write_pdf(str(out), metadata={"created": None, "modified": None}, uncompressed_pdf=False)
    if cached:
        cache_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, cached)
    return out.stat().st_size
