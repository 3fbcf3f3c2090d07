"""A read-only view over a ParsedSentence's dependency tree, with the helpers the coder needs."""

from __future__ import annotations

from functools import cached_property

from flashpoint.actors.spans import subtree
from flashpoint.models import ParsedSentence, Token

SUBJ_DEPS = {"nsubj", "csubj"}
PASS_SUBJ_DEPS = {"nsubjpass", "csubjpass"}
NOMINAL_POS = {"NOUN", "PROPN", "PRON", "NUM", "X"}
#: nouns that with a bare preposition make an adverb: "agreed in principle", "complained in turn"
IDIOM_OBJECTS = {"principle", "turn", "fact", "general", "part", "particular", "addition", "response", "return",
                 "practice", "theory", "effect", "person", "total", "advance", "secret", "public", "private",
                 "earnest", "vain", "tandem", "unison", "concert", "protest", "principal", "behalf", "purpose",
                 "accident", "chance", "average", "phone", "telephone", "contrast", "comparison", "short", "sum"}
TIME_ENTS = {"DATE", "TIME", "ORDINAL", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"}


#: verb lemmas the small English model gets wrong, mapped to the verb meant ("staged" -> "stag")
VERB_LEMMA_FIXES = {"stag": "stage"}


class Tree:
    def __init__(self, sent: ParsedSentence) -> None:
        self.sent = sent
        self.toks = sent.tokens

    @cached_property
    def kids(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {t.i: [] for t in self.toks}
        for t in self.toks:
            if t.head != t.i:
                out[t.head].append(t.i)
        return out

    def tok(self, i: int) -> Token:
        return self.toks[i]

    @cached_property
    def _deps(self) -> list[str]:
        """The dependency label of each token (by index)."""
        return [t.dep for t in self.toks]

    @cached_property
    def _kids_by_dep(self) -> dict[tuple[int, str], list[int]]:
        """(head, dependency label) -> the head's children with that label, in sentence order."""
        out: dict[tuple[int, str], list[int]] = {}
        for t in self.toks:
            if t.head != t.i:
                out.setdefault((t.head, t.dep), []).append(t.i)
        return out

    def children(self, i: int, *deps: str) -> list[int]:
        """i's children (with one of `deps` if given), in sentence order; a new list each call."""
        if len(deps) == 1:  # most calls (~90 a sentence): one dictionary look-up
            return list(self._kids_by_dep.get((i, deps[0]), ()))
        if not deps:
            return list(self.kids[i])
        dep = self._deps
        return [c for c in self.kids[i] if dep[c] in deps]

    @cached_property
    def lowers(self) -> list[str]:
        """Each token's lower-cased text (by index): `lower` is called ~35 times a sentence."""
        return [t.text.lower() for t in self.toks]

    @cached_property
    def _lemmas(self) -> list[str]:
        """Each token's lower-cased lemma, verbs' known misparses fixed (by index): `lemma` is called ~65
        times a sentence."""
        out = []
        for t in self.toks:
            lemma = t.lemma.lower()
            out.append(VERB_LEMMA_FIXES.get(lemma, lemma) if t.pos == "VERB" else lemma)
        return out

    def lower(self, i: int) -> str:
        return self.lowers[i]

    def lemma(self, i: int) -> str:
        return self._lemmas[i]

    @cached_property
    def _passives(self) -> set[int]:
        """The tokens with a passive subject or a passive auxiliary among their children."""
        return {t.head for t in self.toks if t.head != t.i and (t.dep in PASS_SUBJ_DEPS or t.dep == "auxpass")}

    def is_passive(self, v: int) -> bool:
        return v in self._passives

    def conjuncts(self, i: int) -> list[int]:
        """i and the heads conjoined to it ("Russia and China")."""
        out, stack = [i], [i]
        while stack:
            j = stack.pop()
            for c in self.children(j, "conj"):
                if self.toks[c].pos in NOMINAL_POS and c not in out:
                    out.append(c)
                    stack.append(c)
        return out

    def is_time(self, i: int) -> bool:
        """A date, time or bare number; "dozens of demonstrators" is a number heading people, not one. Also the
        object of an idiom that works like an adverb ("in principle", "in turn", "in part"): no argument."""
        t = self.toks[i]
        if t.dep == "pobj" and self.lemma(i) in IDIOM_OBJECTS and self.lower(t.head) in ("in", "on", "by", "at") \
                and not self.children(i, "amod", "compound", "poss", "prep"):
            return True
        ent = self.toks[i].ent_type
        if ent in ("CARDINAL", "QUANTITY") and any(self.lower(c) == "of" for c in self.children(i, "prep")):
            return False
        return ent in TIME_ENTS

    def ancestors(self, i: int) -> list[int]:
        out = []
        seen = {i}
        while self.toks[i].head != i and self.toks[i].head not in seen:
            i = self.toks[i].head
            seen.add(i)
            out.append(i)
        return out

    def subtree(self, i: int) -> list[int]:
        """i and every word below it, in sentence order."""
        return subtree(self.toks, i, self.kids)

    def pobj(self, prep: int) -> int | None:
        objs = self.children(prep, "pobj")
        if objs:
            return objs[0]
        # "pull out of" / "because of": nested preposition
        for p in self.children(prep, "prep"):
            inner = self.children(p, "pobj")
            if inner:
                return inner[0]
        return None

    def prep_object(self, i: int, word: str, deps: tuple[str, ...] = ("prep",)) -> int | None:
        """The object of i's first preposition `word`: "of" in "the appeal of a student" -> student."""
        return next((self.pobj(p) for p in self.children(i, *deps) if self.lower(p) == word), None)

    def span_text(self, lo: int, hi: int) -> str:
        return self.sent.text[self.toks[lo].start:self.toks[hi - 1].end]
