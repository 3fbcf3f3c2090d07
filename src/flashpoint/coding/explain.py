"""`flashpoint explain`: the parse, the actors, every rule tried on a sentence and why it fired or not."""

from __future__ import annotations

from flashpoint.coding.coder import Coder, candidate_hint, model_text
from flashpoint.coding.lexicon import VerbEntry
from flashpoint.coding.rules import LIGHT_VERBS
from flashpoint.coding.syntax import Tree
from flashpoint.nlp.parser import Parser
from flashpoint.settings import Settings


def _verb_trials(coder: Coder, tree: Tree, v: int) -> list[str]:
    out = []
    entries: tuple[VerbEntry, ...] = coder.lex.verbs.get(tree.lemma(v), ())
    words = coder.finder._attached_words(tree, v)
    fired = coder.finder.match_verb(tree, v)
    for e in entries:
        missing = [p for p in e.particles if p not in words]
        if e is fired:
            verdict = "FIRED"
        elif missing:
            verdict = f"no: needs {' '.join(missing)!r} attached"
        elif e.objects:
            verdict = f"no: object not in {sorted(e.objects)[:6]}"
        else:
            verdict = "no: a more specific entry fired"
        out.append(f"    {e.rule} -> CAMEO {e.cameo}: {verdict}")
    if tree.lemma(v) in LIGHT_VERBS:
        ln = coder.finder._light_noun(tree, v)
        out.append(f"    light verb '{tree.tok(v).text}': " + (f"object noun trigger '{tree.tok(ln[0]).text}' "
                                                             f"({ln[2]}, CAMEO {ln[1]})" if ln else "no noun trigger as object"))
    return out


def explain(sentence: str, settings: Settings) -> str:
    parser = Parser(settings)
    coder = Coder(settings)
    lines: list[str] = []
    for sent in parser.parse_text(sentence):
        tree = Tree(sent)
        lines.append(f"sentence {sent.index}: {sent.text}")
        lines.append("  parse (i text lemma pos dep head ent):")
        for t in sent.tokens:
            lines.append(f"    {t.i:>3} {t.text:<16} {t.lemma:<14} {t.pos:<6} {t.dep:<10} {t.head:>3} {t.ent_type}")
        lines.append("  actor phrases (nominal heads):")
        for t in sent.tokens:
            if t.pos in ("PROPN", "NOUN", "PRON") and t.dep not in ("compound", "poss", "amod"):
                m = coder.resolver.resolve(sent, t.i)
                if m.code or t.ent_type or t.pos == "PRON":
                    lines.append(f"    '{m.text}' -> code={m.code} country={m.country} sector={m.sector}  [{m.evidence}]")
        lines.append("  rules tried:")
        for t in sent.tokens:
            trials = _verb_trials(coder, tree, t.i) if t.pos in ("VERB", "AUX") else []
            if t.pos == "NOUN" and coder.finder._noun_entry(tree, t.i):
                code, rule = coder.finder._noun_entry(tree, t.i)  # type: ignore[misc]
                trials.append(f"    {rule} -> CAMEO {code}: noun trigger")
            if trials:
                lines.append(f"  - '{t.text}' ({t.lemma}):")
                lines.extend(trials)
        cands = coder.candidates(tree)
        lines.append(f"  candidates after refinement: {len(cands)}")
        for c in cands:
            lines.append(f"    trigger '{tree.span_text(c.trigger_lo, c.trigger_hi)}' CAMEO {c.cameo} rule {c.rule}"
                         f" sources={[tree.tok(i).text for i in c.sources]} targets={[tree.tok(i).text for i in c.targets]}"
                         + (f" (complement of '{tree.tok(c.embedded_in).text}')" if c.embedded_in is not None else ""))
            if coder.model is not None:
                probs = coder.model.predict_proba([model_text(tree)], [candidate_hint(tree, c)])[0]
                top = sorted(probs.items(), key=lambda kv: -kv[1])[:3]
                lines.append("      type model: " + ", ".join(f"{k} {v:.2f}" for k, v in top)
                             + f"   features: {candidate_hint(tree, c)}")
        lines.append("  events:")
        for e in coder(sent):
            lines.append(f"    {e.source.text if e.source else '-'} [{e.source.code if e.source else ''}] "
                         f"--{e.plover_type}/{e.cameo} {e.modality}--> {e.target.text if e.target else '-'} "
                         f"[{e.target.code if e.target else ''}]  conf={e.confidence:.2f} rule={e.rule}")
            for ev in e.evidence:
                lines.append(f"        {ev}")
        lines.append("")
    return "\n".join(lines)
