"""One way to run blocking work off the GUI thread and get the answer back on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

logger = logging.getLogger(__name__)


class TaskRunner(QObject):
    """Runs callables on a small thread pool; results and exceptions arrive as callbacks on the
    thread that owns the runner (the GUI thread). Never blocks the caller.
    """

    _finished = Signal(object, object, object)  # future, on_done, on_error

    def __init__(self, max_workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers, thread_name_prefix="jitdesk-task")
        self._finished.connect(self._deliver)
        self._pending = 0

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> Future[Any]:
        """Start ``fn`` in the background; call ``on_done(result)`` or ``on_error(exc)`` later."""
        self._pending += 1
        future = self._pool.submit(fn)
        future.add_done_callback(lambda f: self._finished.emit(f, on_done, on_error))
        return future

    @Slot(object, object, object)
    def _deliver(self, future: Future[Any], on_done: Any, on_error: Any) -> None:
        self._pending -= 1
        if future.cancelled():
            return
        error = future.exception()
        if error is None:
            if on_done is not None:
                on_done(future.result())
        elif on_error is not None and isinstance(error, Exception):
            on_error(error)
        else:
            logger.error("background task failed", exc_info=error)

    def shutdown(self) -> None:
        """Stop taking work; running tasks finish on their own."""
        self._pool.shutdown(wait=False, cancel_futures=True)
