"""Token spans of actor phrases in a parsed sentence (plain records, no spaCy objects)."""

from __future__ import annotations

from flashpoint.models import ParsedSentence, Token

_LEFT_DEPS = {"compound", "amod", "det", "poss", "nummod", "nmod", "quantmod", "case", "predet", "npadvmod",
              "punct", "advmod", "appos"}
_STRIP_EDGE = {"det", "punct", "cc", "case", "predet", "prep"}
#: words that join phrases when rebuilding their text (no space before them)
Kids = dict[int, list[int]]


def children(tokens: tuple[Token, ...]) -> Kids:
    out: Kids = {t.i: [] for t in tokens}
    for t in tokens:
        if t.head != t.i:
            out[t.head].append(t.i)
    return out


def subtree(tokens: tuple[Token, ...], head: int, kids: Kids | None = None) -> list[int]:
    kids = kids if kids is not None else children(tokens)
    out, stack = [], [head]
    while stack:
        i = stack.pop()
        out.append(i)
        stack.extend(kids.get(i, []))
    return sorted(out)


def _left(toks: tuple[Token, ...], head: int, kids: Kids) -> set[int]:
    keep = {head}
    for c in kids[head]:
        if c < head and toks[c].dep in _LEFT_DEPS:
            keep.update(subtree(toks, c, kids))
    return keep


def _siblings(toks: tuple[Token, ...], head: int, kids: Kids) -> set[int]:
    """A noun modifier as head takes the modifiers before it: "Israeli" in "Israeli army bulldozers",
    and in "Albanian rebel-held territory" (the rebels are the Albanian ones)."""
    t = toks[head]
    gov = t.head
    if t.dep == "npadvmod" and gov == head + 2 and toks[head + 1].text == "-" and toks[gov].dep == "amod":
        gov = toks[gov].head  # "rebel" under "held" under "territory"
    elif t.dep not in ("compound", "amod", "nmod"):
        return set()
    if gov <= head or t.pos not in ("NOUN", "PROPN", "ADJ"):
        return set()
    keep: set[int] = set()
    for c in kids[gov]:
        if c < head and toks[c].dep in _LEFT_DEPS and toks[c].dep not in ("det", "poss", "nummod", "quantmod"):
            keep.update(subtree(toks, c, kids))
    return keep


_RIGHT_PREPS = ("of", "in", "from", "throughout", "across")
#: prepositions inside the name of a body: "Movement for Democratic Change", "Doctors Without Borders"
_NAME_PREPS = ("for", "without")
_PLACE_ENTS = ("GPE", "NORP", "LOC", "ORG")


#: adjectives after a head that say whose side it is on: "troops loyal to Gbagbo", "militias allied with Iran"
_ALLEGIANCE = {"loyal", "allied", "affiliated", "linked", "aligned", "opposed"}


def _right(toks: tuple[Token, ...], head: int, kids: Kids) -> set[int]:
    """'of/in/from <Proper noun>' (President of Russia, court in Bishkek, doctors from Calgary), or a
    common noun naming a place or nation ("members of the Syrian parliament", "government of Sindh province")."""
    keep: set[int] = set()
    for c in kids[head]:
        if c > head and toks[c].dep in ("amod", "acl") and toks[c].lemma.lower() in _ALLEGIANCE:
            # "forces loyal to Khalifa Hifter": whose forces they are (not a misattached "on Sunday")
            keep.add(c)
            for p in kids[c]:
                if toks[p].dep == "prep" and toks[p].text.lower() in ("to", "with"):
                    keep.update(subtree(toks, p, kids))
            continue
        if c > head and toks[c].dep == "prep" and toks[c].text.lower() in _NAME_PREPS:
            # a capitalised name going on through the preposition
            pobj = [g for g in kids[c] if toks[g].dep == "pobj"]
            if pobj and toks[pobj[0]].pos == "PROPN" and toks[head].text[:1].isupper() and (
                    toks[head].pos == "PROPN" or toks[c].text[:1].isupper()):
                keep.update(subtree(toks, c, kids))
            continue
        if c > head and toks[c].dep == "prep" and toks[c].text.lower() in _RIGHT_PREPS:
            pobj = [g for g in kids[c] if toks[g].dep == "pobj"]
            if not pobj:
                continue
            obj = toks[pobj[0]]
            if obj.pos == "PROPN" and toks[c].text.lower() in ("of", "in"):
                if toks[c].text.lower() == "in" and toks[head].ent_type == "PERSON":
                    continue  # "met President Javier Milei in Brasilia": where he is, not part of his name
                keep.update(subtree(toks, c, kids))
            elif obj.pos == "PROPN" or (obj.pos == "NOUN" and any(
                    toks[g].ent_type in _PLACE_ENTS for g in _left(toks, obj.i, kids) if g < obj.i)):
                keep.update({c} | _left(toks, obj.i, kids))  # the object's own phrase, no clauses
    return keep


