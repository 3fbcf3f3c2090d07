"""Two spaCy components' Python loops done faster, with the same results: the attribute ruler's matching and
the rule lemmatizer's per-token loop. `install(nlp)` fits them to a loaded pipeline where it can.

spaCy's `AttributeRuler` (tag -> coarse POS and morphology, plus a few word exceptions) finds its matches
with a `Matcher` that tries every pattern at every token: for the English pipelines' ~180 patterns that is
~30 µs a token, about a tenth of the whole parse. Its patterns are one or two tokens, each token asking for
exact values of a few attributes (TAG, LOWER, DEP, IS_SPACE, sometimes NOT_IN/IN a list). `FastMatch`
indexes each pattern by one exact value of its first token, so a token costs a few dictionary look-ups,
and returns the same matches in the same order as `AttributeRuler.match` (deduplicated per key and span,
as the `Matcher` does), which the ruler's own `set_annotations` then applies unchanged. A pattern outside
that form (operators, comparisons, ...) makes `install` leave the ruler as it is.

spaCy's rule lemmatizer sets `token.lemma_` token by token (a Token object and a string look-up each); its
lemma is a function of the token's text, coarse POS and morphology (spaCy caches it by exactly that key),
so `_FastLemmas` reads those with one `Doc.to_array` call, keeps each key's lemma, and writes the lemmas back
with one `Doc.from_array` call, asking spaCy's own `lemmatize` only for keys it has not seen.
(tests/nlp/test_fastpipes.py compares the annotations with spaCy's own.)
"""

from __future__ import annotations

import re
from typing import Any

#: token attributes a pattern may test by exact value (read with one `Doc.to_array` call)
_ATTRS = ("TAG", "LOWER", "DEP", "ORTH", "NORM", "POS", "LEMMA", "ENT_TYPE", "SHAPE", "IS_SPACE", "IS_PUNCT",
          "IS_ALPHA", "IS_DIGIT", "IS_STOP", "LIKE_NUM")
_FLAGS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_STOP", "LIKE_NUM"}
#: attributes a pattern may be indexed by (its first token's exact value), most selective first
_INDEX_ORDER = ("LOWER", "ORTH", "NORM", "LEMMA", "TAG", "DEP", "POS", "ENT_TYPE", "SHAPE", "IS_SPACE", "IS_PUNCT",
                "IS_ALPHA", "IS_DIGIT", "IS_STOP", "LIKE_NUM")

#: the most entries a memo (lemmas by key, regex results by word) keeps before it starts again
_MEMO_SIZE = 20_000

#: one token's test: (column, kind, value) with kind "eq" (value: an int), "in"/"not_in" (a frozenset of
#: ints) or "regex" (a compiled pattern searched in the attribute's string)
_Test = tuple[int, str, Any]


class Unsupported(ValueError):
    """A pattern this matcher cannot reproduce exactly."""


def _token_tests(spec: dict[str, Any], strings: Any) -> list[_Test]:
    tests: list[_Test] = []
    for attr, value in spec.items():
        if attr not in _ATTRS:
            raise Unsupported(attr)
        col = _ATTRS.index(attr)
        if attr in _FLAGS:
            if not isinstance(value, bool):
                raise Unsupported(f"{attr}={value!r}")
            tests.append((col, "eq", int(value)))
        elif isinstance(value, str):
            tests.append((col, "eq", strings.add(value)))
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN") \
                and all(isinstance(v, str) for v in next(iter(value.values()))):
            op, values = next(iter(value.items()))
            tests.append((col, op.lower(), frozenset(strings.add(v) for v in values)))
        elif isinstance(value, dict) and list(value) == ["REGEX"] and isinstance(value["REGEX"], str):
            tests.append((col, "regex", re.compile(value["REGEX"])))  # the Matcher's own: re.search
        else:
            raise Unsupported(f"{attr}={value!r}")
    return tests


def _search(pattern: Any, seen: dict[int, bool], got: int, strings: Any) -> bool:
    """Does `pattern` occur in the string `got` names (the result kept per string, bounded)?"""
    hit = seen.get(got)
    if hit is None:
        if len(seen) >= _MEMO_SIZE:
            seen.clear()
        hit = seen[got] = bool(pattern.search(strings[got]))
    return hit


def _passes(row: list[int], tests: list[_Test], strings: Any) -> bool:
    for col, kind, value in tests:
        got = row[col]
        if kind == "eq":
            if got != value:
                return False
        elif kind == "regex":
            if not _search(*value, got, strings):
                return False
        elif (got in value) != (kind == "in"):
            return False
    return True


#: a pattern ready to try at a token: (key number, key hash, the first token's tests not already met by the
#: look-up that found it, the tests of each following token)
_Entry = tuple[int, int, list[_Test], list[list[_Test]]]


