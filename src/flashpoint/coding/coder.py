"""Coding stage: ParsedSentence -> list[Event].

Hybrid: rules (lexicon + dependency patterns) find triggers, actors, modality and attribution; an
optional learned type model helps choose the PLOVER type of the sentence's main event. The rule that
produced each event stays visible in `rule` and `evidence`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from flashpoint.actors.resolver import ActorResolver, ArticleContext
from flashpoint.actors.spans import noun_phrase
from flashpoint.coding.complements import ComplementFinder
from flashpoint.coding.lexicon import Lexicon, load_lexicon
from flashpoint.coding.modality import attribution_for, modality_for
from flashpoint.coding.ontology import DEFAULT_CAMEO, cameo_info, plover_for
from flashpoint.coding.rules import (
    ENDED_BY_ROOT,
    FORCE_ROOTS,
    LOCATIVE_PREPS,
    PEACEKEEPING_WORDS,
    TOPIC_VERBS,
    TRANSFER_LEMMAS,
    Candidate,
    RuleFinder,
)
from flashpoint.coding.syntax import Tree
from flashpoint.coding.typemodel import TypeModel, norm_label
from flashpoint.models import ActorMention, Event, ParsedSentence, Trigger
from flashpoint.settings import Settings

log = logging.getLogger(__name__)

#: dictionary entry kinds that name places: a country, a capital standing for it, a region or town
PLACE_KINDS = ("country", "metonym", "place")

#: how much more probable the model's type must be than the rule's type to override it. 5-fold CV on the dev
#: gold files (2026-12-03, /tmp tuning run over margins 0 .. 0.5): 0.1 -> 0.35 moved type accuracy plv_dev
#: 0.851 -> 0.858, plover_gsr 0.851 -> 0.857, codebook 0.883 -> 0.894; 0.5 was no better
OVERRIDE_MARGIN = 0.35
#: the same when the override flips a cooperative type into a conflictual one or back
POLARITY_MARGIN = 0.4
#: the model's probability that a sentence reports no event above which its rule candidates are dropped
NONE_DROP = 0.6
#: ... and for a root-verb fallback (no rule fired), above which it is dropped when NONE is also its best type
FALLBACK_NONE = 0.5
COOPERATIVE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "CONCEDE", "RETREAT"}


def is_statement(code: str) -> bool:
    """CAMEO 01 (make a public statement): an event with no PLOVER type."""
    return code.startswith("01")


def _cooperative(ptype: str) -> bool:
    return ptype in COOPERATIVE_TYPES
RETREAT_LEMMAS = {"release", "free", "withdraw", "return", "retreat", "pull", "surrender", "disarm", "lift",
                  "ease", "repatriate", "evacuate", "demobilize", "hand"}

PURE_INTENT_LEMMAS = {"plan", "intend", "decide", "prepare", "aim", "want", "seek", "expect", "hope", "try",
                      "attempt", "mull", "consider", "weigh", "begin", "start", "continue", "resume"}
FUTURE_AUX = {"will", "shall", "'ll", "would", "may"}
READY_WORDS = {"ready", "willing", "prepared", "poised", "set"}
#: "plans to visit": the planned act, announced (its governor is dropped, see PURE_INTENT_LEMMAS)
INTENT_GOVERNORS = {"plan", "intend", "prepare", "aim", "want", "expect", "hope"}
#: a code whose act was only attempted, and the code of the attempt
ATTEMPTED = {"186": "185"}
ATTEMPT_WORDS = {"attempt", "try", "plot", "bid", "conspire", "fail", "seek"}
#: calls whose purpose clause says what they were: "phoned the president to congratulate him"
CALL_LEMMAS = {"call", "phone", "telephone", "ring"}
#: sending people whose purpose clause says what they do: "sent experts to investigate"
SENDING_LEMMAS = {"send", "dispatch", "deploy"}
CLAUSE_DEPS = ("advcl", "relcl", "acl", "xcomp")
#: continuing a measure; not doing so lets it lapse
CONTINUING_LEMMAS = {"renew", "extend", "prolong", "maintain", "continue"}


#: verbs whose negation carries to the act they lead to: "will not GO to Moscow to meet", "did not WANT to sign"
CARRIER_LEMMAS = {"go", "come", "travel", "want", "wish", "plan", "intend", "seek", "try", "attempt", "expect", "hope"}


def negated(tree: Tree, v: int) -> bool:
    """"did not agree"; "failed to reach a deal" (failing is no candidate of its own, unlike "refused to");
    "will not go to Moscow to meet him"; "lifting the sanctions is out of the question"."""
    t = tree.tok(v)
    if any(tree.tok(k).dep == "neg" for k in tree.kids[v]) or (t.dep == "xcomp" and tree.lemma(t.head) == "fail"):
        return True
    if t.dep in ("xcomp", "advcl") and t.head != v and tree.lemma(t.head) in CARRIER_LEMMAS and any(
            tree.tok(k).dep == "neg" for k in tree.kids[t.head]):
        return True
    return ruled_out(tree, v)


def ruled_out(tree: Tree, v: int) -> bool:
    """An act named as the subject of "is out of the question": "lifting the ban is out of the question"."""
    t = tree.tok(v)
    if t.dep not in ("csubj", "nsubj") or tree.lemma(t.head) != "be":
        return False
    return any(tree.lower(q) == "question" and any(tree.lower(a) == "out" for a in tree.ancestors(q))
               for q in tree.subtree(t.head) if q not in tree.subtree(v))


def negated_continuation(tree: Tree, v: int) -> bool:
    """"did not renew", "failed to extend": a measure left to lapse."""
    return tree.lemma(v) in CONTINUING_LEMMAS and negated(tree, v)


def _adopt(c: Candidate, act: Candidate, consumed: set[int]) -> None:
    """c is coded as the act it orders or is made for, and the act is no event of its own."""
    c.cameo, c.rule = act.cameo, f"{c.rule}+{act.rule}"
    consumed.add(act.trigger)


#: verbs of command: what is ordered is the act of who orders it
ORDER_LEMMAS = {"order", "instruct", "direct"}
#: roots of ordered acts coded as the act itself (investigations, restrictions, arrests, force)
ORDERED_ROOTS = {"09", "15", "16", "17", "18", "19", "20"}
#: people aid is given to, named by where they are: "people in northeast Nigeria", "families in Gaza"
AIDED_PEOPLE = {"people", "civilian", "resident", "family", "victim", "child", "survivor", "population", "person",
                "household", "community", "villager", "inhabitant"}
#: purposes that make pledged force a help: "offered to send troops to HELP Mali"
HELP_LEMMAS = {"help", "assist", "defend", "protect", "support", "aid", "secure", "stabilise", "stabilize"}
PLEDGE_LEMMAS = {"vow", "promise", "pledge", "offer", "commit", "propose", "swear"}


@dataclass
class TypeChoice:
    label: str
    prob: float


MASKED_ENTS = {"GPE": "_gpe_", "NORP": "_norp_", "PERSON": "_person_", "ORG": "_org_", "DATE": "_date_",
               "TIME": "_time_", "CARDINAL": "_num_", "MONEY": "_money_", "PERCENT": "_num_", "QUANTITY": "_num_",
               "LOC": "_loc_", "FAC": "_fac_"}


def model_text(tree: Tree, only: set[int] | None = None) -> str:
    """The sentence as the type model sees it: names, dates and numbers replaced by their entity type, so
    the model learns from what was done, not from who did it (countries and names do not generalise)."""
    out: list[str] = []
    for t in tree.toks:
        if only is not None and t.i not in only:
            continue
        mask = MASKED_ENTS.get(t.ent_type)
        if mask is None:
            out.append(t.text)
        elif not out or out[-1] != mask or t.ent_iob == "B":
            out.append(mask)
    return " ".join(out)


def clause_text(tree: Tree, c: Candidate, cands: Sequence[Candidate]) -> str:
    """The model's text for candidate c: the whole sentence for the sentence's main event, only c's own
    clause for a second main-clause event ("Putin threatened ...; Western leaders CONDEMNED the move")."""
    main = [x for x in cands if x.embedded_in is None and not x.subordinate and not is_statement(x.cameo)]
    if c not in main or len(main) < 2:
        return model_text(tree)
    first = min(main, key=lambda x: (len(tree.ancestors(x.governor)), x.trigger))
    if first is c:
        return model_text(tree)
    keep, stack = set(), [c.governor]
    while stack:
        i = stack.pop()
        keep.add(i)
        stack.extend(k for k in tree.kids[i] if i != c.governor or tree.tok(k).dep not in ("conj", "parataxis"))
    return model_text(tree, keep)


#: dependencies that keep a word inside the noun phrase of an event argument ("decision of the court")
_INSIDE_ARGUMENT = {"pobj", "prep", "poss", "compound", "amod", "nmod"}
#: dependencies of an argument phrase on its event's verb or noun
_ARGUMENT_DEPS = {"dobj", "pobj", "attr", "dative", "nsubjpass", "oprd", "nsubj"}
#: prepositions whose objects say where, when or why an event happened rather than what it was done to
_ADVERBIAL_PREPS = LOCATIVE_PREPS | {"during", "after", "before", "amid", "despite", "since", "until", "because"}


#: people who act for an organisation: "members of Hamas", "activists from the Fatah party" act as it
MEMBER_NOUNS = {"member", "leader", "activist", "supporter", "official", "representative", "delegate", "worker",
                "militant", "fighter", "follower", "loyalist", "delegation", "deployment", "contingent", "unit"}


def _organisation_of(tree: Tree, head: int) -> int | None:
    """The organisation a member noun belongs to: "leaders of the Azadliq coalition", "workers affiliated with
    the Serbian Workers' Union", "the first deployment of NATO peacekeeping troops"."""
    if tree.lemma(head) not in MEMBER_NOUNS:
        return None
    preps = tree.children(head, "prep") + [p for a in tree.children(head, "acl") for p in tree.children(a, "prep")]
    for p in preps:
        if tree.lower(p) not in ("of", "from", "with"):
            continue
        po = tree.pobj(p)
        if po is not None and (tree.tok(po).ent_type in ("ORG", "NORP") or tree.lemma(po) in (
                "party", "coalition", "union", "movement", "front", "group", "organisation", "organization")):
            return po
    return None


