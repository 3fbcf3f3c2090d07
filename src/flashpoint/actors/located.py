"""Country of an actor known only by its role, from where the sentence says things happen or, failing
that, from the one country the sentence names.

1. Located: "Ethnic Albanian guerrillas operating in Macedonia", "students demonstrated in Serbia", "a terror
   group based in Trinidad": a sector-only actor (REB, CVL, EDU ...) takes the country of the one place the
   sentence locates events in ("in", "near", "across" ... a named place) when that place locates the actor
   itself (`locates`): inside its own phrase, where it acts without attacking or visiting, or where what it
   undergoes happens ("killing 19 soldiers"). A patient or complement also takes the sentence's one place
   when the parse links it elsewhere, unless that place is another doer's own ("officials in Nairobi said").
   Never: an attacker from the place it strikes ("Missiles struck a depot near Damascus"), a visitor or the
   other party of talks ("held talks in Jordan"), a speaker whose reported clause names the place, an envoy,
   peacekeepers, someone's partners, neighbours or family. Places named as actors ("Russia's attack",
   "troops from Chad") are not locations and do not count.
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
   larger actor phrase ("the Armed Forces of the Philippines"); a conjoined partner ("X and Russian officials");
   for an attacker, the attacked ("Gunmen attacked Iran's parliament").
Two different countries, or none, leave the actor without a country: an unknown country is better than a
wrong one. An ethnic group's home country ("Shona rebels") is weak and gives way to either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from flashpoint.actors.spans import Kids, children, subtree
from flashpoint.models import ActorMention, ParsedSentence, Token, evolve

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
#: nouns for the other side of a relation: "its partners", "his counterpart", "the families of the victims" are
#: not the owner's or the place's people
RELATIONAL = frozenset({"partner", "counterpart", "ally", "neighbour", "neighbor", "rival", "enemy", "foe",
                        "adversary", "opponent", "family", "relative", "kin", "host", "guest", "visitor"})
#: words before a role that make it supranational even after a possessive ("its European partners")
REGIONAL = frozenset({"international", "regional", "multinational", "western", "global", "world", "transnational",
                      "african", "arab", "european", "asian", "eu", "nato", "allied", "coalition"})
#: acts whose subject is not where the act's place is: an attacker strikes a place from elsewhere, a visitor
#: or a delegation meets, arrives or travels there ("Missiles struck a depot near X", "the senator held talks
#: in X", "refugees arrived in X")
_ATTACK_VERBS = frozenset({"attack", "strike", "hit", "shell", "bomb", "raid", "storm", "fire", "shoot", "ambush",
                           "bombard", "target", "invade", "assault", "overrun", "besiege", "rocket", "pound",
                           "blast", "torch", "kill"})
_ATTACK_NOUNS = frozenset({"attack", "strike", "raid", "bombing", "assault", "offensive", "airstrike", "shelling",
                           "incursion", "ambush"})
_VISIT_VERBS = frozenset({"meet", "visit", "talk", "confer", "host", "receive", "welcome", "greet",
                          "negotiate", "discuss", "travel", "arrive", "fly", "go", "come", "return", "tour", "land",
                          "head", "move", "relocate", "migrate", "deploy", "send", "sign", "attend", "join",
                          "address", "speak", "stop"})
#: events whose organisers are where they happen (unlike talks, whose parties may have travelled)
_PROTEST_NOUNS = frozenset({"demonstration", "protest", "rally", "strike", "march", "riot", "vigil", "sit-in",
                            "walkout", "boycott", "uprising", "rebellion", "insurgency"})
#: prepositions through which a place still locates the act ("rioted at a jail in X", "arrested ... during a
#: protest in X"), unlike "called for reform in X"
_CHAIN_PREPS = frozenset(LOCATING_PREPS | {"during", "on"})
#: objects that make "hold"/"have" a meeting ("held talks in Jordan"), unlike "held civilians in Raqqa"
_MEETINGS = frozenset({"talk", "meeting", "discussion", "negotiation", "summit", "consultation", "conference",
                       "session", "dialogue", "lunch", "dinner", "press"})
#: how a place's preposition phrase can reach a verb's patient ("stormed a post in X, killing 19 soldiers")
_CLAUSE_LINKS = frozenset({"advcl", "conj", "xcomp", "acl", "relcl"})
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


def _governor(toks: tuple[Token, ...], i: int) -> int | None:
    """The word the locating phrase of place i hangs on ("held" or "talks" in "held talks in Jordan")."""
    t = toks[i]
    for _ in range(8):
        if t.dep == "pobj" and toks[t.head].text.lower() in LOCATING_PREPS:
            return toks[t.head].head
        if t.head == t.i:
            return None
        t = toks[t.head]
    return None


def _role(toks: tuple[Token, ...], h: int) -> tuple[str, int]:
    """The grammatical role of actor head h and the word it depends on, through conjuncts, appositions and
    quantities ("the senator and his aides", "dozens of demonstrators"); "object" for a direct object or a
    non-agent preposition's object, "agent" for the object of "by"."""
    t = toks[h]
    for _ in range(len(toks)):
        if t.dep in ("conj", "appos") and t.head != t.i:
            t = toks[t.head]
        elif t.dep == "pobj" and toks[t.head].text.lower() == "of" and toks[toks[t.head].head].pos in ("NOUN", "NUM"):
            t = toks[toks[t.head].head]  # "dozens of demonstrators", "a group of students"
        else:
            break
    if t.dep == "pobj":
        prep = toks[t.head]
        if prep.dep == "agent" or prep.text.lower() == "by":
            return "agent", prep.head
        return "object", prep.head
    if t.dep in ("dobj", "dative"):
        return "object", t.head
    return t.dep, t.head


