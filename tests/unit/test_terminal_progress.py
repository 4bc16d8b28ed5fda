"""The progress bar of long CLI commands: drawn for a person at a terminal, never into a pipe or a log."""

from __future__ import annotations

import io

from factcheck.terminal_progress import progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with progress_bar(stream) as report:
        assert report is None
    assert stream.getvalue() == ""


def test_a_large_job_shows_each_phase_and_a_small_one_nothing() -> None:
    big, small = Terminal(), Terminal()
    with progress_bar(big) as report:
        assert report is not None
        for done in range(2000, 30_001, 2000):
            report("reading", done, 30_000)
        report("storing", 2000, 30_000)
    with progress_bar(small) as report:
        assert report is not None
        report("reading", 300, 300)
        report("storing", 300, 300)
    assert "reading" in big.getvalue() and "storing" in big.getvalue() and "2000/30000" in big.getvalue()
    assert "reading" not in small.getvalue() and "storing" not in small.getvalue()