def argument_mention(tree: Tree, m: ActorMention | None, c: Candidate) -> ActorMention | None:
    """An actor found inside a larger argument phrase keeps its code and head word, and its span grows to
    the whole argument: "condemned [a U.S. Supreme Court decision]" (USAJUD), "attacked [an army base in
    northern Afghanistan]" (AFG). The span then says what was acted on; the code says whose it is."""
    if m is None:
        return None
    toks = tree.toks
    org = _organisation_of(tree, m.head)
    if org is not None:
        lo, hi = noun_phrase(tree.sent, org)
        start, end = min(m.start, toks[lo].start), max(m.end, toks[hi - 1].end)
        m = replace(m, head=org, text=tree.sent.text[start:end], start=start, end=end,
                    evidence=f"{m.evidence}; acting for {toks[org].text!r}")
    if tree.children(m.head, "conj"):
        return m  # one of conjoined modifiers ("Hungarian and Romanian officials"): each keeps its own span
    trigger = range(c.trigger_lo, c.trigger_hi)
    j, top = m.head, m.head
    for _ in range(6):
        t = toks[j]
        if t.dep not in _INSIDE_ARGUMENT or t.head == j or t.head in trigger or t.head == c.governor:
            break  # never past the event's own words ("a request from Haaretz" is Haaretz's request)
        if t.dep == "prep" and t.text.lower() == "with" and tree.lemma(c.governor) in TOPIC_VERBS:
            break  # "shared evidence with the Chinese": a partner, not part of what was shared
        if t.dep == "prep" and t.text.lower() in ("to", "into") and tree.lemma(c.governor) in TRANSFER_LEMMAS:
            break  # "returned dozens of artifacts to the embassy": the recipient, not part of what was returned
        j = t.head
        if toks[j].pos in ("NOUN", "PROPN"):
            top = j
    if top == m.head or toks[top].dep not in _ARGUMENT_DEPS:
        return m
    if toks[top].dep == "pobj" and toks[toks[top].head].text.lower() in _ADVERBIAL_PREPS:
        return m  # "went on strike in protest against the junta": a circumstance, not what was acted on
    lo, _ = noun_phrase(tree.sent, top)
    # the argument's words up to its head noun (or to the actor, where the actor follows it): no trailing
    # "in Brasilia" a parse may hang on the head noun
    start, end = min(toks[lo].start, m.start), max(toks[top].end, m.end)
    if (start, end) == (m.start, m.end) or any(start <= toks[i].start < end for i in trigger):
        return m
    return replace(m, text=tree.sent.text[start:end], start=start, end=end,
                   evidence=f"{m.evidence}; inside the argument {tree.sent.text[start:end]!r}")


