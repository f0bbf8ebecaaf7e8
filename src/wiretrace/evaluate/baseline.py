"""The naive rule the issue names as the floor: any sentence with a speech verb, speaker = its subject."""

from __future__ import annotations

from ..analyze.lang.en.lexicon import SPEECH_VERBS


def naive_attributions(doc) -> list[dict]:
    """Per sentence with a speech verb that has a subject: content = the sentence, source = the subject's subtree."""
    out = []
    for sent in doc.sents:
        for tok in sent:
            if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB":
                subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                if not subj:
                    continue
                sub = list(subj[0].subtree)
                out.append({
                    "content": [(sent.start_char, sent.end_char)],
                    "source": [(sub[0].idx, sub[-1].idx + len(sub[-1].text))],
                })
                break
    return out
