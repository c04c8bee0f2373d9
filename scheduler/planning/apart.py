"""Planning in a separate process, for the app.

A search in a thread of the app's own process holds Python's GIL whenever it runs Python code or
a C++ call that does not release it (importing OR-Tools, building the CP-SAT model): the window
then stalls for hundreds of milliseconds. In a spawned process it never does: the problem goes in
and the result comes out as plain, picklable values; progress comes back through a queue and the
user's stop goes there through an event. The caller's thread only waits.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from typing import Any, TypeVar

from scheduler.planning.deadline import check_limits
from scheduler.planning.planner import Progress

POLL_SECONDS = 0.1  # how often the waiting thread looks at `should_stop`
LEAST_SECONDS = 0.5  # the time limit left to the search when the process took all the rest to start

Result = TypeVar("Result")


def plan_apart(
    planner: Callable[..., Result],
    *arguments: Any,
    time_limit: float,
    effort: float | None,
    seed: int,
    on_progress: Callable[[Progress], None] | None,
    should_stop: Callable[[], bool] | None,
    **options: Any,
) -> Result:
    """`planner(*arguments, time_limit=..., effort=..., seed=..., on_progress=..., should_stop=...,
    **options)` in a spawned process: `make_plan` or `add_post_incident`, with the same result and
    errors (ValueError for limits out of bounds). The time limit counts from this call, the
    process's start included (a second or two on a busy machine)."""
    check_limits(time_limit, effort, seed, 0.0)
    context = multiprocessing.get_context("spawn")
    messages: Queue[tuple[str, Any]] = context.Queue()
    stop = context.Event()
    limits = (time_limit, effort, seed, time.time())
    task = (planner, arguments, options)
    process = context.Process(target=_plan, args=(task, limits, messages, stop), daemon=True)
    process.start()
    try:
        while True:
            try:
                kind, payload = messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if should_stop is not None and should_stop():
                    stop.set()
                if not process.is_alive() and messages.empty():
                    ended = f"the planning process ended without a plan (exit {process.exitcode})"
                    raise RuntimeError(ended) from None
                continue
            if kind == "progress":
                if on_progress is not None:
                    on_progress(payload)
            elif kind == "done":
                result: Result = payload
                return result
            elif kind == "invalid":
                raise ValueError(payload)
            else:
                raise RuntimeError(payload)
    finally:
        stop.set()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()


def _plan(
    task: tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]],
    limits: tuple[float, float | None, int, float],
    messages: Queue[tuple[str, Any]],
    stop: Event,
) -> None:
    """The child process: plan, sending each better plan's progress and then the result."""
    planner, arguments, options = task
    time_limit, effort, seed, started = limits
    left = max(time_limit - (time.time() - started), LEAST_SECONDS)
    try:
        result = planner(
            *arguments,
            time_limit=left,
            effort=effort,
            seed=seed,
            on_progress=lambda progress: messages.put(("progress", progress)),
            should_stop=stop.is_set,
            **options,
        )
    except ValueError as error:  # a roster too large, say: the caller's to report, as in-process
        messages.put(("invalid", str(error)))
    except Exception as error:  # a bug: reported to the waiting thread, which must not wait for ever
        messages.put(("failed", f"planning failed unexpectedly: {error}"))
    else:
        messages.put(("done", result))
