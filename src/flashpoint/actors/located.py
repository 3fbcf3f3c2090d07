"""Country of an actor known only by its role, from where the sentence says things happen or, failing
that, from the one country the sentence names.

1. Located: "Ethnic Albanian guerrillas operating in Macedonia", "students demonstrated in Serbia", "a terror
   group based in Trinidad": a sector-only actor (REB, CVL, EDU ...) takes the country of the one place the
   sentence locates events in ("in", "near", "across" ... a named place). Places named as actors ("Russia's
   attack", "troops from Chad") are not locations and do not count.
2. Domestic: with no located place, a sector-only actor takes the country of the sentence's other actors
   when they all name one country and at least one of them is a home institution of that country or the
   country itself as subject or owner: "Police prevented students from marching, the Turkish interior
   ministry said", "Judge X opened an inquiry into Chilean officials", "the minister said Vietnam would ...".
   Courts, police, opposition and rebels mostly deal with their own state. Not taken: an army or
   peacekeepers (they act abroad), refugees, international bodies; a country named only as a destination
   or as the other party's people ("Rebels attacked a Russian convoy", "Soldiers fired on Palestinian
   youths"); for an official (GOV), another government it may be dealing with ("Foreign Minister X met the
   Chinese president", "sympathy to the Chinese government") - only home bodies (courts, police, parties,
   commissions, interior ...) or the country as subject or owner frame an official; a country inside a
   larger actor phrase ("the Armed Forces of the Philippines"); a conjoined partner ("X and Russian officials").
Two different countries, or none, leave the actor without a country: an unknown country is better than a
wrong one. An ethnic group's home country ("Shona rebels") is weak and gives way to either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from flashpoint.actors.spans import Kids, children
from flashpoint.models import ActorMention, ParsedSentence, Token

#: prepositions that put an event or an actor somewhere
LOCATING_PREPS = {"in", "near", "at", "across", "throughout", "inside", "outside", "around", "within"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
#: entity types a name after "in" is never a place of (the dictionary decides for the others)
_NOT_PLACE_ENTS = frozenset({"ORG", "DATE", "TIME", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "capital", "port", "state"})
#: marker the resolver puts in the evidence when the only country is an ethnic group's home or a demonym
#: on a community noun ("the Albanian population")
ETHNIC_HOME = "home country of a people (weak)"
#: sectors that do not take a country from the rest of the sentence (they act abroad or across borders)
_ABROAD = frozenset({"MIL", "IGO", "NGO", "REF", "SPY"})
#: words before a role that say it is not national ("regional peacekeeping force", "foreign fighters")
_NOT_NATIONAL = frozenset({"international", "regional", "foreign", "multinational", "western", "global", "world",
                           "transnational", "african", "arab", "european", "asian", "un", "u.n.", "exiled"})
#: roles whose work is abroad: where they are or whom they meet says nothing of their own country
_ENVOYS = ("foreign minister", "foreign secretary", "ambassador", "envoy", "diplomat", "emissary")
#: sectors of a country's own institutions and home politics: the sentence's domestic frame
_HOME_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "OPP", "REB", "PTY", "ELI", "INS", "SEP"})
#: how a country named as itself may frame the sentence: as subject, owner, or in a name ("... of Angola")
_FRAME_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "compound", "amod"})
_FRAME_PREPS = frozenset({"of", "by"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
#: words of government bodies that only deal with home affairs ("the Kenya Anti-Corruption Commission",
#: "the federal interior secretary"): they frame an unnamed official of the same state
_DOMESTIC_OFFICES = frozenset({"commission", "commissioner", "interior", "home", "federal", "provincial",
                               "municipal", "municipality", "local", "regional", "governor", "mayor", "electoral",
                               "election", "tax", "customs", "prosecutor", "auditor", "ombudsman"})


def located_places(sent: ParsedSentence, kids: Kids | None = None) -> list[int]:
    """Heads of named places that stand as locations: objects of a locating preposition."""
    toks = sent.tokens
    kids = kids if kids is not None else children(toks)
    out = []
    for t in toks:
        if t.dep != "pobj" or toks[t.head].text.lower() not in LOCATING_PREPS:
            continue
        if t.ent_type in PLACE_ENTS or t.pos == "PROPN" and t.ent_type not in _NOT_PLACE_ENTS:
            out.append(t.i)  # a name after "in" is a place even when NER calls it a person ("in Sivas")
            continue
        # "near Macedonia's border", "in the Iraqi city of Basra", "in the town of Samarra"
        for c in kids[t.i]:
            d = toks[c]
            if d.dep in ("poss", "compound", "amod") and d.ent_type in PLACE_ENTS | {"NORP"}:
                out.append(c)
            elif d.dep == "prep" and d.text.lower() == "of":  # "the town of X" is a place whatever NER says
                out.extend(g for g in kids[c] if toks[g].dep == "pobj" and (
                    toks[g].ent_type in PLACE_ENTS or t.lemma.lower() in PLACE_NOUNS and toks[g].pos == "PROPN"))
    # "flooding in Malawi, Mozambique and Zimbabwe": every place of a list
    return out + [c for i in out for c in _list_items(toks, i, kids) if c not in out]


def _list_items(toks: tuple[Token, ...], i: int, kids: Kids) -> list[int]:
    """Names conjoined after token i ("Malawi, Mozambique and Zimbabwe")."""
    out, stack = [], [i]
    while stack:
        for c in kids[stack.pop()]:
            if toks[c].dep == "conj" and toks[c].pos == "PROPN" and c not in out:
                out.append(c)
                stack.append(c)
    return out


def _weak(m: ActorMention) -> bool:
    """A role whose only country is its ethnic group's home ("Shona rebels")."""
    return ETHNIC_HOME in m.evidence