class FastMatch:
    """`AttributeRuler.match` for rulers whose patterns are sequences of exact-value token tests."""

    def __init__(self, ruler: Any) -> None:
        self.strings = strings = ruler.vocab.strings
        compiled: list[tuple[int, int, list[list[_Test]]]] = []
        for i in range(len(ruler.attrs)):
            key = str(i)
            if key not in ruler.matcher:
                continue
            for pattern in ruler.matcher.get(key)[1]:
                if not pattern or any(not isinstance(t, dict) for t in pattern):
                    raise Unsupported(repr(pattern))
                # AttributeRuler.match sorts by (int(key), the key's hash, start, end)
                compiled.append((i, strings[key], [_token_tests(t, strings) for t in pattern]))
        used = sorted({col for *_, tokens in compiled for tests in tokens for col, _, _ in tests})
        self.attrs = [_ATTRS[c] for c in used]  # the columns read from each doc, in this order
        where = {c: k for k, c in enumerate(used)}
        #: the columns read that a pattern may be indexed by, most selective first
        index_cols = [where[_ATTRS.index(a)] for a in _INDEX_ORDER if _ATTRS.index(a) in where]
        #: per column read: exact value -> the patterns whose first token asks for it there
        self.by_value: list[dict[int, list[_Entry]]] = [{} for _ in used]
        self.always: list[_Entry] = []
        #: patterns whose first token has no exact value but a regex: (column, regex) -> (column, regex,
        #: its result per value, the patterns)
        self.searched: dict[tuple[int, str], tuple[int, Any, dict[int, bool], list[_Entry]]] = {}
        for i, key_hash, tokens in compiled:
            tokens = [[(where[c], kind, (value, {}) if kind == "regex" else value) for c, kind, value in tests]
                      for tests in tokens]
            first = tokens[0]
            exact = {c for c, kind, _ in first if kind in ("eq", "in")}
            by = next((c for c in index_cols if c in exact), None)
            if by is None:
                regex = next((t for t in first if t[1] == "regex"), None)
                if regex is None:
                    self.always.append((i, key_hash, first, tokens[1:]))
                    continue
                col, _, (pattern, seen) = regex  # tried where the (cached) search says so
                group = self.searched.setdefault((col, pattern.pattern), (col, pattern, seen, []))[3]
                group.append((i, key_hash, [t for t in first if t is not regex], tokens[1:]))
                continue
            kind, value = next((kind, value) for c, kind, value in first if c == by and kind in ("eq", "in"))
            rest = [t for t in first if not (t[0] == by and t[1] == kind)]
            for one in (value,) if kind == "eq" else value:  # "in": under each of its values
                self.by_value[by].setdefault(one, []).append((i, key_hash, rest, tokens[1:]))
        self.indexed = [(k, table) for k, table in enumerate(self.by_value) if table]

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        if not len(doc):
            return []
        rows = doc.to_array(self.attrs).tolist()
        if len(self.attrs) == 1:
            rows = [[r] for r in rows]
        n, strings, always, found = len(rows), self.strings, self.always, set()
        for start, row in enumerate(rows):
            entries = [always] if always else []
            for col, table in self.indexed:
                hit = table.get(row[col])
                if hit:
                    entries.append(hit)
            for col, pattern, seen, group in self.searched.values():
                if _search(pattern, seen, row[col], strings):
                    entries.append(group)
            for group in entries:
                for key, key_hash, first, later in group:
                    end = start + 1 + len(later)
                    if end > n or first and not _passes(row, first, strings):
                        continue
                    if later and not all(_passes(rows[start + 1 + k], t, strings) for k, t in enumerate(later)):
                        continue
                    found.add((key, key_hash, start, end))
        return sorted(found)


class _FastLemmas:
    """Mixed into the pipeline's lemmatizer's class (see `install`): `__call__` without the per-token loop."""

    _flashpoint_memo: dict[tuple[int, int, int], int]

    def __call__(self, doc: Any) -> Any:
        import numpy as np

        if not self._validated or not len(doc):  # type: ignore[attr-defined]
            return super().__call__(doc)  # type: ignore[misc]
        error_handler = self.get_error_handler()  # type: ignore[attr-defined]
        try:
            rows = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"]).tolist()
            memo, add, overwrite = self._flashpoint_memo, self.vocab.strings.add, self.overwrite  # type: ignore[attr-defined]
            lemmas, changed = [], False
            for i, (orth, pos, morph, lemma) in enumerate(rows):
                if overwrite or lemma == 0:
                    key = (orth, pos, morph)
                    lemma = memo.get(key)
                    if lemma is None:
                        if len(memo) >= _MEMO_SIZE:  # bounded: a long run meets ever more rare words
                            memo.clear()
                        lemma = memo[key] = add(self.lemmatize(doc[i])[0])  # type: ignore[attr-defined]
                    changed = True
                lemmas.append(lemma)
            if changed:
                doc.from_array(["LEMMA"], np.array(lemmas, dtype="uint64").reshape(-1, 1))
            return doc
        except Exception as e:  # noqa: BLE001 - spaCy's own error handling, as Lemmatizer.__call__
            error_handler(self.name, self, [doc], e)  # type: ignore[attr-defined]


def install(nlp: Any) -> list[str]:
    """Fit the faster loops to the pipeline's attribute ruler and rule (or lookup) lemmatizer where their
    configuration allows; returns the names of the components changed."""
    changed = []
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        try:
            ruler.match = FastMatch(ruler)
            changed.append("attribute_ruler")
        except Unsupported:
            pass
    if "lemmatizer" in nlp.pipe_names:
        from spacy.pipeline import Lemmatizer

        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(lemmatizer, Lemmatizer) and getattr(lemmatizer, "mode", None) in ("rule", "lookup") \
                and not isinstance(lemmatizer, _FastLemmas):
            cls = type(lemmatizer)
            lemmatizer.__class__ = type(f"Fast{cls.__name__}", (_FastLemmas, cls), {})
            lemmatizer._flashpoint_memo = {}
            changed.append("lemmatizer")
    return changed
