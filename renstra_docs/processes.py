"""Work on the second core: a task run in a process forked from this one.

A fork shares the parent's memory until either side writes to it; a build pauses the cyclic
garbage collector (`collector.gc_paused`), so a child that reads only a few objects copies
only their pages. Where fork does not exist, or this process is a daemonic pool worker
(`renstra build --all`), the task simply runs here.
"""

from __future__ import annotations

import os
from collections.abc import Callable


def can_fork() -> bool:
    """A child process is possible: 'fork' exists and this is no daemonic pool worker."""
    import multiprocessing

    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


class Aside:
    """`task` started in a forked process while this one goes on (or, without fork, run by
    `finish`).

    `finish()` waits for it; should the task have failed there (or the child died), it runs
    again here, so that its error is raised in this process exactly as without the fork: no
    traceback from the child, no half-done work taken for done. Tasks must therefore be
    repeatable (writers of staging files are). `join()` only waits: for a caller that failed
    itself and must not leave the child writing while it cleans up."""

    def __init__(self, task: Callable[[], None]):
        self._task = task
        self._child = None
        if can_fork():
            from multiprocessing import get_context

            self._child = get_context("fork").Process(target=_quietly, args=(task,))
            self._child.start()

    def join(self) -> bool:
        """Wait for the child; whether the task was done there."""
        if self._child is None:
            return False
        self._child.join()
        return self._child.exitcode == 0

    def finish(self) -> None:
        if not self.join():
            self._task()


def _quietly(task: Callable[[], None]) -> None:
    """In the child: run the task; on any error leave at once with exit code 1 (the parent
    runs the task again and reports the error itself)."""
    try:
        task()
    except BaseException:  # noqa: BLE001 - reported by the parent, which repeats the task
        os._exit(1)
