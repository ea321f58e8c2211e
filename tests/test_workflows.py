"""The GitHub Actions workflows are safe to run on pull requests from anyone: no
pull_request_target, permissions declared on every job, actions pinned to commits, no credentials
left behind, no event text pasted into shell scripts, and zizmor finds nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(path: Path):
    for name, job in load(path)["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_the_three_workflows_exist():
    assert [p.name for p in FILES] == ["checks.yml", "deploy.yml", "initiative-issue.yml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_pull_request_target(path):
    code = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    assert not any("pull_request_target" in line for line in code)
    assert "pull_request_target" not in load(path)["on"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_job_declares_its_permissions_and_the_workflow_grants_none(path):
    workflow = load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job '{name}' does not declare its permissions"


def test_write_permissions_only_where_a_job_must_write():
    granted = {(path.name, name): {k for k, v in job["permissions"].items() if v == "write"}
               for path in FILES for name, job in load(path)["jobs"].items()}
    assert {key: value for key, value in granted.items() if value} == {
        ("deploy.yml", "deploy"): {"pages", "id-token"},
        ("initiative-issue.yml", "propose"): {"contents", "pull-requests", "issues"},
        ("initiative-issue.yml", "reply"): {"issues"},
        ("initiative-issue.yml", "report"): {"statuses"},
    }


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actions_are_pinned_to_commits_with_their_version(path):
    uses = [line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith(("uses:", "- uses:"))]
    assert uses, path.name
    assert [u for u in uses if not PINNED.match(u)] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path):
    for job, step in steps(path):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {job}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_shell_steps_read_event_data_only_from_the_environment(path):
    for job, step in steps(path):
        assert "${{" not in step.get("run", ""), f"{path.name}: a run step of '{job}' expands an expression"


def test_checks_validate_build_test_and_attach_the_site():
    workflow = load(WORKFLOWS / "checks.yml")
    assert set(workflow["on"]) == {"pull_request", "workflow_dispatch"}
    runs = [step.get("run", "") for _, step in steps(WORKFLOWS / "checks.yml")]
    assert "make setup" in runs  # the project's own install
    assert ".venv/bin/python build.py validate --format github" in runs
    assert ".venv/bin/python build.py build" in runs
    assert "make test" in runs
    upload = next(step for _, step in steps(WORKFLOWS / "checks.yml")
                  if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_deploy_publishes_main_with_the_pages_actions():
    workflow = load(WORKFLOWS / "deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    used = {step.get("uses", "").split("@")[0] for _, step in steps(WORKFLOWS / "deploy.yml")}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_issue_workflow_runs_the_steps_of_portal_issueflow():
    """Each job runs one step of portal/issueflow.py (tests/test_issueflow.py replays them); the one
    that reads the answers and the one that builds the pull request's files can only read."""
    workflow = load(WORKFLOWS / "initiative-issue.yml")
    assert workflow["on"] == {"issues": {"types": ["opened", "edited", "labeled"]}}
    jobs = workflow["jobs"]
    for name in ("check", "verify"):
        assert set(jobs[name]["permissions"].values()) == {"read"}
    runs = {name: " ".join(step.get("run", "") for step in job["steps"]) for name, job in jobs.items()}
    assert "-m portal.issueflow check --event \"$GITHUB_EVENT_PATH\"" in runs["check"]
    for step in ("reply", "propose", "report"):
        assert f"-m portal.issueflow {step} " in runs[step]
    assert "build.py validate" in runs["verify"] and "build.py build" in runs["verify"]
    # the issue's text is read from the event file, never through an expression
    text = (WORKFLOWS / "initiative-issue.yml").read_text(encoding="utf-8")
    assert "github.event.issue.body" not in text and "github.event.issue.title" not in text


def zizmor() -> str:
    found = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
    assert found, "zizmor is missing: install requirements-dev.txt (make does)"
    return found


@pytest.mark.parametrize("persona", ["regular", "pedantic"])
def test_zizmor_finds_nothing(persona):
    done = subprocess.run([zizmor(), "--offline", f"--persona={persona}", ".github/workflows/"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout
