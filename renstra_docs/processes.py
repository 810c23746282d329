"""Work on the second core: a task run in a process forked from this one.

A fork shares the parent's memory until either side writes to it; a build pauses the cyclic
garbage collector (`collector.gc_paused`), so a child that reads only a few objects copies
only their pages. Where fork does not exist, or this process is a daemonic pool worker
(`renstra build --all`), the task simply runs here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """A child process is possible: 'fork' exists and this is no daemonic pool worker."""
    import multiprocessing

    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


class Aside(Generic[T]):
    """`task` started in a forked process while this one goes on (or, without fork, run by
    `finish`).

    `finish()` waits for it and gives its result (pickled back through a pipe); should the task
    have failed there (or the child died), it runs again here, so that its error is raised in
    this process exactly as without the fork: no traceback from the child, no half-done work
    taken for done. Tasks must therefore be repeatable (readers, writers of staging files).
    `join()` only waits: for a caller that failed itself and must not leave the child writing
    while it cleans up."""

    def __init__(self, task: Callable[[], T]):
        self._task = task
        self._child: Any = None
        if can_fork():
            from multiprocessing import get_context

            context = get_context("fork")
            self._answer, sender = context.Pipe(duplex=False)
            self._child = context.Process(target=_quietly, args=(task, sender, self._answer))
            self._child.start()
            sender.close()  # the child's end: EOF here once the child is gone

    def join(self) -> None:
        """Wait for the child, dropping its answer (a child still sending gives up)."""
        if self._child is not None:
            self._answer.close()
            self._child.join()
            self._child = None

    def finish(self) -> T:
        if self._child is None:
            return self._task()
        try:
            done, value = True, self._answer.recv()  # before join: the child may be sending
        except EOFError:  # the task failed there (or the child died)
            done, value = False, None
        self.join()
        return value if done else self._task()


def _quietly(task: Callable[[], Any], sender: Any, answer: Any) -> None:
    """In the child: run the task and send its result; on any error leave at once with exit
    code 1 and no answer (the parent runs the task again and reports the error itself). The
    parent's end is closed here first: once the parent closes it too (`join`), a send fails
    instead of waiting for a reader that will never come."""
    answer.close()
    try:
        sender.send(task())
    except BaseException:  # noqa: BLE001 - reported by the parent, which repeats the task
        os._exit(1)
