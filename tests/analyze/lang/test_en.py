"""English attribution forms from DOMAIN.md, on synthetic sentences written for these tests."""

import pytest


def _attributed(art):
    return [c for c in art.claims if c.kind != "unattributed"]


def _by_speaker(art, kb_id):
    return [c for c in _attributed(art) if c.speaker and c.speaker.kb_id == kb_id]


def test_according_to_with_relay_and_descriptor(analyse):
    art = analyse("According to military expert Andrei Marochko, as reported by TASS, Ukrainian units left two villages near Siversk.")
    (c,) = _attributed(art)
    assert c.kind == "according_to" and c.speaker.kb_id == "person:marochko"
    assert c.speaker.descriptor == "military expert" and [r.name for r in c.relays] == ["TASS"]
    assert c.text == "Ukrainian units left two villages near Siversk"
    assert art.text[c.start:c.end] == c.text and c.cue.text == "According to"


def test_told_outlet_is_a_relay_not_the_speaker(analyse):
    art = analyse("Igor Kimakovsky told TASS that Ukrainian troops had abandoned positions near Konstantinovka.")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:kimakovsky" and [r.kb_id for r in c.relays] == ["outlet:tass"]
    assert c.text.startswith("Ukrainian troops had abandoned") and c.kind == "indirect"


def test_trailing_said_and_direct_quote(analyse):
    art = analyse('"The enemy is retreating along the whole line," Belousov said.')
    (c,) = _attributed(art)
    assert c.kind == "direct" and c.speaker.kb_id == "person:belousov"
    assert c.text == "The enemy is retreating along the whole line"


def test_mixed_quote_and_described_as(analyse):
    art = analyse("Marochko described the fighting as 'intense and serious' and said the town would fall.")
    kinds = {c.cue.text: c.kind for c in _attributed(art)}
    assert kinds["described"] == "mixed"


def test_follow_up_pronoun_resolves_to_previous_speaker(analyse):
    art = analyse("Defence Minister Andrei Belousov said the offensive would continue. He emphasized that losses were low.")
    second = _attributed(art)[1]
    assert second.speaker.kb_id == "person:belousov" and second.speaker.resolved_from == "pronoun"
    assert _attributed(art)[0].speaker.descriptor == "Defence Minister"


def test_possessive_statement_and_hedge(analyse):
    art = analyse("Kimakovski, a local official, spoke on Monday. Kimakovski's statement highlighted that some units were "
                  "reportedly leaving their wounded behind.")
    c = _by_speaker(art, "person:kimakovsky")[-1]
    assert c.hedged and "reportedly" in c.hedges and c.speaker.resolved_from == "possessive"


def test_collective_speakers_and_denial(analyse):
    art = analyse("Moscow accused Kyiv of shelling the plant, a claim that Ukraine denies. "
                  "The Kremlin said that the talks had stalled. Ukrainian officials said the front was stable.")
    speakers = {c.speaker.kb_id for c in _attributed(art)}
    assert {"org:russian_government", "org:ukrainian_government", "org:kremlin"} <= speakers
    denial = next(c for c in _attributed(art) if c.cue.text == "denies")
    assert denial.speaker.side == "ukraine" and "shelling the plant" in denial.text


def test_citing_makes_the_cited_person_the_speaker(analyse):
    art = analyse("Russian units entered Kupiansk, RIA Novosti reported, citing military correspondent Alexei Zhivov.")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:zhivov" and [r.name for r in c.relays] == ["RIA Novosti"]


def test_unknown_speaker_stays_unlinked_with_side_from_descriptor(analyse):
    art = analyse("Oleg Mironenko, a DPR militia commander, said that the bridge had been destroyed.")
    (c,) = _attributed(art)
    assert c.speaker.kb_id is None and c.speaker.name == "Oleg Mironenko" and c.speaker.side == "russia"


def test_negated_cue_is_not_a_claim(analyse):
    art = analyse("Ukraine has not confirmed the loss of the town.")
    assert not _attributed(art)


def test_unattributed_assertions_are_kept(analyse):
    art = analyse("The town has been a focal point of fighting since the spring. Belousov said the town was key.")
    kinds = [c.kind for c in art.claims]
    assert kinds == ["unattributed", "indirect"]
    assert art.claims[0].speaker is None and art.claims[0].text.startswith("The town has been")


