"""A forked child process that does one piece of work and writes what it found to a pipe.

`drawdown validate` and the explorer's load both check files on a second process. A bare fork and
a pipe: multiprocessing and concurrent.futures cost more to import and start than they save on a
few hundred files, and the child leaves with os._exit, without tearing down a heap it shares with
its parent nor running its parent's exit handlers.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable


def fork_child(work: Callable[[int], None], close: Iterable[int] = ()) -> tuple[int, int]:
    """Fork a child that runs `work` on the write end of a new pipe, then exits (status 0 when
    `work` returned, else 1, with no traceback on the terminal). The child first closes the file
    descriptors `close` (other children's pipes it inherited). Returns its pid and the pipe's read end."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.close(read_end)
            for fd in close:
                os.close(fd)
            work(write_end)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end
