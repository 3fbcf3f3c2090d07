"""Sector rules of the actor resolver: which CAMEO agent (sector) code a phrase gets.

Order (see SectorRules._sector): role noun at the head > generic head with a role modifier or of-phrase
("rebel leaders", "members of the Syrian parliament") > a named body's members ("Union of Teachers") >
"opposition" on the role > state-run outlet > title before a name > appositive role > the noun a country
adjective modifies > a town named as a place (CVL) > a person's dated role > seat of power > organisation >
demonym used as a plural noun (CVL); "former"/"ousted" turn GOV/MIL/JUD/LEG into ELI.
Split from resolver.py (which scans phrases and assembles codes) to keep both modules small.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flashpoint.actors.lexicon import ActorDictionary, Entry, norm
from flashpoint.actors.people import Person
from flashpoint.actors.spans import phrase_text
from flashpoint.models import ParsedSentence, Token

FORMER = frozenset({"former", "ex", "ex-", "ousted", "deposed", "toppled", "exiled", "retired", "onetime"})
#: heads that name a community's notables ("Yoruba leaders"): elites, not a government
_ELITE_HEADS = frozenset({"leader", "politician", "chief", "figure", "notable", "elder"})
#: heads of named non-governmental bodies ("the Third World Water Forum", "Association of Jurists")
NGO_HEADS = frozenset({"association", "forum", "federation", "society", "foundation", "institute", "network"})
#: heads of named bodies whose "of"-members give their sector ("Union of Teachers", "Council of Churches")
_BODY_HEADS = NGO_HEADS | {"union", "syndicate", "guild", "league", "council", "confederation", "congress", "order"}
#: generic person/group nouns whose modifier or "of"-phrase says who they are ("rebel leaders",
#: "members of the Syrian parliament", "spokesman for the army")
GENERIC_HEADS = frozenset({"leader", "leaders", "official", "officials", "member", "members", "spokesman",
                           "spokeswoman", "spokesperson", "representative", "representatives", "delegation",
                           "delegate", "delegates", "head", "chief", "figure", "figures", "source", "sources",
                           "group", "groups", "unit", "units", "commander", "commanders", "activist", "activists"})
#: modifiers that make a news outlet the government's voice ("state media", "official newspaper")
STATE_MEDIA = frozenset({"state", "official", "state-run", "state-owned", "government", "government-run",
                         "government-controlled", "state-controlled", "run", "owned", "controlled"})


@dataclass
class Found:
    """What the scan of one phrase found, before the code is assembled."""

    country: str | None = None
    org: Entry | None = None
    person: tuple[Person, str | None, str] | None = None  # person, dated sector, actor code
    metonym_sector: str | None = None
    demonym_head: bool = False
    ethnic_country: str | None = None  # home country of an ethnic group: used when nothing else gives one
    ethnic_mod: bool = False  # an ethnic group modifies the head ("Yoruba leaders")
    country_kind: str = ""  # the kind of dictionary entry that gave `country` (demonym, country ...)
    location: str | None = None  # a country or place named after the head ("Albanians of southern Serbia")
    people_head: bool = False  # the head itself is a one-word people noun ("Albanians", "Kurds")
    city_head: bool = False  # the head is a town or capital named as a place
    region_head: bool = False
    members: bool = False  # a named body whose sector is its members' ("Association of Jurists")
    covered: set[int] = field(default_factory=set)  # tokens inside a name match (not titles)
    evidence: list[str] = field(default_factory=list)


def _modifier(sent: ParsedSentence, tok: Token) -> Token:
    """The first conjunct of a conjoined modifier ("Romanian" in "Hungarian and Romanian officials")."""
    while tok.dep == "conj" and tok.head != tok.i and tok.head < tok.i:
        tok = sent.tokens[tok.head]
    return tok


class SectorRules:
    """The sector methods of ActorResolver (a mixin: the resolver supplies the dictionary, phrase spans and
    the phrase scan)."""

    dict: ActorDictionary

    def _phrase(self, sent: ParsedSentence, head: int) -> tuple[int, int]:
        raise NotImplementedError

    def _scan(self, sent: ParsedSentence, span: list[Token], head: Token, day: str) -> Found:
        raise NotImplementedError

    def _sector(self, sent: ParsedSentence, span: list[Token], head: Token, found: Found) -> tuple[str | None, str]:
        sector, why = (None, "") if head.i in found.covered else self._head_sector(span, head)
        if head.text.lower() in GENERIC_HEADS or head.lemma.lower() in GENERIC_HEADS:
            sector, why = self._generic_sector(sent, span, head, found) or (sector, why)
        members = self._members_sector(sent, head, found)
        if members is not None:  # "the Nigerian Union of Teachers", "the Association of African Jurists"
            sector, why = members
        if sector in (None, "GOV", "LEG", "CVL") and any(
                t.lemma.lower() == "opposition" and t.head == head.i and t.dep in ("compound", "amod", "nmod")
                for t in span):
            sector, why = "OPP", "opposition modifier -> OPP"  # "opposition candidates", "opposition lawmakers"
        if sector == "MED" and any(t.text.lower() in STATE_MEDIA for t in span if t.i < head.i):
            sector, why = "GOV", why + "; state-run outlet -> GOV"
        if sector is None:
            sector, why = self._title_sector([t for t in span if t.i not in found.covered], head)
        if sector is None:
            sector, why = self._appos_sector(sent, head, found)
        if sector is None and (found.country or found.org) and _modifier(sent, head).dep in (
                "amod", "compound", "nmod", "poss"):
            sector, why = self._governor_sector(sent, _modifier(sent, head))
        if sector is None and found.city_head:
            sector, why = "CVL", "a town named as a place -> its people (CVL)"
        if sector is None and found.person is not None and head.i in found.covered:  # not "supporters of X"
            sector, why = found.person[1], ""
        if sector is None and found.metonym_sector:
            sector, why = found.metonym_sector, ""
        if sector is None and found.org is not None:
            sector, why = found.org.sector, ""
        if sector is None and found.demonym_head:
            sector, why = "CVL", "demonym as plural noun -> CVL"
        if sector == "GOV" and found.ethnic_mod and found.country is None and head.lemma.lower() in _ELITE_HEADS:
            sector, why = "ELI", why + "; leaders of an ethnic group (no state) -> ELI"
        if sector is None and found.country is None and found.org is None and head.pos == "PROPN" and \
                head.lemma.lower() in NGO_HEADS and head.text[:1].isupper():
            sector, why = "NGO", f"named {head.text!r} with no country -> NGO"
        if sector in ("GOV", "MIL", "JUD", "LEG") and self._former(span, head):
            sector, why = "ELI", (why + "; " if why else "") + "former -> ELI"
        return sector, why

    def _members_sector(self, sent: ParsedSentence, head: Token, found: Found) -> tuple[str, str] | None:
        """A named body of a profession ("Union of Teachers", "Federation of Journalists", "Council of
        Churches") has its members' sector."""
        if head.lemma.lower() not in _BODY_HEADS or not head.text[:1].isupper() or found.org is not None:
            return None
        toks = sent.tokens
        for prep in (t for t in toks if t.head == head.i and t.i > head.i and t.text.lower() == "of"):
            obj = next((t for t in toks if t.head == prep.i and t.dep == "pobj"), None)
            if obj is None or not (obj.tag in ("NNS", "NNPS") or obj.tag == "NNP" and obj.text.endswith("s")):
                continue  # members are plural ("of Teachers", a capitalised plural often tagged NNP)
            word = obj.text.lower()
            for key in (word, obj.lemma.lower(), word[:-1], word[:-2] if word.endswith("es") else word):
                if key in self.dict.sectors:
                    found.members = True
                    return self.dict.sectors[key], f"a body of {obj.text.lower()} -> sectors.tsv"
        return None

    def _head_sector(self, span: list[Token], head: Token) -> tuple[str | None, str]:
        pos = next((k for k, t in enumerate(span) if t.i == head.i), None)
        if pos is not None:
            for n in (5, 4, 3, 2):
                if pos - n + 1 >= 0:
                    key = norm(phrase_text(span[pos - n + 1:pos + 1]))
                    if key in self.dict.sectors:
                        return self.dict.sectors[key], f"sectors.tsv:{key}"
        for key in (head.text.lower(), head.lemma.lower()):
            if key in self.dict.sectors:
                return self.dict.sectors[key], f"sectors.tsv:{key}"
        return None, ""

    def _title_sector(self, span: list[Token], head: Token) -> tuple[str | None, str]:
        """Titles before a name: "President Vladimir Putin", "Foreign Minister Zarif", "Dr Lim"."""
        before = [t for t in span if t.i < head.i]
        for end in range(len(before), 0, -1):
            for n in (4, 3, 2, 1):
                if end - n >= 0:
                    key = norm(phrase_text(before[end - n:end])).replace(".", "")
                    if key in self.dict.sectors and before[end - 1].pos in ("PROPN", "NOUN"):
                        return self.dict.sectors[key], f"title {key!r} -> sectors.tsv"
        return None, ""

    def _appos_sector(self, sent: ParsedSentence, head: Token, found: Found) -> tuple[str | None, str]:
        """"Dr Sojin Lim, an expert": the appositive role noun gives the sector; its country
        ("Lim, a South Korean expert", "Lim, Korea's leading activist") the country if none yet."""
        for t in sent.tokens:
            if t.head == head.i and t.i > head.i and t.dep == "appos" and t.pos == "NOUN":
                lo, hi = self._phrase(sent, t.i)
                if found.country is None:
                    inner = self._scan(sent, list(sent.tokens[lo:hi]), t, "")
                    if inner.country and inner.org is None and inner.person is None:
                        found.country = inner.country
                        found.evidence.append(f"appositive {phrase_text(list(sent.tokens[lo:hi]))!r}")
                for key in (t.text.lower(), t.lemma.lower()):
                    if key in self.dict.sectors:
                        return self.dict.sectors[key], f"appositive {t.text!r} -> sectors.tsv"
        return None, ""

    def _generic_sector(self, sent: ParsedSentence, span: list[Token], head: Token,
                        found: Found) -> tuple[str, str] | None:
        """"rebel leaders", "military officials", "members of the Syrian parliament": a generic noun
        takes its sector from the role noun before it or from its of/for-phrase."""
        before = [t for t in span if t.i < head.i and t.head == head.i and t.dep in ("compound", "amod", "nmod")]
        for t in reversed(before):
            for key in (t.text.lower(), t.lemma.lower()):
                if key in self.dict.sectors and t.i not in found.covered:
                    return self.dict.sectors[key], f"role modifier {t.text!r} -> sectors.tsv"
        toks = sent.tokens
        for prep in (t for t in toks if t.head == head.i and t.i > head.i and t.text.lower() in ("of", "for")):
            obj = next((t for t in toks if t.head == prep.i and t.dep == "pobj"), None)
            if obj is None:
                continue
            lo, hi = self._phrase(sent, obj.i)
            inner = list(toks[lo:hi])
            sub = self._scan(sent, inner, obj, "")
            if found.country is None and sub.country and sub.person is None:
                found.country = sub.country
                found.org = found.org or sub.org
                found.evidence.extend(sub.evidence)
            sector, _ = (None, "") if obj.i in sub.covered else self._head_sector(inner, obj)
            sector = sector or sub.metonym_sector or (sub.org.sector if sub.org else None)
            if sector:
                return sector, f"{head.text} {prep.text} {obj.text!r} -> {sector}"
        return None

    def _governor_sector(self, sent: ParsedSentence, head: Token) -> tuple[str | None, str]:
        """A country adjective standing for the group it modifies: "Hungarian" in "Hungarian officials"."""
        gov = sent.tokens[head.head]
        if gov.pos != "NOUN":
            return None, ""
        for key in (gov.text.lower(), gov.lemma.lower()):
            if key in self.dict.sectors:
                return self.dict.sectors[key], f"modified noun {gov.text!r} -> sectors.tsv"
        return None, ""

    @staticmethod
    def _former(span: list[Token], head: Token) -> bool:
        return any(t.text.lower() in FORMER for t in span if t.i < head.i)