def _clause(toks: tuple[Token, ...], v: int, kids: Kids) -> set[int]:
    """Verbs of one reported act: v with the participle, adverbial and conjoined clauses linked to it, up and
    down ("stormed a base in X, killing 19 soldiers and injuring 22"), not a reported speech's complement."""
    top = v
    for _ in range(len(toks)):
        t = toks[top]
        if t.dep in _CLAUSE_LINKS and t.head != t.i:
            top = t.head
        elif t.dep == "pcomp" and toks[t.head].dep == "prep":  # "after striking it"
            top = toks[t.head].head
        else:
            break
    out, stack = {top}, [top]
    while stack:
        for c in kids[stack.pop()]:
            d = toks[c]
            if c not in out and (d.dep in _CLAUSE_LINKS and d.pos in ("VERB", "AUX") or d.dep == "prep"):
                if d.dep == "prep":  # "after striking it": the clause under a preposition
                    stack.extend(g for g in kids[c] if toks[g].dep == "pcomp" and g not in out)
                    out.update(g for g in kids[c] if toks[g].dep == "pcomp")
                    continue
                out.add(c)
                stack.append(c)
    return out


def _verb_of(toks: tuple[Token, ...], i: int) -> int:
    """The first verb at or above token i (the clause a place or an object belongs to)."""
    t = toks[i]
    for _ in range(len(toks)):
        if t.pos in ("VERB", "AUX") or t.head == t.i:
            return t.i
        t = toks[t.head]
    return t.i


