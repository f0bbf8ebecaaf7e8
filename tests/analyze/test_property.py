"""Arbitrary text and bytes never crash ingest or analysis, and offsets always point into the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiretrace.errors import InputError
from wiretrace.ingest import RawArticle, prepare, read_source

_words = st.sampled_from(["Marochko", "said", "that", "“", "”", "‘", "’", "According", "to", ",", ".", "Kiev",
                          "Константиновка", "заявил", "he", "TASS", "reportedly", "\n", "Kimakovski’s", "statement",
                          "highlighted", "«", "»", "-", "сказал", "он", "По", "словам", "claim", "denies", "the"])
_texty = st.one_of(st.text(max_size=300), st.lists(_words, max_size=60).map(" ".join))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_texty, lang=st.sampled_from(["en", "ru", "fr"]))
def test_analysis_of_arbitrary_text_keeps_offsets_valid(analyzer, text, lang):
    art = analyzer.analyze_one(prepare(RawArticle(text=text or "x", source="<hyp>", lang=lang)))
    for c in art.claims:
        assert 0 <= c.start <= c.end <= len(art.text) and art.text[c.start:c.end] == c.text
        if c.speaker:
            assert art.text[c.speaker.start:c.speaker.end] == c.speaker.text
        if c.cue:
            assert art.text[c.cue.start:c.cue.end] == c.cue.text
    for p in art.places:
        assert art.text[p.start:p.end] == p.text


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".csv", ".xml"]))
def test_ingest_of_arbitrary_bytes_yields_articles_or_one_line_errors(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("hyp") / f"input{suffix}"
    path.write_bytes(data)
    for item in read_source(str(path), max_bytes=5_000_000):
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(path) in str(item)
        else:
            prepare(item)
