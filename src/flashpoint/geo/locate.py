"""Event location: where the event took place, from place names in its sentence and its article.

Place mentions are spaCy GPE/LOC/FAC entities plus proper nouns after a locative preposition (the
small model misses many towns). Each mention is disambiguated against the gazetteer with
population, a country bonus, the capital bonus, and the article's context (countries of the other
places named in the article and of the actors). The event's location is, in order of preference:
a place in a locative phrase of the trigger's clause, any other locative place in the sentence, a
non-actor place in the sentence, the target itself when it is a place hit by material conflict, and
finally the article's main locative place. An actor's country alone is never used as the location.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from flashpoint.geo.gazetteer import Gazetteer, Place, fold
from flashpoint.models import ActorMention, Event, Location, ParsedSentence, Token

#: prepositions whose object is where something happens ("sanctions on Iran", "aid to Sudan" are not).
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across", "throughout", "around",
                            "within", "along", "off"})
#: names the gazetteer would match but that are no country's territory (seas, blocs, compass words).
NOT_PLACES = frozenset({
    "west", "east", "north", "south", "the west", "the east", "the north", "the south", "middle east",
    "red sea", "black sea", "baltic sea", "south china sea", "east china sea", "mediterranean",
    "mediterranean sea", "persian gulf", "gulf", "the gulf", "gulf of aden", "strait of hormuz",
    "arabian sea", "caribbean", "caribbean sea", "pacific", "atlantic", "indian ocean", "arctic",
    "europe", "asia", "africa", "eastern europe", "western europe", "latin america", "sahel", "balkans",
    "line of actual control", "taiwan strait", "horn of africa",
})
#: "to X" is where the event happens only after verbs of movement ("aid to Sudan" is not a place).
MOTION_VERBS = frozenset({"deploy", "send", "dispatch", "travel", "fly", "arrive", "return", "march", "move",
                          "flee", "sail", "airlift", "redeploy", "advance", "head", "rush"})
#: "on the outskirts of X", "on the border of X".
EDGE_NOUNS = frozenset({"outskirts", "edge", "edges", "border", "coast", "shore", "shores", "bank", "banks",
                        "streets", "street", "frontline", "front", "island", "soil", "territory"})
#: "officials in Seoul said": where a report was made, not where the event happened.
REPORTING_VERBS = frozenset({"say", "tell", "confirm", "claim", "report", "announce", "add", "state", "quote"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_REGION_SUFFIX = re.compile(r"^(.*?)\s+(region|province|oblast|governorate|state|district)$")
_REGION_WORDS = frozenset({"region", "province", "oblast", "governorate", "state", "district"})
_STRIP = re.compile(r"^(?:the|central|northern|southern|eastern|western|north|south|east|west)\s+",
                    re.IGNORECASE)


@dataclass(frozen=True)
class PlaceMention:
    sentence_index: int
    text: str
    start: int  # char offsets in the sentence
    end: int
    locative: bool
    clause: int  # token index of the verb the mention's phrase hangs from
    candidates: tuple[Place, ...]
    region_of: Place | None = None  # "Donetsk region": the city the region is named after


class Locator:
    """Find place mentions in an article and pick each event's location."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or Gazetteer.load()
        # one article's memo (see _memo): resolved mentions and the article's main place
        self._memo_ctx: Counter[str] | None = None
        self._resolved: dict[int, tuple[PlaceMention, Place]] = {}
        self._main: tuple[Sequence[PlaceMention], PlaceMention | None] | None = None

    def _memo(self, ctx: Counter[str]) -> None:
        """Start a new memo when a new article context comes in. A mention's place and the article's main
        place depend only on the mentions and the context, which stay the same for all of an article's
        events (the context must not be changed once events are located with it). The memo holds the
        context and the mentions it keys, so their ids cannot be reused while it lives."""
        if ctx is not self._memo_ctx:
            self._memo_ctx, self._resolved, self._main = ctx, {}, None

    def mentions(self, sents: Sequence[ParsedSentence]) -> list[PlaceMention]:
        out = []
        for sent in sents:
            for a, b in _place_spans(sent):
                m = self._mention(sent, a, b)
                if m is not None:
                    out.append(m)
        return out

    def _mention(self, sent: ParsedSentence, a: int, b: int) -> PlaceMention | None:
        text = sent.text[a:b]
        name = _STRIP.sub("", fold(text))
        if name in NOT_PLACES or fold(text) in NOT_PLACES:
            return None
        cands = self.gaz.lookup(name) or self.gaz.lookup(fold(text))
        region_of = None
        if not cands and (m := _REGION_SUFFIX.match(name)):
            base = [p for p in self.gaz.lookup(m.group(1)) if p.kind == "city"]
            if base:
                region_of = max(base, key=lambda p: p.population)
                cands = [Place(text.strip(), "admin1", region_of.country, 0, region_of.lat, region_of.lon,
                               text.strip())]
        if not cands:
            return None
        tok = _first_token(sent, a)
        locative, clause = _locative(sent, tok)
        return PlaceMention(sent.index, text, a, b, locative, clause, tuple(cands), region_of)

    def context(self, mentions: Sequence[PlaceMention], events: Sequence[Event]) -> Counter[str]:
        """Countries the article is about: unambiguous places, then actors (weighted lower)."""
        ctx: Counter[str] = Counter()
        for m in mentions:
            countries = {p.country for p in m.candidates}
            if len(countries) == 1:
                ctx[countries.pop()] += 2
        for e in events:
            own = [m for m in mentions if m.sentence_index == e.sentence_index]
            for actor in (e.source, e.target):
                # an actor named after a place ("Tripoli" -> LBYGOV) would only echo our own guess
                if actor is not None and actor.country and not any(_overlaps(m, actor) for m in own):
                    ctx[actor.country] += 1
        return ctx

    def resolve(self, m: PlaceMention, ctx: Counter[str]) -> Place:
        self._memo(ctx)
        hit = self._resolved.get(id(m))
        if hit is not None and hit[0] is m:
            return hit[1]
        folded = fold(m.text)
        names = (folded, _STRIP.sub("", folded))
        place = max(m.candidates, key=lambda p: (_score(p, names, ctx), -len(p.name), p.name))
        self._resolved[id(m)] = (m, place)
        return place

    def locate(self, event: Event, sent: ParsedSentence, mentions: Sequence[PlaceMention],
               ctx: Counter[str]) -> tuple[Location | None, str]:
        """(location, evidence) for one event."""
        own = [m for m in mentions if m.sentence_index == event.sentence_index]
        actors = [a for a in (event.source, event.attribution) if a is not None]
        free = [m for m in own if m.locative or not (any(_overlaps(m, a) for a in actors)
                                                    or _overlaps_target(m, event))]
        trig = _first_token(sent, event.trigger.start)
        clause = _clause(sent, trig) if trig is not None else -1
        other = [m for m in free if m.locative and sent.tokens[m.clause].lemma not in REPORTING_VERBS]
        tiers = ([m for m in free if m.locative and m.clause == clause], other)
        for why, tier in zip(("locative phrase of the trigger", "locative phrase"), tiers, strict=True):
            if tier:
                return self._location(tier, own, ctx), why
        if event.quad_class == 4 and event.target is not None:
            hit = [m for m in own if _overlaps(m, event.target)]
            if hit:
                return self._location(hit, own, ctx), "target place of material conflict"
        main = self.article_place(mentions, ctx)
        if main is not None and _actors_fit(event, self.resolve(main, ctx).country):
            return self._location([main], own, ctx), "article's main place"
        return None, ""

    def article_place(self, mentions: Sequence[PlaceMention], ctx: Counter[str]) -> PlaceMention | None:
        self._memo(ctx)
        if self._main is None or self._main[0] is not mentions:
            self._main = (mentions, self._article_place(mentions, ctx))
        return self._main[1]

    def _article_place(self, mentions: Sequence[PlaceMention], ctx: Counter[str]) -> PlaceMention | None:
        loc = [m for m in mentions if m.locative]
        if not loc:
            return None
        counts = Counter(self.resolve(m, ctx).country for m in loc)
        top = max(counts.values())
        country = next(self.resolve(m, ctx).country for m in loc if counts[self.resolve(m, ctx).country] == top)
        same = [m for m in loc if self.resolve(m, ctx).country == country]
        return min(same, key=lambda m: (_specificity(self.resolve(m, ctx)), m.sentence_index, m.start))

    def _location(self, tier: Sequence[PlaceMention], own: Sequence[PlaceMention], ctx: Counter[str]) -> Location:
        resolved = [(m, self.resolve(m, ctx)) for m in tier]
        first_country = resolved[0][1].country
        same = [(m, p) for m, p in resolved if p.country == first_country]
        m, place = min(same, key=lambda mp: (_specificity(mp[1]), mp[0].start))
        if place.kind == "country":  # city-states: "Hong Kong", "Singapore" are cities too
            place = next((p for p in m.candidates if p.kind == "city" and p.country == place.country
                          and fold(p.name) == fold(place.name)), place)
        admin1 = place.admin1
        if admin1 is None and place.kind == "city":
            regions = [self.resolve(o, ctx) for o in own if o is not m]
            admin1 = next((r.admin1 for r in regions if r.kind == "admin1" and r.country == place.country), None)
        return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon, admin1=admin1,
                        city=place.name if place.kind == "city" else None, feature_id=place.feature_id)