def _open(m: ActorMention) -> bool:
    """Does m lack a country of its own (a role alone, or an ethnic group's home)?"""
    return bool(m.sector) and (m.code == m.sector and not m.country or _weak(m) and m.code == f"{m.country}{m.sector}")


def _with(m: ActorMention, country: str, why: str) -> ActorMention:
    sector = m.sector or ""
    return replace(m, country=country, code=f"{country}{sector}", evidence=f"{m.evidence}; {why}")


def with_located_country(sent: ParsedSentence, m: ActorMention,
                         country_of: Callable[[ParsedSentence, int], str | None],
                         kids: Kids | None = None,
                         others: Callable[[], Sequence[ActorMention]] | None = None) -> ActorMention:
    """m with the country of the sentence's one location, when m has a sector and no country; with no
    location, the one country of the sentence's other actors (`others()`, asked only then) when they frame
    it (see above)."""
    if not _open(m) or any(w in m.text.lower() for w in _ENVOYS):
        return m
    found: dict[str, int] = {}
    for i in located_places(sent, kids):
        c = country_of(sent, i)
        if c:
            found.setdefault(c, i)
    if len(found) == 1:
        (country, i), = found.items()
        if country == m.country:
            return m
        return _with(m, country, f"country from the place the sentence is in ({sent.tokens[i].text!r})")
    if found or others is None:
        return m
    frame = domestic_frame(sent, m, others(), kids)
    if frame is None or frame[0] == m.country:
        return m
    return _with(m, frame[0], f"country of the sentence's home actors ({frame[1].text!r})")


def domestic_frame(sent: ParsedSentence, m: ActorMention, others: Sequence[ActorMention],
                   kids: Kids | None = None) -> tuple[str, ActorMention] | None:
    """The one country the other actors of the sentence name, with an actor that frames it as home."""
    toks = sent.tokens
    if m.sector in _ABROAD or any(t.text.lower() in _NOT_NATIONAL for t in toks if m.start <= t.start < toks[m.head].start):
        return None
    kids = kids if kids is not None else children(toks)
    partners = _conjuncts(sent, m.head, kids)
    countries: set[str] = set()
    frame: ActorMention | None = None
    for o in others:
        if not o.country or o.head in partners or (o.start < m.end and m.start < o.end) or _weak(o):
            continue
        countries.add(o.country)
        if frame is None and not (o.sector is None and _nested(o, others)) and _frames(sent, o, m):
            frame = o
    if len(countries) != 1 or frame is None:
        return None
    return next(iter(countries)), frame


def _nested(o: ActorMention, others: Sequence[ActorMention]) -> bool:
    """Is o part of a larger actor phrase with a role ("the Philippines" in "the Armed Forces of the
    Philippines")? The larger phrase then says what the country stands for."""
    return any(p.start <= o.start and o.end <= p.end and (p.start, p.end) != (o.start, o.end) and p.sector
               for p in others)


def _frames(sent: ParsedSentence, o: ActorMention, m: ActorMention) -> bool:
    """Does o, an actor with a country, stand for that country's home affairs? For an official (GOV) the
    frame must be home politics, not another government it may be dealing with ("sympathy to the Chinese
    government"), nor a country that is only a complement ("the people of Israel")."""
    toks = sent.tokens
    official = m.sector == "GOV"
    if o.sector in _HOME_SECTORS:  # an official is framed by home bodies, not by a government it may deal with
        return not (official and o.sector == "GOV" and not _DOMESTIC_OFFICES & set(o.text.lower().split()))
    head = toks[o.head]
    if o.sector or head.pos != "PROPN":  # a country named as itself, not "a U.S. law", "a Russian convoy"
        return False
    if head.dep in (_SUBJECT_DEPS if official else _FRAME_DEPS):
        return True
    prep = toks[head.head].text.lower()
    return head.dep == "pobj" and (prep == "by" or not official and prep in _FRAME_PREPS)


def _conjuncts(sent: ParsedSentence, head: int, kids: Kids) -> set[int]:
    """Tokens conjoined with `head` (either way) and their conjuncts."""
    toks = sent.tokens
    root = head
    while toks[root].dep == "conj" and toks[root].head != root:
        root = toks[root].head
    out, stack = {root}, [root]
    while stack:
        for c in kids[stack.pop()]:
            if toks[c].dep == "conj" and c not in out:
                out.add(c)
                stack.append(c)
    return out - {head} if head in out else out
