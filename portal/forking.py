"""Forked worker processes, and the garbage collector's part in making them, and the build, cheap.

Work is spread by `shares(job, worker_fn, workers)`: `workers` processes forked from this one each
run `worker_fn(job, index, workers)` and usually take every workers-th item of the job from `index`
on (so that each gets its share of every kind of item), and the results come back in worker order
(`interleave` puts such items back in their order). The job is not sent to the workers: it is held
in this module's one slot (`_JOB`) only while they are forked, and they inherit it, however large
(the catalog, every page's view); only the results travel back, pickled. With `here`, this process
runs share 0 while the others run (loading does: the parent would otherwise only wait). With one
worker, or where there is no fork, the one share runs here, so the result is the same. For work
needed only later, `background(job, worker_fn)` starts one forked process now and its `result()`
waits for it (the open data exports, made while the pages are derived), and `Running` starts the
shares of a job and leaves them running (a language's pages rendered while the next is derived).
Each share is one forked process that sends its result back through a pipe of its own: nothing
here starts a thread (a pool of processes would, to manage them), so that work can fork while
other forked work runs.

A build makes millions of objects that live until it ends (the catalog, then every page's view)
and little cyclic garbage. Python's collector would walk those objects again and again while they
are being made (about 4 s of a 10,000-record build in this process alone), and a forked worker
that collects walks the parent's objects too, writing into their pages of memory and so copying
them. `collector_paused()` follows Python's advice for programs that fork (the `gc` module's
documentation, `gc.freeze`): the collector is off while the build runs, what exists is frozen
right before a fork, and the collector is on again in the workers (`collect=True`, for workers that
make and drop much, as rendering does) or stays off (`collect=False`, for workers that only make
what they return, as loading does, where it would walk that in vain), so that they collect only
what they make. The build's objects are unfrozen and collectable again once it ends (`serve`
builds many times in one process)."""

from __future__ import annotations

import gc
import multiprocessing
import threading
from contextlib import contextmanager
from typing import Any, Callable

_JOB: tuple | None = None  # (worker_fn, job) of the processes being forked: set just before, inherited


def can_fork() -> bool:
    """Where forking is safe: the system has fork, and this process runs no other thread. A fork
    copies only the calling thread, and a lock that another thread held at that moment (the
    interpreter's I/O locks, an HTTP server's) would stay locked forever in the child; a process with
    threads runs the shares here instead. `serve` answers HTTP from a process of its own for this
    reason, so that its builds keep forking."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _child(send, index: int, workers: int, collect: bool) -> None:
    """In a forked process: its share of the job it inherited, sent back pickled (or the error)."""
    (gc.enable if collect else gc.disable)()
    try:
        worker_fn, job = _JOB
        outcome = (True, worker_fn(job, index, workers))
    except BaseException as exc:  # the caller raises it
        outcome = (False, exc)
    try:
        send.send(outcome)
    except Exception as exc:  # a result or an error that cannot be pickled
        send.send((False, RuntimeError(f"share {index} could not send back what it made: {exc!r}")))
    finally:
        send.close()


class Running:
    """Shares of a job running in forked processes; `result()` waits for them and returns their
    results in worker order. Each is one process, forked at once, that sends its result back through
    a pipe of its own: no thread is started in this process (a pool of processes would start one to
    manage them), so that the next job can fork while these run (the build renders one language while
    it derives the next)."""

    def __init__(self, job, worker_fn: Callable, indexes: range, workers: int, collect: bool):
        global _JOB
        self._done: list | None = None
        self._children: list = []  # (process, the end of its pipe that reads)
        context = multiprocessing.get_context("fork")
        _JOB = (worker_fn, job)
        gc.freeze()  # the workers do not touch, so do not copy, the objects that exist now
        try:
            for index in indexes:
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(send, index, workers, collect))
                process.start()
                send.close()
                self._children.append((process, receive))
        except BaseException:
            self.stop()
            raise
        finally:
            _JOB = None

    @classmethod
    def finished(cls, results: list) -> Running:
        """Work already done in this process, behind the same interface."""
        running = cls.__new__(cls)
        running._done, running._children = results, []
        return running

    def result(self, tick: Callable[[], None] | None = None, every: float = 0.25) -> list:
        """The shares' results; `tick()`, if given, is called every `every` seconds while waiting."""
        if self._done is None:
            try:
                results = []
                for process, receive in self._children:
                    while tick is not None and not receive.poll(every):
                        tick()
                    try:
                        ok, value = receive.recv()  # before joining: a large result fills the pipe
                    except EOFError:
                        process.join()
                        raise RuntimeError(f"a worker process ended without its result (exit code {process.exitcode})") from None
                    if not ok:
                        raise value
                    results.append(value)
                self._done = results
            finally:
                self.stop()
        return self._done

    @property
    def running(self) -> bool:
        """Whether processes of this job are still there (not yet waited for)."""
        return bool(self._children)

    def stop(self) -> None:
        """Ends the processes not done (a failed build does not wait for them), and waits for them all."""
        for process, receive in self._children:
            if self._done is None and process.is_alive():
                process.terminate()
            process.join()
            receive.close()
        self._children = []


def shares(job, worker_fn: Callable[[Any, int, int], Any], workers: int, collect: bool = True,
           here: bool = False) -> list:
    """`worker_fn(job, index, workers)` for each index below `workers`, each in a forked process
    (share 0 in this one, while the others run, with `here`), and their results in worker order.
    With fewer than two workers, or where there is no fork, the results of one share run here."""
    if workers <= 1 or not can_fork():
        return [worker_fn(job, 0, 1)]
    running = Running(job, worker_fn, range(1 if here else 0, workers), workers, collect)
    try:
        mine = [worker_fn(job, 0, workers)] if here else []
    except BaseException:
        running.stop()
        raise
    return mine + running.result()


def background(job, worker_fn: Callable[[Any, int, int], Any], collect: bool = True,
               fork: bool = True) -> Running:
    """`worker_fn(job, 0, 1)` in one forked process started now, for a result needed later
    (`.result()[0]` waits for it); run here and now with `fork=False` or where there is no fork."""
    if not fork or not can_fork():
        return Running.finished([worker_fn(job, 0, 1)])
    return Running(job, worker_fn, range(1), 1, collect)


def interleave(results: list[list]) -> list:
    """The items of shares that each took every len(results)-th item from its index on, back in
    their order."""
    items: list = [None] * sum(len(share) for share in results)
    for index, share in enumerate(results):
        items[index::len(results)] = share
    return items


@contextmanager
def collector_paused():
    """Collector off for the block, as it was afterwards; what was frozen for the forks is thawed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
