"""Complement composition: choose the CAMEO sub-code of an appeal, intent, demand, rejection, threat or
protest by what it is about.

CAMEO roots 02, 03, 10, 12 and 13 (and the protest codes 141-145) have parallel sub-codes chosen by what
is appealed for, intended, demanded, rejected, threatened or protested for: "called for the release of"
is 0253, "demanded the resignation of" 1041, "threatened sanctions" 1312. The governing candidate's
lexicon code names the *family*; the complement (a clause the governor controls, "threatened to ARM", or
a noun object, "appealed for AID") names a *topic*; `complements.tsv` maps (family, topic) to the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from flashpoint.coding.lexicon import Lexicon
from flashpoint.coding.ontology import is_known_code
from flashpoint.coding.rules import Candidate
from flashpoint.coding.syntax import Tree
from flashpoint.errors import LexiconError

#: topics that a more specific word further down may refine ("provide aid" -> "provide food aid")
GENERIC_TOPICS = {"aid", "mat_coop", "reform", "yield", "dipl_coop", "force", "admin", "settle"}
#: nouns that only carry what someone wants, offers or plans ("rejected calls FOR aid", "a plan TO talk")
CONTAINER_NOUNS = {"demand", "call", "request", "appeal", "proposal", "offer", "plan", "bid", "effort", "step",
                   "action", "measure", "pressure", "push", "plea", "idea", "suggestion", "initiative", "move",
                   "commitment", "promise", "pledge", "decision", "attempt", "intention", "readiness", "need",
                   "willingness", "campaign", "drive", "condition", "calls", "demands", "ultimatum", "order",
                   "urging", "invitation", "recommendation", "resolution", "delivery", "supply", "shipment",
                   "provision", "impetus", "progress", "term", "failure", "refusal", "disapproval", "anger",
                   "part", "some", "most", "all", "rest", "agenda", "package", "framework"}
#: words that end, lift or ease what they govern ("lift the curfew", "an end to the fighting")
ENDING_WORDS = {"end", "lift", "lifting", "postpone", "postponement", "delay", "call off", "ease", "easing", "stop", "halt", "cease", "cessation", "abandon",
                "drop", "remove", "removal", "cancel", "cancellation", "scrap", "relax", "relaxation", "suspend",
                "suspension", "renounce", "forsake", "reconsider", "loosen", "reverse", "rescind", "revoke",
                "repeal", "withdraw"}
#: verbs whose clause says what a protest is for ("rallied DEMANDING his resignation")
PURPOSE_VERBS = {"demand", "call", "press", "urge", "seek", "ask", "push", "insist", "protest", "oppose",
                 "denounce", "condemn", "support", "back", "say", "voice", "express", "show"}
#: nouns of a prepositional phrase saying what a protest is for ("a strike IN PROTEST OF the arrests")
PURPOSE_NOUNS = {"protest", "support", "defiance", "solidarity", "opposition", "demand", "pursuit"}
#: families whose sub-code is chosen by the means (weapon, vehicle) in any phrase of the clause
MEANS_FAMILIES = ("19",)
MEANS_PREPS = ("in", "with", "by", "from", "during", "using")
#: entity types of a released or detained person
PERSON_ENTS = ("PERSON", "NORP")
CONTENT_PREPS = ("for", "on", "upon", "of", "about", "against", "over", "towards", "toward")
#: verbs whose "to" phrase is what they are about ("agreed to a ceasefire"), not a recipient
TO_CONTENT_VERBS = {"agree", "commit", "consent", "accede", "return", "move"}
CLAUSE_DEPS = ("xcomp", "ccomp", "advcl", "acl", "relcl")
MAX_DEPTH = 3
COOPERATIVE_ROOTS = {"04", "05", "06", "07", "08"}
#: the CAMEO family whose sub-codes a PLOVER type takes (for re-typed candidates)
TYPE_FAMILIES = {"AGREE": "03", "COOPERATE": "06", "AID": "07", "YIELD": "08", "REQUEST": "10",
                 "REJECT": "12", "THREATEN": "13", "SANCTION": "16"}
CONFLICT_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}


@dataclass(frozen=True)
class ComplementTable:
    by_code: dict[str, str]  # CAMEO code of a complement -> topic
    by_word: dict[str, str]  # lemma, "modifier lemma" or "verb particle" -> topic
    by_end: dict[str, str]  # what is ended or lifted -> topic
    compose: dict[tuple[str, str], str]  # (family code, topic) -> CAMEO code

    def topic_of_code(self, code: str) -> str | None:
        for k in (code, code[:3], code[:2]):
            if k in self.by_code:
                return self.by_code[k]
        return None

    def code_for(self, family: str, topic: str) -> str | None:
        """The code for a governor coded `family` about `topic`; a root applies to its unspecified code."""
        code = self.compose.get((family, topic))
        if code is None and len(family) == 3:
            code = self.compose.get((family[:2], topic))
            if code is not None and not (family.endswith("0") or code.startswith(family)):
                return None  # "promised (033) military aid" -> 0332, but 033 never becomes 036
        return code

    def intent_code(self, code: str, negated: bool = False) -> str | None:
        """The intent (03) or threat (13) code announcing an act coded `code`: "will visit" 042 -> 036;
        a cooperative act announced as not going to happen is a rejection: "will not release" -> 1243."""
        root = code[:2]
        if negated:
            family = "12" if root in COOPERATIVE_ROOTS else None
        else:
            family = "03" if root in COOPERATIVE_ROOTS else "13" if root in CONFLICT_ROOTS else None
        topic = self.topic_of_code(code)
        if family is None or topic is None:
            return "120" if family == "12" else None
        return self.compose.get((family, topic), "120" if family == "12" else None)

    def retyped_code(self, code: str, ptype: str) -> str | None:
        """When the type model re-types a candidate: its topic in the new type's family ("will release"
        0353 re-typed as YIELD -> 084), or None when the family has no code for it."""
        family = TYPE_FAMILIES.get(ptype)
        if family is None:
            return None
        for topic in (self._composed_topics.get(code), self.topic_of_code(code)):
            if topic is not None and (family, topic) in self.compose:
                return self.compose[(family, topic)]
        return None

    @cached_property
    def _composed_topics(self) -> dict[str, str]:
        """The topic each composed code was first listed for (0253 -> release)."""
        return {c: t for (_f, t), c in reversed(list(self.compose.items()))}

    @cached_property
    def _families(self) -> frozenset[str]:
        return frozenset(f for f, _ in self.compose)

    def is_family(self, code: str) -> bool:
        fams = self._families
        return code in fams or (len(code) == 3 and code[:2] in fams)

    def reachable_codes(self) -> set[str]:
        return set(self.compose.values())


def parse_complements(rows: list[tuple[int, list[str]]], name: str = "complements.tsv") -> ComplementTable:
    tables: dict[str, dict[str, str]] = {"code": {}, "word": {}, "end": {}}
    compose: dict[tuple[str, str], str] = {}
    for n, cols in rows:
        cols = [c.strip() for c in cols]
        kind = cols[0]
        if kind in tables and len(cols) >= 3:
            key, topic = cols[1].lower(), cols[2]
            if kind == "code" and not is_known_code(key):
                raise LexiconError(f"{name} line {n}: unknown CAMEO code {key!r}")
            if key in tables[kind]:
                raise LexiconError(f"{name} line {n}: duplicate {kind} {key!r}")
            tables[kind][key] = topic
        elif kind == "compose" and len(cols) >= 4:
            family, topic, code = cols[1], cols[2], cols[3]
            for c in (family, code):
                if not is_known_code(c):
                    raise LexiconError(f"{name} line {n}: unknown CAMEO code {c!r}")
            if (family, topic) in compose:
                raise LexiconError(f"{name} line {n}: duplicate compose {family} {topic}")
            compose[(family, topic)] = code
        else:
            raise LexiconError(f"{name} line {n}: expected 'code|word|end<TAB>key<TAB>topic' or "
                               "'compose<TAB>family<TAB>topic<TAB>cameo'")
    topics = set(tables["code"].values()) | set(tables["word"].values()) | set(tables["end"].values())
    for (family, topic) in compose:
        if topic not in topics:
            raise LexiconError(f"{name}: compose {family} {topic}: no code or word has topic {topic!r}")
    return ComplementTable(tables["code"], tables["word"], tables["end"], compose)


@cache
def load_complements() -> ComplementTable:
    text = resources.files("flashpoint.data.lexicon").joinpath("complements.tsv").read_text(encoding="utf-8")
    rows = [(n, line.split("\t")) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]
    return parse_complements(rows)


@dataclass(frozen=True)
class Composition:
    code: str
    topic: str
    token: int  # the complement word that chose the topic


class ComplementFinder:
    """Finds what a governing candidate is about and the sub-code that follows from it."""

    def __init__(self, lexicon: Lexicon, table: ComplementTable | None = None) -> None:
        self.lex = lexicon
        self.table = table or load_complements()

    def compose(self, tree: Tree, c: Candidate, cands: list[Candidate], family: str) -> Composition | None:
        if not self.table.is_family(family):
            return None
        by_tok = {x.trigger: x for x in cands if x is not c} | {x.governor: x for x in cands
                                                                if x is not c and x.kind == "light"}
        seen: set[int] = set()
        found = [t for slot in self._slots(tree, c, family) for t in self._topics(tree, slot, by_tok, 0, seen)]
        # a specific topic anywhere in the complement beats a generic one ("offered aid" < "food aid")
        for topic, tok in sorted(found, key=lambda x: x[0] in GENERIC_TOPICS):
            code = self.table.code_for(family, topic)
            if code is not None:
                return Composition(code, topic, tok)
        return None

    # --- where the complement is ------------------------------------------------------------------
    @staticmethod
    def _heads(c: Candidate) -> list[int]:
        return ([c.trigger] if c.trigger != c.governor else []) + [c.governor]

    def _slots(self, tree: Tree, c: Candidate, family: str) -> list[int]:
        heads = self._heads(c)
        out: list[int] = []
        if family.startswith("14"):
            # what a protest is FOR, not what it targets: "boycotted the elections" is no demand for them
            for h in heads:
                out += self._head_slots(tree, h, c.trigger, preps=("for", "over", "against"), objects=False,
                                        clauses=False)
            for x in self.purpose_clauses(tree, c):
                out += self._head_slots(tree, x, c.trigger)
        else:
            for h in heads:
                out += self._head_slots(tree, h, c.trigger)
        if family.startswith(MEANS_FAMILIES):  # "killed by a car bomb", "aircraft attacked"
            for h in heads:
                out += tree.children(h, "nsubj", "nsubjpass", "advcl")
                for p in tree.children(h, "prep", "agent"):
                    po = tree.pobj(p)
                    if po is not None and (tree.lower(p) in MEANS_PREPS or tree.tok(p).dep == "agent"):
                        out.append(po)
        return list(dict.fromkeys(s for s in out if s not in heads))

    def purpose_clauses(self, tree: Tree, c: Candidate) -> list[int]:
        """Verbs or nouns saying what a protest is for: "rallied DEMANDING his resignation", "a strike TO
        PRESS for pay", "a strike in PROTEST of the arrests"."""
        out = []
        for h in self._heads(c):
            out += [x for x in tree.children(h, *CLAUSE_DEPS)
                    if tree.lemma(x) in PURPOSE_VERBS and self._to_clause(tree, x)]
            for p in tree.children(h, "prep"):
                po = tree.pobj(p)
                if po is not None and tree.lower(p) in ("in", "to") and tree.lemma(po) in PURPOSE_NOUNS:
                    out.append(po)
        return out

    def _head_slots(self, tree: Tree, h: int, trigger: int, preps: tuple[str, ...] = CONTENT_PREPS,
                    objects: bool = True, clauses: bool = True) -> list[int]:
        """Complement slots of one head: its objects, content phrases and (if `clauses`) clauses."""
        comps: list[int] = []
        nouns: list[int] = []
        for k in tree.kids[h]:
            t = tree.tok(k)
            if t.dep in ("xcomp", "ccomp") or (t.dep in ("advcl", "acl") and self._to_clause(tree, k)):
                if clauses:
                    comps.append(k)
            elif t.dep == "acomp" and clauses:  # "is ready TO CONTRIBUTE troops"
                comps += tree.children(k, "xcomp")
            elif t.dep in ("dobj", "attr", "nsubjpass") and k != trigger and objects:
                nouns.append(k)
                nouns += [x for x in tree.children(k, "acl", "relcl", "xcomp") if self._to_clause(tree, x)]
            elif t.dep == "prep" and (tree.lower(k) in preps or (
                    tree.lower(k) == "to" and tree.lemma(h) in TO_CONTENT_VERBS)):
                p = tree.pobj(k)
                if p is None:
                    p = next(iter(tree.children(k, "pcomp")), None)  # "accused of MISUSING funds"
                if p is not None:
                    nouns.append(p)
                    nouns += [x for x in tree.children(p, "acl", "xcomp") if self._to_clause(tree, x)]
        return nouns + comps

    @staticmethod
    def _to_clause(tree: Tree, v: int) -> bool:
        t = tree.tok(v)
        return t.tag in ("VB", "VBG") or any(tree.lower(a) == "to" for a in tree.children(v, "aux"))

    # --- what it is about ------------------------------------------------------------------------
    def _topics(self, tree: Tree, i: int, by_tok: dict[int, Candidate], depth: int,
                seen: set[int]) -> Iterator[tuple[str, int]]:
        if depth > MAX_DEPTH or i in seen:
            return
        seen.add(i)
        pos = tree.tok(i).pos
        if pos in ("VERB", "AUX"):
            yield from self._verb_topics(tree, i, by_tok, depth, seen)
        elif pos in ("NOUN", "PROPN", "ADJ", "PRON"):
            yield from self._noun_topics(tree, i, by_tok, depth, seen)

    def _word_keys(self, tree: Tree, i: int) -> list[str]:
        lem = tree.lemma(i)
        keys = []
        for c in tree.children(i, "prt"):
            keys.append(f"{lem} {tree.lower(c)}")
        for c in tree.children(i, "amod", "compound", "dobj"):
            for cc in tree.children(c, "compound", "amod"):
                keys.append(f"{tree.lemma(cc)} {tree.lemma(c)} {lem}")
            keys.append(f"{tree.lemma(c)} {lem}")
        for p in tree.children(i, "prep"):
            po = tree.pobj(p)
            if po is not None:
                keys.append(f"{lem} {tree.lower(p)} {tree.lemma(po)}")
        keys += [lem, tree.lower(i)]
        # "fraud investigations", "military aid program": what the modifier names
        for c in tree.children(i, "compound"):
            keys += [f"{tree.lemma(cc)} {tree.lemma(c)}" for cc in tree.children(c, "compound", "amod")]
            keys.append(tree.lemma(c))
        return keys

    def _ended(self, tree: Tree, i: int) -> tuple[str, int] | None:
        """"lift the curfew", "an end to the fighting", "easing of sanctions": the topic of what is ended."""
        lem = tree.lemma(i)
        prts = [f"{lem} {tree.lower(p)}" for p in tree.children(i, "prt")]
        if lem not in ENDING_WORDS and not any(p in ENDING_WORDS for p in prts):
            return None
        objs = tree.children(i, "dobj", "nsubjpass")
        for p in tree.children(i, "prep"):
            if tree.lower(p) in ("of", "to", "on"):
                po = tree.pobj(p)
                if po is not None:
                    objs.append(po)
        for o in objs:
            for k in self._word_keys(tree, o):
                if k in self.table.by_end:
                    return self.table.by_end[k], o
        return None

    def _word_topics(self, tree: Tree, i: int) -> list[str]:
        found = [self.table.by_word[k] for k in self._word_keys(tree, i) if k in self.table.by_word]
        return list(dict.fromkeys(found))

    def _verb_topics(self, tree: Tree, v: int, by_tok: dict[int, Candidate], depth: int,
                     seen: set[int]) -> Iterator[tuple[str, int]]:
        ended = self._ended(tree, v)
        if ended is not None:
            yield ended
        cand = by_tok.get(v)
        if cand is not None:
            code_topic = self.table.topic_of_code(cand.cameo)
            if code_topic is not None:
                yield code_topic, v
        for topic in self._word_topics(tree, v):
            yield topic, v
        for k in tree.kids[v]:
            dep = tree.tok(k).dep
            if dep in ("dobj", "xcomp", "ccomp", "attr", "nsubjpass", "dative") or (
                    dep == "prep" and tree.lower(k) in CONTENT_PREPS + ("to", "with")):
                target = tree.pobj(k) if dep == "prep" else k
                if target is not None:
                    yield from self._topics(tree, target, by_tok, depth + 1, seen)

    def _noun_topics(self, tree: Tree, n: int, by_tok: dict[int, Candidate], depth: int,
                     seen: set[int]) -> Iterator[tuple[str, int]]:
        ended = self._ended(tree, n)
        if ended is not None:
            yield ended
        words = self._word_topics(tree, n)
        for topic in words:
            yield topic, n
        noun = self._noun_code(tree, n)
        code_topic = self.table.topic_of_code(noun) if noun else None
        if code_topic is not None:
            yield code_topic, n
        if tree.tok(n).ent_type in PERSON_ENTS:
            yield "persons", n
        container = tree.lemma(n) in CONTAINER_NOUNS
        if container or not words or code_topic in GENERIC_TOPICS:
            preps = CONTENT_PREPS + ("to",) + (("by",) if container else ())  # "calls BY X for aid"
            for k in tree.kids[n]:
                dep = tree.tok(k).dep
                if dep in ("acl", "relcl", "xcomp", "ccomp") and (container or self._to_clause(tree, k)):
                    yield from self._topics(tree, k, by_tok, depth + 1, seen)
                elif dep == "prep" and tree.lower(k) in preps:
                    po = tree.pobj(k)
                    if po is not None:
                        yield from self._topics(tree, po, by_tok, depth + 1, seen)

    def _noun_code(self, tree: Tree, n: int) -> str | None:
        lem = tree.lemma(n)
        for c in tree.children(n, "compound", "amod"):
            e = self.lex.nouns.get(f"{tree.lemma(c)} {lem}")
            if e is not None:
                return e.cameo
        e = self.lex.nouns.get(lem) or self.lex.nouns.get(tree.lower(n))
        return e.cameo if e else None
