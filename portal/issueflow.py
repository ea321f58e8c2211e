"""The issue-form route, step by step, for `.github/workflows/initiative-issue.yml`: every step the
workflow takes is a subcommand here, so that tests replay them on recorded events with a stubbed
GitHub API (tests/test_issueflow.py), and the workflow's shell only passes files and outputs.

- `check` (a job that can only read): reads the event, converts the answers with the project's own
  converter and validator (portal/intake.py) and decides: reply on the issue (opened or edited: what
  to correct, or that the answers are ready for a maintainer; labelled `accepted` with problems:
  what to correct), or propose (labelled `accepted`, answers valid), or nothing.
- `reply` (may write issues): one comment on the issue, updated in place on every edit.
- `propose` (may write contents, pull requests and issues): the record on a branch, the pull
  request that closes the issue, and a comment on the issue with its link.
- `report` (may write commit statuses): the checks the workflow ran on the pull request's files
  (validate, build) as statuses of its head commit, which GitHub shows on the pull request. A pull
  request opened with the workflow's token starts no other workflow, so the checks run here.

Only `check` needs the project's packages; the other steps use the standard library."""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

FORM_LABEL = "initiative"  # the issue form puts it on every issue it opens
ACCEPTED = "accepted"  # a maintainer's decision to propose the record
MARKER = "<!-- initiative-check -->"  # marks the comment `reply` keeps up to date
BRANCH = "initiative/issue-{number}"
STATUS_CONTEXT = "initiative-issue / {check}"
CHECKS = ("validate", "build")


@dataclass(frozen=True)
class Decision:
    """What `check` decided, handed from the read-only job to the writing ones (as JSON)."""

    action: str  # "reply", "propose" or "none"
    issue: int = 0
    comment: str = ""  # reply: the Markdown to post
    path: str = ""  # propose: content/initiatives/<id>.md
    record: str = ""  # propose: the file's text


# --------------------------------------------------------------------------- the GitHub API


