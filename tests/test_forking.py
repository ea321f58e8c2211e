"""The one helper that spreads work over forked processes (portal/forking.py): shares come back in
worker order, the job is inherited rather than sent, and a worker's error reaches the caller. Each
stage that uses it gives the same result in several processes as in one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from portal import forking
from site_helpers import forks


ROOT = Path(__file__).resolve().parent.parent


class _Unpicklable:
    """A job that cannot be sent to another process, only inherited by one."""

    def __init__(self, items):
        self.items = items

    def __reduce__(self):
        raise TypeError("the job must not be pickled")


def _share(job, index: int, workers: int) -> list:
    return [(item, index, workers, os.getpid()) for item in job.items[index::workers]]


def _fail(job, index: int, workers: int):
    if index == 1:
        raise ValueError("share 1 failed")
    return index


@forks
def test_shares_come_back_in_worker_order_and_interleave_to_the_items():
    job = _Unpicklable(list(range(23)))
    for here in (False, True):
        results = forking.shares(job, _share, 3, collect=False, here=here)
        assert [{(i, w) for _item, i, w, _pid in share} for share in results] == [{(0, 3)}, {(1, 3)}, {(2, 3)}]
        assert [item for item, *_ in forking.interleave(results)] == job.items
        pids = [share[0][3] for share in results]
        assert (pids[0] == os.getpid()) is here and os.getpid() not in pids[1:]
    assert forking._JOB is None  # the slot holds a job only while its processes are forked


def test_one_worker_runs_here_as_one_share():
    job = _Unpicklable(list(range(5)))
    assert forking.shares(job, _share, 1) == [[(i, 0, 1, os.getpid()) for i in range(5)]]


def test_without_fork_everything_runs_here(monkeypatch):
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    job = _Unpicklable(list(range(5)))
    assert forking.shares(job, _share, 4) == [[(i, 0, 1, os.getpid()) for i in range(5)]]
    assert forking.background(job, _share).result() == [[(i, 0, 1, os.getpid()) for i in range(5)]]


@forks
def test_background_runs_in_another_process_and_waits_when_asked():
    job = _Unpicklable(["a", "b"])
    running = forking.background(job, _share)
    assert forking._JOB is None
    (share,) = running.result()
    assert [item for item, *_ in share] == ["a", "b"] and share[0][3] != os.getpid()
    assert running.result() == [share]  # asked again: the same result, nothing runs again
    assert forking.background(job, _share, fork=False).result() == [[("a", 0, 1, os.getpid()), ("b", 0, 1, os.getpid())]]


@forks
def test_an_error_in_a_worker_reaches_the_caller():
    for here in (False, True):
        with pytest.raises(ValueError, match="share 1 failed"):
            forking.shares(None, _fail, 2, here=here)
    with pytest.raises(ValueError, match="share 1 failed"):
        forking.shares(None, lambda job, index, workers: _fail(job, index + 1, workers), 1)


@forks
def test_markdown_converted_in_several_processes_is_the_same(monkeypatch):
    from portal.markup import MarkdownRenderer

    texts = [(f"# Part {i}\n\nSome *text* with a [link](https://example.org/{i}) and 'quotes' -- {i}.\n"
              "\n[^1]\n\n[^1]: A note.\n", f"s{i % 3}" if i % 2 else "") for i in range(40)]
    one = MarkdownRenderer()
    assert one.convert_all(texts, workers=1) == 40
    monkeypatch.setattr(MarkdownRenderer, "PARALLEL_MIN", 10)
    several = MarkdownRenderer()
    assert several.convert_all(texts, workers=3) == 40
    assert several._memo == one._memo


@forks
def test_exports_made_in_another_process_are_the_same(monkeypatch):
    from portal.exports import Exporting
    from portal.pipeline import check
    from portal.project import Project

    catalog = check(Project(ROOT)).catalog
    here = Exporting(catalog, "2026-01-02").files()
    monkeypatch.setattr(Exporting, "PARALLEL_MIN_RECORDS", 1)
    forked = Exporting(catalog, "2026-01-02")
    assert forked.running.running  # in another process
    assert forked.files() == here


@forks
def test_no_fork_while_another_thread_runs():
    """A fork copies only the calling thread; with another thread running, the shares run here, and
    give the same results."""
    import os
    import threading

    from portal import forking

    def pids(job, index, workers):
        return [os.getpid()]

    assert forking.can_fork()
    forked = forking.shares(None, pids, 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not forking.can_fork()
        here = forking.shares(None, pids, 2)
    finally:
        stop.set()
        other.join()
    assert os.getpid() not in sum(forked, []) and here == [[os.getpid()]]
