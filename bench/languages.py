"""What the languages cost: builds the shipped content with one language and with the six of
site.toml, each twice (the first with empty caches, the second reusing the Markdown and PDF caches),
and prints the time of every stage, the pages written and the size of the site.

    python bench/languages.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.pipeline import build  # noqa: E402
from portal.project import Project  # noqa: E402

STAGES = ("load", "validate", "derive", "render", "print", "index", "publish")


def copy_project(target: Path, languages: list[str]) -> Project:
    for folder in ("content", "data", "templates"):
        shutil.copytree(ROOT / folder, target / folder)
    settings = tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]
    lines = ["[site]"] + [f"{k} = {v!r}".replace("'", '"') for k, v in settings.items() if k != "languages"]
    lines.append("languages = [" + ", ".join(f'"{code}"' for code in languages) + "]")
    (target / "site.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Project(target)


def size_of(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> int:
    six = tomllib.loads((ROOT / "site.toml").read_text(encoding="utf-8"))["site"]["languages"]
    print(f"{'languages':<22} {'run':<5} " + " ".join(f"{s:>8}" for s in STAGES) + f" {'total':>8} {'pages':>7} "
          f"{'files':>7} {'MB':>6}")
    for languages in (six[:1], six):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp), languages)
            for run in ("cold", "warm"):
                result = build(project)
                assert result.ok, [p.headline() for p in result.report.sorted()]
                files, size = size_of(project.site_dir)
                times = " ".join(f"{result.timings.get(s, 0):8.2f}" for s in STAGES)
                print(f"{','.join(languages):<22} {run:<5} {times} {sum(result.timings.values()):8.2f} "
                      f"{result.pages:7d} {files:7d} {size / 1e6:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