def locates(sent: ParsedSentence, place: int, h: int, kids: Kids, abroad: bool = False) -> bool:
    """Does the place locate actor h itself, not only an event's venue or an attack's target?
    Yes: in the actor's own phrase ("police in Kabul", "guerrillas operating in Macedonia"); the subject of a
    non-attack, non-visit act the place hangs on ("students demonstrated in Serbia"; an armed force (`abroad`)
    only without an object); the patient of an act there ("killed 48 people in X", "were arrested in X",
    "stormed a base in X, killing 19 soldiers").
    No: an attacker ("Missiles struck a depot near X": the target's place), a speaker whose reported clause
    names the place, a visitor or either party of talks ("held talks in X", "X meets Y in Z")."""
    toks = sent.tokens
    g = _governor(toks, place)
    if g is None:
        return False
    own = toks[h].head if toks[h].dep == "compound" else h  # "a car bomb explosion in X"
    up = g
    for _ in range(len(toks)):  # the place is inside the actor's phrase
        if up in (h, own):
            return True
        if toks[up].head == up or toks[up].pos == "VERB" and toks[up].dep not in ("acl", "relcl"):
            break
        up = toks[up].head
    role, v = _role(toks, h)
    lemma = toks[v].lemma.lower()
    if _visits(toks, v, kids) or toks[v].pos not in ("VERB", "AUX"):
        return False
    if toks[v].dep == "relcl" and toks[v].head == place:  # "in Kosovo, where 28 people were killed"
        return True
    if role in ("nsubj", "agent"):  # where it acts, unless it attacks, visits or only speaks of the place
        if lemma in _ATTACK_VERBS:
            return False
        if any(toks[c].dep == "ccomp" for c in kids[v]):  # a speaker: only "a local official said"
            return _via_preps(toks, g) == v and any(toks[c].text.lower() == "local" for c in kids[h])
        if abroad and any(toks[c].dep == "dobj" for c in kids[v]):
            return False  # "two servicemen abused children in Afghanistan": troops act abroad
        return _via_preps(toks, g) == v or toks[g].lemma.lower() in _PROTEST_NOUNS and \
            _verb_of(toks, g) in _clause(toks, v, kids)  # "agreed to postpone the demonstration in Baku"
    if role in ("nsubjpass", "object"):  # a patient is where the act it undergoes happens
        return _verb_of(toks, g) in _clause(toks, v, kids)
    return False


def _via_preps(toks: tuple[Token, ...], g: int) -> int:
    """The word a chain of preposition phrases hangs on ("rioted at a jail in X" -> "rioted")."""
    for _ in range(len(toks)):
        t = toks[g]
        if t.dep != "pobj" or toks[t.head].dep != "prep" or toks[t.head].text.lower() not in _CHAIN_PREPS:
            break
        g = toks[t.head].head
    return g


def _undergoes(sent: ParsedSentence, h: int, kids: Kids) -> bool:
    """Is actor h only a patient or a complement ("killing 17 soldiers", "the release of political detainees"),
    not a doer, a visitor's host or a place's attacker? A patient stays in the sentence's one country even
    when the parse links the place to another clause; a doer must be located itself (see `locates`)."""
    toks = sent.tokens
    role, v = _role(toks, h)
    return role not in ("nsubj", "agent", "nsubjpass", "compound", "poss", "ROOT") and \
        not _visits(toks, v, kids) and not any(_visits(toks, a, kids) for a in _ancestors(toks, v))


def _visits(toks: tuple[Token, ...], v: int, kids: Kids) -> bool:
    """Is v an act of visiting or meeting ("met", "arrived", "held talks", "had lunch")?"""
    lemma = toks[v].lemma.lower()
    return lemma in _VISIT_VERBS or lemma in ("hold", "have") and any(
        toks[c].dep == "dobj" and toks[c].lemma.lower() in _MEETINGS for c in kids[v])


def _ancestors(toks: tuple[Token, ...], i: int) -> list[int]:
    out = []
    for _ in range(len(toks)):
        if toks[i].head == i:
            break
        i = toks[i].head
        out.append(i)
    return out


def _elsewhere(sent: ParsedSentence, place: int, m: ActorMention, others: Sequence[ActorMention]) -> bool:
    """Is the place inside another actor's own phrase ("relief officials in Nairobi", "an ex-president
    living in exile in Britain")? It locates that actor, not m."""
    toks = sent.tokens
    t = toks[place]
    return any(o.start <= t.start < o.end and not (o.start <= m.start < o.end) and o.head != m.head
               and (o.sector or o.code) and (_role(toks, o.head)[0] in ("nsubj", "agent") or any(
                   toks[a].dep in ("acl", "relcl") for a in _ancestors(toks, place) if a > o.head))
               for o in others)


def attacked(sent: ParsedSentence, h: int, kids: Kids) -> set[int]:
    """Tokens of what actor h attacks, when h is the source of an attack ("Gunmen attacked Iran's parliament",
    "carried out attacks on X", "an attack by gunmen on X"); empty otherwise. An attacker never takes the
    country of the attacked place or people."""
    toks = sent.tokens
    role, v = _role(toks, h)
    lemma = toks[v].lemma.lower()
    if not (role == "agent" and lemma in _ATTACK_VERBS | _ATTACK_NOUNS or role == "nsubj" and (
            lemma in _ATTACK_VERBS or any(toks[c].dep == "dobj" and toks[c].lemma.lower() in _ATTACK_NOUNS
                                          for c in kids[v]))):
        return set()
    out: set[int] = set()
    for c in kids[v]:
        if toks[c].dep in ("dobj", "dative", "prep") and toks[c].text.lower() != "by":
            out.update(subtree(toks, c, kids))
    return out