def noun_phrase(sent: ParsedSentence, head: int, kids: Kids | None = None) -> tuple[int, int]:
    """Token span [start, end) of the actor phrase headed by `head` (no relative clauses, no conjuncts).
    `kids`: the sentence's `children()`, when the caller already has them."""
    toks = sent.tokens
    kids = kids if kids is not None else children(toks)
    keep = _left(toks, head, kids) | _right(toks, head, kids) | _siblings(toks, head, kids)
    lo, hi = min(keep), max(keep) + 1
    # a span must be contiguous: stop at a conjunction or clause between the kept words and the head
    for i in range(head - 1, lo - 1, -1):
        if i not in keep:
            lo = i + 1
            break
    while lo < head and (toks[lo].dep in _STRIP_EDGE or toks[lo].pos == "PUNCT"):
        lo += 1
    while hi - 1 > head and (toks[hi - 1].pos == "PUNCT" or toks[hi - 1].dep in ("case",)):
        hi -= 1
    return lo, hi


def name_after_title(sent: ParsedSentence, head: int, kids: Kids | None = None) -> tuple[int, int] | None:
    """"Prime Minister Theresa May" parsed as title + appositive name: (name head, span end)."""
    toks = sent.tokens
    kids = kids if kids is not None else children(toks)
    for c in kids[head]:
        if toks[c].dep == "appos" and toks[c].pos == "PROPN" and c > head:
            sub = subtree(toks, c, kids)
            if min(sub) == head + 1 and all(toks[i].pos == "PROPN" or toks[i].dep == "compound" for i in sub):
                return c, max(sub) + 1
    return None


def phrase_text(tokens: list[Token]) -> str:
    """Rebuild the text of (possibly non-adjacent) tokens, keeping the sentence's own joins (Kim Jong-un)."""
    out = ""
    prev: Token | None = None
    for t in tokens:
        if prev is not None and not (t.start == prev.end and prev.i + 1 == t.i):
            out += " "
        out += t.text
        prev = t
    return out


def modifier_span(sent: ParsedSentence, mod: int, kids: Kids | None = None) -> tuple[int, int]:
    """Token span of a pre-head modifier without its own conjuncts ("Hungarian" in "Hungarian and ...")."""
    toks = sent.tokens
    kids = kids if kids is not None else children(toks)
    keep = {mod}
    for c in kids[mod]:
        if toks[c].dep not in ("conj", "cc", "punct", "prep"):
            keep.update(subtree(toks, c, kids))
    lo, hi = min(keep), max(keep) + 1
    while lo < mod and (toks[lo].dep in _STRIP_EDGE or toks[lo].pos == "PUNCT"):
        lo += 1
    return lo, hi


def conjoined(sent: ParsedSentence, i: int, kids: Kids | None = None) -> list[int]:
    """`i` and the tokens conjoined to it, in order ("Hungarian and Romanian")."""
    kids = kids if kids is not None else children(sent.tokens)
    out, stack = [i], [i]
    while stack:
        j = stack.pop()
        for c in kids[j]:
            if sent.tokens[c].dep == "conj" and c not in out:
                out.append(c)
                stack.append(c)
    return sorted(out)
