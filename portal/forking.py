"""Forked worker pools, and the garbage collector's part in making them, and the build, cheap.

A build makes millions of objects that live until it ends (the catalog, then every page's view)
and little cyclic garbage. Python's collector would walk those objects again and again while they
are being made (about 4 s of a 10,000-record build in this process alone), and a forked worker
that collects walks the parent's objects too, writing into their pages of memory and so copying
them. `collector_paused()` follows Python's advice for programs that fork (the `gc` module's
documentation, `gc.freeze`): the collector is off while the build runs, what exists is frozen
right before a fork, and the collector is on again in the workers, which then collect only what
they make. The build's objects are unfrozen and collectable again once it ends (`serve` builds
many times in one process)."""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def pool(workers: int, collect: bool = True) -> ProcessPoolExecutor:
    """A pool of `workers` forked processes, which inherit what the caller set up (module globals).
    `collect`: the workers' collector is on (they make and drop much, as rendering does); off for
    workers that only make what they return (as loading does), where it would walk it in vain."""
    gc.freeze()  # the workers do not touch, so do not copy, the objects that exist now
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=gc.enable if collect else gc.disable)


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