def candidate_hint(tree: Tree, c: Candidate) -> str:
    """Rule and parse features of one candidate for the type model."""
    m = plover_for(c.cameo) if c.kind != "model" else None
    ptype = norm_label(m.type) if m else "NONE"
    parts = [f"rule:{ptype}", f"kind:{c.kind}", f"trig:{tree.lemma(c.trigger)}", f"cameo:{c.cameo[:2]}"]
    gov = tree.tok(c.governor)
    if gov.head != gov.i and gov.dep in ("xcomp", "ccomp", "advcl", "conj"):
        parts.append(f"gov:{gov.dep}:{tree.lemma(gov.head)}")
    if any(tree.tok(k).dep == "neg" for k in tree.kids[c.governor]):
        parts.append("neg:1")
    if c.embedded_in is not None:
        parts.append("embedded:1")
    toks = tree.toks
    for off in (1, 2, 3):
        j = c.trigger_hi - 1 + off
        if j < len(toks) and toks[j].pos not in ("PUNCT", "DET"):
            parts.append(f"w+{off}:{toks[j].lemma.lower()}")
    for k in tree.kids[c.trigger]:
        if tree.tok(k).dep in ("dobj", "prep", "prt", "xcomp", "ccomp", "advmod", "acomp", "attr"):
            parts.append(f"{tree.tok(k).dep}:{tree.lemma(k)}")
    for name, heads in (("src", c.sources), ("tgt", c.targets)):
        if heads:
            h = tree.tok(heads[0])
            parts.append(f"{name}:{h.lemma.lower()}")
            if h.ent_type:
                parts.append(f"{name}ent:{h.ent_type}")
        else:
            parts.append(f"{name}:none")
    return " ".join(parts)


