"""Lists of other stories' headlines inside an article (synthetic texts written for these tests)."""

import pytest

from wiretrace.analyze.related import blanked, related_lists

ARTICLE = (
    "Igor Kimakovsky said on Tuesday that Russian assault groups had entered the eastern outskirts of "
    "Konstantinovka.\n"
    "Read also\n"
    "- Zelensky said the army would hold Pokrovsk\n"
    "- Storm warning issued for the Black Sea coast. Ferries stay in port\n"
    "The adviser added that the fighting in the town was intense, according to TASS.\n"
)


def test_a_bulleted_list_after_its_marker_is_one_span():
    (span,) = related_lists(ARTICLE)
    listed = ARTICLE[span[0]:span[1]]
    assert listed.startswith("Read also") and listed.endswith("Ferries stay in port")
    masked = blanked(ARTICLE, [span])
    assert len(masked) == len(ARTICLE) and "Zelensky" not in masked and masked.count("\n") == ARTICLE.count("\n")


@pytest.mark.parametrize("text, listed", [
    ("Первый абзац статьи.\nЧитайте также: Пушилин рассказал о боях под Константиновкой\nДалее текст статьи.",
     "Читайте также: Пушилин рассказал о боях под Константиновкой"),
    ("Premier paragraphe.\nÀ lire aussi :\nLe Kremlin répond à Kiev\nLa suite de l'article commence ici.",
     "À lire aussi :\nLe Kremlin répond à Kiev"),
])
def test_markers_in_other_languages(text, listed):
    (span,) = related_lists(text)
    assert text[span[0]:span[1]] == listed


def test_a_sentence_that_opens_with_a_marker_is_prose():
    assert related_lists("Read more about the offensive in our report on the southern front, published yesterday.\n") == []


def test_analysis_leaves_the_listed_headlines_out(analyse):
    art = analyse(ARTICLE)
    speakers = {c.speaker.kb_id for c in art.claims if c.speaker}
    assert "person:kimakovsky" in speakers and "person:zelensky" not in speakers
    start = ARTICLE.index("Read also")
    assert all(not (start <= p.start < ARTICLE.index("The adviser")) for p in art.places)
    assert any(p.text.startswith("Konstantinovka") for p in art.places)
    assert art.text == ARTICLE.rstrip("\n")  # the stored text keeps the list
