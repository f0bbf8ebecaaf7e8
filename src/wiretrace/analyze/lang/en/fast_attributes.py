"""A dictionary-indexed stand-in for spaCy's attribute_ruler that gives the same annotations, faster.

The small English model's attribute_ruler maps tagger tags to coarse POS and
morphology with 179 token patterns run through spaCy's general Matcher; on news
text it costs about a quarter of the whole pipeline.  Every one of those patterns
is one or two tokens long, so here each is indexed by its first token's TAG or
LOWER value and only the few that can match a token are tested.  Semantics follow
spaCy's AttributeRuler exactly: patterns are matched against the tokens as the
tagger and parser left them, then applied in the order they were added, later ones
winning.  `tests/analyze/test_fast_attributes.py` checks that POS, TAG, DEP, MORPH
and lemmas are identical to the stock component's on real and synthetic text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")


@dataclass(slots=True)
class _Rule:
    order: int
    length: int
    checks: tuple  # (token offset, attribute position, operator, value), compiled once
    attrs: dict
    index: int


_EQ, _IN, _NOT_IN, _REGEX = range(4)


def _compile(pattern: list[dict]) -> tuple:
    checks = []
    for offset, tok in enumerate(pattern):
        for key, constraint in tok.items():
            pos = _ATTRS.index(key)
            if isinstance(constraint, dict):
                if "IN" in constraint:
                    checks.append((offset, pos, _IN, frozenset(constraint["IN"])))
                elif "NOT_IN" in constraint:
                    checks.append((offset, pos, _NOT_IN, frozenset(constraint["NOT_IN"])))
                elif "REGEX" in constraint:
                    checks.append((offset, pos, _REGEX, re.compile(constraint["REGEX"])))
                else:
                    raise ValueError(f"unsupported token pattern operator {constraint}")
            else:
                checks.append((offset, pos, _EQ, constraint))
    return tuple(checks)


def _matches(rule: _Rule, rows: list[tuple], i: int) -> bool:
    for offset, pos, op, value in rule.checks:
        got = rows[i + offset][pos]
        if op == _EQ:
            if got != value:
                return False
        elif op == _IN:
            if got not in value:
                return False
        elif op == _NOT_IN:
            if got in value:
                return False
        elif value.search(got) is None:
            return False
    return True


class FastAttributeRuler:
    """Built from a loaded pipeline's attribute_ruler; call on a Doc after the tagger and parser."""

    def __init__(self, nlp: Language, ruler_name: str = "attribute_ruler"):
        ruler = nlp.get_pipe(ruler_name)
        by_tag: dict[str, list[_Rule]] = defaultdict(list)
        by_lower: dict[str, list[_Rule]] = defaultdict(list)
        generic: list[_Rule] = []
        order = 0
        for entry in ruler.patterns:
            attrs = normalize_token_attrs(nlp.vocab, entry["attrs"])
            for pattern in entry["patterns"]:
                if any(set(tok) - set(_ATTRS) for tok in pattern):
                    raise ValueError(f"unsupported attribute_ruler pattern {pattern}")
                rule = _Rule(order, len(pattern), _compile(pattern), attrs, entry.get("index", 0))
                order += 1
                first = pattern[0]
                tag, lower = first.get("TAG"), first.get("LOWER")
                if isinstance(tag, str):
                    by_tag[tag].append(rule)
                elif isinstance(tag, dict) and "IN" in tag:
                    for t in tag["IN"]:
                        by_tag[t].append(rule)
                elif isinstance(lower, str):
                    by_lower[lower].append(rule)
                elif isinstance(lower, dict) and "IN" in lower:
                    for w in lower["IN"]:
                        by_lower[w].append(rule)
                else:
                    generic.append(rule)
        self.by_tag, self.by_lower, self.generic = dict(by_tag), dict(by_lower), generic

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        rows = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in doc]
        hits: list[tuple[int, int, dict]] = []
        by_tag, by_lower, generic = self.by_tag, self.by_lower, self.generic
        empty: list[_Rule] = []
        for i in range(n):
            row = rows[i]
            for group in (by_tag.get(row[0], empty), by_lower.get(row[1], empty), generic):
                for rule in group:
                    if i + rule.length <= n and _matches(rule, rows, i):
                        target = i + rule.index if rule.index >= 0 else i + rule.length + rule.index
                        hits.append((rule.order, target, rule.attrs))
        hits.sort(key=lambda h: (h[0], h[1]))
        last = None
        for order, target, attrs in hits:
            if (order, target) == last:
                continue  # a rule indexed under two keys of one token matches once, as in spaCy
            last = (order, target)
            set_token_attrs(doc[target], attrs)
        return doc


def use_fast_attributes(nlp: Language) -> bool:
    """Swap the pipeline's attribute_ruler for the indexed equivalent; False when it has none or cannot."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        fast = FastAttributeRuler(nlp)
    except ValueError:
        return False  # a pattern this class does not cover: keep spaCy's own component
    names = nlp.pipe_names
    index = names.index("attribute_ruler")
    after = names[index + 1] if index + 1 < len(names) else None
    nlp.remove_pipe("attribute_ruler")
    if after:
        nlp.add_pipe("wiretrace_fast_attributes", name="wiretrace_attributes", before=after)
    else:
        nlp.add_pipe("wiretrace_fast_attributes", name="wiretrace_attributes", last=True)
    nlp.get_pipe("wiretrace_attributes").rules = fast
    return True


class _FastPipe:
    def __init__(self, fast: FastAttributeRuler | None = None):
        self.rules = fast

    def __call__(self, doc: Doc) -> Doc:
        return self.rules(doc)


@Language.factory("wiretrace_fast_attributes")
def _make_fast_pipe(nlp: Language, name: str) -> _FastPipe:
    return _FastPipe()
