"""Extraction work grows linearly with the input, also on adversarial text (issue 9: "never a hang").
benchmarks/extract_worst_case.py prints the throughput on the same inputs at larger sizes (200 KB without
punctuation, 10,000 quote marks, 300 KB comma line) and on 19 MB of ordinary news.

Work is measured without a clock: the number of Python lines executed inside factcheck while extracting
(a line tracer on factcheck's own frames only). Quadratic work, a per-match rescan of the sentence or
paragraph, doubles this count twice over when the input doubles; linear work doubles it once. A clock
check (min of 3 runs, generous bound) backs it up for work done inside C (regular expressions, slicing).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from factcheck.extract import extract_claims
from factcheck.text.layout import repair_layout
from factcheck.text.sentences import MAX_SENTENCE_CHARS, split_sentences

PKG = str(Path(__file__).resolve().parents[2] / "src" / "factcheck")


def comma_line(chars: int) -> str:
    """One sentence of comma-joined clauses, each with a speech verb, a date and a number."""
    out, i = [], 0
    while sum(map(len, out)) + 2 * len(out) < chars:
        out.append(f"der Minister sagte am {i % 28 + 1}. Mai 2024 es seien {i} Millionen Euro")
        i += 1
    return ", ".join(out)[:chars]


def no_punct(chars: int) -> str:
    unit = (
        "Bundeskanzler Olaf Scholz sagte am Montag in Berlin die Regierung habe 40 Millionen Euro ausgegeben "
        "und Ministerin Anna Müller erklärte laut Angaben des Ministeriums es gebe im März 2024 keine neuen "
        "Schulden weil sie nach Angaben der Agentur Reuters gewarnt habe "
    )
    return (unit * (chars // len(unit) + 1))[:chars]


def quote_marks(n: int) -> str:
    """n quotation marks: closed quotes with speech, openers that never close, bare marks."""
    parts = []
    for i in range(n // 4):
        parts.append((f"„Das ist Wort {i}“, sagte Müller", f"„offen {i} »ohne", f'"{i} "', f"' ‚x{i} '")[i % 4])
    return " ".join(parts)


def nested(depth: int) -> str:
    openers, closers = "(„‚»[‹", ")“‘«]›"
    head = "".join(f"{openers[i % 6]}Wort{i} sagte X " for i in range(depth))
    return head + "".join(f" Ende{i} {closers[i % 6]}" for i in reversed(range(depth)))


CASES = {
    # name: (generator, small size, double size)
    "comma_line": (comma_line, 12_000, 24_000),
    "no_punct": (no_punct, 12_000, 24_000),
    "quote_marks": (quote_marks, 2_500, 5_000),
    "nested": (nested, 400, 800),
}


def _prepared(text: str):
    r = repair_layout(text)
    return r.text, r.paragraphs


def _lines_executed(text: str) -> int:
    text, paras = _prepared(text)
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def glob(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PKG) else None

    old = sys.gettrace()
    sys.settrace(glob)
    try:
        extract_claims(text, language="de", paragraphs=paras)
    finally:
        sys.settrace(old)
    return count


@pytest.mark.parametrize("name", list(CASES))
def test_doubling_input_doubles_work(name: str) -> None:
    gen, small, big = CASES[name]
    a, b = gen(small), gen(big)
    assert 1.8 < len(b) / len(a) < 2.2
    _lines_executed(a)  # (warm-up: one-time work on first use, such as loading the gazetteer, is no growth)
    ratio = _lines_executed(b) / _lines_executed(a)
    # linear: ~2 (a little more from fixed costs per sentence); quadratic: ~4
    assert ratio < 2.6, f"{name}: doubling the input multiplied the work by {ratio:.2f}"


def _seconds(text: str) -> float:
    text, paras = _prepared(text)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        extract_claims(text, language="de", paragraphs=paras)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize(
    "gen,small",
    [(no_punct, 50_000), (comma_line, 25_000), (quote_marks, 2_500), (nested, 500)],
    ids=["no_punct_100k", "comma_line_50k", "quote_marks_5000", "nested_1000"],
)
def test_doubling_input_at_most_roughly_doubles_time(gen, small) -> None:
    ratio = _seconds(gen(2 * small)) / _seconds(gen(small))
    assert ratio < 3.2, f"doubling the input multiplied the time by {ratio:.2f}"


def test_overlong_sentence_is_cut_at_clause_boundaries() -> None:
    text = comma_line(20_000)
    sents = split_sentences(text)
    assert len(sents) > 1 and all(len(s.text) <= MAX_SENTENCE_CHARS for s in sents)
    assert all(s.text == text[s.start : s.end] for s in sents)
    assert all(s.text.endswith(",") for s in sents[:-1])  # cut after a comma, not inside a clause
    assert "".join(text[s.start : s.end] for s in sents).replace(" ", "") == text.replace(" ", "")


def test_text_without_spaces_is_cut_hard() -> None:
    text = "x" * (3 * MAX_SENTENCE_CHARS + 7)
    sents = split_sentences(text)
    assert [len(s.text) for s in sents] == [MAX_SENTENCE_CHARS] * 3 + [7]


def test_real_sentences_are_not_cut() -> None:
    s = "Der Minister sagte, " + ", ".join(["es gebe Probleme"] * 60) + "."
    assert len(s) < MAX_SENTENCE_CHARS and len(split_sentences(s)) == 1


def said_run(chars: int) -> str:
    """One sentence of speech verbs and pronouns without a comma ("er sagte er sagte …"): every cue has the
    whole sentence as its clause, so weighing every mention for every cue would be quadratic in it."""
    return ("er sagte " * (chars // 9 + 1))[:chars].strip() + "."


def test_a_sentence_of_speech_verbs_costs_work_linear_in_its_length() -> None:
    # both sizes below MAX_SENTENCE_CHARS: the growth measured is inside one sentence (before the fix, a
    # sentence of 1,900 characters of "he said" took 0.4 s, 100 KB of them 23.6 s)
    a, b = said_run(MAX_SENTENCE_CHARS * 12 // 25), said_run(MAX_SENTENCE_CHARS * 24 // 25)
    assert len(split_sentences(b)) == 1
    _lines_executed(a)
    ratio = _lines_executed(b) / _lines_executed(a)
    assert ratio < 2.6, f"doubling one sentence's speech verbs multiplied the work by {ratio:.2f}"