@pytest.mark.parametrize("text", ["", "Hello.", "???", "\n\n\n"])
def test_tiny_texts_do_not_fail(analyse, text):
    assert analyse(text).claims == []


def test_quote_split_by_the_cue_keeps_both_halves(analyse):
    art = analyse('"The convoy left at dawn," Lavrov said, "and it will arrive tomorrow."\n'
                  '"We are ready." Zakharova said nothing else.')
    c = _attributed(art)[0]
    assert c.kind == "direct" and c.text == "The convoy left at dawn"
    assert [s.text for s in c.segments] == ["and it will arrive tomorrow"]


def test_this_was_stated_by_attributes_the_previous_sentence(analyse):
    art = analyse("The bridge near Siversk was destroyed overnight. This was stated by DPR head Denis Pushilin on Rossiya 24.")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:pushilin" and c.text == "The bridge near Siversk was destroyed overnight"
    assert [r.name for r in c.relays] == ["Rossiya 1"]
    assert not [x for x in art.claims if x.kind == "unattributed"]


def test_office_names_its_holder(analyse):
    art = analyse("The Kremlin spokesman said that no date had been set for the talks.")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:peskov" and c.speaker.resolved_from == "title"


def test_first_person_inside_a_quote_is_part_of_the_quote(analyse):
    art = analyse('"I think the line will hold, and I believe the reserves will come," Trehubov said.')
    assert [c.speaker.kb_id for c in _attributed(art)] == ["person:trehubov"]