class GitHub:
    """The few REST calls the steps make, with the job's token; `request` is what tests stub."""

    def __init__(self, repository: str, token: str, api: str = "https://api.github.com"):
        self.repository, self.token, self.api = repository, token, api.rstrip("/")

    def request(self, method: str, path: str, body: dict | None = None):
        """(status, decoded JSON or None); a 404 is an answer, other errors raise."""
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(f"{self.api}/repos/{self.repository}{path}", data=data, method=method,
                                         headers={"Authorization": f"Bearer {self.token}",
                                                  "Accept": "application/vnd.github+json",
                                                  "X-GitHub-Api-Version": "2022-11-28"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (https, fixed host)
                text = response.read().decode("utf-8")
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return 404, None
            raise


# --------------------------------------------------------------------------- the steps


def _labels(issue: dict) -> set[str]:
    return {label["name"] for label in issue.get("labels", [])}


def check(event: dict, project, today=None) -> Decision:
    """The decision for one `issues` event (opened, edited or labeled)."""
    import datetime as dt

    from .intake import convert, format_report

    issue = event["issue"]
    number = issue["number"]
    action = event.get("action", "")
    if FORM_LABEL not in _labels(issue):
        return Decision("none", number)
    if action == "labeled" and event.get("label", {}).get("name") != ACCEPTED:
        return Decision("none", number)
    if action not in ("opened", "edited", "labeled"):
        return Decision("none", number)
    day = today or dt.date.fromisoformat(issue["created_at"][:10])
    intake = convert(issue.get("body") or "", project, day)
    target = project.root / intake.path
    if intake.ok and target.exists():
        comment = (f"A record named `{intake.path}` already exists. If this issue corrects that initiative, a "
                   "maintainer edits the file instead; otherwise give the partnership a name of its own, by "
                   "editing the issue.")
        return Decision("reply", number, comment=f"{MARKER}\n{comment}\n")
    if not intake.ok:
        return Decision("reply", number, comment=f"{MARKER}\n{format_report(intake)}")
    if action == "labeled":
        return Decision("propose", number, path=intake.path, record=intake.text)
    ready = (f"Thank you. The answers make a valid initiative record, `{intake.path}`: nothing to correct. A "
             f"maintainer will review them and apply the `{ACCEPTED}` label to propose the record; if you edit "
             "the answers, this comment is updated.")
    return Decision("reply", number, comment=f"{MARKER}\n{ready}\n")


def reply(decision: Decision, github: GitHub) -> str:
    """Posts the comment, or updates the one posted earlier (marked), so an issue edited many times
    carries one current answer. Returns the comment's address."""
    _, comments = github.request("GET", f"/issues/{decision.issue}/comments?per_page=100")
    mine = [c for c in comments or () if MARKER in (c.get("body") or "")
            and (c.get("user") or {}).get("login") == "github-actions[bot]"]
    if mine:
        _, done = github.request("PATCH", f"/issues/comments/{mine[-1]['id']}", {"body": decision.comment})
    else:
        _, done = github.request("POST", f"/issues/{decision.issue}/comments", {"body": decision.comment})
    return (done or {}).get("html_url", "")


def propose(decision: Decision, github: GitHub, base: str) -> dict:
    """The record on the issue's branch (updated when the label is applied again), the pull request
    that closes the issue, and a comment with its link. Returns the pull request's number, address and
    head commit, for the checks."""
    branch = BRANCH.format(number=decision.issue)
    status, _ = github.request("GET", f"/git/ref/heads/{branch}")
    previous = None
    if status == 404:
        _, ref = github.request("GET", f"/git/ref/heads/{base}")
        github.request("POST", "/git/refs", {"ref": f"refs/heads/{branch}", "sha": ref["object"]["sha"]})
    else:
        found, existing = github.request("GET", f"/contents/{decision.path}?ref={branch}")
        previous = existing["sha"] if found == 200 and existing else None
    content = base64.b64encode(decision.record.encode("utf-8")).decode("ascii")
    put = {"message": f"Add {decision.path} from issue #{decision.issue}", "content": content, "branch": branch}
    if previous:
        put["sha"] = previous
    _, written = github.request("PUT", f"/contents/{decision.path}", put)
    head = written["commit"]["sha"]
    owner = github.repository.split("/")[0]
    _, pulls = github.request("GET", f"/pulls?head={owner}:{branch}&state=open")
    if pulls:
        pull = pulls[0]
    else:
        body = (f"Converted from the answers of #{decision.issue} with `.venv/bin/python build.py from-issue`. "
                f"Closes #{decision.issue}.\n\nThe workflow that opened it checks it (validate, build) and "
                "reports the result on this pull request. Review it with the checklist of "
                "`.github/pull_request_template.md`.\n")
        _, pull = github.request("POST", "/pulls", {"title": f"Add initiative {decision.path}", "head": branch,
                                                    "base": base, "body": body})
    github.request("POST", f"/issues/{decision.issue}/comments", {"body": (
        f"Thank you. The answers make a valid record, `{decision.path}`, proposed in {pull['html_url']}. The "
        "checks run on it now; a maintainer will review it before it is published.")})
    return {"number": pull["number"], "url": pull["html_url"], "sha": head}


def report(github: GitHub, sha: str, outcomes: dict, run_url: str) -> list[dict]:
    """One commit status per check on the pull request's head commit: success or failure, linked to the run."""
    posted = []
    for name in CHECKS:
        outcome = outcomes.get(name, "skipped")
        state = {"success": "success", "failure": "failure"}.get(outcome, "error")
        words = {"success": "passed", "failure": "failed"}.get(outcome, f"did not run ({outcome})")
        body = {"state": state, "context": STATUS_CONTEXT.format(check=name), "target_url": run_url,
                "description": f".venv/bin/python build.py {name} {words}"}
        github.request("POST", f"/statuses/{sha}", body)
        posted.append(body)
    return posted


# --------------------------------------------------------------------------- the command line


def _github() -> GitHub:
    return GitHub(os.environ["GITHUB_REPOSITORY"], os.environ["GH_TOKEN"],
                  os.environ.get("GITHUB_API_URL", "https://api.github.com"))


def _outputs(values: dict) -> None:
    """Step outputs for the next jobs: into $GITHUB_OUTPUT, one line each (printed when run by hand)."""
    lines = "".join(f"{k}={v}\n" for k, v in values.items())
    target = os.environ.get("GITHUB_OUTPUT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(lines)
    else:
        sys.stdout.write(lines)


def _decision(encoded: str) -> Decision:
    return Decision(**json.loads(base64.b64decode(encoded).decode("utf-8")))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m portal.issueflow", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="step", required=True)
    c = sub.add_parser("check", help="decide what to do with an issues event (needs the project's packages)")
    c.add_argument("--event", required=True, help="the event payload ($GITHUB_EVENT_PATH)")
    c.add_argument("--root", default=".", help="the project (default: the current folder)")
    r = sub.add_parser("reply", help="post or update the comment on the issue")
    r.add_argument("--decision", required=True, help="the decision of `check`, as its output gives it")
    pr = sub.add_parser("propose", help="commit the record, open the pull request, link it on the issue")
    pr.add_argument("--decision", required=True)
    pr.add_argument("--base", required=True, help="the branch to propose to")
    rp = sub.add_parser("report", help="the checks' outcomes as statuses of the pull request's head commit")
    rp.add_argument("--sha", required=True)
    rp.add_argument("--run-url", required=True)
    for name in CHECKS:
        rp.add_argument(f"--{name}", default="skipped", help=f"the outcome of the {name} step")
    args = p.parse_args(argv)

    if args.step == "check":
        from .project import Project

        event = json.loads(Path(args.event).read_text(encoding="utf-8"))
        decision = check(event, Project(Path(args.root).resolve()))
        print(decision.comment or f"{decision.action}: {decision.path}")
        # Base64 keeps the output on one line, whatever the answers contain.
        _outputs({"action": decision.action,
                  "decision": base64.b64encode(json.dumps(asdict(decision)).encode("utf-8")).decode("ascii")})
    elif args.step == "reply":
        print(reply(_decision(args.decision), _github()))
    elif args.step == "propose":
        pull = propose(_decision(args.decision), _github(), args.base)
        print(pull["url"])
        _outputs(pull)
    elif args.step == "report":
        report(_github(), args.sha, {name: getattr(args, name) for name in CHECKS}, args.run_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
