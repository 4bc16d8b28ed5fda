"""Progress bars for long commands (`db copy`, `db backup`, imports): on standard error, and only when
it is a terminal, so pipes, logs and `--json` output never carry bar frames."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from factcheck.text.control import terminal_safe


@contextmanager
def progress_bar(
    description: str, total: int | None, *, stream: TextIO | None = None
) -> Iterator[Callable[[int], None]]:
    """A callback `advance(n)` that moves a bar of `total` units (None: unknown) while the block runs.

    Nothing is drawn when `stream` (default: sys.stderr) is not a terminal; the bar is removed when the
    block ends, so the command's own summary line stands alone. Rich honours NO_COLOR and TERM=dumb.
    """
    stream = stream or sys.stderr
    if not stream.isatty():
        yield lambda _n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream)
    columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(terminal_safe(description, one_line=True), total=total)
        yield lambda n: bar.advance(task, n)
