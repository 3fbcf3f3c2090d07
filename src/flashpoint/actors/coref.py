"""Coreference inside one article: pronouns and definite descriptions -> an earlier actor.

Rules (deliberately conservative: an unresolved pronoun gets no code rather than a wrong one):
  he/she/his/her     -> the nearest earlier person (named person, or a singular role noun)
  it/its             -> the nearest earlier country, organisation or collective body
  they/them/their    -> the nearest earlier plural actor, organisation or collective body
  the country / the regime / the government / the president ... -> the nearest earlier actor with
                        a country (for "the president": one with the same title first)
Inside a sentence, a subject is preferred over a closer non-subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flashpoint.models import ActorMention

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
#: nouns that name a body, not a person (they can be "it" or "they", never "he")
COLLECTIVE = frozenset({
    "government", "administration", "army", "military", "police", "regime", "ministry", "parliament", "court",
    "party", "group", "council", "force", "forces", "navy", "cabinet", "junta", "authority", "authorities",
    "state", "media", "company", "coalition", "alliance", "organization", "organisation", "agency", "movement",
    "front", "union", "committee", "commission", "assembly", "congress", "senate", "house", "kremlin",
    "militia", "guard", "leadership", "opposition", "service", "office", "department", "network",
})
#: definite descriptions that point back to an actor with a country, and the sector they imply
DEFINITE = {"country": None, "nation": None, "kingdom": None, "republic": None, "regime": "GOV",
            "government": "GOV", "administration": "GOV", "president": "GOV", "prime minister": "GOV",
            "leader": "GOV", "premier": "GOV", "authorities": "GOV", "military": "MIL", "army": "MIL"}
MAX_HISTORY = 40
#: subject pronouns that, in what a speaker says, stand for the speaker ("the union said IT would strike")
SPEAKER_PRONOUNS = {"it", "they", "we"}
SPEECH_LEMMAS = {"say", "tell", "announce", "declare", "insist", "warn", "claim", "state", "add", "affirm",
                 "assert", "reiterate", "vow", "confirm"}
#: pronouns that can be objects but never reflexive: they do not point to their own verb's subject
OBJECT_PRONOUNS = {"him", "her", "them", "it", "us", "me"}


@dataclass(frozen=True)
class Antecedent:
    """An actor mention remembered for coreference, with the features pronouns agree with."""

    mention: ActorMention
    person: bool
    plural: bool
    collective: bool
    subject: bool
    title: str = ""  # lemma of the head or title noun (president, minister ...)

    def agrees(self, pronoun: str) -> bool:
        if pronoun in PERSON_PRONOUNS:
            return self.person
        if pronoun in THING_PRONOUNS:
            return not self.person and not self.plural
        return self.plural or (self.collective and not self.person)


@dataclass
class ArticleContext:
    """What the resolver remembers while reading one article (for coreference and dated roles)."""

    published: str | None = None
    mentions: list[ActorMention] = field(default_factory=list)
    antecedents: list[Antecedent] = field(default_factory=list)

    def remember(self, items: list[Antecedent]) -> None:
        self.antecedents.extend(items)
        self.mentions.extend(a.mention for a in items)
        del self.antecedents[:-MAX_HISTORY]
        del self.mentions[:-MAX_HISTORY]


def pick(candidates: list[Antecedent], pronoun: str, prefer_subject: bool) -> Antecedent | None:
    """The nearest agreeing candidate (candidates in text order); a subject first when asked."""
    agreeing = [a for a in candidates if a.agrees(pronoun)]
    if prefer_subject:
        subjects = [a for a in agreeing if a.subject]
        if subjects:
            return subjects[-1]
    return agreeing[-1] if agreeing else None


def pick_definite(candidates: list[Antecedent], noun: str) -> Antecedent | None:
    """Antecedent of "the <noun>": same title first, else the nearest actor with a country."""
    if DEFINITE.get(noun) == "GOV" and noun not in ("government", "regime", "administration", "authorities"):
        same = [a for a in candidates if a.title == noun and a.mention.country]
        if same:
            return same[-1]
    with_country = [a for a in candidates if a.mention.country]
    return with_country[-1] if with_country else None