class Coder:
    """Stage: ParsedSentence -> list[Event]. Lexicons and models load once per instance."""

    def __init__(self, settings: Settings, lexicon: Lexicon | None = None, resolver: ActorResolver | None = None,
                 type_model: TypeModel | None = None, use_model: bool | None = None) -> None:
        self.settings = settings
        self.lex = lexicon or load_lexicon()
        self.resolver = resolver or ActorResolver()
        self.finder = RuleFinder(self.lex, is_actor=self._actor_like, is_place=self._place_like)
        self.complements = ComplementFinder(self.lex)
        self._context: ArticleContext | None = None
        self._actor_memo: dict[tuple[int, int], list[ActorMention]] = {}
        use = settings.use_classifier if use_model is None else use_model
        self.model = type_model if type_model is not None else (TypeModel.load(settings.classifier_path)
                                                                 if use else None)
        if not use:
            self.model = None

    # --- public API ------------------------------------------------------------------------------
    def __call__(self, sent: ParsedSentence, published: str | None = None) -> list[Event]:
        return self.code_batch([sent], context=self.resolver.new_context(published))[0]

    def pipe(self, sents: Iterable[ParsedSentence], batch_size: int = 256) -> Iterator[list[Event]]:
        batch: list[ParsedSentence] = []
        for s in sents:
            batch.append(s)
            if len(batch) >= batch_size:
                yield from self.code_batch(batch)
                batch = []
        if batch:
            yield from self.code_batch(batch)

    def code_article(self, sents: Sequence[ParsedSentence], published: str | None = None) -> list[Event]:
        """Code the sentences of one article in order, sharing actor context (coreference) between them."""
        return self.code_articles([(sents, published)])[0]

    def code_articles(self, articles: Sequence[tuple[Sequence[ParsedSentence], str | None]]) -> list[list[Event]]:
        """Code several articles; the type model scores all their candidates in one call (throughput)."""
        groups = [[Tree(s) for s in sents] for sents, _ in articles]
        contexts = [self.resolver.new_context(published) for _, published in articles]
        return [[e for evs in per_sent for e in evs] for per_sent in self._code_groups(groups, contexts)]

    def code_batch(self, sents: Sequence[ParsedSentence], context: ArticleContext | None = None) -> list[list[Event]]:
        """Code sentences; with a context they are one article's sentences in order, else independent."""
        return self._code_groups([[Tree(s) for s in sents]], [context])[0]

    def _code_groups(self, groups: list[list[Tree]], contexts: Sequence[ArticleContext | None]) -> list[list[list[Event]]]:
        cands = [[self.candidates(t) for t in trees] for trees in groups]
        probs: list[list[list[dict[str, float] | None]]] = [[[None] * len(c) for c in g] for g in cands]
        if self.model is not None:
            flat = [(g, i, j, clause_text(groups[g][i], c, cs), candidate_hint(groups[g][i], c))
                    for g, per_sent in enumerate(cands) for i, cs in enumerate(per_sent) for j, c in enumerate(cs)]
            preds = self.model.predict_proba([f[3] for f in flat], [f[4] for f in flat])
            for (g, i, j, _, _), p in zip(flat, preds, strict=True):
                probs[g][i][j] = p
        out = []
        for trees, per_sent, per_probs, context in zip(groups, cands, probs, contexts, strict=True):
            self._context = context
            coded = []
            for t, cs, ps in zip(trees, per_sent, per_probs, strict=True):
                self._actor_memo.clear()  # actors are memoised within one sentence only
                events: list[Event] = []
                for c, p in zip(cs, ps, strict=True):
                    if c.kind == "model" and p is None:
                        continue  # a root-verb fallback needs the model to name its type
                    if p is not None:
                        self._apply_model(t, c, p)
                    if not c.dropped:
                        events.extend(self._events_for(t, c, p))
                coded.append([e for e in events if e.confidence >= self.settings.min_confidence])
                if context is not None:
                    self.resolver.observe(t.sent, context)
            self._context = None
            out.append(coded)
        return out

    def candidates(self, tree: Tree) -> list[Candidate]:
        """Rule candidates (refined), or a root-verb fallback candidate for the model when none fired."""
        if len(tree.sent.text) > self.settings.max_sentence_chars:
            return []
        cands = self.finder.find(tree)
        consumed: set[int] = set()
        keep = [c for c in cands if self._refine(tree, c, cands, consumed)]
        # a noun that only says what was demanded or threatened ("demanded the RELEASE of"), or a clause that
        # only says what a protest was for ("rallied to DEMAND reforms"), is no event of its own
        cands = [c for c in keep if c.trigger not in consumed and not self._restated(tree, c, keep)]
        for c in cands:
            self._aim(tree, c)
        if not any(not is_statement(c.cameo) for c in cands):
            fb = self._fallback(tree)
            return cands + ([fb] if fb else [])
        return cands

    # --- internals -------------------------------------------------------------------------------
    def _refine(self, tree: Tree, c: Candidate, all_cands: list[Candidate], consumed: set[int]) -> bool:
        """Choose the sub-code of appeals, intents, demands, rejections, threats and protests by their
        complement (`complements.tsv`); drop intents that only announce their complement and statements."""
        lemma = tree.lemma(c.governor)
        inner = [x for x in all_cands if x.embedded_in == c.trigger]
        if inner and lemma in PURE_INTENT_LEMMAS:
            return False  # "plans to mobilize": the mobilization is the event, with planned modality
        ordered = inner + [x for x in all_cands if tree.tok(x.governor).dep == "acl" and tree.tok(x.governor).tag == "VBN"
                           and tree.tok(x.governor).head in tree.children(c.governor, "dobj")]
        ordered = [x for x in ordered if x.kind in ("verb", "light")]  # the ordered act, not a noun beside it
        if ordered and lemma in ORDER_LEMMAS and ordered[0].cameo[:2] in ORDERED_ROOTS:
            # "ordered the newspaper to suspend publication", "ordered nine officials jailed": an authority's
            # order of a coercive act is that act, done by who ordered it to whom it was ordered on
            _adopt(c, ordered[0], consumed)
        purposes = [x for x in all_cands if x.kind in ("verb", "light", "noun") and x.cameo.startswith("05")
                    and tree.tok(x.governor).dep in ("advcl", "xcomp") and tree.tok(x.governor).head == c.governor]
        if lemma in CALL_LEMMAS and c.cameo.startswith("04") and purposes:
            # "called the new prime minister to congratulate him", "called Erdogan to convey Pakistan's support":
            # the call is how; the congratulation is what
            _adopt(c, purposes[0], consumed)
        if lemma in SENDING_LEMMAS and any(
                x.kind in ("verb", "light") and x.cameo[:2] in ("09", "17", "18", "19", "20")
                and tree.tok(x.governor).dep in CLAUSE_DEPS and not tree.children(x.governor, "mark")
                and tree.tok(x.governor).head in (c.governor, *tree.children(c.governor, "dobj")) for x in all_cands):
            return False  # "sent a team to investigate the attacks", "sent jets to destroy the reactor": the purpose
        if negated_continuation(tree, c.governor) and c.cameo[:2] in ENDED_BY_ROOT and c.cameo[:2] >= "13":
            # "failed to renew the sanctions", "will not extend the curfew": letting a measure lapse eases it
            c.cameo, c.rule = ENDED_BY_ROOT[c.cameo[:2]], f"{c.rule}+lapsed"
            return plover_for(c.cameo) is not None
        if inner and lemma in PLEDGE_LEMMAS and int(inner[0].cameo[:2]) >= 10:
            c.cameo = "130"  # "vowed to retaliate" is a threat, "pledged to help" is intent to cooperate
        if c.cameo[:2] == "15" and c.kind in ("light", "noun") and any(
                tree.lemma(i) in PEACEKEEPING_WORDS for i in tree.subtree(c.governor)):
            c.cameo = "074"  # "announced the deployment of 230 troops to Liberia on a peacekeeping mission"
        if c.cameo in ATTEMPTED and tree.lemma(tree.tok(c.governor).head) in ATTEMPT_WORDS:
            c.cameo = ATTEMPTED[c.cameo]  # "an attempt to assassinate", "tried to assassinate"
        if c.cameo.startswith("14"):
            for x in self.complements.purpose_clauses(tree, c):
                if x != c.trigger:  # "blocked roads to press their DEMANDS": what the protest is for
                    consumed.update((x, *tree.children(x, "dobj")))
        comp = self.complements.compose(tree, c, all_cands, c.cameo)
        if comp is not None and comp.code != c.cameo and plover_for(comp.code) is not None:
            c.cameo = comp.code
            c.rule = f"{c.rule}+{comp.topic}"
            if any(x.trigger == comp.token and x.kind == "noun" for x in all_cands):
                consumed.add(comp.token)  # "demanded the RELEASE of": the noun only says what was demanded
        if c.cameo.startswith("138") and inner and self._helping(tree, inner[0].governor):
            # "offered to send troops to help Mali": force pledged for someone is military aid, not a threat
            c.cameo, c.rule = "0332", f"{c.rule}+help"
        main = c.embedded_in is None and not c.subordinate
        under_intent = c.embedded_in is not None and tree.lemma(c.embedded_in) in INTENT_GOVERNORS
        is_negated = negated(tree, c.governor)
        if (main or under_intent) and (is_negated or self._announced(tree, c.governor)):
            intent = self.complements.table.intent_code(c.cameo, is_negated)
            if intent is not None and plover_for(intent) is not None:
                c.cameo = intent
                c.rule = f"{c.rule}+{'not' if is_negated else 'future'}"
        return plover_for(c.cameo) is not None or is_statement(c.cameo)

    def _aim(self, tree: Tree, c: Candidate) -> None:
        """Targets that depend on the refined code: places peacekeepers protect, where aided people are, who
        rules an act out, and whom a threat or refusal is aimed at through its clause or condition."""
        if c.cameo in ("074", "0334") and c.targets:
            protected = self.finder.protected_place(tree, c.targets[0])
            if protected is not None:
                c.targets = [protected]
        if c.cameo[:2] == "07" and c.targets and tree.lemma(c.targets[0]) in AIDED_PEOPLE:
            # "food assistance to 300,000 people in northeast Nigeria": aid goes to the place's people
            place = self.finder.place_in(tree, c.targets[0])
            if place is not None:
                c.targets = [place]
        if not c.sources and ruled_out(tree, c.governor):
            # "Maduro said that lifting the ban is out of the question": who rules it out refuses it
            cop = tree.tok(tree.tok(c.governor).head)
            if cop.dep == "ccomp":
                c.sources = [s for s in tree.children(cop.head, "nsubj") if self.finder.is_actor(tree, s)][:1]
        if c.cameo[:2] == "13" and not c.targets:
            # "warned that it would retaliate against NATO": what the announced act is aimed at
            c.targets = [x for t in tree.children(c.governor, "ccomp")
                         for x in self.finder.clause_targets(tree, t) if self.finder.is_actor(tree, x)][:1]
        if c.cameo[:2] == "13" and c.targets and self._says_who_acts(tree, c):
            # "warned that police will no longer tolerate rallies by Kifaya": the police are the warner's
            # side; the threat is aimed at the condition's subject or at what the clause acts on
            t = tree.tok(c.targets[0])
            on = [x for x in self.finder.clause_targets(tree, t.head) if self.finder.is_actor(tree, x)]
            cond = self.finder.condition_subject(tree, c.governor)
            c.targets = [cond] if cond is not None else on[:1]
        if c.cameo[:2] in ("12", "13") and not (c.targets and self.finder.is_actor(tree, c.targets[0])):
            # "will not end the strike until the company ...": the refusal is aimed at whoever must act
            cond = self.finder.condition_subject(tree, c.governor)
            if cond is not None and cond not in c.sources:
                c.targets = [cond]
        if not is_statement(c.cameo) and not (c.targets and (c.cameo[:2] in FORCE_ROOTS or self.finder.actor_within(
                tree, c.targets[0]) is not None)):
            # "declared a ceasefire in Somalia", "mass killings in Darfur", "a suspension of aid in Yemen": with
            # nobody acted on (or only a thing, short of force, which keeps what it struck), the place
            place = self.finder.place_of(tree, c)
            if place is not None and place not in c.sources:
                c.targets = [place]

    @staticmethod
    def _says_who_acts(tree: Tree, c: Candidate) -> bool:
        """Is c's target the subject of the clause c announces ("threatened that THE CIA would sever ties")?"""
        t = tree.tok(c.targets[0])
        return t.dep in ("nsubj", "nsubjpass") and tree.tok(t.head).dep == "ccomp" and tree.tok(t.head).head == c.governor

    @staticmethod
    def _restated(tree: Tree, c: Candidate, cands: list[Candidate]) -> bool:
        """A measure's origin told inside another act on it: "lifted the embargo it has IMPOSED", "eased the
        curfew IMPOSED in Sudan" -- the imposing is background, the lifting is the event."""
        t = tree.tok(c.governor)
        if c.kind != "verb" or c.cameo[:2] not in ("16", "17") or t.dep not in ("acl", "relcl"):
            return False
        noun = t.head
        return any(x is not c and x.cameo[:2] in ("08", "12") and (
            x.trigger_lo <= noun < x.trigger_hi or noun in tree.children(x.governor, "dobj")) for x in cands)

    @staticmethod
    def _helping(tree: Tree, v: int) -> bool:
        """Is the act done to help, defend or protect someone ("send troops to help Mali")?"""
        return any(tree.lemma(x) in HELP_LEMMAS and tree.tok(x).dep in ("advcl", "xcomp", "acl", "relcl")
                   for x in tree.subtree(v) if x != v)

    @staticmethod
    def _announced(tree: Tree, v: int) -> bool:
        """A future act in the main clause ("will visit", "is ready to send"): CAMEO codes the announcement,
        an intent to cooperate (03) or a threat (13), not the act."""
        if any(tree.tok(a).dep == "aux" and tree.lower(a) in FUTURE_AUX for a in tree.kids[v]):
            return True
        t = tree.tok(v)
        return t.dep == "xcomp" and tree.lemma(t.head) in READY_WORDS | INTENT_GOVERNORS

    def _apply_model(self, tree: Tree, c: Candidate, probs: dict[str, float]) -> None:
        """Let the learned chooser pick this candidate's PLOVER type; the rule stays visible. A sentence the
        model judges to report no event (NONE) drops its root-verb fallback, and its rule candidates when
        the model is sure (NONE_DROP): "Brazil beat Argentina 2-0" is sport."""
        p_none = probs.pop("NONE", 0.0)
        if is_statement(c.cameo) and c.kind not in ("model", "statement"):
            return  # a lexicon statement ("declined to comment", "denied the charges") is an event as it stands
        if (c.kind == "model" and p_none >= max(FALLBACK_NONE, max(probs.values(), default=0.0))) \
                or p_none >= NONE_DROP:
            c.dropped = True
            return
        if c.kind == "statement":
            return  # a statement (CAMEO 010) has no PLOVER type for the model to choose
        if c.embedded_in is not None or c.subordinate:
            return  # a complement ("threatened to ARM") keeps its own type; the model types the main clause
        best = max(probs, key=lambda k: probs[k])
        m = plover_for(c.cameo) if c.kind != "model" else None
        rule_type = norm_label(m.type) if m else None
        if rule_type == best:
            return
        margin = OVERRIDE_MARGIN
        if rule_type is not None and _cooperative(rule_type) != _cooperative(best):
            margin = POLARITY_MARGIN  # flipping cooperation into conflict (or back) needs a clearer model
        if rule_type is not None and probs[best] - probs.get(rule_type, 0.0) < margin:
            return
        retyped = self.complements.table.retyped_code(c.cameo, best) if c.kind != "model" else None
        if retyped is not None and norm_label(getattr(plover_for(retyped), "type", "")) == best:
            c.cameo = retyped  # the rule's topic in the model's family: "will release" 0841 -> AGREE 0353
        elif best == "YIELD":
            c.cameo = "084" if tree.lemma(c.trigger) in RETREAT_LEMMAS else "080"
        else:
            c.cameo = DEFAULT_CAMEO[best]
        c.rule = f"model:{best}<-{c.rule}"

    def _fallback(self, tree: Tree) -> Candidate | None:
        roots = [t.i for t in tree.toks if t.dep == "ROOT" and t.pos in ("VERB", "AUX", "NOUN")]
        if not roots:
            return None
        v = roots[0]
        c = Candidate(v, v, v + 1, "010", "model@root", "model", v)
        subjects = self.finder._subjects(tree, v)
        # an actor-like subject, else any noun subject ("investigators searched", "the training team developed"):
        # the model names the type or calls the sentence NONE, which drops the fallback
        c.sources = ([h for h in subjects if self._actor_like(tree, h)]
                     or [h for h in subjects if tree.tok(h).pos in ("NOUN", "PROPN")])
        c.targets = [h for h in self.finder._targets(tree, v) if self._actor_like(tree, h)]
        if not c.sources:
            return None
        return c

    def _place_like(self, tree: Tree, head: int) -> bool:
        """Is this proper name a country or place in the actor dictionary ("Mali", "Darfur", "Kabul")?"""
        tok = tree.tok(head)
        if tok.pos != "PROPN":
            return False
        names = [tok.text.lower()] + [f"{tree.lower(c)} {tok.text.lower()}" for c in tree.children(head, "compound")]
        return any((e := self.resolver.dict.entries.get(n)) is not None and e.kind in PLACE_KINDS for n in names)

    def _actor_like(self, tree: Tree, head: int) -> bool:
        """Could this phrase be a political actor (named entity, known code or role noun)?"""
        tok = tree.tok(head)
        if tok.ent_type in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        if tok.pos not in ("NOUN", "PROPN"):
            return False
        d = self.resolver.dict
        for key in (tok.text.lower(), tok.lemma.lower()):
            if key in d.sectors or key in d.entries:
                return True
        # multi-word names ending at the head: "United States", "Security Council"
        for c in tree.children(head, "compound"):
            if f"{tree.lower(c)} {tok.text.lower()}" in d.entries:
                return True
            # a name the parse heads by its last word: "King Abdullah II", "Pope Francis I"
            if tok.pos == "PROPN" and (tree.tok(c).ent_type in ("PERSON", "ORG") or tree.lower(c) in d.sectors):
                return True
        return False

    def _events_for(self, tree: Tree, c: Candidate, probs: dict[str, float] | None) -> list[Event]:
        if plover_for(c.cameo) is None and not is_statement(c.cameo):
            return []
        sent = tree.sent
        srcs = [argument_mention(tree, m, c) for h in self._heads(tree, c.sources) for m in self._actors(tree, h)][:4] or [None]
        tgts = [argument_mention(tree, m, c) for h in self._heads(tree, c.targets) for m in self._actors(tree, h)][:4] or [None]
        pairs = [(s, t) for s in srcs for t in tgts if s is None or t is None or s.start != t.start]
        if c.reciprocal and len(srcs) > 1:
            pairs = [(a, b) for a in srcs for b in srcs if a is not b]
        modality, mod_why = modality_for(tree, c.governor)
        att_head = attribution_for(tree, c.governor)
        attribution = (self.resolver.resolve(sent, att_head, context=self._context)
                       if att_head is not None else None)
        info = cameo_info(c.cameo)
        plv = plover_for(c.cameo)  # None for a statement (CAMEO 01): PLOVER has no statement type
        lo, hi = c.trigger_lo, c.trigger_hi
        trig = Trigger(tree.span_text(lo, hi), tree.tok(lo).start, tree.tok(hi - 1).end)
        out = []
        for src, tgt in pairs:
            conf = self._confidence(c, src, tgt, probs, plv.type if plv else None)
            evidence = [f"trigger '{trig.text}' ({c.kind})"]
            if src:
                evidence.append(f"source '{src.text}' <- {src.evidence}")
            if tgt:
                evidence.append(f"target '{tgt.text}' <- {tgt.evidence}")
            if mod_why:
                evidence.append(f"modality {modality}: {mod_why}")
            out.append(Event(
                article_id=sent.article_id, sentence_index=sent.index, sentence=sent.text, source=src, target=tgt,
                cameo=c.cameo, cameo_root=info.root, goldstein=info.goldstein, quad_class=info.quad_class,
                plover_type=plv.type if plv else None, plover_mode=plv.mode if plv else None,
                plover_context=plv.context if plv else (), modality=modality,
                confidence=conf, trigger=trig, rule=c.rule, attribution=attribution, evidence=tuple(evidence),
            ))
        return out

    @staticmethod
    def _heads(tree: Tree, heads: list[int]) -> list[int]:
        """The first actor head and the heads conjoined to it ("Russia and China")."""
        return tree.conjuncts(heads[0])[:4] if heads else []

    def _actors(self, tree: Tree, head: int) -> list[ActorMention]:
        """Actor mentions for one head; compound modifiers may yield several ("Hungarian and Romanian officials").
        Memoised per sentence: several candidates share their actors."""
        key = (id(tree), head)
        if key not in self._actor_memo:
            self._actor_memo[key] = self.resolver.resolve_all(tree.sent, head, context=self._context)
        return self._actor_memo[key]

    def _confidence(self, c: Candidate, src: ActorMention | None, tgt: ActorMention | None,
                    probs: dict[str, float] | None, ptype: str | None) -> float:
        """Calibrated probability that the type is right (with the model), else a rule-based estimate."""
        if ptype is None:  # a statement: sure when its speaker is a known actor
            return 0.8 if src and src.code else 0.6
        if probs and self.model is not None and not (c.embedded_in is not None or c.subordinate):
            return max(0.01, min(0.99, self.model.calibrate(probs.get(norm_label(ptype), 0.0))))
        base = {"verb": 0.7, "light": 0.72, "noun": 0.5, "model": 0.4, "statement": 0.6}[c.kind]
        base += 0.08 if src and src.code else (-0.1 if src is None else 0.0)
        base += 0.05 if tgt and tgt.code else (-0.08 if tgt is None else 0.0)
        if c.embedded_in is not None:
            base -= 0.15
        if probs:
            base = 0.5 * base + 0.5 * probs.get(norm_label(ptype), 0.0) + 0.1
        return max(0.01, min(0.99, base))
