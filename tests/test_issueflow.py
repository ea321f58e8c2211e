"""The issue-form workflow, replayed: each job's step of portal/issueflow.py runs on a recorded
`issues` event (tests/events/: opened, edited, labelled) against a stubbed GitHub API, and the test
checks the comments, the branch, the file, the pull request and the statuses it would make."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from portal import issueflow
from portal.issueflow import Decision, check, main, propose, report, reply

EVENTS = Path(__file__).parent / "events"
REPOSITORY = "example-org/ip-portal"


def event(name: str) -> dict:
    return json.loads((EVENTS / name).read_text(encoding="utf-8"))


class StubGitHub(issueflow.GitHub):
    """GitHub's REST API as far as the steps use it: records every call, keeps comments, refs, files
    and pull requests in memory, answers 404 for what does not exist."""

    def __init__(self):
        super().__init__(REPOSITORY, "token")
        self.calls: list[tuple[str, str, dict | None]] = []
        self.comments: dict[int, dict] = {}
        self.refs = {"main": "base000"}
        self.files: dict[tuple[str, str], str] = {}
        self.pulls: list[dict] = []
        self.statuses: list[tuple[str, dict]] = []

    def request(self, method, path, body=None):
        self.calls.append((method, path, body))
        route = path.split("?")[0]
        if method == "GET" and route.startswith("/git/ref/heads/"):
            name = route.removeprefix("/git/ref/heads/")
            return (200, {"object": {"sha": self.refs[name]}}) if name in self.refs else (404, None)
        if method == "POST" and route == "/git/refs":
            self.refs[body["ref"].removeprefix("refs/heads/")] = body["sha"]
            return 201, {}
        if method == "GET" and route.startswith("/contents/"):
            branch = path.split("ref=")[1]
            key = (branch, route.removeprefix("/contents/"))
            return (200, {"sha": f"blob-{len(self.files[key])}"}) if key in self.files else (404, None)
        if method == "PUT" and route.startswith("/contents/"):
            self.files[(body["branch"], route.removeprefix("/contents/"))] = base64.b64decode(body["content"]).decode()
            sha = f"commit{len(self.calls)}"
            self.refs[body["branch"]] = sha
            return 200, {"commit": {"sha": sha}}
        if method == "GET" and route == "/pulls":
            head = path.split("head=")[1].split("&")[0].split(":")[1]
            return 200, [p for p in self.pulls if p["head"] == head]
        if method == "POST" and route == "/pulls":
            pull = {"number": 43, "html_url": f"https://github.com/{REPOSITORY}/pull/43", **body}
            self.pulls.append(pull)
            return 201, pull
        if method == "GET" and route.endswith("/comments"):
            return 200, [c for c in self.comments.values() if c["issue"] == int(route.split("/")[2])]
        if method == "POST" and route.endswith("/comments"):
            number = len(self.comments) + 1
            self.comments[number] = {"id": number, "issue": int(route.split("/")[2]), "body": body["body"],
                                     "user": {"login": "github-actions[bot]"},
                                     "html_url": f"https://github.com/{REPOSITORY}/issues/42#issuecomment-{number}"}
            return 201, self.comments[number]
        if method == "PATCH" and route.startswith("/issues/comments/"):
            comment = self.comments[int(route.rsplit("/", 1)[1])]
            comment["body"] = body["body"]
            return 200, comment
        if method == "POST" and route.startswith("/statuses/"):
            self.statuses.append((route.removeprefix("/statuses/"), body))
            return 201, body
        raise AssertionError(f"unexpected call {method} {path}")


@pytest.fixture
def project(make_project):
    return make_project({})


def test_opened_with_mistakes_the_issue_hears_what_to_correct(project):
    decision = check(event("issue-opened.json"), project)
    assert decision.action == "reply" and decision.issue == 42
    github = StubGitHub()
    reply(decision, github)
    [comment] = github.comments.values()
    body = comment["body"]
    assert body.startswith(issueflow.MARKER)
    assert "The answers cannot become a record yet: 2 things to correct." in body
    assert "- **End date**: '2021-13-01' is not a valid date." in body
    assert "- **Partners, line 2 (Japan Patent Office)**: Partner 'Japan Patent Office' is from JPN (Japan)" in body
    assert not github.pulls and not github.files  # nothing is proposed before a maintainer accepts it


def test_edited_and_corrected_the_same_comment_says_it_is_ready(project):
    github = StubGitHub()
    reply(check(event("issue-opened.json"), project), github)
    decision = check(event("issue-edited.json"), project)
    assert decision.action == "reply"
    reply(decision, github)
    [comment] = github.comments.values()  # updated in place, not a second comment
    assert "The answers make a valid initiative record, `content/initiatives/patent-examination-twinning.md`" \
        in comment["body"]
    assert "apply the `accepted` label" in comment["body"]
    assert [c[0] for c in github.calls].count("PATCH") == 1


def test_labelled_accepted_the_pull_request_is_opened_linked_and_checked(project):
    decision = check(event("issue-labeled-accepted.json"), project)
    assert decision.action == "propose"
    assert decision.path == "content/initiatives/patent-examination-twinning.md"
    github = StubGitHub()
    pull = propose(decision, github, "main")

    branch = "initiative/issue-42"
    assert github.refs[branch] == pull["sha"]
    assert ("POST", "/git/refs", {"ref": f"refs/heads/{branch}", "sha": "base000"}) in github.calls
    text = github.files[(branch, decision.path)]
    assert text == decision.record and "title: \"Patent examination twinning\"" in text
    [opened] = github.pulls
    assert opened["base"] == "main" and opened["head"] == branch and "Closes #42." in opened["body"]
    [comment] = github.comments.values()
    assert f"proposed in https://github.com/{REPOSITORY}/pull/43" in comment["body"]

    # the workflow's own checks, reported on the pull request's head commit
    report(github, pull["sha"], {"validate": "success", "build": "failure"}, "https://github.com/run/1")
    assert [(sha, s["context"], s["state"]) for sha, s in github.statuses] == [
        (pull["sha"], "initiative-issue / validate", "success"), (pull["sha"], "initiative-issue / build", "failure")]

    # accepted again after an edit: the same branch and pull request, the file updated in place
    again = Decision("propose", 42, path=decision.path, record=decision.record.replace("every year", "twice a year"))
    propose(again, github, "main")
    assert len(github.pulls) == 1
    put = [body for method, path, body in github.calls if method == "PUT"][-1]
    assert put["sha"].startswith("blob-") and "twice a year" in github.files[(branch, decision.path)]


def test_other_labels_and_other_issues_are_left_alone(project):
    assert check(event("issue-labeled-other.json"), project).action == "none"
    unrelated = event("issue-opened.json")
    unrelated["issue"]["labels"] = [{"name": "bug"}]
    assert check(unrelated, project).action == "none"


def test_the_steps_run_from_the_command_line_as_the_workflow_calls_them(project, tmp_path, monkeypatch, capsys):
    outputs = tmp_path / "output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    assert main(["check", "--event", str(EVENTS / "issue-labeled-accepted.json"), "--root", str(project.root)]) == 0
    values = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    assert values["action"] == "propose"
    github = StubGitHub()
    monkeypatch.setattr(issueflow, "_github", lambda: github)
    assert main(["propose", "--decision", values["decision"], "--base", "main"]) == 0
    assert github.pulls and "sha=commit" in outputs.read_text(encoding="utf-8")
    assert main(["report", "--sha", "commit1", "--run-url", "https://github.com/run/1", "--validate", "success"]) == 0
    assert [s["state"] for _, s in github.statuses] == ["success", "error"]  # build: skipped is not a success
