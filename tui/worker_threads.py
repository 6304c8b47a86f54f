"""The threads Textual's thread workers run on, each job in a context of its own.

Textual 8.2.8 runs a thread worker with `loop.run_in_executor(None, ...)` and sets its
`active_worker` context variable right in the executor thread's own context (worker.py,
`run_callable`). That context outlives the job: each thread of asyncio's default executor keeps
the last worker it ran, and through it the worker's widget, its screen and everything the screen
showed, after the screen is closed. The thread's context is held from C, where the collector does
not look, so nothing freed it: at 3,000 scenarios a closed figures screen kept 24 MB. Run here,
each job gets a fresh context that goes with the job.
"""

from __future__ import annotations

import asyncio
import contextvars
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, TypeVar

T = TypeVar("T")


class FreshContextExecutor(ThreadPoolExecutor):
    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return super().submit(contextvars.Context().run, fn, *args, **kwargs)


def use_fresh_contexts(loop: asyncio.AbstractEventLoop) -> None:
    """Make the loop's default executor (where Textual's thread workers run) a FreshContextExecutor."""
    loop.set_default_executor(FreshContextExecutor(thread_name_prefix="worker"))
