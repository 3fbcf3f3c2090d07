"""Per-stage CPU seconds of `Pipeline.process`: where end-to-end coding spends its time beyond the parse.

Each stage's functions are wrapped (on the pipeline's own objects, or the module names they are called by)
with a timer that counts CPU time (time.process_time) exclusively: a stage's time excludes the stages
called inside it (the actor resolver inside event assembly, the Doc conversion inside the parse). The
wrappers cost ~1 µs a call, so this run is separate from the timed ratio run. Everything is restored after.
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import flashpoint.coding.coder as coder_mod
import flashpoint.enrich as enrich_mod
import flashpoint.nlp.parser as parser_mod
from flashpoint.models import Article
from flashpoint.pipeline import Pipeline

#: stage name -> what it covers (printed order)
STAGES = {
    "clean": "Cleaner (HTML, whitespace, language)",
    "parse": "spaCy nlp.pipe (all components)",
    "records": "spaCy Doc -> ParsedSentence records",
    "coding_rules": "Coder.candidates: lexicon rules, complements, refinement",
    "actors": "ActorResolver: resolve, resolve_all, observe (coreference)",
    "typemodel_features": "clause_text + candidate_hint (model input strings)",
    "typemodel_predict": "TypeModel.predict_proba + calibrate (sklearn)",
    "events": "Coder: Tree, event assembly, argument spans, modality (the rest of coding)",
    "dates": "DateResolver.resolve + parse_published",
    "geo": "Locator: mentions, context, locate",
    "tone": "VADER tone per sentence",
    "enrich_records": "Enricher: the rest (event copies with the new fields)",
    "pipeline": "Pipeline: chunking, results, error handling (the rest)",
}


class StageTimer:
    def __init__(self) -> None:
        self.excl: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._stack: list[float] = []  # CPU seconds spent in nested stages, per open frame

    def _enter(self) -> float:
        self._stack.append(0.0)
        return time.process_time()

    def _exit(self, stage: str, t0: float) -> None:
        dt = time.process_time() - t0
        nested = self._stack.pop()
        self.excl[stage] += dt - nested
        self.calls[stage] += 1
        if self._stack:
            self._stack[-1] += dt

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = self._enter()
            try:
                return fn(*args, **kwargs)
            finally:
                self._exit(stage, t0)
        return timed

    def wrap_gen(self, stage: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        """A generator function whose every step is timed as `stage`."""
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = iter(fn(*args, **kwargs))
            while True:
                t0 = self._enter()
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    self._exit(stage, t0)
                yield item
        return timed


@contextlib.contextmanager
def _patched(targets: list[tuple[Any, str, Callable[[Any], Any]]]) -> Iterator[None]:
    saved = []
    try:
        for obj, name, make in targets:
            had = name in vars(obj) if hasattr(obj, "__dict__") else False
            old = getattr(obj, name)
            saved.append((obj, name, had, old))
            setattr(obj, name, make(old))
        yield
    finally:
        for obj, name, had, old in reversed(saved):
            if had:
                setattr(obj, name, old)
            else:
                delattr(obj, name)


def stage_seconds(pipe: Pipeline, arts: list[Article]) -> dict[str, Any]:
    """Run `pipe.process(arts)` once with stage timers; CPU seconds per stage (exclusive) and their total."""
    st = StageTimer()
    w, g = st.wrap, st.wrap_gen
    c, e = pipe.coder, pipe.enricher
    targets: list[tuple[Any, str, Callable[[Any], Any]]] = [
        (pipe, "process", lambda f: g("pipeline", f)),
        (pipe, "_clean", lambda f: w("clean", f)),
        (pipe.parser, "pipe", lambda f: g("parse", f)),
        (parser_mod, "doc_to_sentences", lambda f: w("records", f)),
        (c, "code_articles", lambda f: w("events", f)),
        (c, "candidates", lambda f: w("coding_rules", f)),
        (coder_mod, "clause_text", lambda f: w("typemodel_features", f)),
        (coder_mod, "candidate_hint", lambda f: w("typemodel_features", f)),
        (pipe, "_enrich", lambda f: w("enrich_records", f)),
        (enrich_mod, "parse_published", lambda f: w("dates", f)),
        (e.dates, "resolve", lambda f: w("dates", f)),
        (e.locator, "mentions", lambda f: w("geo", f)),
        (e.locator, "context", lambda f: w("geo", f)),
        (e.locator, "locate", lambda f: w("geo", f)),
        (e, "tone", lambda f: w("tone", f)),
    ]
    targets += [(c.resolver, n, lambda f: w("actors", f)) for n in ("resolve", "resolve_all", "observe", "new_context")]
    if c.model is not None:
        targets += [(c.model, n, lambda f: w("typemodel_predict", f)) for n in ("predict_proba", "calibrate")]
    with _patched(targets):
        t0 = time.process_time()
        list(pipe.process(arts))
        total = time.process_time() - t0
    out: dict[str, Any] = {k: round(st.excl.get(k, 0.0), 3) for k in STAGES}
    out["total"] = round(total, 3)
    return out


def render(stages: dict[str, Any], bare_cpu_s: float | None = None) -> str:
    """A plain-text table: stage, CPU s, share of the total."""
    total = stages["total"]
    lines = [f"{'stage':<20} {'CPU s':>7} {'share':>6}  what"]
    for k, what in STAGES.items():
        lines.append(f"{k:<20} {stages[k]:>7.3f} {100 * stages[k] / total:>5.1f}%  {what}")
    lines.append(f"{'total':<20} {total:>7.3f} 100.0%  (one instrumented run; timers add ~1 us a call)")
    if bare_cpu_s:
        beyond = total - stages["parse"]
        lines.append(f"beyond the spaCy parse: {beyond:.3f} CPU s; bare nlp.pipe took {bare_cpu_s:.3f} CPU s")
    return "\n".join(lines)
