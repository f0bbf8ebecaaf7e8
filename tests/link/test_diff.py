"""What rewrites changed, on the synthetic family corpus (each case is planted there)."""

from __future__ import annotations

import sqlite3

import pytest


@pytest.fixture(scope="module")
def changes(traced):
    db, ids, _ = traced
    conn = sqlite3.connect(db)
    by_ext = {}
    inverse = {v: k for k, v in ids.items()}
    for aid, kind, member_text, origin_text, detail in conn.execute(
            "SELECT article_id, kind, member_text, origin_text, detail FROM rewrite_changes"):
        by_ext.setdefault(inverse[aid], []).append((kind, member_text, origin_text, detail))
    return by_ext


def kinds(changes, ext, kind):
    return [c for c in changes.get(ext, []) if c[0] == kind]


def test_changed_number_is_paired_with_the_origin_number(changes):
    (c,) = kinds(changes, "s1-frontline", "number")
    assert c[1] == "7 km" and "6.5 km" in c[2]


def test_swapped_actor_is_flagged(changes):
    (c,) = kinds(changes, "s1-frontline", "actor")
    assert "DPR forces" in c[1] and "ВСУ" in c[2]


def test_shifted_date_is_flagged(changes):
    (c,) = kinds(changes, "t2-herald", "date")
    assert c[1].endswith("11-14") and "11-12" in c[2]


def test_fabricated_quotes_are_flagged_with_the_nearest_origin_sentence(changes, gold):
    for ext in ("s2-herald", "t1-pravda-fr"):
        flagged = kinds(changes, ext, "fabricated_quote")
        assert [c[1] for c in flagged] == gold[ext]["fabricated_quotes"]
    (c,) = kinds(changes, "s2-herald", "fabricated_quote")
    assert "Белоусов" in c[2]


def test_translated_real_quotes_are_not_flagged(changes):
    for ext in ("t2-tass-en", "t6-pravda-en", "t6-pravda-fr", "s1-pravda-en", "t4-frontline"):
        assert not kinds(changes, ext, "fabricated_quote"), ext


def test_boilerplate_sentences_count_as_added(changes):
    added = [c[1] for c in kinds(changes, "t2-herald", "added_sentence")]
    assert any(a.startswith("Western capitals") for a in added)
    assert not any("Security Council" in a for a in added)


def test_respelled_names_are_reported_as_spelling_only(changes):
    spelled = kinds(changes, "t5-digest", "transliteration")
    assert any(c[1] == "Viktor Tregubov" and "Trehubov" in c[2] for c in spelled)


def _fabricated(analyse, origin_text, member_text):
    return [text for kind, text in _quote_changes(analyse, origin_text, member_text) if kind == "fabricated_quote"]


ORIGIN = ("ДОНЕЦК, 20 ноября. /ТАСС/. Глава ДНР Денис Пушилин заявил, что бои идут у Покровска. "
          "«Наши подразделения контролируют большую часть Покровска и продвигаются к северу», - сказал он.")


def test_a_translated_quote_repeated_in_the_headline_is_checked_once_and_not_flagged(analyse):
    member = ("Pushilin: \"Our units control most of Pokrovsk and are moving north\"\n\n"
              "Denis Pushilin said fighting continued near Pokrovsk. \"Our units control most of Pokrovsk and are "
              "moving north,\" he said.")
    assert _fabricated(analyse, ORIGIN, member) == []


def test_a_translation_with_more_quotes_than_its_origin_has_the_extra_one_flagged(analyse):
    member = ("Denis Pushilin said fighting continued near Pokrovsk. \"Our units control most of Pokrovsk and are "
              "moving north,\" he said. \"Kiev has already lost this war and everyone knows it,\" he added.")
    assert _fabricated(analyse, ORIGIN, member) == ["Kiev has already lost this war and everyone knows it"]


def test_a_rewrite_that_turns_an_advance_into_a_capture_is_an_event_change(analyse):
    from wiretrace.link.diff import event_changes

    # synthetic: the origin reports an advance towards the town, the rewrite its capture
    origin = analyse("Russian forces advanced towards Kostiantynivka from the south, the Russian Defence Ministry said.")
    rewrite = analyse("Russian forces have taken control of Kostiantynivka, the Russian Defence Ministry said.")
    [change] = event_changes(rewrite, origin)
    assert change.kind == "event" and "origin claims no control of it, only: advance" in change.detail
    assert event_changes(origin, origin) == []


