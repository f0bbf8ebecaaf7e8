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


def test_name_keys_read_caseless_scripts_and_katakana():
    # synthetic sentences written for this test: a Japanese and a Korean line naming the same expert and town
    ja = "軍事専門家のマロチコ氏は、コンスタンチノフカの東部で戦闘が続いていると述べた。"
    ko = "군사 전문가 마로츠코는 콘스탄티노프카 동쪽에서 전투가 계속되고 있다고 말했다."
    en = "Military expert Andrei Marochko said fighting continued in eastern Konstantinovka."
    shared = set(T.name_keys(ja)) & set(T.name_keys(ko)) & set(T.name_keys(en))
    assert {T.skeleton("Marochko"), T.skeleton("Konstantinovka")} <= shared


def test_digits_of_every_script_become_ascii():
    assert T.ascii_digits("٦٫٥ كم و ৬.৫ km") == "6.5 كم و 6.5 km"
