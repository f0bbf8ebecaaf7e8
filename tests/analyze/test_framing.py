"""Framing: side-coded terms of the lexicon, their voice, the article's framing summary, and the framing drift of a
rewrite against its origin.  Synthetic texts (written for these tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wiretrace.analyze.framing import lexicon

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold" / "framing.jsonl"


def test_the_lexicon_covers_five_languages_and_never_matches_its_own_counterparts():
    lex = lexicon()
    assert {"en", "ru", "uk", "fr", "de"} <= set(lex)
    for lang, terms in lex.items():
        assert {t.side for t in terms} == {"russia", "ukraine"}, lang  # both sides' words in every language
        for term in terms:
            # what the other side calls it is never read as this side's word
            assert not any(other.pattern.search(term.counterpart) for other in terms if other.side == term.side), term.id


def test_voice_follows_the_claims_and_the_longest_term_wins(analyse):
    art = analyse("The so-called DPR said it had repelled an attack. \"The Kiev regime lies,\" Denis Pushilin said. "
                  "Officials in Kyiv said the occupiers shelled Kherson overnight. The special military operation "
                  "has gone on for years.")
    found = {(t.text, t.concept, t.side, t.voice) for t in art.terms}
    assert ("so-called DPR", "territory", "ukraine", "own_voice") in found
    assert not any(t.text == "DPR" for t in art.terms)  # inside the longer "so-called DPR"
    assert ("Kiev regime", "regime", "russia", "quote") in found
    assert ("occupiers", "fighters", "ukraine", "attributed") in found
    assert ("special military operation", "war_name", "russia", "own_voice") in found
    quoted = next(t for t in art.terms if t.voice == "quote")
    assert quoted.speaker == "Denis Pushilin" and quoted.counterpart


def test_russian_inflected_forms_and_the_preposition(analyse):
    art = analyse("Ситуация на Украине остается сложной. Киевского режима боятся жители, сообщил Пушилин. "
                  "В Украине объявлена тревога.", lang="ru")
    found = {(t.text, t.concept, t.side) for t in art.terms}
    assert ("на Украине", "preposition", "russia") in found and ("В Украине", "preposition", "ukraine") in found
    assert ("Киевского режима", "regime", "russia") in found


def test_the_article_contract_carries_terms_and_a_framing_summary(analyse):
    art = analyse("The Kiev regime keeps shelling Gorlovka. Denis Pushilin said two civilians were wounded. "
                  "Ukrainian officials said Russian forces attacked Kostiantynivka.")
    data = art.to_dict()
    assert data["terms"][0]["term"] == "en-regime-russia" and data["terms"][0]["voice"] == "own_voice"
    framing = data["framing"]
    assert framing["sources_by_side"].get("russia") and framing["sources_by_side"].get("ukraine")
    assert framing["own_voice_terms_by_side"] == {"russia": 1}
    assert 0 < framing["own_voice_share"] < 1
    assert framing["toponym_variants"]  # Gorlovka (ru) and Kostiantynivka (uk) are recorded per place


def test_terms_are_stored_and_read_back(db, analyse, kb):
    from wiretrace.store import Store

    art = analyse("The Kiev regime keeps shelling Gorlovka. \"The neo-Nazis fire at schools,\" Denis Pushilin said.")
    assert len(art.terms) == 2
    with Store(db) as store:
        store.write_article(art, kb)
        back = store.article(art.id)
    assert [t.to_dict() for t in back.terms] == [t.to_dict() for t in art.terms]
    assert back.to_dict()["framing"] == art.to_dict()["framing"]


def test_a_rewrite_that_says_in_its_own_voice_what_the_origin_quoted_drifts(analyse):
    from wiretrace.link.diff import framing_changes

    origin = analyse("Denis Pushilin said that the \"Kiev regime\" shelled Gorlovka overnight. Two civilians were wounded.")
    rewrite = analyse("The Kiev regime shelled Gorlovka overnight, wounding two civilians, as the neo-Nazis escalate "
                      "their terror against Donbass.")
    changes = framing_changes(rewrite, origin)
    details = [c.detail for c in changes]
    assert any(re.match(r"adds russia's word for the Ukrainian state in its own voice \(the origin has it only", d)
               for d in details), details
    assert any(d.startswith("adds russia's word for Ukrainians as Nazis") for d in details)
    assert all(c.kind == "framing" for c in changes)
    # nothing drifts between an article and itself
    assert framing_changes(origin, origin) == []


def test_a_translation_that_drops_the_origin_s_own_word_drifts(analyse):
    from wiretrace.link.diff import framing_changes

    origin = analyse("Российские войска освободили село Зеленое. Специальная военная операция продолжается.", lang="ru")
    rewrite = analyse("Russian forces took the village of Zelene, the war goes on.")
    details = [c.detail for c in framing_changes(rewrite, origin)]
    assert "drops russia's word for the war the origin used in its own voice" in details
    assert "drops russia's word for who holds a place the origin used in its own voice" in details


def test_framing_gold_figures(analyzer):
    """The synthetic framing gold (en, ru, fr): every term found, and its voice mostly right (the voice errors
    are French attributions the claims analysis misses)."""
    from wiretrace.evaluate import evaluate_gold
    from wiretrace.evaluate.datasets import GoldJsonl

    report = evaluate_gold(GoldJsonl(GOLD).records(), analyzer)
    assert report["term"]["f1"] >= 0.95, report["errors"]
    assert report["voice_accuracy"] >= 0.85, report["errors"]
    assert "claim" not in report  # framing gold only: no claim spans to score


@pytest.mark.parametrize("lang,text,term", [
    ("de", "Die militärische Spezialoperation geht weiter, und das Kiewer Regime verliert.", "de-regime-russia"),
    ("uk", "Окупанти обстріляли Херсон, повідомили в ОВА.", "uk-fighters-ukraine"),
    ("fr", "Le régime de Kiev a perdu du terrain.", "fr-regime-russia"),
])
def test_other_languages_find_their_terms(analyse, lang, text, term):
    art = analyse(text, lang=lang)
    assert term in {t.term for t in art.terms}


def test_a_site_page_shows_its_framing_by_month(traced):
    from fastapi.testclient import TestClient

    from wiretrace.present.web.app import create_app
    from wiretrace.store.database import connect

    db = traced[0]
    c = connect(db, readonly=True)
    site, n = c.execute("SELECT a.site, COUNT(*) FROM term_uses t JOIN articles a ON a.id = t.article_id "
                        "WHERE t.voice = 'own_voice' AND a.is_latest = 1 GROUP BY a.site ORDER BY 2 DESC, 1").fetchone()
    c.close()
    client = TestClient(create_app(db, cache_size=0))
    data = client.get(f"/site/{site}?format=json").json()
    months = data["framing"]["per_month"]
    assert sum(sum(m["own_voice_terms"].values()) for m in months) == n
    assert sum(t["uses"] for t in data["framing"]["top_own_voice_terms"]) <= n
    page = client.get(f"/site/{site}")
    assert page.status_code == 200 and "Framing over time" in page.text
