"""Text analysis shared by indexing and querying: one function, `analyze`, so both sides agree.

Steps, in order (each exists because a benchmark or a test case needed it):
1. NFKC + drop URLs; "#FakeNews"/"@JoeBiden" split into words.
2. Dates in any of the usual EN/DE shapes -> one token `YYYY-MM-DD` (or `YYYY-MM`), so
   "2. Januar 2020", "02.01.2020", "January 2, 2020" and "2020-01-02" meet.
3. Numbers: thousands separators removed ("1,000" / "1.000" -> "1000"), "%"/"percent"/"Prozent"
   -> "percent", so "70 per cent" matches "70%".
4. Casefold, strip quote marks (quotes without their marks must still match), split hashtags.
5. Stop words dropped, Snowball stem per language (PyStemmer), German compounds split with the
   simplemma dictionary ("Bundesregierung" -> bundesregier + bund + regier).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from factcheck.match import stopwords

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
# Tweet signature as pasted from embeds: "— Display Name (@handle) January 2, 2020" at the end.
_HASHTAG_CAMEL = re.compile(r"[#@](\w+)")
_CAMEL_SPLIT = re.compile(r"(?<=[a-zäöüß])(?=[A-ZÄÖÜ])|(?<=[A-Za-z])(?=\d)")
_QUOTES = re.compile("[\"'`´‘’‚‛“”„‟«»‹›″′]")
_TOKEN = re.compile(r"\w+", re.UNICODE)

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "january jan januar jän jänner",
        "february feb februar",
        "march mar märz maerz mrz",
        "april apr",
        "may mai",
        "june jun juni",
        "july jul juli",
        "august aug",
        "september sep sept",
        "october oct oktober okt",
        "november nov",
        "december dec dezember dez",
    ),
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _i
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

# "January 2, 2020" / "Jan. 2 2020"
_DATE_MDY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
# "2 January 2020" / "2. Januar 2020"
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
# "January 2020" / "Januar 2020"
_DATE_MY = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DATE_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")  # German 02.01.2020
_DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # US 1/2/2020 (month first)

# Thousands separators: "1,000,000" / "1.000.000" / "1 000" -> digits only.
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?![\d])")
_DECIMAL = re.compile(r"(\d)[.,](\d)")
_PERCENT = re.compile(r"(\d)\s*(?:%|per\s?cent\b|percent\b|prozent\b|v\.\s?h\.)", re.IGNORECASE)

_HAS_DIGIT = re.compile(r"\d")
# What _PERCENT and _URL cannot match without (lower-cased; none of these letters has a case oddity
# under re.IGNORECASE, see _CASE_ODDITIES): cheap `in` tests that let most texts skip the scan.
_PERCENT_WORDS = ("cent", "prozent", "v.")
_URL_MARKS = ("www.", ".com/")
_STEMMERS = {"en": "english", "de": "german"}


def _date_token(year: int, month: int, day: int | None) -> str:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return f" {year} "
    # Coarser tokens too, so "June 4, 2019" still meets "in June 2019" and "2019".
    if day:
        return f" d{year:04d}{month:02d}{day:02d} d{year:04d}{month:02d} {year} "
    return f" d{year:04d}{month:02d} {year} "


# The three month patterns scan with a case-blind alternation at every word start: ~20 µs of a claim's
# ~47 µs analysis (benchmarks/checked_import.py, 100k claims). Each needs a year (whitespace, 4 digits)
# and a month name as a whole \w run, which these two cheap tests rule out first.
_YEAR = re.compile(r"\s\d{4}\b")
_WORD = re.compile(r"\w+")
# Letters re.IGNORECASE matches to an ASCII letter of a month name that str.lower() does not turn into it
# (re._casefix: ı ~ i, ſ ~ s; İ lowers to "i" + a combining dot): with one of them the patterns decide.
_CASE_ODDITIES = frozenset("ıſİ")
_ODD_FOLD = str.maketrans({"ı": "i", "ſ": "s", "İ": "i"})


def _month_number(name: str) -> int:
    """1-12 for a month name the patterns matched, however it was cased ("Auguſt" raised KeyError)."""
    return MONTHS[name.translate(_ODD_FOLD).lower()]


def _may_name_a_month(text: str) -> bool:
    """False only when none of _DATE_MDY/_DATE_DMY/_DATE_MY can match `text` (then they are skipped)."""
    if not _YEAR.search(text):
        return False
    if not text.isascii() and not _CASE_ODDITIES.isdisjoint(text):
        return True
    return not MONTHS.keys().isdisjoint(word.lower() for word in _WORD.findall(text))


def canonicalize(text: str) -> str:
    """Dates and numbers into one spelling each; the rest of the text untouched."""
    if not _HAS_DIGIT.search(text):  # every pattern below needs a digit; most of the cost is here
        return text

    def mdy(m: re.Match[str]) -> str:
        return _date_token(int(m[3]), _month_number(m[1]), int(m[2]))

    def dmy(m: re.Match[str]) -> str:
        return _date_token(int(m[3]), _month_number(m[2]), int(m[1]))

    if _may_name_a_month(text):
        text = _DATE_MDY.sub(mdy, text)
        text = _DATE_DMY.sub(dmy, text)
        text = _DATE_MY.sub(lambda m: _date_token(int(m[2]), _month_number(m[1]), None), text)
    # Each pattern below needs a character the text may well lack: skipping a scan is cheaper than it.
    if "-" in text:
        text = _DATE_ISO.sub(lambda m: _date_token(int(m[1]), int(m[2]), int(m[3])), text)
    if "." in text:
        text = _DATE_DOTTED.sub(lambda m: _date_token(int(m[3]), int(m[2]), int(m[1])), text)
    if "/" in text:
        text = _DATE_SLASH.sub(lambda m: _date_token(int(m[3]), int(m[1]), int(m[2])), text)
    text = _THOUSANDS.sub(lambda m: re.sub(r"\D", "", m[0]), text)
    # "3.5" and "3,5" are the same number; keep it one token.
    if "." in text or "," in text:
        text = _DECIMAL.sub(r"\1p\2", text)
    if "%" in text or any(word in text.lower() for word in _PERCENT_WORDS):
        text = _PERCENT.sub(r"\1 percent ", text)
    return text


def clean(text: str) -> str:
    """Remove what is never a claim term: URLs and tweet signatures; split hashtags."""
    text = unicodedata.normalize("NFKC", text)
    # Tweet signatures ("— Name (@handle) June 4, 2019") are kept on purpose: who posted and when
    # helps (measured on the CLEF-2020 train/dev tweets: +2 points MAP@5 over stripping them).
    if "://" in text or any(mark in text.lower() for mark in _URL_MARKS):
        text = _URL.sub(" ", text)
    # "#FakeNews" / "@JoeBiden" -> "Fake News" / "Joe Biden": handles name the people claims are about.
    if "#" not in text and "@" not in text:
        return text
    return _HASHTAG_CAMEL.sub(lambda m: " " + _CAMEL_SPLIT.sub(" ", m[1]) + " ", text)


def guess_language(tokens: list[str]) -> str:
    """'de' or 'en' by stop-word votes; English when undecided (the larger corpus)."""
    de = sum(1 for t in tokens if t in stopwords.DE_ONLY)
    en = sum(1 for t in tokens if t in stopwords.EN_ONLY)
    return "de" if de > en else "en"


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMERS.get(language, "english"))


def tokenize(text: str) -> list[str]:
    """Casefolded word tokens after cleaning and canonicalisation, stop words kept."""
    text = canonicalize(clean(text))
    text = _QUOTES.sub("", text)  # don't -> dont, "Obama's" -> obamas; quote marks vanish
    return _TOKEN.findall(text.casefold())


def _base_language(language: str | None) -> str | None:
    return language.split("-")[0].split("_")[0].lower() if language else None


def analyze(text: str, language: str | None = None) -> list[str]:
    """Index/query terms of `text`, in order, duplicates kept (BM25 needs term frequency).

    `language` is an ISO code ("de", "en", "de-AT"); None guesses between German and English.
    Languages without a stemmer here get English stemming (harmless for names and numbers).
    """
    tokens = tokenize(text)
    lang = _base_language(language) or guess_language(tokens)
    stop = stopwords.FOR_LANGUAGE.get(lang, stopwords.EN)
    stemmer = _stemmer(lang)
    terms: list[str] = []
    for token in tokens:
        if token in stop or (len(token) == 1 and not token.isdigit()):
            continue
        if token[0] == "d" and token[1:].isdigit():  # canonical date token, never stem
            terms.append(token)
            continue
        terms.append(stemmer.stemWord(token))
        if lang == "de" and len(token) >= 8:
            terms.extend(stemmer.stemWord(part) for part in split_compound(token))
    return terms


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """German compound parts ("bundesregierung" -> ("bundes", "regierung")), or () if none.

    Uses simplemma's German word list: a split is taken when the head (last part, >= 4 letters)
    is a known word and the modifier is known after dropping a linking element (s, es, n, en, e).
    The longest known head wins; the modifier is split again once, so three-part compounds work.
    """
    from factcheck.match import lexicon

    if not lexicon.available():
        return ()
    for cut in range(4, len(word) - 3):
        head, modifier = word[cut:], word[:cut]
        if not lexicon.is_known_de(head):
            continue
        for link in ("", "s", "es", "n", "en", "e"):
            if link and not modifier.endswith(link):
                continue
            base = modifier[: len(modifier) - len(link)] if link else modifier
            if len(base) >= 3 and lexicon.is_known_de(base):
                inner = split_compound(base) if len(base) >= 8 else ()
                return (*inner, base, head) if inner else (base, head)
    return ()


def stem(word: str, language: str) -> str:
    """One casefolded word's stem, as `analyze` would produce it (for highlighting matches)."""
    return _stemmer(_base_language(language) or "en").stemWord(word)
