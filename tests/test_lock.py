"""The installs are hash-pinned: requirements.lock agrees with the requirements files it is made
from, pins pip, carries a sha256 for every package, and is what this environment has installed."""
from __future__ import annotations

import importlib.metadata
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: pathlib.Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[canonical(match[1])] = match[2]
    return found


def locked() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes), from the lock's `name==version \\ --hash=...` entries."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        if entry.startswith("#"):
            entry = "\n".join(line for line in entry.splitlines() if not line.startswith("#"))
        match = PIN.match(entry.strip())
        if match:
            entries[canonical(match[1])] = (match[2].rstrip(" \\"), re.findall(r"--hash=sha256:([0-9a-f]{64})", entry))
    return entries


def test_every_locked_package_has_a_sha256():
    entries = locked()
    assert len(entries) > 30
    missing = sorted(name for name, (_, hashes) in entries.items() if not hashes)
    assert missing == []


def test_the_lock_pins_pip():
    assert locked()["pip"][0] == "26.2.1"


def test_the_lock_agrees_with_the_requirements_files():
    wanted = {**pins(ROOT / "requirements.txt"), **pins(ROOT / "requirements-dev.txt")}
    have = {name: version for name, (version, _) in locked().items()}
    # Every package the lock installs is pinned in a requirements file, transitive ones included,
    # so that a reader of requirements*.txt sees all that is installed; and at the same version.
    assert sorted(set(have) - set(wanted) - {"pip"}) == []
    assert sorted(set(wanted) - set(have)) == []
    assert {name: (wanted[name], have[name]) for name in wanted if wanted[name] != have[name]} == {}


def test_setup_installs_the_lock_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements.lock" in makefile
    assert re.search(r"^\$\(STAMP\): requirements\.lock$", makefile, re.M)


def test_this_environment_is_the_lock():
    stale = {}
    for name, (version, _) in locked().items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            stale[name] = (version, installed)
    assert stale == {}, "run `make setup` again (delete .venv/.installed first) to install requirements.lock"
