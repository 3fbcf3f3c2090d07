"""Actor stage: noun-phrase spans in a parsed sentence -> ActorMention with a CAMEO-style code.

Resolution order for one phrase (docs/actors.md):
  1. pronoun -> coreference (same sentence first, then the article's earlier sentences)
  2. longest-match scan of the phrase over people.tsv and the dictionary (orgs, aliases, places,
     countries): the first country/organisation found gives the country
  3. sector (sectors.py): role noun at the head > title before a name > a person's dated role > seat of
     power (metonym) > organisation > demonym used as a plural noun (CVL); "former"/"ousted" -> ELI
  4. definite descriptions without a country ("the regime", "the president") -> coreference
  5. a role still without a country: the place the sentence locates it in, or the one country the
     sentence's home actors name (located.py)
Knowledge comes from the TSV files in flashpoint/data/actors (see lexicon.py and people.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import pairwise

from flashpoint.actors import coref
from flashpoint.actors.coref import Antecedent, ArticleContext
from flashpoint.actors.lexicon import ActorDictionary, Entry, norm
from flashpoint.actors.located import ETHNIC_HOME, REGIONAL, RELATIONAL, with_located_country
from flashpoint.actors.people import PeopleIndex, Person, event_date
from flashpoint.actors.sectors import NGO_HEADS, Found, SectorRules
from flashpoint.actors.spans import (
    Kids,
    children,
    conjoined,
    modifier_span,
    name_after_title,
    noun_phrase,
    phrase_text,
    subtree,
)
from flashpoint.models import ActorMention, ParsedSentence, Token, evolve

__all__ = ["ActorDictionary", "ActorResolver", "ArticleContext", "noun_phrase", "subtree"]

MAX_NGRAM = 10  # "Movement for the Actualization of the Sovereign State of Biafra"
_SKIP = frozenset({"'s", "’s", "'", "’"})
_CANDIDATE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "ROOT", "attr", "dative",
                             "npadvmod", "agent", "compound", "poss"})
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: a town after these prepositions is a place, not its government ("fighting in Baghdad")
_LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "into", "across", "throughout", "inside", "within",
                       "toward", "towards", "through", "beyond", "past"})
#: verbs whose object town is a place hit or held, not a government addressed ("shelled Juba")
_MATERIAL = frozenset({"attack", "shell", "bomb", "strike", "hit", "blockade", "besiege", "raid", "seize", "capture",
                       "occupy", "storm", "invade", "enter", "surround", "bombard", "target", "rocket", "encircle",
                       "evacuate", "flee", "leave", "reach", "take", "control", "isolate", "defend", "visit",
                       "liberate", "retake", "overrun", "shut", "close", "paralyse", "paralyze", "rock", "shake"})
_PLACE_NOUNS = frozenset({"city", "town", "village", "capital", "province", "region", "district", "suburb", "port",
                          "enclave", "outskirts", "centre", "center", "neighbourhood", "neighborhood"})
#: dictionary entries that name a country when they occur
_NAMING = frozenset({"country", "demonym", "metonym", "place"})
#: heads naming a community where it lives: a demonym on them is its origin, weaker than where it is
#: ("the Albanian population of Montenegro", "the Russian minority in Latvia")
_COMMUNITY = frozenset({"population", "minority", "minorities", "community", "communities"})
#: dependencies of a noun phrase's head (a verb in one of them is a mis-parsed participle clause)
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "dobj", "pobj", "appos", "attr"})
#: titles before a name and the offices they name (for misspelt leaders' names)
TITLE_ROLES = {"president": frozenset({"HOS"}), "prime minister": frozenset({"HOG"}), "premier": frozenset({"HOG"}),
               "chancellor": frozenset({"HOG"}), "king": frozenset({"HOS"}), "foreign minister": frozenset({"FM"}),
               "defence minister": frozenset({"DM"}), "defense minister": frozenset({"DM"})}
#: quantity nouns whose "of"-object is the actor ("a group of diplomats", "hundreds of protesters")
_PARTITIVE = frozenset({"group", "number", "team", "delegation", "band", "contingent", "crowd", "dozen", "dozens",
                        "hundred", "hundreds", "thousand", "thousands", "couple", "handful", "score", "scores",
                        "batch", "busload"})
#: nouns whose "in <capital>" is the host government ("opened an embassy in Tehran")
_DIPLOMATIC = frozenset({"embassy", "consulate", "ambassador", "envoy", "legation", "mission", "charge"})


@dataclass
class _SentenceMemo:
    """What the resolver computes once per sentence: the dependency children, actor phrase spans,
    context-free mentions and coreference candidates (all pure functions of the sentence)."""

    sent: ParsedSentence
    kids: Kids
    phrases: dict[int, tuple[int, int]] = field(default_factory=dict)
    mentions: dict[tuple[int, int, int, str], ActorMention] = field(default_factory=dict)
    candidates: dict[tuple[int, str], list[Antecedent]] = field(default_factory=dict)
    others: dict[str, list[ActorMention]] = field(default_factory=dict)
    named: set[str] | None = None  # countries the sentence names (for ambiguous place names)


def _words(span: list[Token]) -> list[Token]:
    return [t for t in span if t.dep != "case" and t.text not in _SKIP]


def _joins(words: list[Token]) -> list[str]:
    """What `phrase_text` puts before each word: "" after an adjacent token (Kim Jong-un), else a space."""
    return [""] + ["" if t.start == p.end and p.i + 1 == t.i else " " for p, t in pairwise(words)]


def _ngram_keys(words: list[Token], i: int, joins: list[str], longest: int = MAX_NGRAM) -> list[str]:
    """norm(phrase_text(words[i:i + n])) for n = 1 .. longest (fewer at the end), built left to right."""
    text = words[i].text
    keys = [norm(text)]
    for k in range(i + 1, min(i + longest, len(words))):
        text += joins[k] + words[k].text
        keys.append(norm(text))
    return keys


def _case_ok(e: Entry, words: list[Token]) -> bool:
    """Short acronyms match only when written in capitals: "GIA" the group, not "Gia" in a name."""
    return not (len(words) == 1 and len(e.phrase) <= 3 and e.phrase.isalpha() and e.kind in ("org", "country")
                and not words[0].text.isupper())


def _opposed(words: list[Token], i: int) -> bool:
    """The word at i is the object of "anti-"/"pro-" ("anti-Syria journalist", "pro-Iranian militia")."""
    t = words[i].text.lower()
    if t.startswith(("anti-", "pro-")):
        return True
    prev = [w.text.lower() for w in words[max(0, i - 2):i]]
    return prev[-2:] in (["anti", "-"], ["pro", "-"]) or (bool(prev) and prev[-1] in ("anti-", "pro-"))


def _partitive_object(sent: ParsedSentence, head: int) -> int | None:
    """The plural noun after "a group of", "dozens of", "a delegation of": it names the actor."""
    toks = sent.tokens
    if toks[head].lemma.lower() not in _PARTITIVE:
        return None
    for prep in (t for t in toks if t.head == head and t.i > head and t.text.lower() == "of"):
        obj = next((t for t in toks if t.head == prep.i and t.dep == "pobj"), None)
        if obj is not None and obj.tag in ("NNS", "NNPS") and obj.pos in ("NOUN", "PROPN"):
            return obj.i
    return None


def _ethnic(words: list[Token], i: int) -> bool:
    return i > 0 and words[i - 1].text.lower() == "ethnic"


def _seat_of_power(sent: ParsedSentence, tok: Token) -> bool:
    """Does a capital named here stand for its government ("Baghdad said", "warned Tehran") rather than
    for the place ("fighting in Baghdad", "rebels shelled Juba")?"""
    toks = sent.tokens
    while tok.head != tok.i and (tok.dep == "conj" or tok.dep in ("pobj", "appos") and (
            toks[tok.head].text.lower() == "of" and toks[toks[tok.head].head].lemma.lower() in _PLACE_NOUNS
            or toks[tok.head].lemma.lower() in _PLACE_NOUNS)):  # "the town of Cizre", "the capital, Kabul"
        tok = toks[tok.head] if tok.dep != "pobj" or toks[tok.head].text.lower() != "of" else toks[toks[tok.head].head]
    gov = toks[tok.head]
    if tok.dep == "pobj":
        if gov.text.lower() in _LOCATIVE:
            return toks[gov.head].lemma.lower() in _DIPLOMATIC
        return toks[gov.head].lemma.lower() not in _MATERIAL
    if tok.dep in ("dobj", "nsubjpass"):
        return gov.lemma.lower() not in _MATERIAL
    return True


class ActorResolver(SectorRules):
    """Resolve the actor phrase around a head token to a code (country + sector, or organisation)."""

    def __init__(self, dictionary: ActorDictionary | None = None, people: PeopleIndex | None = None) -> None:
        self.dict = dictionary or ActorDictionary()
        self.people = people or PeopleIndex()
        self._memo: _SentenceMemo | None = None  # the sentence being resolved (one at a time)
        #: the first word (up to the first space) of every dictionary and people key (see `_longest`)
        self._first_words = {k.split(" ", 1)[0] for keys in (self.dict.entries, self.people.names) for k in keys}

    def _sentence(self, sent: ParsedSentence) -> _SentenceMemo:
        """The memo of `sent` (by identity: a new sentence object starts a new memo)."""
        if self._memo is None or self._memo.sent is not sent:
            self._memo = _SentenceMemo(sent, children(sent.tokens))
        return self._memo

    def _phrase(self, sent: ParsedSentence, head: int) -> tuple[int, int]:
        memo = self._sentence(sent)
        span = memo.phrases.get(head)
        if span is None:
            span = memo.phrases[head] = noun_phrase(sent, head, memo.kids)
        return span

    # --- public interface --------------------------------------------------------------------------
    def new_context(self, published: str | None = None) -> ArticleContext:
        return ArticleContext(published=published)

    def observe(self, sent: ParsedSentence, context: ArticleContext) -> None:
        """Called after each sentence of an article is coded: remember its actors for coreference.

        They are worked out only if a later sentence looks back (`ArticleContext.remember_later`), with
        this sentence's memo, so exactly as they would be now."""
        if isinstance(context, ArticleContext):
            memo, day = self._sentence(sent), event_date(context.published)

            def actors() -> list[Antecedent]:
                current, self._memo = self._memo, memo
                try:
                    return self._candidates(sent, len(sent.tokens), day)
                finally:
                    self._memo = current

            context.remember_later(actors)

    def resolve_all(self, sent: ParsedSentence, head: int, context: ArticleContext | None = None) -> list[ActorMention]:
        """All actors for the phrase headed by `head`: "Hungarian and Romanian officials" gives two."""
        ctx = context if isinstance(context, ArticleContext) else None
        day = event_date(ctx.published if ctx else None)
        split = self._split_compound(sent, head, day)
        mentions = split or [self.resolve(sent, head, context=ctx)]
        # a role without a country ("ethnic Albanian guerrillas operating in Macedonia"): where it is, or
        # the one country the sentence's home actors name ("police ... the Turkish interior ministry said")
        kids = self._sentence(sent).kids
        def others() -> list[ActorMention]:
            return self._others(sent, day)

        return [with_located_country(sent, m, self._place_country, kids, others) for m in mentions]

    def _others(self, sent: ParsedSentence, day: str) -> list[ActorMention]:
        """The sentence's actor mentions, compound phrases split ("the Turkish and Greek governments" is two
        countries), for the country the sentence frames an actor in (memoised per sentence)."""
        memo = self._sentence(sent)
        found = memo.others.get(day)
        if found is None:
            found = memo.others[day] = []
            for a in self._candidates(sent, len(sent.tokens), day):
                found.extend(self._split_compound(sent, a.mention.head, day) or [a.mention])
        return found

    def _place_country(self, sent: ParsedSentence, i: int) -> str | None:
        """Country of a located place; a person's name is no place ("a refugee centre in Kerry")."""
        m = self.resolve(sent, i)  # "the West" (WST) is a group of countries, no place to be in
        return None if "people.tsv" in m.evidence or m.country == "WST" else m.country

    def resolve(self, sent: ParsedSentence, head: int, date: str | None = None,
                context: ArticleContext | None = None) -> ActorMention:
        ctx = context if isinstance(context, ArticleContext) else None
        day = event_date(date or (ctx.published if ctx else None))
        tok = sent.tokens[head]
        if tok.pos == "ADP":  # a span given as "in central Baghdad": the actor is the object
            head = next((t.i for t in sent.tokens if t.head == head and t.dep == "pobj"), head)
            tok = sent.tokens[head]
        if tok.pos == "VERB" and tok.dep in _NOMINAL_DEPS:  # "the Red Cross operating in X said" parsed as a
            head = next((t.i for t in sent.tokens if t.head == head and t.i < head and t.dep == "nsubj"), head)
            tok = sent.tokens[head]  # clause in the subject's place: its own subject is the actor
        title = sent.tokens[tok.head]
        if tok.dep == "appos" and title.i < head and \
                (name_after_title(sent, title.i, self._sentence(sent).kids) or (None,))[0] == head:
            head, tok = title.i, title  # "La Prensa" in "the opposition newspaper La Prensa": title and name
        if tok.text.lower() in coref.PRONOUNS:
            return self._pronoun(sent, head, day, ctx)
        lo, hi = self._phrase(sent, head)
        inner = _partitive_object(sent, head)
        if inner is not None:  # "a group of Moroccan diplomats": the diplomats are the actor
            head, hi = inner, max(hi, self._phrase(sent, inner)[1])
        named = name_after_title(sent, head, self._sentence(sent).kids)
        if named is not None and named[1] > hi:  # the name is the actor, the title describes it
            head, hi = named[0], named[1]
        mention = self._mention(sent, lo, hi, head, day)
        if mention.country is None and mention.code in (None, mention.sector):
            mention = self._anaphor(sent, head, mention, day, ctx) or mention
        # a new record per call, as if unmemoised: callers may tell two mentions apart by identity
        return evolve(mention) if mention is self._sentence(sent).mentions.get((lo, hi, head, day)) else mention

    # --- one phrase ----------------------------------------------------------------------------------
    def _mention(self, sent: ParsedSentence, lo: int, hi: int, head: int, day: str) -> ActorMention:
        """The context-free mention of tokens [lo, hi) headed by `head` (memoised per sentence)."""
        memo = self._sentence(sent)
        key = (lo, hi, head, day)
        m = memo.mentions.get(key)
        if m is None:
            m = memo.mentions[key] = self._new_mention(sent, lo, hi, head, day)
        return m

    def _new_mention(self, sent: ParsedSentence, lo: int, hi: int, head: int, day: str) -> ActorMention:
        toks = sent.tokens
        start, end = toks[lo].start, toks[hi - 1].end
        country, sector, code, evidence = self._code_span(sent, list(toks[lo:hi]), toks[head], day)
        return ActorMention(text=sent.text[start:end], start=start, end=end, head=head, code=code,
                            country=country, sector=sector, evidence=evidence)

    def _code_span(self, sent: ParsedSentence, span: list[Token], head: Token,
                   day: str) -> tuple[str | None, str | None, str | None, str]:
        found = self._scan(sent, span, head, day)
        sector, why = self._sector(sent, span, head, found)
        if why:
            found.evidence.append(why)
        country = found.country or found.ethnic_country
        community = head.lemma.lower() in _COMMUNITY
        if (found.people_head or community) and found.location:
            # "Albanians of southern Serbia", "the Russian minority in Latvia": a community of a place
            country = found.location
        elif found.country is None and found.ethnic_country or \
                community and found.country_kind == "demonym" and found.org is None:
            found.evidence.append(ETHNIC_HOME)  # "Shona rebels", "the Albanian population": where they are may differ
        if country is None and found.org is None and found.person is None and sector == "MIL" and \
                any(t.text.lower().startswith("peacekeep") for t in span) and \
                not any(t.dep == "poss" and t.text.lower() in coref.PRONOUNS for t in span):  # not "its"
            found.evidence.append("peacekeepers of no country -> an international force (IGO)")
            return None, sector, f"IGO{sector}", "; ".join(found.evidence)
        if found.org is not None and found.org.code:
            return country, sector, found.org.code, "; ".join(found.evidence)
        if found.person is not None and len(found.person[2]) > 3:  # a leader of an organisation
            return country, sector, found.person[2], "; ".join(found.evidence)
        if country is None and found.members and head.lemma.lower() in NGO_HEADS and head.pos == "PROPN":
            return None, sector, f"NGO{sector}", "; ".join(found.evidence)  # "the Association of Jurists"
        code = (country or "") + (sector or "") or None
        return country, sector, code, "; ".join(found.evidence) or "unresolved"

    def _scan(self, sent: ParsedSentence, span: list[Token], head: Token, day: str) -> Found:
        words = _words(span)
        found = Found()
        joins = _joins(words)
        i = 0
        while i < len(words):
            n = self._match_at(sent, words, i, head, day, found, joins)
            i += max(n, 1)
        if found.person is None and found.country is None and head.pos == "PROPN":
            self._misspelt_leader(words, head, day, found)
        return found

    def _misspelt_leader(self, words: list[Token], head: Token, day: str, found: Found) -> None:
        """"President Bouteflicka": an unknown name after a leader's title, spelt close to a known
        holder of that office, is that person (one candidate only)."""
        pos = next((k for k, t in enumerate(words) if t.i == head.i), None)
        if pos is None:
            return
        def title_before(k: int) -> frozenset[str] | None:
            return next((TITLE_ROLES[key] for n in (2, 1) if k - n >= 0
                         for key in [norm(phrase_text(words[k - n:k]))] if key in TITLE_ROLES), None)

        start = pos
        while start > 0 and title_before(start) is None and words[start - 1].pos == "PROPN":
            start -= 1
        title = title_before(start)
        if title is None or start > pos:
            return
        for name in (words[start:pos + 1], words[pos:pos + 1]):
            hit = self.people.fuzzy(phrase_text(name), title)
            if hit is not None:
                self._take_person(hit[0], f"{hit[1]} (spelt {phrase_text(name)!r})", day, found)
                found.covered.update(t.i for t in name)
                return

    def _longest(self, words: list[Token], i: int, joins: list[str]) -> int:
        """How many words from i a dictionary or people key can span, as far as its first word tells: every
        key's first word (its text up to the first space) is in `_first_words`; the words from i up to the
        first space-join form the first word of all longer n-grams, so if that is in no key's first place
        only the shorter n-grams inside it can match (usually just the one word: the plural look-up)."""
        end = i + 1
        while end < len(words) and end < i + MAX_NGRAM and joins[end] == "":
            end += 1
        first = norm(words[i].text if end == i + 1 else phrase_text(words[i:end]))
        if not first or " " in first or first in self._first_words:
            return MAX_NGRAM
        return max(1, end - i - 1)

    def _match_at(self, sent: ParsedSentence, words: list[Token], i: int, head: Token, day: str,
                  found: Found, joins: list[str]) -> int:
        keys = _ngram_keys(words, i, joins, self._longest(words, i, joins))
        names, entries = self.people.names, self.dict.entries
        for n in range(len(keys), 0, -1):
            phrase = keys[n - 1]
            key = norm(phrase)  # what self.people.lookup(phrase) and self.dict.lookup(phrase) look up
            person = names.get(key)
            if person is not None and any(t.pos == "PROPN" for t in words[i:i + n]):
                self._take_person(person, phrase, day, found)
                found.covered.update(t.i for t in words[i:i + n])
                return n
            e = entries.get(key)
            if e is None and n == 1 and phrase.endswith("s") and len(phrase) > 3:
                e = self.dict.lookup(phrase[:-1])  # Russians, Palestinians, Serbs
                if e is not None and e.kind not in ("demonym", "country", "ethnic"):
                    e = None
            if e is None or not _case_ok(e, words[i:i + n]):
                continue
            if _opposed(words, i):  # "anti-Syria", "pro-Iranian": the country is not the actor's
                found.evidence.append(f"{e.source}:{e.phrase} (after anti-/pro-, ignored)")
                return n
            if e.kind == "demonym" and _ethnic(words, i):  # "ethnic Albanians": a people, not a state
                e = Entry(e.phrase, "ethnic", None, source=e.source)
            is_head = words[i + n - 1].i == head.i
            found.people_head = found.people_head or (is_head and n == 1 and e.kind in ("demonym", "ethnic"))
            self._take_entry(sent, e, is_head, head, found, words[i].i > head.i)
            if n > 1 or e.kind != "demonym":
                found.covered.update(t.i for t in words[i:i + n])
            return n
        return 1

    def _take_person(self, person: Person, phrase: str, day: str, found: Found) -> None:
        role, sector = person.at(day)
        if found.person is None:
            found.person = (person, sector, role.actor)
            home = role.actor[:3]  # PSEREBHAM -> PSE; IGO/NGO/IMG codes name no country
            if found.country is None and home in self.dict.country_names:
                found.country = home
        found.evidence.append(f"{role.source}:{phrase} ({role.role} {role.actor} on {day} -> {sector or 'no role'})")

    def _take_entry(self, sent: ParsedSentence, e: Entry, is_head: bool, head: Token, found: Found,
                    after_head: bool = False) -> None:
        e = self._disambiguated(sent, e)
        if e.kind == "region":
            found.region_head = found.region_head or is_head
            found.evidence.append(f"{e.source}:{e.phrase} (region, not an actor)")
            return
        if is_head and self.dict.is_city(e) and not _seat_of_power(sent, head):
            found.city_head = True
            found.country = found.country or e.country
            found.evidence.append(f"{e.source}:{e.phrase} (a town named as a place)")
            return
        if e.kind == "ethnic":
            found.ethnic_country = found.ethnic_country or e.country
            found.ethnic_mod = found.ethnic_mod or not is_head
            if is_head and head.tag in ("NNS", "NNPS"):
                found.demonym_head = True
            found.evidence.append(f"{e.source}:{e.phrase} (ethnic group)")
            return
        if after_head and e.kind in ("country", "place", "metonym") and found.location is None:
            found.location = e.country
        if e.kind == "org":
            found.org = found.org or e
            found.country = found.country or e.country
        elif found.country is None:
            found.country = e.country
            found.country_kind = e.kind
            if e.kind == "metonym" and e.sector:
                found.metonym_sector = e.sector
        if is_head and e.kind in ("demonym", "group", "country") and head.tag in ("NNS", "NNPS"):
            found.demonym_head = e.kind == "demonym" or found.demonym_head
        found.evidence.append(f"{e.source}:{e.phrase}")

    def _disambiguated(self, sent: ParsedSentence, e: Entry) -> Entry:
        """A place name several countries share ("Tripoli") names the one of them the sentence speaks of."""
        others = self.dict.alternatives.get(e.phrase)
        if not others:
            return e
        named = self._named_countries(sent)
        picked = [c for c in others if c in named]
        if e.country in named or len(picked) != 1:
            return e
        return replace(e, country=picked[0], source=f"{e.source} (the sentence names {picked[0]})")

    def _named_countries(self, sent: ParsedSentence) -> set[str]:
        """Countries named anywhere in the sentence by unambiguous names, demonyms, capitals or towns."""
        memo = self._sentence(sent)
        if memo.named is None:
            words = _words(list(sent.tokens))
            joins = _joins(words)
            memo.named = set()
            for i in range(len(words)):
                for key in _ngram_keys(words, i, joins)[:3]:
                    e = self.dict.lookup(key)
                    if e is not None and e.country and e.kind in _NAMING and key not in self.dict.alternatives:
                        memo.named.add(e.country)
        return memo.named

    # --- compound actors -------------------------------------------------------------------------------
    def _split_compound(self, sent: ParsedSentence, head: int, day: str) -> list[ActorMention]:
        """Conjoined country/organisation modifiers sharing one head noun -> one mention each."""
        toks = sent.tokens
        for mod in (t.i for t in toks if t.head == head and t.i < head and t.dep in ("amod", "compound", "nmod", "poss")):
            group = conjoined(sent, mod, self._sentence(sent).kids)
            if len(group) < 2 or any(g > head for g in group):
                continue
            mentions = [self._modifier_mention(sent, g, head, day) for g in group]
            codes = [m.country or m.code for m in mentions]
            if all(codes) and len(set(codes)) == len(codes):
                return mentions
        return []

    def _modifier_mention(self, sent: ParsedSentence, mod: int, head: int, day: str) -> ActorMention:
        toks = sent.tokens
        lo, hi = modifier_span(sent, mod, self._sentence(sent).kids)
        # the head's own modifiers after the last conjunct are shared: "Pakistan and Afghanistan's INTELLIGENCE
        # services", "Russia and Turkey's FOREIGN ministers"
        last = max(conjoined(sent, mod, self._sentence(sent).kids))
        after = max(modifier_span(sent, last, self._sentence(sent).kids)[1], last + 1)
        shared = [t for t in toks[after:head] if t.head == head and t.dep in ("amod", "compound")]
        span = list(toks[lo:hi]) + shared + [toks[head]]
        country, sector, code, evidence = self._code_span(sent, span, toks[head], day)
        # the conjunct next to the shared head names it too: "British and EU NEGOTIATORS" -> "EU negotiators"
        next_to_head = hi == head or (hi == after and len(shared) == head - after)
        start, end = toks[lo].start, (toks[head].end if next_to_head else toks[hi - 1].end)
        return ActorMention(text=sent.text[start:end], start=start, end=end, head=mod, code=code,
                            country=country, sector=sector,
                            evidence=f"compound with shared head {toks[head].text!r}; {evidence}")

    # --- coreference -----------------------------------------------------------------------------------
    def _pronoun(self, sent: ParsedSentence, head: int, day: str, ctx: ArticleContext | None) -> ActorMention:
        tok = sent.tokens[head]
        word = tok.text.lower()
        here = [a for a in self._candidates(sent, head, day) if a.mention.end <= tok.start]
        if word in coref.OBJECT_PRONOUNS and tok.dep in ("dobj", "dative", "iobj", "pobj"):
            # "Trump called Erdogan and urged HIM": an object pronoun is never its own verb's subject ("himself")
            verb = sent.tokens[tok.head].head if tok.dep == "pobj" else tok.head
            subjects = {t.i for t in sent.tokens if t.head == verb and t.dep in ("nsubj", "nsubjpass") and t.i != verb}
            here = [a for a in here if a.mention.head not in subjects]
        ante = coref.pick(here, word, prefer_subject=True) or self._speaker(sent, tok, day)
        if ante is not None:  # same sentence: the antecedent's own span is the actor
            m = ante.mention
            return ActorMention(text=m.text, start=m.start, end=m.end, head=m.head, code=m.code,
                                country=m.country, sector=m.sector,
                                evidence=f"coref:{m.text} (for {tok.text!r}); {m.evidence}")
        ante = ctx.pick(word) if ctx else None
        if ante is None:
            return ActorMention(text=tok.text, start=tok.start, end=tok.end, head=head,
                                evidence="coref:unresolved")
        m = ante.mention
        return ActorMention(text=tok.text, start=tok.start, end=tok.end, head=head, code=m.code,
                            country=m.country, sector=m.sector, evidence=f"coref:{m.text}; {m.evidence}")

    def _speaker(self, sent: ParsedSentence, tok: Token, day: str) -> coref.Antecedent | None:
        """"The committee declared that IT will not end the strike": a non-person subject pronoun of what a
        speaker says is the speaker, even one no dictionary knows."""
        toks = sent.tokens
        if tok.text.lower() not in coref.SPEAKER_PRONOUNS or tok.dep not in ("nsubj", "nsubjpass"):
            return None
        clause = toks[tok.head]
        if clause.dep != "ccomp" or toks[clause.head].lemma.lower() not in coref.SPEECH_LEMMAS:
            return None
        subj = [t for t in toks if t.head == clause.head and t.dep == "nsubj" and t.i < tok.i
                and t.pos in ("NOUN", "PROPN")]
        if not subj:
            return None
        lo, hi = self._phrase(sent, subj[0].i)
        return self._antecedent(subj[0], self._mention(sent, lo, hi, subj[0].i, day))

    def _anaphor(self, sent: ParsedSentence, head: int, mention: ActorMention, day: str,
                 ctx: ArticleContext | None) -> ActorMention | None:
        """"the regime", "its troops", "the president" without a country -> an earlier actor's country."""
        toks = sent.tokens
        lo, _ = self._phrase(sent, head)
        if toks[head].lemma.lower() in RELATIONAL or any(t.text.lower() in REGIONAL for t in toks[lo:head]):
            return None  # "its partners", "his counterpart", "its European allies" are not the owner
        kids = [t for t in toks if t.head == head and t.i < head]
        poss = next((t for t in kids if t.dep == "poss" and t.text.lower() in coref.PRONOUNS), None)
        key = " ".join(t.text.lower() for t in toks[lo:head + 1] if t.dep not in ("det", "poss"))
        definite = any(t.dep == "det" and t.text.lower() in ("the", "this", "that") for t in kids)
        def here() -> list[Antecedent]:  # the sentence's actors before the phrase (only if it refers back)
            return [a for a in self._candidates(sent, head, day) if a.mention.end <= toks[lo].start]

        ante: Antecedent | None = None
        if poss is not None:
            ante = coref.pick(here(), poss.text.lower(), True) or (
                ctx.pick(poss.text.lower()) if ctx else None)
        elif definite and key in coref.DEFINITE:
            ante = coref.pick_definite(here(), key) or (ctx.pick_definite(key) if ctx else None)
        if ante is None or ante.mention.country is None:
            return None
        a, country = ante.mention, ante.mention.country
        sector = mention.sector or coref.DEFINITE.get(key) or a.sector
        return ActorMention(text=mention.text, start=mention.start, end=mention.end, head=head,
                            code=country + (sector or ""), country=country, sector=sector,
                            evidence=f"coref:{a.text}; {mention.evidence}")

    def _candidates(self, sent: ParsedSentence, upto: int, day: str) -> list[Antecedent]:
        """Actor phrases of the sentence before token `upto`, in text order (pronouns excluded).
        Memoised per sentence: callers must not change the list."""
        memo = self._sentence(sent)
        found = memo.candidates.get((upto, day))
        if found is None:
            found = memo.candidates[(upto, day)] = self._new_candidates(sent, upto, day)
        return found

    def _new_candidates(self, sent: ParsedSentence, upto: int, day: str) -> list[Antecedent]:
        out: list[Antecedent] = []
        for t in sent.tokens[:upto]:
            if t.pos not in ("NOUN", "PROPN") or t.dep not in _CANDIDATE_DEPS or t.text.lower() in coref.PRONOUNS:
                continue
            if t.dep == "compound" and sent.tokens[t.head].pos in ("NOUN", "PROPN"):
                continue
            lo, hi = self._phrase(sent, t.i)
            if hi > upto:
                continue
            m = self._mention(sent, lo, hi, t.i, day)
            if m.code is None and m.sector is None and t.ent_type not in _ACTOR_ENTS:
                continue
            if out and out[-1].mention.start == m.start:
                continue
            out.append(self._antecedent(t, m))
        return out

    def _antecedent(self, t: Token, m: ActorMention) -> Antecedent:
        lemma = t.lemma.lower()
        collective = (lemma in coref.COLLECTIVE or "org" in m.evidence.split(":")[0]
                      or m.code is not None and m.code.startswith(("IGO", "NGO")) or t.ent_type in ("ORG", "GPE")
                      or (m.country is not None and m.sector is None and t.ent_type != "PERSON"))
        plural = t.tag in ("NNS", "NNPS") and lemma not in ("forces", "authorities")
        plural = plural or lemma in ("forces", "authorities", "police")
        person = not collective and not plural and (
            t.ent_type == "PERSON" or "people.tsv" in m.evidence or (m.sector is not None and t.pos == "NOUN"))
        title = next((w for w in ("prime minister", "president", "leader", "premier") if w in m.text.lower()), "")
        return Antecedent(m, person=person, plural=plural, collective=collective,
                          subject=t.dep in ("nsubj", "nsubjpass"), title=title or lemma)