def _actors_fit(event: Event, country: str) -> bool:
    """The article's place is this event's place only if an actor is from there or none has a country.

    "Egypt urged both sides..." in a story about strikes in Gaza did not happen in Gaza.
    """
    countries = {a.country for a in (event.source, event.target) if a is not None and a.country}
    return not countries or country in countries


def _specificity(p: Place) -> int:
    return {"city": 0, "admin1": 1}.get(p.kind, 2)


def _score(p: Place, names: tuple[str, str], ctx: Counter[str]) -> float:
    """How likely place p is meant by a mention whose folded text (and that text stripped of "the",
    "northern", ...) are `names`."""
    score = math.log10(p.population + 10) / 2
    score += {"country": 2.0, "admin1": 0.5}.get(p.kind, 0.0)
    if fold(p.name) in names:
        score += 1.0  # matched the main name, not an alternate spelling
    if p.capital:
        score += 1.5
    if ctx.get(p.country):
        score += 2.0 + min(ctx[p.country], 6) / 6
    return score


def _place_spans(sent: ParsedSentence) -> list[tuple[int, int]]:
    spans = []
    for s, e, label in sent.entities:
        if label in _PLACE_LABELS and s < e <= len(sent.tokens):
            spans.append((sent.tokens[s].start, sent.tokens[e - 1].end))
    toks = sent.tokens
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.text.lower() in LOCATIVE_PREPS and t.pos == "ADP":
            first = i + 2 if i + 1 < len(toks) and toks[i + 1].text.lower() == "the" else i + 1
            j = first
            while j < len(toks) and toks[j].pos == "PROPN":
                j += 1
            if j < len(toks) and j > first and toks[j].text.lower() in _REGION_WORDS:
                j += 1
            if j > first:
                a, b = toks[first].start, toks[j - 1].end
                if not any(x <= a < y or a <= x < b for x, y in spans):
                    spans.append((a, b))
            i = j
        else:
            i += 1
    return sorted(spans)


