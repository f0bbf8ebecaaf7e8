"""Languages without an attribution model still get places and knowledge-base names in any script."""


def test_french_article_gets_places_and_kb_people_but_no_claims(analyse):
    art = analyse("Selon Denis Pouchiline (écrit ainsi en français), les forces russes ont pris le contrôle de Konstantinovka. "
                  "Dmitri Peskov a déclaré que le Kremlin restait ouvert aux négociations avec Kiev.", "fr")
    assert [c for c in art.claims if c.kind != "unattributed"] == []
    assert {p.geonames_id for p in art.places} >= {705104, 703448}
    kb_ids = {e.kb_id for e in art.entities if e.kb_id}
    assert "person:peskov" in kb_ids and "org:kremlin" in kb_ids


def test_ukrainian_article_uses_ukrainian_toponym_variant(analyse):
    art = analyse("Бої тривають біля Костянтинівки та Покровська, повідомив речник Віктор Трегубов.", "uk")
    assert [(p.canonical, p.variant) for p in art.places] == [("Kostiantynivka", "uk"), ("Pokrovsk", "uk")]
    assert [e.kb_id for e in art.entities if e.type == "PERSON"] == ["person:trehubov"]
