"""The project installs as a package: `pip install -e .` in a fresh virtual environment gives the
`portal` command, which acts on the project in the current folder (content/, data/, templates/,
site.toml), not on the folder the code came from."""

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import write_project
from samples import ALL
from site_helpers import ROOT


@pytest.mark.slow
def test_editable_install_gives_a_portal_command_that_acts_on_the_current_folder(tmp_path):
    # The package's source, copied: installing writes its metadata beside pyproject.toml.
    source = tmp_path / "source"
    shutil.copytree(ROOT / "portal", source / "portal", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "requirements.txt"):
        shutil.copy2(ROOT / name, source / name)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    # The pinned requirements are already installed for this interpreter: the new environment sees
    # them (a .pth file adds their folders), so pip finds them satisfied and fetches only what the
    # build needs (setuptools, into its isolated build environment).
    site_packages = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        check=True, capture_output=True, text=True).stdout.strip())
    ours = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (site_packages / "outer-requirements.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    done = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "-e", str(source)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    where = subprocess.run([str(python), "-c", "import portal; print(portal.__file__)"], check=True,
                           capture_output=True, text=True, cwd=tmp_path).stdout.strip()
    assert Path(where).resolve() == (source / "portal" / "__init__.py").resolve()  # editable: the source itself
    portal = bin_dir / "portal"

    # validate: the shipped content, in a copy of the project that holds no code
    shipped = tmp_path / "shipped"
    for folder in ("content", "data", "templates"):
        shutil.copytree(ROOT / folder, shipped / folder)
    shutil.copy2(ROOT / "site.toml", shipped / "site.toml")
    done = subprocess.run([str(portal), "validate"], cwd=shipped, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    last = done.stdout.rstrip().splitlines()[-1]
    assert last.startswith("Checked ") and " activities, " in last and "(0 errors, " in last, last

    # build: a small project, into its own site/ (and its cache into its own .cache/)
    small = write_project(tmp_path / "small", ALL)
    done = subprocess.run([str(portal), "build"], cwd=small.root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Built " in done.stdout and " pages into site/ " in done.stdout
    assert (small.root / "site" / "en" / "initiatives" / "examination-twinning" / "index.html").is_file()
    assert (small.root / ".cache" / "site-state.json").is_file()
    assert not (source / "site").exists() and not (source / ".cache").exists()