def test_long_text_is_analysed_in_chunks_with_true_offsets(analyse):
    from wiretrace.analyze.pipeline import CHUNK_CHARS

    filler = "Shelling continued overnight along the whole front line near the town.\n" * (CHUNK_CHARS // 70 + 50)
    text = filler + "Kimakovsky told TASS that Ukrainian units had left Konstantinovka.\n" + filler
    art = analyse(text)
    (c,) = _attributed(art)
    assert c.start > CHUNK_CHARS and art.text[c.start:c.end] == c.text == "Ukrainian units had left Konstantinovka"
    assert art.text[c.speaker.start:c.speaker.end] == "Kimakovsky" and c.relays[0].name == "TASS"
    place = next(p for p in art.places if p.geonames_id == 705104)
    assert art.text[place.start:place.end] == "Konstantinovka"


@pytest.mark.parametrize("text,kb_id,claimed", [
    ("In Peskov's words, the negotiations have reached a dead end.",
     "person:peskov", "the negotiations have reached a dead end"),
    ('"Nothing has changed on the ground."\nsaid Vadym Filashkin, the regional governor.',
     "person:filashkin", "Nothing has changed on the ground"),
    ("The capture of the town, Marochko argued, would cut the last supply road.",
     "person:marochko", "The capture of the town, Marochko argued, would cut the last supply road"),
])
def test_single_claim_forms(analyse, text, kb_id, claimed):
    """'In X's words', a stand-alone quote before 'said X', and a parenthetical cue."""
    (c,) = _attributed(analyse(text))
    assert c.speaker.kb_id == kb_id and c.text == claimed


def test_participle_after_a_denial_belongs_to_the_denier(analyse):
    art = analyse("Moscow accused Kyiv of shelling the plant, a claim that Ukraine denies, "
                  "arguing that the damage came from Russian artillery.")
    arguing = next(c for c in _attributed(art) if c.cue.text == "arguing")
    assert arguing.speaker.kb_id == "org:ukrainian_government"
    assert arguing.text == "the damage came from Russian artillery"


def test_a_fighter_known_by_a_callsign_is_a_person_named_by_it(analyse):
    art = analyse("A Russian serviceman, identified only as 'Sava,' claimed that the defenders were short of shells.")
    (c,) = [c for c in art.claims if c.kind != "unattributed"]
    assert c.speaker.name == "Sava" and c.speaker.kind == "person" and "serviceman" in c.speaker.descriptor


def test_a_place_before_a_headline_colon_is_not_a_speaker(analyse):
    art = analyse("Pokrovsk: Fresh Assaults on the Southern Edge as the Defense Minister Praises the Troops")
    assert [c for c in art.claims if c.kind != "unattributed"] == []


def test_a_headline_clause_before_the_subject_is_not_its_name(analyse):
    art = analyse("As the Battle for the Donbass Enters a New Phase, Regional Adviser Kimakovski Says Defenders Fled")
    (c,) = [c for c in art.claims if c.kind != "unattributed"]
    assert c.speaker.kb_id == "person:kimakovsky"


def test_posit_is_a_reporting_verb(analyse):
    art = analyse("Military analyst Alexei Zhivov posited that the offensive could be over within a year.")
    (c,) = [c for c in art.claims if c.kind != "unattributed"]
    assert c.speaker.kb_id == "person:zhivov"


def test_a_trailing_agency_clause_relays_the_claim_and_leaves_its_content(analyse):
    art = analyse("Peskov said the talks had stalled, TASS reported.")
    (c,) = [c for c in art.claims if c.kind != "unattributed"]
    assert c.speaker.kb_id == "person:peskov" and c.text == "the talks had stalled"
    assert [r.name for r in c.relays] == ["TASS"]


def test_an_unnamed_source_is_an_anonymous_speaker_with_its_descriptor(analyse):
    art = analyse("A source close to the command told TASS that the brigade had pulled back.")
    (c,) = [c for c in art.claims if c.kind != "unattributed"]
    assert c.speaker.kind == "anonymous" and "close to the command" in c.speaker.descriptor


def test_commitments_and_directives_take_their_infinitive(analyse):
    art = analyse("Belousov vowed to punish the commanders who lost the bridgehead. "
                  "Zelensky called on Western allies to send more air defence systems to Kharkiv. "
                  "Peskov called for talks without preconditions.")
    by_cue = {c.cue.text: c for c in _attributed(art)}
    assert by_cue["vowed"].text == "to punish the commanders who lost the bridgehead"
    assert by_cue["vowed"].speaker.kb_id == "person:belousov"
    assert by_cue["called"].text in ("Western allies to send more air defence systems to Kharkiv", "talks without preconditions")
    assert {c.text for c in _attributed(art) if c.cue.text == "called"} == {
        "Western allies to send more air defence systems to Kharkiv", "talks without preconditions"}


def test_asking_not_to_be_named_is_no_claim(analyse):
    art = analyse("An official who asked not to be named said the convoy had left Donetsk at dawn.")
    assert [c.text for c in _attributed(art)] == ["the convoy had left Donetsk at dawn"]


def test_a_second_reporting_verb_in_the_clause_is_a_second_claim(analyse):
    art = analyse("Pushilin said the town was surrounded and warned that the garrison had no supply routes left.")
    claims = _attributed(art)
    assert [c.text for c in claims] == ["the town was surrounded", "that the garrison had no supply routes left"] or \
        [c.text for c in claims] == ["the town was surrounded", "the garrison had no supply routes left"]
    assert all(c.speaker.kb_id == "person:pushilin" for c in claims)


def test_quote_split_by_a_question_mark_before_the_speaker(analyse):
    art = analyse('The brigade held the line.\n\n"Are we tired? Of course not," Marochko said.')
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:marochko" and c.kind == "direct"
    assert c.text == "Are we tired? Of course not"


def test_a_name_run_into_an_opening_phrase_is_still_the_subject(analyse):
    art = analyse("In an interview with the newspaper Pushilin said that the front near Siversk had stabilised.")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:pushilin" and c.text == "the front near Siversk had stabilised"


def test_by_saying_speaks_through_the_subject_of_its_verb(analyse):
    art = analyse("Zakharova answered the question by saying the strike on the depot was a provocation.")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:zakharova" and c.text == "the strike on the depot was a provocation"


def test_said_colon_takes_the_quote_below_across_its_sentences(analyse):
    art = analyse('Marochko said the enemy was regrouping. He added:\n\n"The enemy moved two brigades. Their losses are heavy."\n\n'
                  "Shelling continued overnight.")
    claims = _attributed(art)
    assert len(claims) == 2 and all(c.speaker.kb_id == "person:marochko" for c in claims) and claims[1].kind == "direct"
    assert claims[1].text == "The enemy moved two brigades. Their losses are heavy" and claims[1].cue.text == "added"
    assert not any(c.kind == "unattributed" and "losses" in c.text for c in art.claims)


def test_he_in_a_subordinate_clause_is_the_named_subject_of_its_sentence(analyse):
    art = analyse("Kimakovsky said the front was stable. On November 20th, President Vladimir Putin visited a command "
                  "post of the West group, where he acknowledged the ongoing battles within Konstantinovka.")
    speakers = [c.speaker.kb_id for c in _attributed(art)]
    assert speakers == ["person:kimakovsky", "person:putin"]


def test_he_opening_a_sentence_still_points_to_the_last_person_quoted(analyse):
    art = analyse("Marochko said the town was encircled. Pushilin visited Donetsk on Monday. He said the shelling had stopped.")
    assert [c.speaker.kb_id for c in _attributed(art)] == ["person:marochko", "person:marochko"]


def test_verbs_of_stance_take_their_object_or_phrase(analyse):
    art = analyse("Zakharova decried the sanctions as economic terrorism. Medvedev railed against the Western "
                  "arms deliveries to Kyiv. Lavrov reaffirmed Moscow's readiness for talks.")
    by_cue = {c.cue.text: c for c in _attributed(art)}
    assert by_cue["decried"].speaker.kb_id == "person:zakharova" and by_cue["decried"].text.startswith("the sanctions")
    assert by_cue["railed"].text.startswith("the Western arms deliveries") and by_cue["railed"].speaker.kb_id == "person:medvedev"
    assert by_cue["reaffirmed"].text == "Moscow's readiness for talks"


def test_a_deed_verb_is_no_claim(analyse):
    art = analyse("Russian forces attacked Kupiansk overnight. Ukrainian units defended the bridge near Siversk.")
    assert _attributed(art) == []


def test_what_was_declined_or_refused_is_no_claim(analyse):
    art = analyse("Peskov declined to confirm the report. Shoigu refused to comment on the losses near Avdiivka.")
    assert _attributed(art) == []


def test_a_verb_with_its_own_object_does_not_take_the_clause_before(analyse):
    art = analyse("The war has a long history: Putin declared the annexation of four regions in 2022.")
    assert not any(c.speaker and c.speaker.kb_id == "person:putin" and "long history" in c.text for c in _attributed(art))
    art = analyse("The front is stable, Marochko told TASS.")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:marochko" and c.text == "The front is stable"


def test_the_writers_aside_on_a_named_thing_is_not_what_was_said(analyse):
    art = analyse("Zakharova criticised the new sanctions package, which was adopted in Brussels on Friday. "
                  "Pushilin said the bridge, which was shelled overnight, would reopen.")
    by_cue = {c.cue.text: c for c in _attributed(art)}
    assert by_cue["criticised"].text == "the new sanctions package"
    # inside a reported clause the relative clause is part of the statement
    assert by_cue["said"].text == "the bridge, which was shelled overnight, would reopen"


def test_a_quote_after_a_participle_claim_continues_the_first_quote(analyse):
    art = analyse("“The front holds,” Marochko said, adding that the reserves had arrived near Siversk. "
                  "“We will not give up a single village.”")
    said = next(c for c in _attributed(art) if c.cue.text == "said")
    assert said.text == "The front holds" and [g.text for g in said.segments] == ["We will not give up a single village"]
    assert not [c for c in art.claims if c.kind == "unattributed"]


def test_quotes_signed_with_a_dash_and_a_name_closing_the_paragraph(analyse):
    # synthetic: readers' voices, one a paragraph, the way a site lists them (mismatched marks included)
    art = analyse("Readers in Donetsk told us what they think.\n\n"
                  "“The shelling has not stopped for a week. We sleep in the basement.” ― Olena Koval\n\n"
                  "”Nobody asked us what we want.” ― Ivan Petrenko.\n\n"
                  "“We will stay as long as the school is open.” — Maria Shevchenko\n\n"
                  "The city council met on Monday.")
    signed = {c.speaker.name: c for c in _attributed(art) if c.cue and c.cue.text in ("―", "—")}
    assert set(signed) == {"Olena Koval", "Ivan Petrenko", "Maria Shevchenko"}, [c.text for c in _attributed(art)]
    assert signed["Ivan Petrenko"].text.strip("”“. ") == "Nobody asked us what we want"
    koval = signed["Olena Koval"]
    assert koval.kind == "direct" and koval.text.startswith("The shelling") and koval.text.endswith("basement")
    assert not koval.segments  # the next paragraph's quote is someone else's
    assert art.text[koval.speaker.start:koval.speaker.end].strip() == "Olena Koval"
    # the sentences inside a signed quote are not the article's own voice
    assert not [c for c in art.claims if c.kind == "unattributed" and "basement" in c.text]


def test_transcript_labels_own_the_rest_of_their_paragraph(analyse):
    art = analyse("Partial transcript of the interview:\n\n"
                  "\"HOST: Let's start with the news from the front. What happened overnight?\n\n"
                  "\"PESKOV: Well, look, the talks are paused. That is all I can say today.\n\n"
                  "The interview ran for ten minutes.")
    turns = {c.speaker.text: c for c in _attributed(art)}
    assert {"HOST", "PESKOV"} <= set(turns), [(c.speaker.text, c.text) for c in _attributed(art)]
    assert turns["PESKOV"].text.startswith("Well, look") and turns["PESKOV"].text.rstrip(".").endswith("today")
    assert "overnight" in turns["HOST"].text
    # a capitalised heading with a colon mid-paragraph is no speaker
    assert not [c for c in _attributed(art) if c.speaker.text == "Partial transcript of the interview"]


def test_adding_that_after_a_said_clause_is_a_second_statement_of_the_same_speaker(analyse):
    # synthetic: the parser hangs the participle inside the first clause
    art = analyse("Pushilin said Russian forces had widened their zone of control, adding that Ukrainian units "
                  "were abandoning equipment.")
    first, second = [c for c in art.claims if c.kind != "unattributed"]
    assert first.text == "Russian forces had widened their zone of control"
    assert second.cue.text == "adding" and second.text == "Ukrainian units were abandoning equipment"
    assert first.speaker.kb_id == second.speaker.kb_id == "person:pushilin"


def test_according_to_statements_attributed_to_x_gives_x(analyse):
    art = analyse("According to statements attributed to Kimakovsky, a local official, some Ukrainian units were "
                  "abandoning their wounded near Kostiantynivka.")
    (c,) = _attributed(art)
    assert c.speaker.kb_id == "person:kimakovsky" and c.text.startswith("some Ukrainian units")


@pytest.mark.parametrize("text,speaker,content", [
    # synthetic: the reporting verb heads a relative clause on the speaker's name
    ("The plan follows goals set by President Vladimir Putin, who said last week that the offensive would go on.",
     "person:putin", "the offensive would go on"),
    ("Denis Pushilin, who has repeatedly claimed that the town is surrounded, spoke on Monday.",
     "person:pushilin", "the town is surrounded"),
])
def test_a_speaker_named_before_who_said_speaks(analyse, text, speaker, content):
    (claim,) = _attributed(analyse(text))
    assert claim.speaker.kb_id == speaker
    assert claim.text == content  # the relative clause is the content, not part of the speaker's name


def test_who_visited_is_no_statement(analyse):
    # synthetic: a relative clause with a deed, and the statement after it
    (claim,) = _attributed(analyse("Oleksandr Syrskyi, who visited the front, said the situation was difficult."))
    assert claim.speaker.kb_id == "person:syrskyi" and claim.text == "the situation was difficult"


@pytest.mark.parametrize("text, speaker, relay", [
    ("The newspaper, citing Denis Pushilin, reported that the road to the town had been cut.", "person:pushilin",
     "The newspaper"),
    ("The bulletin, quoting a Russian fighter identified as 'Hawk,' claimed that the defenders were digging in.",
     "Hawk", None),
])
def test_a_medium_or_document_citing_someone_passes_the_claim_on(analyse, text, speaker, relay):
    (c,) = _attributed(analyse(text))
    assert speaker in (c.speaker.kb_id, c.speaker.name)
    assert [r.text for r in c.relays] == ([relay] if relay else [])


def test_a_document_citing_data_keeps_its_claim(analyse):
    (c,) = _attributed(analyse("The report, citing data from the ministry, said losses had doubled."))
    assert c.speaker.kind != "person" and c.speaker.text.endswith("report")


def test_a_common_noun_tagged_person_is_no_name(analyse):
    art = analyse('One serviceman described the mood as grim: "Nobody expects relief soon."')
    (c,) = _attributed(art)
    assert c.speaker.kind != "person" and c.text == "Nobody expects relief soon"
