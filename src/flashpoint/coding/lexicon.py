"""Trigger lexicons (verbs.tsv, nouns.tsv) loaded and validated from package data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from flashpoint.coding.ontology import is_known_code
from flashpoint.errors import LexiconError


@dataclass(frozen=True)
class VerbEntry:
    lemma: str
    particles: tuple[str, ...]  # particles / prepositions that must attach to the verb
    cameo: str
    objects: frozenset[str]  # object lemmas required (empty = any)
    line: int

    @property
    def rule(self) -> str:
        pat = " ".join((self.lemma, *self.particles))
        obj = f"+{'|'.join(sorted(self.objects))}" if self.objects else ""
        return f"verbs.tsv:{self.line}:{pat}{obj}"

    @property
    def specificity(self) -> int:
        return len(self.particles) * 2 + (3 if self.objects else 0)


@dataclass(frozen=True)
class NounEntry:
    lemma: str
    cameo: str
    line: int

    @property
    def rule(self) -> str:
        return f"nouns.tsv:{self.line}:{self.lemma}"


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[VerbEntry, ...]]  # by lemma
    nouns: dict[str, NounEntry]  # by lemma or two-word phrase


def _read(name: str) -> list[tuple[int, list[str]]]:
    text = resources.files("flashpoint.data.lexicon").joinpath(name).read_text(encoding="utf-8")
    return [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def _check_code(name: str, n: int, code: str) -> None:
    if not is_known_code(code):
        raise LexiconError(f"{name} line {n}: unknown CAMEO code {code!r}")


def parse_verbs(rows: list[tuple[int, list[str]]], name: str = "verbs.tsv") -> dict[str, tuple[VerbEntry, ...]]:
    by_lemma: dict[str, list[VerbEntry]] = {}
    seen: dict[tuple[str, tuple[str, ...], frozenset[str]], int] = {}
    for n, cols in rows:
        if len(cols) < 2:
            raise LexiconError(f"{name} line {n}: expected 'pattern<TAB>cameo[<TAB>objects]'")
        words = cols[0].strip().lower().split()
        code = cols[1].strip()
        _check_code(name, n, code)
        objects = frozenset(o.strip().lower() for o in (cols[2] if len(cols) > 2 else "").split("|") if o.strip())
        if not words:
            raise LexiconError(f"{name} line {n}: empty pattern")
        # an object word written in the pattern ("hold talk") is a required object, not a particle
        particles = tuple(w for w in words[1:] if not objects or w not in objects)
        key = (words[0], particles, objects)
        if key in seen:
            raise LexiconError(f"{name} line {n}: duplicate of line {seen[key]} ({cols[0]!r})")
        seen[key] = n
        for other in by_lemma.get(words[0], []):
            shared = other.objects & objects
            if other.particles == particles and shared and other.cameo != code:
                raise LexiconError(f"{name} line {n}: objects {sorted(shared)} already code {other.cameo} on line "
                                   f"{other.line} ({cols[0]!r}); which entry wins would depend on file order")
        by_lemma.setdefault(words[0], []).append(VerbEntry(words[0], particles, code, objects, n))
    return {k: tuple(sorted(v, key=lambda e: -e.specificity)) for k, v in by_lemma.items()}


def parse_nouns(rows: list[tuple[int, list[str]]], name: str = "nouns.tsv") -> dict[str, NounEntry]:
    out: dict[str, NounEntry] = {}
    for n, cols in rows:
        if len(cols) < 2:
            raise LexiconError(f"{name} line {n}: expected 'lemma<TAB>cameo'")
        lemma, code = cols[0].strip().lower(), cols[1].strip()
        _check_code(name, n, code)
        if lemma in out:
            raise LexiconError(f"{name} line {n}: duplicate of line {out[lemma].line} ({lemma!r})")
        out[lemma] = NounEntry(lemma, code, n)
    return out


@cache
def load_lexicon() -> Lexicon:
    return Lexicon(verbs=parse_verbs(_read("verbs.tsv")), nouns=parse_nouns(_read("nouns.tsv")))
