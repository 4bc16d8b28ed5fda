"""A progress bar on stderr for long CLI commands (rich), shown only to a person at a terminal.

The services report progress through a plain callback (phase, done, total or None); this turns those
calls into a bar. Nothing is drawn when stderr is not a terminal (a pipe, a log file, a test), nor for
small jobs that end before a bar would help.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

Report = Callable[[str, int, int | None], None]
# Below this many items the whole job takes about a second: a bar would only flicker.
SHOW_FROM = 5000


@contextmanager
def progress_bar(stream: IO[str] | None = None, *, show_from: int = SHOW_FROM) -> Iterator[Report | None]:
    """A `Report` drawing a bar per phase on `stream` (stderr), or None when `stream` is no terminal."""
    stream = stream if stream is not None else sys.stderr
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=stream),
        transient=True,  # gone when done: the command's own result line is what stays
    )
    tasks: dict[str, int] = {}

    def report(phase: str, done: int, total: int | None) -> None:
        if phase not in tasks:
            if max(done, total or 0) < show_from:
                return
            tasks[phase] = bar.add_task(phase, total=total, completed=done)
            bar.refresh()  # a new phase is shown at once, not at the next timed refresh
            return
        bar.update(tasks[phase], completed=done, total=total)

    with bar:
        yield report
