"""Scoring against gold spans counted in the raw text, while analysis offsets count in the text as stored."""

from wiretrace.evaluate import to_raw_offsets
from wiretrace.ingest.prepare import clean_text


def test_stored_offsets_map_back_to_the_raw_text():
    raw = "\n\nFirst line with trailing spaces   \nPeskov\u200b said the talks were over.  \n"
    stored = clean_text(raw)
    assert stored != raw
    to_raw = to_raw_offsets(raw, stored)
    start = stored.index("said the talks")
    end = start + len("said the talks")
    assert raw[to_raw(start):to_raw(end)] == "said the talks"
    assert to_raw_offsets("same", "same")(3) == 3
