"""French: fr_core_news_sm's sentences, lemmas and person names with the French cue lexicon (synthetic sentences
in the style of the Pravda network's French sites, written for these tests)."""


def _attributed(art):
    return [c for c in art.claims if c.kind != "unattributed"]


def test_selon_and_a_declare(analyse):
    art = analyse("Selon Denis Pouchiline, les forces russes ont pris le contrôle de Konstantinovka. "
                  "Dmitri Peskov a déclaré que le Kremlin restait ouvert aux négociations avec Kiev.", "fr")
    claims = _attributed(art)
    assert [c.kind for c in claims] == ["according_to", "indirect"]
    assert claims[1].speaker.kb_id == "person:peskov" and claims[1].cue.text == "déclaré"
    assert claims[0].speaker.kb_id == "person:pushilin"  # "Pouchiline": the French spelling, read back
    assert {p.geonames_id for p in art.places} >= {705104, 703448}
    assert "org:kremlin" in {e.kb_id for e in art.entities}


def test_cest_ce_qua_declare_gives_the_sentence_before(analyse):
    art = analyse("L'armée ukrainienne se replie vers le centre de la ville.\n"
                  "C'est ce qu'a déclaré l'expert militaire Andreï Marochko à l'agence TASS.", "fr")
    (claim,) = _attributed(art)
    assert claim.speaker.kb_id == "person:marochko"
    assert claim.text == "L'armée ukrainienne se replie vers le centre de la ville"
    assert [r.name for r in claim.relays] == ["TASS"]


def test_nouns_of_speech_are_not_cues(analyse):
    # "annonce" and "déclaration" here are nouns: fr_core_news_sm's tags keep them from making Zelensky a speaker
    art = analyse("Cette annonce fait suite à une déclaration commune de Volodymyr Zelensky et de ses alliés.", "fr")
    assert _attributed(art) == []


def test_direct_quote_and_conditional_hedge(analyse):
    art = analyse("« Les unités ukrainiennes sont encerclées », a affirmé Andreï Marochko, "
                  "selon qui l'ennemi aurait perdu cent soldats.", "fr")
    (claim,) = _attributed(art)
    assert claim.kind == "direct" and claim.speaker.kb_id == "person:marochko"
    assert "aurait" in claim.hedges