def _relational(sent: ParsedSentence, m: ActorMention) -> bool:
    """Is m someone's other party ("its partners", "family members of the victims") or a force sent abroad
    ("peacekeeping forces")? Neither is from where the sentence or its owner is."""
    toks = sent.tokens
    words = [t.lemma.lower() for t in toks if m.start <= t.start < m.end]
    return toks[m.head].lemma.lower() in RELATIONAL or "family" in words or \
        any(w.startswith(("peacekeep", "peace-keep")) for w in words)


def _weak(m: ActorMention) -> bool:
    """A role whose only country is its ethnic group's home ("Shona rebels")."""
    return ETHNIC_HOME in m.evidence


def _open(m: ActorMention) -> bool:
    """Does m lack a country of its own (a role alone, or an ethnic group's home)?"""
    return bool(m.sector) and (m.code == m.sector and not m.country or _weak(m) and m.code == f"{m.country}{m.sector}")


def _with(m: ActorMention, country: str, why: str) -> ActorMention:
    sector = m.sector or ""
    return evolve(m, country=country, code=f"{country}{sector}", evidence=f"{m.evidence}; {why}")


def with_located_country(sent: ParsedSentence, m: ActorMention,
                         country_of: Callable[[ParsedSentence, int], str | None],
                         kids: Kids | None = None,
                         others: Callable[[], Sequence[ActorMention]] | None = None) -> ActorMention:
    """m with the country of the sentence's one location, when m has a sector and no country; with no
    location, the one country of the sentence's other actors (`others()`, asked only then) when they frame
    it (see above)."""
    if not _open(m) or any(w in m.text.lower() for w in _ENVOYS) or _relational(sent, m):
        return m
    kids = kids if kids is not None else children(sent.tokens)
    found: dict[str, int] = {}
    countries: set[str] = set()  # every country the sentence locates things in: two settle nothing
    for i in located_places(sent, kids):
        c = country_of(sent, i)
        if c:
            countries.add(c)
            if locates(sent, i, m.head, kids, m.sector in _ABROAD):
                found.setdefault(c, i)
    if len(found) == 1 and len(countries) == 1:
        (country, i), = found.items()
        if country == m.country:
            return m
        return _with(m, country, f"country from the place the sentence is in ({sent.tokens[i].text!r})")
    if len(countries) == 1 and others is not None and not found:
        country, = countries
        i = next(i for i in located_places(sent, kids) if country_of(sent, i) == country)
        if country != m.country and _undergoes(sent, m.head, kids) and not _elsewhere(sent, i, m, others()):
            return _with(m, country, f"country from the place the sentence is in ({sent.tokens[i].text!r}; "
                                     "the place of what it undergoes)")
    if countries or others is None:
        return m
    frame = domestic_frame(sent, m, others(), kids)
    if frame is None or frame[0] == m.country:
        return m
    return _with(m, frame[0], f"country of the sentence's home actors ({frame[1].text!r})")


def domestic_frame(sent: ParsedSentence, m: ActorMention, others: Sequence[ActorMention],
                   kids: Kids | None = None) -> tuple[str, ActorMention] | None:
    """The one country the other actors of the sentence name, with an actor that frames it as home."""
    toks = sent.tokens
    if m.sector in _ABROAD or _relational(sent, m) or \
            any(t.text.lower() in _NOT_NATIONAL for t in toks if m.start <= t.start < toks[m.head].start):
        return None
    kids = kids if kids is not None else children(toks)
    partners = _conjuncts(sent, m.head, kids)
    target = attacked(sent, m.head, kids)
    countries: set[str] = set()
    frame: ActorMention | None = None
    for o in others:
        if not o.country or o.head in partners or o.head in target or (o.start < m.end and m.start < o.end) or _weak(o):
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