def test_a_translation_that_flips_who_holds_the_town_is_an_event_change(analyse):
    from wiretrace.link.diff import event_changes

    origin = analyse("Российские войска освободили Купянск, сообщили в Минобороны России.", lang="ru")
    faithful = analyse("Russian forces liberated Kupiansk, the Russian Defence Ministry said.")
    flipped = analyse("Ukrainian forces liberated Kupiansk, the Russian Defence Ministry said.")
    assert event_changes(faithful, origin) == []
    [change] = event_changes(flipped, origin)
    assert change.detail == "ukraine holds Kupiansk where the origin says russia does"


def _quote_changes(analyse, origin_text, member_text, origin_lang="ru", member_lang="en"):
    """The quote changes (kind, quoted words) of a member against its origin, both published the same day."""
    from wiretrace.link.diff import diff

    origin = analyse(origin_text, origin_lang, published="2025-11-24")
    member = analyse(member_text, member_lang, published="2025-11-24")
    return [(c.kind, c.member_text) for c in diff(member, origin).changes if c.kind.endswith("_quote")]


# synthetic: one long quote in the origin, which a translation renders as two
LONG_QUOTE = ("ДОНЕЦК, 24 ноября. /ТАСС/. Глава ДНР Денис Пушилин рассказал о ситуации в Константиновке. "
              "«Наши подразделения расширили зону контроля на константиновском направлении и улучшили позиции "
              "на южной окраине. Противник в центре Константиновки бросает технику и раненых при отступлении», "
              "- сказал Пушилин.")


def test_a_translation_that_splits_one_origin_quote_in_two_is_not_flagged(analyse):
    member = ("Denis Pushilin said his units \"have widened the zone of control towards Kostiantynivka and improved "
              "their positions on its southern edge\".\n\nHe added that \"the enemy is abandoning equipment and "
              "wounded men in the centre of Kostiantynivka as it retreats\".")
    assert _quote_changes(analyse, LONG_QUOTE, member) == []


def test_a_quote_by_someone_the_origin_never_names_is_another_statement_not_a_fabrication(analyse):
    member = ("Denis Pushilin said his units \"have widened the zone of control towards Kostiantynivka and improved "
              "their positions on its southern edge\".\n\nEarlier, military expert Vasily Dandykin said: \"The "
              "enemy has built very strong fortified areas there and means to sit in them to the end.\"")
    [(kind, text)] = _quote_changes(analyse, LONG_QUOTE, member)
    assert kind == "outside_quote" and text.startswith("The enemy has built")


def test_a_quote_reworded_in_the_origins_own_language_is_flagged_and_a_trimmed_one_is_not(analyse):
    trimmed = ("Пушилин заявил: «Противник в центре Константиновки бросает технику и раненых при отступлении».")
    reworded = ("Пушилин заявил: «При отступлении из центра Константиновки противник бросает раненых и свою "
                "технику».")
    assert _quote_changes(analyse, LONG_QUOTE, trimmed, member_lang="ru") == []
    [(kind, _)] = _quote_changes(analyse, LONG_QUOTE, reworded, member_lang="ru")
    assert kind == "fabricated_quote"


# synthetic: a minister's quote with a loaded term, and two translations of it
REGIME_QUOTE = ("МОСКВА, 17 декабря. /ТАСС/. Министр обороны Андрей Белоусов выступил на коллегии. «Бои идут за "
                "Константиновку. Она является ключом к последнему оплоту киевского режима в Донбассе, Краматорску "
                "и Славянску», - сказал министр.")


def test_a_translated_quote_that_drops_the_speakers_loaded_term_is_altered(analyse):
    faithful = ("Andrei Belousov said: \"Kostiantynivka is the key to the Kiev regime's last stronghold in Donbas, "
                "Kramatorsk and Sloviansk.\"")
    softened = ("The Key to Ukraine's Last Stronghold\n\nAndrei Belousov said: \"Kostiantynivka is the key to "
                "Ukraine's last stronghold in Donbas, Kramatorsk and Sloviansk.\"")
    assert _quote_changes(analyse, REGIME_QUOTE, faithful) == []
    # the headline's shorter form of the quote is the same quote, checked once
    [(kind, text)] = _quote_changes(analyse, REGIME_QUOTE, softened)
    assert kind == "fabricated_quote" and text.startswith("Kostiantynivka is the key to Ukraine")
