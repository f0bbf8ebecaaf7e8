from wiretrace.ingest.language import detect_language


def test_detect_language_tells_english_russian_ukrainian_and_french_apart():
    assert detect_language("Ukrainian forces withdrew from positions near the town, the adviser said.") == "en"
    assert detect_language("Украинские войска отступили с позиций, заявил советник главы региона.") == "ru"
    assert detect_language("Українські війська відійшли з позицій біля міста, повідомив речник.") == "uk"
    assert detect_language("Les forces ukrainiennes se sont retirées de leurs positions, a déclaré le conseiller.") == "fr"


def test_detect_language_is_und_for_too_little_text():
    assert detect_language("ok") == "und"
