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

from collections.abc import Callable, Iterator
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
    """What the resolver remembers while reading one article (for coreference and dated roles): the
    actors of its sentences so far, of which the latest MAX_HISTORY count.

    A sentence's actors can be remembered unresolved (`remember_later`): they are worked out only when a
    look-back reaches them, latest sentence first (`pick`, `pick_definite`), so the earlier sentences of
    an article are not resolved noun phrase by noun phrase when the last one already answers."""

    published: str | None = None
    #: per sentence, in order: its antecedents, or what produces them when first needed
    _sentences: list[list[Antecedent] | Callable[[], list[Antecedent]]] = field(default_factory=list)

    @property
    def antecedents(self) -> list[Antecedent]:
        """The latest MAX_HISTORY antecedents, in text order."""
        return list(reversed(list(self.recent())))

    @property
    def mentions(self) -> list[ActorMention]:
        return [a.mention for a in self.antecedents]

    def remember(self, items: list[Antecedent]) -> None:
        self._sentences.append(items)

    def remember_later(self, produce: Callable[[], list[Antecedent]]) -> None:
        """Remember the antecedents `produce()` returns (the caller must not change that list), calling it
        only if a look-back reaches this sentence."""
        self._sentences.append(produce)

    def recent(self) -> Iterator[Antecedent]:
        """The remembered antecedents, latest first, at most MAX_HISTORY (sentences worked out as reached)."""
        seen = 0
        for k in range(len(self._sentences) - 1, -1, -1):
            items = self._sentences[k]
            if callable(items):
                items = self._sentences[k] = items()
            for a in reversed(items):
                yield a
                seen += 1
                if seen == MAX_HISTORY:
                    del self._sentences[:k]  # older sentences are out of every later look-back too
                    return

    def pick(self, pronoun: str) -> Antecedent | None:
        """`pick(self.antecedents, pronoun, prefer_subject=False)`, reading back only as far as needed."""
        return next((a for a in self.recent() if a.agrees(pronoun)), None)

    def pick_definite(self, noun: str) -> Antecedent | None:
        """`pick_definite(self.antecedents, noun)`, reading back only as far as needed."""
        if _by_title(noun):
            same = next((a for a in self.recent() if a.title == noun and a.mention.country), None)
            if same is not None:
                return same
        return next((a for a in self.recent() if a.mention.country), None)


def _by_title(noun: str) -> bool:
    """Does "the <noun>" look for an actor with the same title first ("the president")?"""
    return DEFINITE.get(noun) == "GOV" and noun not in ("government", "regime", "administration", "authorities")


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
    if _by_title(noun):
        same = [a for a in candidates if a.title == noun and a.mention.country]
        if same:
            return same[-1]
    with_country = [a for a in candidates if a.mention.country]
    return with_country[-1] if with_country else None
