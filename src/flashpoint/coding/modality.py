"""Modality (how real an event is) and attribution (who says so) from the dependency tree.

asserted | threatened | planned | hypothetical | negated | reported.
A threatened or planned event is never reported as one that happened.
"""

from __future__ import annotations

from flashpoint.coding.syntax import Tree

THREAT_GOVERNORS = {"threaten", "warn", "vow", "menace"}
PLAN_GOVERNORS = {"plan", "intend", "prepare", "aim", "want", "seek", "decide", "agree", "promise", "pledge",
                  "expect", "schedule", "set", "propose", "offer", "hope", "announce", "resolve", "commit",
                  "try", "attempt", "move", "vote", "consider", "mull", "weigh", "go",
                  # adjectives: "is ready to send", "is willing to withdraw", "is due to visit"
                  "ready", "willing", "poised", "eager", "keen", "due", "determined", "prepared"}
HYPO_GOVERNORS = {"consider", "mull", "weigh", "could", "may", "might", "likely", "unlikely", "able"}
NEG_GOVERNORS = {"refuse", "decline", "fail", "reject", "deny"}
REPORT_GOVERNORS = {"allege", "claim", "report", "rumor", "rumour", "suggest", "appear", "seem", "say"}
PLAN_AUX = {"will", "shall", "'ll", "wo"}
HYPO_AUX = {"may", "might", "could", "would", "should", "can", "ca", "must"}
REPORT_ADVS = {"allegedly", "reportedly", "purportedly", "apparently", "supposedly", "possibly"}
SPEECH_VERBS = {"say", "tell", "announce", "state", "declare", "claim", "report", "add", "note", "insist",
                "assert", "confirm", "write", "explain", "argue", "warn", "allege", "suggest", "show",
                "acknowledge", "indicate", "reveal", "disclose", "quote", "tweet", "post", "testify"}
REPORT_NOUNS = {"report", "reports", "source", "sources", "media", "witness", "witnesses", "rumor", "rumors",
                "reporting", "claims", "account", "accounts"}


def _own_modality(tree: Tree, v: int) -> tuple[str | None, str]:
    kids, lows = tree.kids[v], tree.lowers
    for c in kids:
        t = tree.tok(c)
        low = lows[c]
        if t.dep == "neg" or low in ("never",) and t.dep == "advmod":
            return "negated", f"negation '{t.text}'"
        if low in REPORT_ADVS:
            return "reported", f"hedge '{t.text}'"
    for c in kids:
        t = tree.tok(c)
        low = lows[c]
        if t.dep in ("aux", "auxpass") and low in PLAN_AUX:
            return "planned", f"auxiliary '{t.text}'"
        if t.dep in ("aux",) and low in HYPO_AUX:
            return "hypothetical", f"modal '{t.text}'"
        if t.dep in ("mark",) and low in ("if", "unless", "whether"):
            return "hypothetical", f"conditional '{t.text}'"
    # "is set to", "is going to", "is to": aux chains handled via governors
    return None, ""


#: subordinators of a condition: "if they attack", "unless Washington lifts", "until the demands are met"
CONDITION_MARKS = {"if", "unless", "until", "till"}


def _conditional(tree: Tree, v: int) -> bool:
    """Is v the verb of a condition clause?"""
    return tree.tok(v).dep == "advcl" and any(tree.lower(m) in CONDITION_MARKS for m in tree.children(v, "mark"))


def modality_for(tree: Tree, v: int) -> tuple[str, str]:
    """Modality of the event whose trigger is token v, and the evidence for it."""
    mod, why = _own_modality(tree, v)
    if mod in ("negated", "reported"):
        return mod, why
    t = tree.tok(v)
    if t.dep in ("nsubj", "nsubjpass", "dobj") and _conditional(tree, t.head):
        return "hypothetical", "in a conditional clause"  # "until their DEMANDS are met"
    cur = v
    depth = 0
    while depth < 4:
        t = tree.tok(cur)
        if t.head == cur:
            break
        gov = t.head
        glemma = tree.lemma(gov)
        if t.dep in ("xcomp", "ccomp", "acl", "advcl") or (t.dep == "pobj" and tree.tok(gov).dep == "prep"):
            if _conditional(tree, cur):
                return "hypothetical", "conditional clause"
            if t.dep in ("xcomp", "ccomp", "acl"):
                if glemma in THREAT_GOVERNORS:
                    return "threatened", f"governed by '{tree.tok(gov).text}'"
                if glemma in NEG_GOVERNORS:
                    return "negated", f"governed by '{tree.tok(gov).text}'"
                if glemma in HYPO_GOVERNORS:
                    return "hypothetical", f"governed by '{tree.tok(gov).text}'"
                if glemma in PLAN_GOVERNORS and t.dep == "xcomp":
                    return "planned", f"governed by '{tree.tok(gov).text}'"
                if glemma in REPORT_GOVERNORS and glemma != "say" and tree.tok(gov).pos == "VERB":
                    subj = tree.children(gov, "nsubj")
                    if glemma in ("suggest", "appear", "seem") or (subj and tree.lower(subj[0]) in REPORT_NOUNS):
                        return "reported", f"reported via '{tree.tok(gov).text}'"
                gmod, gwhy = _own_modality(tree, gov)
                if gmod == "negated" and t.dep == "xcomp":
                    return "negated", gwhy
            if t.dep == "ccomp" and glemma in SPEECH_VERBS:
                subj = tree.children(gov, "nsubj")
                if subj and tree.lower(subj[0]) in REPORT_NOUNS:
                    return "reported", f"reported via '{tree.tok(subj[0]).text} {tree.tok(gov).text}'"
                break
        elif t.dep not in ("conj",):
            break
        cur = gov
        depth += 1
    if mod:
        return mod, why
    for i in _according_to(tree):
        tail = " ".join(tree.lowers[i + 2:i + 6])
        if any(w in tail.split() for w in REPORT_NOUNS):
            return "reported", "'according to' reports"
    return "asserted", ""


def _according_to(tree: Tree) -> list[int]:
    """Where "according to" starts in the sentence (usually nowhere: one list search first)."""
    lows = tree.lowers
    if "according" not in lows:
        return []
    return [i for i, low in enumerate(lows) if low == "according" and i + 1 < len(lows) and lows[i + 1] == "to"]


def attribution_for(tree: Tree, v: int) -> int | None:
    """Token index of the speaker a claim is attributed to, if any ('..., officials said')."""
    cur = v
    for _ in range(4):
        t = tree.tok(cur)
        if t.head == cur:
            break
        gov = t.head
        if t.dep in ("ccomp", "parataxis") or (t.dep == "advcl" and tree.lemma(gov) in SPEECH_VERBS):
            if tree.lemma(gov) in SPEECH_VERBS:
                subj = tree.children(gov, "nsubj")
                if subj:
                    return subj[0]
            break
        if t.dep not in ("conj", "xcomp", "aux"):
            break
        cur = gov
    # a speech verb in parataxis below the trigger: "X attacked Y, officials said"
    for c in tree.kids[cur]:
        if tree.tok(c).dep in ("parataxis", "ccomp") and tree.lemma(c) in SPEECH_VERBS and c > v:
            subj = tree.children(c, "nsubj")
            if subj:
                return subj[0]
    for i in _according_to(tree):
        obj = tree.pobj(i + 1)
        if obj is not None:
            return obj
    return None