def _first_token(sent: ParsedSentence, char: int) -> Token | None:
    for t in sent.tokens:
        if t.start <= char < t.end:
            return t
    return None


def _clause(sent: ParsedSentence, tok: Token) -> int:
    seen: set[int] = set()
    cur = tok
    while cur.i not in seen:
        seen.add(cur.i)
        if cur.pos in ("VERB", "AUX") and cur.dep != "aux" or cur.head == cur.i:
            return cur.i
        cur = sent.tokens[cur.head]
    return cur.i


def _locative(sent: ParsedSentence, tok: Token | None) -> tuple[bool, int]:
    """Is the mention inside a locative prepositional phrase, and which clause does it belong to?"""
    if tok is None:
        return False, -1
    cur = tok
    for _ in range(7):  # climb compound/appos/pobj links (and "the outskirts of") up to the preposition
        if cur.head == cur.i:
            break
        head = sent.tokens[cur.head]
        if cur.dep == "pobj" and _is_locative_prep(sent, head, cur):
            return True, _clause(sent, head)
        of_phrase = cur.dep == "prep" and cur.text.lower() == "of"
        if cur.dep not in ("compound", "appos", "pobj", "conj", "amod", "nmod", "npadvmod") and not of_phrase:
            break
        cur = head
    return False, _clause(sent, tok)


def _is_locative_prep(sent: ParsedSentence, prep: Token, obj: Token) -> bool:
    word = prep.text.lower()
    if word in LOCATIVE_PREPS:
        return True
    if word in ("to", "toward", "towards"):  # "troops were deployed to Los Angeles"
        return sent.tokens[_clause(sent, prep)].lemma in MOTION_VERBS
    return word == "on" and bool({obj.lemma.lower(), obj.text.lower()} & EDGE_NOUNS)  # "on the outskirts of X"


def _overlaps(m: PlaceMention, a: ActorMention) -> bool:
    return a.start >= 0 and m.start < a.end and a.start < m.end


def _overlaps_target(m: PlaceMention, e: Event) -> bool:
    return e.target is not None and _overlaps(m, e.target) and not m.locative
