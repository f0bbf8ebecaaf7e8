from wiretrace.link import text as T


def test_sentences_end_after_a_closing_quote_only_when_the_quote_ends_a_sentence():
    t = '"The situation is difficult but under control," Tregubov said. He added more.\n\n«Да.» Он ушёл.'
    assert [t[s:e] for s, e in T.sentences(t)] == [
        '"The situation is difficult but under control," Tregubov said.', "He added more.", "«Да.»", "Он ушёл."]


def test_stems_meet_across_scripts():
    assert T.stem("Купянск") == T.stem("Kupyansk") == "kupya"
    assert T.stem("Живов") == T.stem("Zhivov")
    assert T.stem("the") == "" and T.stem("которые") == ""


def test_mixed_script_words():
    assert T.mixed_script_words("Konstantinovkе fell; Kiev and Киев are fine") == ["Konstantinovkе"]


def test_paragraph_key_ignores_case_and_punctuation():
    assert T.paragraph_key("Western capitals, again!") == T.paragraph_key("western capitals again")
