"""The validate command as contributors and CI meet it: text, GitHub and JSON reports, exit codes."""

import json
import sys

from portal.cli import main
from samples import ALL


def broken_project(make_project):
    files = dict(ALL)
    files["content/activities/patent-workshop.yml"] = files["content/activities/patent-workshop.yml"].replace(
        "type: workshop", "type: workshops")
    files["content/offers/gi-training.yml"] = files["content/offers/gi-training.yml"].replace("status: open", "status: opened")
    return make_project(files)


def test_valid_content_exits_zero_and_counts_records(make_project, capsys):
    project = make_project(ALL)
    assert main(["--root", str(project.root), "validate"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == ("Checked 7 record files: 1 activity, 1 consultant, 1 need, 1 offer, "
                           "1 case study, 2 initiatives, 0 matches (all valid).")


def test_problems_are_sorted_with_hints_and_a_count(make_project, capsys):
    project = broken_project(make_project)
    assert main(["--root", str(project.root), "validate"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("content/activities/patent-workshop.yml:3:7: error[vocabulary]: "
                        "'workshops' is not a code of the activity types vocabulary")
    assert lines[1].startswith("    hint: Did you mean 'workshop'?")
    assert lines[2] == ("content/offers/gi-training.yml:8:9: error[vocabulary]: "
                        "'opened' is not a code of the needs and offers statuses vocabulary")
    assert lines[4] == "2 errors, 0 warnings in 2 files"


def test_github_format_annotates_and_writes_the_job_summary(make_project, capsys, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    project = broken_project(make_project)
    assert main(["--root", str(project.root), "validate", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert ("::error file=content/activities/patent-workshop.yml,line=3,col=7,title=vocabulary::"
            "'workshops' is not a code of the activity types vocabulary%0ADid you mean 'workshop'?") in out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Content validation\n\n2 errors, 0 warnings in 2 files.")
    assert "| `content/offers/gi-training.yml:8:9` | error `vocabulary`:" in text


def test_json_format_for_tools(make_project, capsys):
    project = broken_project(make_project)
    assert main(["--root", str(project.root), "validate", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["errors"] == 2
    assert report["problems"][0] | {"hint": ""} == {
        "path": "content/activities/patent-workshop.yml", "line": 3, "column": 7, "code": "vocabulary",
        "message": "'workshops' is not a code of the activity types vocabulary", "hint": "",
        "field": "type", "severity": "error"}
    assert report["records"]["initiatives"] == 2


def test_loader_keeps_going_past_bad_files(make_project, capsys):
    files = dict(ALL)
    files["content/needs/broken.yml"] = "title: [unclosed\n"
    files["content/needs/bytes.yml"] = b"\xff\xfe\x00binary"
    project = make_project(files)
    assert main(["--root", str(project.root), "validate"]) == 1
    out = capsys.readouterr().out
    assert "content/needs/broken.yml:2:1: error[yaml-syntax]" in out
    assert "content/needs/bytes.yml:1:1: error[encoding]" in out
    assert out.splitlines()[-1] == ("Checked 9 record files: 1 activity, 1 consultant, 3 needs, 1 offer, "
                                    "1 case study, 2 initiatives, 0 matches (2 errors, 0 warnings in 2 files).")


def test_build_py_looks_for_every_package_the_portal_imports():
    """build.py finds out whether the environment is there by looking the portal's packages up (the
    command line imports a command's modules only when it runs it): every one the portal imports."""
    import ast
    import importlib.util

    from site_helpers import ROOT

    spec = importlib.util.spec_from_file_location("build_script", ROOT / "build.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    imported = set()
    for path in (ROOT / "portal").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"portal", "__future__"}
    assert set(script.NEEDED) == third_party


def test_build_py_without_its_environment_says_what_to_run(tmp_path):
    """Run by a Python without the project's packages (here the same interpreter with no site-packages
    at all: -S, and isolated from the environment: -I), build.py names the README's command instead of
    dying with a traceback."""
    import subprocess
    import sys

    from site_helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for args in (["--help"], ["validate"], []):
        done = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "build.py"), *args], capture_output=True,
                              text=True, cwd=tmp_path)
        said = done.stdout + done.stderr
        assert done.returncode == 2, said
        assert "Traceback" not in said and "is missing" in said, said
        command = f".venv/bin/python build.py {' '.join(args) or '--help'}"
        assert command in said, said
        assert command.split(" build.py")[0] + " build.py" in readme
