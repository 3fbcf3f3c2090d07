"""Country of an actor known only by its role, from where the sentence says things happen.

"Ethnic Albanian guerrillas operating in Macedonia", "students demonstrated in Serbia", "a terror group
based in Trinidad": a sector-only actor (REB, CVL, EDU ...) takes the country of the one place the sentence
locates events in ("in", "near", "across" ... a named place). Two different countries, or none, leave the
actor without a country: an unknown country is better than a wrong one. Places named as actors ("Russia's
attack", "troops from Chad") are not locations and do not count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from flashpoint.actors.spans import Kids, children
from flashpoint.models import ActorMention, ParsedSentence

#: prepositions that put an event or an actor somewhere
LOCATING_PREPS = {"in", "near", "at", "across", "throughout", "inside", "outside", "around", "within"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}


def located_places(sent: ParsedSentence, kids: Kids | None = None) -> list[int]:
    """Heads of named places that stand as locations: objects of a locating preposition."""
    toks = sent.tokens
    kids = kids if kids is not None else children(toks)
    out = []
    for t in toks:
        if t.dep != "pobj" or toks[t.head].text.lower() not in LOCATING_PREPS:
            continue
        if t.ent_type in PLACE_ENTS:
            out.append(t.i)
            continue
        # "near Macedonia's border", "in the Iraqi city of Basra", "in the town of Samarra"
        for c in kids[t.i]:
            d = toks[c]
            if d.dep in ("poss", "compound", "amod") and d.ent_type in PLACE_ENTS | {"NORP"}:
                out.append(c)
            elif d.dep == "prep" and d.text.lower() == "of":
                out.extend(g for g in kids[c] if toks[g].dep == "pobj" and toks[g].ent_type in PLACE_ENTS)
    return out


def with_located_country(sent: ParsedSentence, m: ActorMention,
                         country_of: Callable[[ParsedSentence, int], str | None],
                         kids: Kids | None = None) -> ActorMention:
    """m with the country of the sentence's one location, when m has a sector and no country."""
    if m.country or not m.sector or m.code != m.sector:
        return m
    found: dict[str, int] = {}
    for i in located_places(sent, kids):
        c = country_of(sent, i)
        if c:
            found.setdefault(c, i)
    if len(found) != 1:
        return m
    (country, i), = found.items()
    place = sent.tokens[i].text
    return replace(m, country=country, code=f"{country}{m.sector}",
                   evidence=f"{m.evidence}; country from the place the sentence is in ({place!r})")
